"""The "Charte d'engagements" page: commitments with their advice, readings, last value, PDFs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.services import charter as service
from rcdesk.services.charter_compliance import commitment_history, resolve_period
from rcdesk.services.charter_indicators import (
    MANUAL,
    format_target,
    format_value,
    is_met,
    met_label,
    period_label,
)
from rcdesk.services.errors import ServiceError, ValidationError
from rcdesk.services.formatting import format_date
from rcdesk.services.stats import Period
from rcdesk.ui.charter.dialogs import ERROR_STYLE, CommitmentDialog, JargonDialog

GREEN, RED = QColor("#1E7B34"), QColor("#B3261E")
COLUMNS = ("N°", "⚠", "Engagement", "Indicateur / mesure", "Cible", "Dernière valeur", "État",
           "Pilote", "Révision")
COL_WARN, COL_WORDING, COL_STATE = 1, 2, 6


class CharterPanel(QWidget):
    """Embedded by the Auto-évaluation tab; talks to rcdesk.services.charter only."""

    charter_changed = Signal()

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self._commitments: list[service.Commitment] = []
        self._warnings: list[list] = []
        self._readings: list[service.Reading] = []
        self._build()
        self.refresh()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.add_button = QPushButton(self.tr("Ajouter"))
        self.edit_button = QPushButton(self.tr("Modifier"))
        self.delete_button = QPushButton(self.tr("Supprimer"))
        self.up_button = QPushButton(self.tr("Monter"))
        self.down_button = QPushButton(self.tr("Descendre"))
        self.jargon_button = QPushButton(self.tr("Mots à éviter…"))
        self.poster_button = QPushButton(self.tr("Affiche PDF"))
        self.compliance_button = QPushButton(self.tr("Rapport de conformité PDF"))
        style = self.style()
        self.up_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.down_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.up_button.setToolTip(self.tr("Monter l'engagement (Alt+Haut)"))
        self.down_button.setToolTip(self.tr("Descendre l'engagement (Alt+Bas)"))
        self.add_button.clicked.connect(self.add_commitment)
        self.edit_button.clicked.connect(self.edit_commitment)
        self.delete_button.clicked.connect(self.delete_commitment)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.jargon_button.clicked.connect(self.edit_jargon)
        self.poster_button.clicked.connect(self._ask_poster)
        self.compliance_button.clicked.connect(self._ask_compliance)
        toolbar = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.up_button,
                       self.down_button):
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        for button in (self.jargon_button, self.poster_button, self.compliance_button):
            toolbar.addWidget(button)

        self.charter_advice = QLabel()
        self.charter_advice.setObjectName("charterAdvice")
        self.charter_advice.setWordWrap(True)
        self.charter_advice.setStyleSheet("background: #FFF4D6; border: 1px solid #E8C66A; "
                                          "padding: 4px;")
        self.summary = QLabel()

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setStyleSheet("QTableWidget::item { padding: 3px; }")
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WORDING, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(3, 220)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_commitment())

        self.advice_list = QListWidget()
        self.advice_list.setObjectName("commitmentAdvice")
        self.advice_list.setWordWrap(True)
        advice_box = QGroupBox(self.tr("Conseils du livre blanc pour cet engagement"))
        QVBoxLayout(advice_box).addWidget(self.advice_list)

        readings_box = QGroupBox(self.tr("Mesures de l'engagement"))
        self.measure_info = QLabel()
        self.measure_info.setWordWrap(True)
        self.readings = QTableWidget(0, 5)
        self.readings.setHorizontalHeaderLabels(
            [self.tr("Période"), self.tr("Valeur"), self.tr("État"), self.tr("Remarque"),
             self.tr("Saisi par")])
        self.readings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.readings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.readings.verticalHeader().hide()
        self.readings.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.readings.horizontalHeader().setStretchLastSection(True)
        self.reading_start = self._date_edit()
        self.reading_end = self._date_edit()
        self.reading_value = QLineEdit()
        self.reading_value.setPlaceholderText(self.tr("valeur"))
        self.reading_value.setMaximumWidth(90)
        self.reading_note = QLineEdit()
        self.reading_note.setPlaceholderText(self.tr("remarque (facultative)"))
        self.add_reading_button = QPushButton(self.tr("Enregistrer le relevé"))
        self.delete_reading_button = QPushButton(self.tr("Supprimer le relevé"))
        self.add_reading_button.clicked.connect(self.add_reading)
        self.delete_reading_button.clicked.connect(self.delete_reading)
        for widget in (self.reading_value, self.reading_note):
            widget.returnPressed.connect(self.add_reading)
        self.reading_error = QLabel()
        self.reading_error.setObjectName("readingError")
        self.reading_error.setWordWrap(True)
        self.reading_error.setStyleSheet(ERROR_STYLE)
        entry = QHBoxLayout()
        entry.addWidget(QLabel(self.tr("Du")))
        entry.addWidget(self.reading_start)
        entry.addWidget(QLabel(self.tr("au")))
        entry.addWidget(self.reading_end)
        entry.addWidget(self.reading_value)
        entry.addWidget(self.reading_note, 1)
        entry.addWidget(self.add_reading_button)
        readings_layout = QVBoxLayout(readings_box)
        readings_layout.addWidget(self.measure_info)
        readings_layout.addWidget(self.readings)
        readings_layout.addLayout(entry)
        bottom_row = QHBoxLayout()
        bottom_row.addWidget(self.reading_error, 1)
        bottom_row.addWidget(self.delete_reading_button)
        readings_layout.addLayout(bottom_row)
        self.entry_widgets = (self.reading_start, self.reading_end, self.reading_value,
                              self.reading_note, self.add_reading_button,
                              self.delete_reading_button)

        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(advice_box)
        lower.addWidget(readings_box)
        lower.setStretchFactor(0, 1)
        lower.setStretchFactor(1, 1)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.charter_advice)
        upper_layout.addWidget(self.table)
        upper_layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(splitter)

        QShortcut(QKeySequence("Alt+Up"), self.table, lambda: self.move_selected(-1))
        QShortcut(QKeySequence("Alt+Down"), self.table, lambda: self.move_selected(1))
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.delete_commitment)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.edit_commitment)
        if hasattr(self.context, "data_changed"):
            self.context.data_changed.connect(self._other_area_changed)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setDate(QDate.currentDate())
        return edit

    # --- reading the services ----------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        """Reload the charter, its advice and last values; keep (or move to) a selection."""
        if select_id is None:
            current = self.selected()
            select_id = current.id if current else None
        self._commitments = service.list_commitments()
        check = service.charter_warnings(commitments=self._commitments)
        self._warnings = check.by_commitment
        charter_text = "\n".join(f"⚠ {w.message}" for w in check.charter)
        self.charter_advice.setText(charter_text)
        self.charter_advice.setVisible(bool(charter_text))
        summary = service.charter_summary()
        self.summary.setText(self.tr("{n} engagement(s), dont {m} mesurable(s) — {w} conseil(s) "
                                     "à examiner").format(n=summary.commitments,
                                                          m=summary.measurable, w=check.count))
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._commitments))
        warn_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for row, (c, warnings) in enumerate(zip(self._commitments, self._warnings)):
            measure = service.last_measure(c)
            last = (f"{format_value(measure.value, c.target_unit)} "
                    f"({period_label(measure.period)})" if measure.value is not None
                    else measure.reason)
            source = c.indicator or service.describe_source(c)
            if c.source != MANUAL:
                source = service.describe_source(c)
            values = (str(c.position), "", c.wording, source,
                      format_target(c.target_value, c.target_unit, c.comparison),
                      last, met_label(measure.met), c.owner, format_date(c.review_date))
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                self.table.setItem(row, column, item)
            warn = self.table.item(row, COL_WARN)
            if warnings:
                warn.setIcon(warn_icon)
                warn.setText(str(len(warnings)))
                tip = "\n".join(f"• {w.message}" for w in warnings)
                warn.setToolTip(tip)
                self.table.item(row, COL_WORDING).setToolTip(tip)
            state = self.table.item(row, COL_STATE)
            if measure.met is not None:
                state.setForeground(QBrush(GREEN if measure.met else RED))
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        ids = [c.id for c in self._commitments]
        if select_id in ids:
            self.table.selectRow(ids.index(select_id))
        elif ids:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> service.Commitment | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._commitments):
            return None
        return self._commitments[rows[0].row()]

    def _selection_changed(self) -> None:
        commitment = self.selected()
        for button in (self.edit_button, self.delete_button, self.up_button, self.down_button):
            button.setEnabled(commitment is not None)
        self.advice_list.clear()
        self.reading_error.clear()
        if commitment is None:
            self.measure_info.setText(self.tr("Sélectionnez un engagement pour voir ses "
                                              "mesures."))
            self.readings.setRowCount(0)
            for widget in self.entry_widgets:
                widget.setEnabled(False)
            return
        warnings = self._warnings[self._commitments.index(commitment)]
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for w in warnings:
            tip = self.tr("Conseil n°{n} — ").format(n=w.tip) if w.tip else ""
            self.advice_list.addItem(QListWidgetItem(icon, tip + w.message))
        if not warnings:
            ok = self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
            self.advice_list.addItem(QListWidgetItem(
                ok, self.tr("Aucune remarque : l'engagement suit les conseils du livre blanc.")))
        self._show_readings(commitment)

    def _show_readings(self, commitment: service.Commitment) -> None:
        manual = commitment.source == MANUAL
        for widget in self.entry_widgets:
            widget.setEnabled(manual)
        measure = service.last_measure(commitment)
        target = format_target(commitment.target_value, commitment.target_unit,
                               commitment.comparison) or self.tr("aucune cible")
        if measure.value is not None:
            last = self.tr("dernière valeur {v} ({p}) : {state}").format(
                v=format_value(measure.value, commitment.target_unit),
                p=period_label(measure.period), state=met_label(measure.met).lower())
        else:
            last = self.tr("dernière valeur : {reason}").format(reason=measure.reason)
        if manual:
            self.measure_info.setText(self.tr("Relevés manuels — cible {t} — {last}.").format(
                t=target, last=last))
        else:
            self.measure_info.setText(self.tr("Mesuré par rcdesk : {label} — cible {t} — {last} "
                                              "(sur 90 jours). Détail par mois :").format(
                label=service.describe_source(commitment), t=target, last=last))
        self._readings = service.list_readings(commitment.id) if manual else []
        if manual:
            lines = [(Period(r.period_start, r.period_end), r.value, r.note, r.recorded_by)
                     for r in self._readings]
        else:  # what rcdesk computed, month by month, the latest first
            history = commitment_history(commitment, resolve_period(None))
            lines = [(h.period, h.value, h.reason, self.tr("calculé par rcdesk"))
                     for h in reversed(history)]
        self.readings.setRowCount(len(lines))
        for row, (period, value, note, who) in enumerate(lines):
            met = is_met(value, commitment.target_value, commitment.comparison)
            texts = (period_label(period), format_value(value, commitment.target_unit),
                     met_label(met), note, who)
            for column, text in enumerate(texts):
                self.readings.setItem(row, column, QTableWidgetItem(text))
            if met is not None:
                self.readings.item(row, 2).setForeground(QBrush(GREEN if met else RED))

    def _other_area_changed(self, area: str) -> None:
        if area == "complaints":
            self.refresh()

    def _changed(self, select_id: int | None = None) -> None:
        self.refresh(select_id)
        self.charter_changed.emit()
        if hasattr(self.context, "data_changed"):
            self.context.data_changed.emit("charter")

    # --- user actions ------------------------------------------------------------------

    def _deadline(self) -> int:
        return self.context.company().complaint_deadline_days

    def add_commitment(self) -> None:
        dialog = CommitmentDialog(self, None, self._deadline())
        if dialog.exec() and dialog.saved:
            self._changed(dialog.saved.id)

    def edit_commitment(self) -> None:
        commitment = self.selected()
        if commitment is None:
            return
        dialog = CommitmentDialog(self, commitment, self._deadline())
        if dialog.exec() and dialog.saved:
            self._changed(commitment.id)

    def delete_commitment(self, confirm: bool = True) -> None:
        commitment = self.selected()
        if commitment is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Supprimer l'engagement"),
                self.tr("Supprimer l'engagement n°{n} et ses relevés ?\n\n« {w} »").format(
                    n=commitment.position, w=commitment.wording))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(service.delete_commitment, commitment.id)
        self._changed()

    def move_selected(self, step: int) -> None:
        commitment = self.selected()
        if commitment is not None:
            self._run(service.move_commitment, commitment.id, step)
            self._changed(commitment.id)

    def add_reading(self) -> None:
        commitment = self.selected()
        if commitment is None:
            return
        data = service.ReadingInput(self.reading_start.date().toPython(),
                                    self.reading_end.date().toPython(),
                                    self.reading_value.text(), self.reading_note.text())
        try:
            service.add_reading(commitment.id, data)
        except ValidationError as exc:
            self.reading_error.setText(exc.message)
            {"period_start": self.reading_start, "period_end": self.reading_end}.get(
                exc.field, self.reading_value).setFocus()
            return
        except ServiceError as exc:
            self.reading_error.setText(str(exc))
            return
        self.reading_value.clear()
        self.reading_note.clear()
        self._changed(commitment.id)

    def delete_reading(self) -> None:
        rows = self.readings.selectionModel().selectedRows()
        commitment = self.selected()
        if not rows or commitment is None:
            return
        self._run(service.delete_reading, self._readings[rows[0].row()].id)
        self._changed(commitment.id)

    def edit_jargon(self) -> None:
        if JargonDialog(self).exec():
            self._changed()

    def _run(self, function, *args):
        try:
            return function(*args)
        except (ServiceError, ValidationError) as exc:
            QMessageBox.warning(self, self.tr("Charte d'engagements"), str(exc))
            return None

    # --- PDFs --------------------------------------------------------------------------

    def export_poster(self, path: str | Path) -> Path | None:
        from rcdesk.reports.charter import write_charter_poster

        return self._run(write_charter_poster, path)

    def export_compliance(self, path: str | Path) -> Path | None:
        from rcdesk.reports.charter_compliance import write_compliance_report

        return self._run(write_compliance_report, path)

    def _ask_poster(self) -> None:
        self._ask_and_write(self.tr("Affiche de la charte"), "charte-engagements.pdf",
                            self.export_poster)

    def _ask_compliance(self) -> None:
        self._ask_and_write(self.tr("Rapport de conformité de la charte"),
                            f"conformite-charte-{date.today().isoformat()}.pdf",
                            self.export_compliance)

    def _ask_and_write(self, title: str, name: str, write) -> None:
        path, _ = QFileDialog.getSaveFileName(self, title, name, self.tr("PDF (*.pdf)"))
        if not path:
            return
        if write(path):
            QMessageBox.information(self, title, self.tr("Document enregistré :\n{p}").format(
                p=path))

