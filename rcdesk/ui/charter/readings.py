"""The measures of one commitment: its last value against the target, readings and their entry."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.indicators import MANUAL, format_target, format_value, is_met, met_label
from rcdesk.core.periods import Period, period_label
from rcdesk.services.charter import commitments as service
from rcdesk.services.charter.compliance import commitment_history, resolve_period
from rcdesk.ui.forms import ERROR_STYLE, date_edit, from_qdate

GREEN, RED = QColor("#1E7B34"), QColor("#B3261E")


class ReadingsBox(QGroupBox):
    """Manual readings (entered here) or what rcdesk computed, month by month."""

    changed = Signal(int)  # the commitment whose readings changed

    def __init__(self, parent=None):
        super().__init__(self.tr("Mesures de l'engagement"), parent)
        self.commitment: service.Commitment | None = None
        self._readings: list[service.Reading] = []
        self.measure_info = QLabel()
        self.measure_info.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Période"), self.tr("Valeur"), self.tr("État"), self.tr("Remarque"),
             self.tr("Saisi par")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        # a reading usually covers the last whole month
        first_of_month = QDate.currentDate().addDays(1 - QDate.currentDate().day())
        self.start = date_edit(from_qdate(first_of_month.addMonths(-1)))
        self.end = date_edit(from_qdate(first_of_month.addDays(-1)))
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("valeur"))
        self.value.setMaximumWidth(90)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("remarque (facultative)"))
        self.add_button = QPushButton(self.tr("Enregistrer le relevé"))
        self.delete_button = QPushButton(self.tr("Supprimer le relevé"))
        self.add_button.clicked.connect(self.add_reading)
        self.delete_button.clicked.connect(self.delete_reading)
        for widget in (self.value, self.note):
            widget.returnPressed.connect(self.add_reading)
        self.error = QLabel()
        self.error.setObjectName("readingError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        entry = QHBoxLayout()
        entry.addWidget(QLabel(self.tr("Du")))
        entry.addWidget(self.start)
        entry.addWidget(QLabel(self.tr("au")))
        entry.addWidget(self.end)
        entry.addWidget(self.value)
        entry.addWidget(self.note, 1)
        entry.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.measure_info)
        layout.addWidget(self.table)
        layout.addLayout(entry)
        layout.addLayout(bottom)
        self.entry_widgets = (self.start, self.end, self.value, self.note, self.add_button,
                              self.delete_button)
        self.show_commitment(None)

    def show_commitment(self, commitment: service.Commitment | None) -> None:
        self.commitment = commitment
        self.error.clear()
        manual = commitment is not None and commitment.source == MANUAL
        for widget in self.entry_widgets:
            widget.setEnabled(manual)
        if commitment is None:
            self.measure_info.setText(self.tr("Sélectionnez un engagement pour voir ses "
                                              "mesures."))
            self.table.setRowCount(0)
            return
        self.measure_info.setText(self._summary(commitment, manual))
        self._readings = service.list_readings(commitment.id) if manual else []
        if manual:
            lines = [(Period(r.period_start, r.period_end), r.value, r.note, r.recorded_by)
                     for r in self._readings]
        else:  # what rcdesk computed, month by month, the latest first
            history = commitment_history(commitment, resolve_period(None))
            lines = [(h.period, h.value, h.reason, self.tr("calculé par rcdesk"))
                     for h in reversed(history)]
        self.table.setRowCount(len(lines))
        for row, (period, value, note, who) in enumerate(lines):
            met = is_met(value, commitment.target_value, commitment.comparison)
            texts = (period_label(period), format_value(value, commitment.target_unit),
                     met_label(met), note, who)
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if met is not None:
                self.table.item(row, 2).setForeground(QBrush(GREEN if met else RED))

    def _summary(self, commitment: service.Commitment, manual: bool) -> str:
        measure = service.last_measure(commitment)
        target = format_target(commitment.target_value, commitment.target_unit,
                               commitment.comparison) or self.tr("aucune cible")
        if measure.value is not None:
            last = self.tr("dernière valeur {v} : {state}").format(
                v=service.measure_text(commitment, measure), state=met_label(measure.met).lower())
        else:
            last = self.tr("dernière valeur : {reason}").format(reason=measure.reason)
        if manual:
            return self.tr("Relevés manuels — cible {t} — {last}.").format(t=target, last=last)
        return self.tr("Mesuré par rcdesk : {label} — cible {t} — {last}. "
                       "Détail par mois :").format(label=service.describe_source(commitment),
                                                    t=target, last=last)

    def add_reading(self) -> None:
        commitment = self.commitment
        if commitment is None:
            return
        data = service.ReadingInput(self.start.date().toPython(), self.end.date().toPython(),
                                    self.value.text(), self.note.text())
        try:
            service.add_reading(commitment.id, data)
        except ValidationError as exc:
            self.error.setText(exc.message)
            {"period_start": self.start, "period_end": self.end}.get(
                exc.field, self.value).setFocus()
            return
        except ServiceError as exc:
            self.error.setText(str(exc))
            return
        self.value.clear()
        self.note.clear()
        self.changed.emit(commitment.id)

    def delete_reading(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        commitment = self.commitment
        if not rows or commitment is None or commitment.source != MANUAL:
            return
        try:
            service.delete_reading(self._readings[rows[0].row()].id)
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("Charte d'engagements"), str(exc))
            return
        self.changed.emit(commitment.id)
