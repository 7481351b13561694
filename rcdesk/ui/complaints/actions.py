"""Exploitation: the quality action plan (PAQ) table, its edit form and PDF export."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcdesk.services.formatting import format_date, parse_user_date
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import (
    LATE_BG,
    LATE_FG,
    SERVICE_ERRORS,
    ask_pdf_path,
    error_label,
    error_text,
    show_error,
)

# The white paper's columns (DOMAIN.md), in its order: (attribute, French header).
COLUMNS = (
    ("origin", "Origine"), ("nc", "NC constatée"), ("causes", "Analyse des causes (5M)"),
    ("action", "Action"), ("planned_date", "Quand"), ("documents", "Documents liés"),
    ("pilot", "Pilote"), ("actors", "Acteurs"), ("check", "Vérification"),
    ("progress", "Avancement"), ("effect", "Efficacité"), ("complaints", "Réclamations"),
)


def _causes(row) -> str:
    five = row.causes_5m
    five = ", ".join(five) if isinstance(five, (list, tuple)) else (five or "")
    analysis = getattr(row, "cause_analysis", "") or ""
    return " — ".join(p for p in (five, analysis) if p)


def cell_text(row, key: str) -> str:
    """How one PAQ cell reads in the table (the PDF has its own layout)."""
    if key == "causes":
        return _causes(row)
    if key == "check":
        return " — ".join(p for p in (row.check_how or "", format_date(row.check_date)) if p)
    if key == "progress":
        text = f"{row.progress_pct} %"
        return text + (f" au {format_date(row.progress_date)}" if row.progress_date else "")
    if key == "effect":
        if not row.effect_result:
            return ""
        return f"{row.effect_result} le {format_date(row.effect_date)}" if row.effect_date \
            else row.effect_result
    if key == "complaints":
        numbers = getattr(row, "complaint_numbers", None) or []
        return ", ".join(numbers)
    value = getattr(row, key, "")
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


class ActionTableModel(QAbstractTableModel):
    """The PAQ rows (a plan holds tens of actions, not thousands: loaded whole)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []
        self.only_overdue = False

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = ops.list_actions(only_overdue=self.only_overdue)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("ActionTableModel", COLUMNS[section][1])
        return None

    def overdue(self, row: int) -> bool:
        return ops.action_overdue(action=self.rows[row])

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell_text(row, key)
        if role == Qt.ItemDataRole.ForegroundRole and self.overdue(index.row()):
            return LATE_FG
        if role == Qt.ItemDataRole.BackgroundRole and self.overdue(index.row()):
            return LATE_BG
        return None

    def action_id(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None


class ActionDialog(QDialog):
    """Create or edit one PAQ action; created from complaints, it links back to them."""

    def __init__(self, action_id: int | None = None, complaint_ids=(), parent=None):
        super().__init__(parent)
        service = ops.actions()
        self.action_id = action_id
        self.complaint_ids = list(complaint_ids)
        self.setWindowTitle(self.tr("Action du plan qualité") if action_id is None else
                            self.tr("Action n° %1").replace("%1", str(action_id)))
        self.setMinimumWidth(620)
        self.origin = QComboBox(self)
        self.origin.setObjectName("origin")
        for value in service.ORIGINS:
            self.origin.addItem(value, value)
        self.nc = self._text("nc", self.tr("La non-conformité constatée"))
        self.causes = {}
        causes_row = QHBoxLayout()
        for value in service.FIVE_M:
            box = QCheckBox(value, self)
            self.causes[value] = box
            causes_row.addWidget(box)
        causes_row.addStretch(1)
        self.cause_analysis = self._text("cause_analysis", self.tr("Pourquoi c'est arrivé"))
        self.action = self._text("action", self.tr("Ce qui sera fait"))
        self.planned_date = self._date("planned_date")
        self.documents = QLineEdit(self)
        self.documents.setObjectName("documents")
        self.pilot = QLineEdit(self)
        self.pilot.setObjectName("pilot")
        self.actors = QLineEdit(self)
        self.actors.setObjectName("actors")
        self.check_how = QLineEdit(self)
        self.check_how.setObjectName("check_how")
        self.check_date = self._date("check_date")
        self.progress_pct = QSpinBox(self)
        self.progress_pct.setObjectName("progress_pct")
        self.progress_pct.setRange(0, 100)
        self.progress_pct.setSingleStep(10)
        self.progress_pct.setSuffix(" %")
        self.progress_date = self._date("progress_date")
        self.effect_result = QComboBox(self)
        self.effect_result.setObjectName("effect_result")
        for value, label in (("", "non mesurée"), ("C", "C — conforme"),
                             ("NC", "NC — non conforme")):
            self.effect_result.addItem(self.tr(label), value)
        self.effect_date = self._date("effect_date")
        self.fields = {name: getattr(self, name) for name in (
            "origin", "nc", "cause_analysis", "action", "planned_date", "documents", "pilot",
            "actors", "check_how", "check_date", "progress_pct", "progress_date",
            "effect_result", "effect_date")}

        form = QFormLayout()
        if self.complaint_ids:
            form.addRow(self.tr("Réclamations :"),
                        QLabel(", ".join(str(i) for i in self.complaint_ids), self))
        form.addRow(self.tr("&Origine :"), self.origin)
        form.addRow(self.tr("&NC constatée :"), self.nc)
        form.addRow(self.tr("Causes (5M) :"), causes_row)
        form.addRow(self.tr("Ana&lyse des causes :"), self.cause_analysis)
        form.addRow(self.tr("&Action :"), self.action)
        form.addRow(self.tr("&Quand :"), self.planned_date)
        form.addRow(self.tr("&Documents liés :"), self.documents)
        form.addRow(self.tr("&Pilote :"), self.pilot)
        form.addRow(self.tr("Ac&teurs :"), self.actors)
        form.addRow(self.tr("&Vérification (comment) :"), self.check_how)
        form.addRow(self.tr("Vérification (quand) :"), self.check_date)
        progress = QHBoxLayout()
        progress.addWidget(self.progress_pct)
        progress.addWidget(QLabel(self.tr("au"), self))
        progress.addWidget(self.progress_date)
        progress.addStretch(1)
        self.progress_pct.setMaximumWidth(90)
        form.addRow(self._buddy(self.tr("Avan&cement :"), self.progress_pct), progress)
        effect = QHBoxLayout()
        effect.addWidget(self.effect_result)
        effect.addWidget(QLabel(self.tr("le"), self))
        effect.addWidget(self.effect_date)
        effect.addStretch(1)
        form.addRow(self._buddy(self.tr("&Efficacité mesurée :"), self.effect_result), effect)
        self.error = error_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Enregistrer"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if action_id is not None:
            self._load(ops.get_action(action_id=action_id))
        elif self.complaint_ids:
            self.origin.setCurrentIndex(max(0, self.origin.findData("réclamation")))
            self.nc.setPlainText(ops.complaints_digest(complaint_ids=self.complaint_ids))

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    def _text(self, name: str, placeholder: str) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setObjectName(name)
        box.setTabChangesFocus(True)
        box.setPlaceholderText(placeholder)
        box.setFixedHeight(54)
        return box

    def _date(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(self.tr("JJ/MM/AAAA"))
        edit.setMaximumWidth(110)
        return edit

    def _load(self, a) -> None:
        self.origin.setCurrentIndex(max(0, self.origin.findData(a.origin)))
        self.nc.setPlainText(a.nc or "")
        chosen = a.causes_5m if isinstance(a.causes_5m, (list, tuple)) else \
            [c.strip() for c in (a.causes_5m or "").split(",") if c.strip()]
        for value, box in self.causes.items():
            box.setChecked(value in chosen)
        self.cause_analysis.setPlainText(a.cause_analysis or "")
        self.action.setPlainText(a.action or "")
        for name in ("planned_date", "check_date", "progress_date", "effect_date"):
            getattr(self, name).setText(format_date(getattr(a, name)))
        for name in ("documents", "pilot", "actors", "check_how"):
            getattr(self, name).setText(getattr(a, name) or "")
        self.progress_pct.setValue(a.progress_pct or 0)
        self.effect_result.setCurrentIndex(max(0, self.effect_result.findData(
            a.effect_result or "")))
        self.complaint_ids = list(getattr(a, "complaint_ids", []) or [])

    def _read_date(self, name: str) -> date | None:
        text = getattr(self, name).text().strip()
        if not text:
            return None
        try:
            return parse_user_date(text)
        except ValueError as exc:
            raise _FieldError(name, str(exc)) from exc

    def values(self) -> dict:
        return dict(
            origin=self.origin.currentData(), nc=self.nc.toPlainText().strip(),
            causes_5m=[v for v, box in self.causes.items() if box.isChecked()],
            cause_analysis=self.cause_analysis.toPlainText().strip(),
            action=self.action.toPlainText().strip(),
            planned_date=self._read_date("planned_date"),
            documents=self.documents.text().strip(), pilot=self.pilot.text().strip(),
            actors=self.actors.text().strip(), check_how=self.check_how.text().strip(),
            check_date=self._read_date("check_date"), progress_pct=self.progress_pct.value(),
            progress_date=self._read_date("progress_date"),
            effect_date=self._read_date("effect_date"),
            effect_result=self.effect_result.currentData())

    def accept(self) -> None:
        try:
            data = ops.action_input(values=self.values())
            if self.action_id is None:
                self.action_id = ops.create_action(data=data, complaint_ids=self.complaint_ids)
            else:
                ops.update_action(action_id=self.action_id, data=data)
        except _FieldError as exc:
            self._refuse(exc.field, exc.message)
            return
        except SERVICE_ERRORS as exc:
            self._refuse(getattr(exc, "field", ""), error_text(exc))
            return
        self.error.hide()
        super().accept()

    def _refuse(self, field: str, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        widget = self.fields.get(field)
        if widget is not None:
            widget.setFocus()


class _FieldError(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


class ActionPlanView(QWidget):
    """The PAQ table: overdue actions in red; Enter or double-click edits; PDF export."""

    def __init__(self, context=None, parent=None):
        super().__init__(parent)
        self.context = context
        self.model = ActionTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("actionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.edit_action(index.row()))
        self.table.activated.connect(lambda index: self.edit_action(index.row()))
        self.overdue_only = QCheckBox(self.tr("Seulement les actions en &retard"), self)
        self.overdue_only.toggled.connect(self._filter)
        new = QPushButton(self.tr("Nouvelle &action…"), self)
        new.clicked.connect(lambda: self.new_action([]))
        edit = QPushButton(self.tr("&Modifier…"), self)
        edit.clicked.connect(lambda: self.edit_action(self.table.currentIndex().row()))
        export = QPushButton(self.tr("Exporter le PAQ en &PDF…"), self)
        export.setObjectName("exportPaq")
        export.clicked.connect(self.export_pdf)
        bar = QHBoxLayout()
        bar.addWidget(new)
        bar.addWidget(edit)
        bar.addWidget(self.overdue_only)
        bar.addStretch(1)
        bar.addWidget(export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self._loaded = False

    def showEvent(self, event) -> None:
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._loaded = True
        self.model.refresh()
        widths = (90, 150, 150, 165, 78, 80, 95, 90, 130, 95, 80)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self.table.resizeRowsToContents()

    def _filter(self, on: bool) -> None:
        self.model.only_overdue = on
        self.refresh()

    def new_action(self, complaint_ids: list) -> ActionDialog:
        dialog = ActionDialog(None, complaint_ids, self)
        dialog.accepted.connect(self._saved)
        dialog.open()
        return dialog

    def edit_action(self, row: int) -> ActionDialog | None:
        action_id = self.model.action_id(row)
        if action_id is None:
            return None
        dialog = ActionDialog(action_id, (), self)
        dialog.accepted.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self) -> None:
        self.refresh()
        if self.context is not None:
            self.context.data_changed.emit("actions")

    def export_pdf(self) -> None:
        path = ask_pdf_path(self, "plan-actions-qualite.pdf")
        if not path:
            return
        try:
            ops.write_action_plan(path=path, only_overdue=self.overdue_only.isChecked())
        except SERVICE_ERRORS as exc:
            show_error(self, exc)
            return
        ops.open_file(path)
