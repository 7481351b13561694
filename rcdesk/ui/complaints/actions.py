"""Exploitation: the quality action plan (PAQ) table, overdue rows in red, PDF export."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_date, format_percent
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.action_form import FIVE_M_HELP, NC_HELP, ActionDialog
from rcdesk.ui.complaints.common import LATE_BG, LATE_FG, SERVICE_ERRORS, ask_pdf_path, show_error
from rcdesk.ui.forms import read_only_rows

# The white paper's columns (DOMAIN.md), in its order: (attribute, French header).
COLUMNS = (
    ("origin", "Origine"), ("nc", "Non-conformité constatée"),
    ("causes", "Analyse des causes (5M)"),
    ("action", "Action"), ("planned_date", "Quand"), ("documents", "Documents"),
    ("pilot", "Pilote"), ("actors", "Acteurs"), ("check", "Vérification"),
    ("progress", "Avancement"), ("effect", "Efficacité"), ("complaints", "Réclamations"),
)


def _causes(row) -> str:
    return " — ".join(p for p in (", ".join(row.causes_5m), row.cause_analysis) if p)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ActionTableModel", text)


def cell_text(row, key: str) -> str:
    """How one PAQ cell of an ActionRow reads in the table (the PDF has its own layout)."""
    if key == "causes":
        return _causes(row)
    if key == "check":
        return " — ".join(p for p in (row.check_how or "", format_date(row.check_date)) if p)
    if key == "progress":
        text = format_percent(row.progress_pct, 0)
        if row.progress_date:
            text = _tr("%1 au %2").replace("%1", text).replace(
                "%2", format_date(row.progress_date))
        return text
    if key == "effect":
        if not row.effect_result or not row.effect_date:
            return row.effect_result or ""
        return _tr("%1 le %2").replace("%1", row.effect_result).replace(
            "%2", format_date(row.effect_date))
    if key == "complaints":
        return "\n".join(row.complaint_numbers)
    value = getattr(row, key)  # one of ActionRow's fields
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
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return {"nc": NC_HELP, "causes": FIVE_M_HELP}.get(COLUMNS[section][0])
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


class ActionPlanView(QWidget):
    """The PAQ table: overdue actions in red; Enter or double-click edits; PDF export."""

    def __init__(self, context=None, parent=None):
        super().__init__(parent)
        self.context = context
        self.model = ActionTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("actionTable")
        self.table.setModel(self.model)
        read_only_rows(self.table, self._edit_current)  # double-click and Enter edit
        self.table.setAlternatingRowColors(False)  # overdue rows have their own colours
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.overdue_only = QCheckBox(self.tr("Seulement les actions en &retard"), self)
        self.overdue_only.toggled.connect(self._filter)
        new = QPushButton(self.tr("No&uvelle action…"), self)
        new.clicked.connect(lambda: self.new_action([]))
        edit = QPushButton(self.tr("&Modifier…"), self)
        edit.clicked.connect(self._edit_current)
        export = QPushButton(self.tr("E&xporter le PAQ en PDF…"), self)
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

    def _edit_current(self) -> None:
        self.edit_action(self.table.currentIndex().row())

    def showEvent(self, event) -> None:
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._loaded = True
        self.model.refresh()
        widths = (88, 140, 150, 150, 78, 82, 92, 86, 125, 95, 78)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self.table.resizeRowsToContents()

    def _filter(self, on: bool) -> None:
        self.model.only_overdue = on
        self.refresh()

    def new_action(self, complaint_ids: list) -> ActionDialog:
        dialog = ActionDialog(None, complaint_ids, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._saved)
        dialog.open()
        return dialog

    def edit_action(self, row: int) -> ActionDialog | None:
        action_id = self.model.action_id(row)
        if action_id is None:
            return None
        dialog = ActionDialog(action_id, (), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
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
