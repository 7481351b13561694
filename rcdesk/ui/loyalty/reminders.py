"""« À relancer »: who to tell before something is lost (TP1), its CSV for a mailing (consent
respected) and the personalised letters."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.errors import ServiceError
from rcdesk.core.formatting import format_date
from rcdesk.services.loyalty.reminders import reminders, write_reminders_csv
from rcdesk.ui.forms import ErrorLine, action_button, read_only_rows

HEADERS = ("Échéance", "Carte", "Client", "Consentement", "À lui dire")


class RemindersView(QWidget):
    open_card = Signal(int)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.rows = []
        self.table = read_only_rows(QTableWidget(0, len(HEADERS), self), self._open)
        self.table.setObjectName("remindersTable")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("remindersSummary")
        self.error = ErrorLine(self, "remindersError")
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(action_button(self.tr("&Actualiser"), self.refresh, self))
        bar.addWidget(action_button(self.tr("Exporter en &CSV (clients ayant consenti)…"),
                                    self.export_csv, self, "remindersCsv"))
        bar.addWidget(action_button(self.tr("&Lettres pour la sélection…"), self.letters, self,
                                    "remindersLetters"))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        self.rows = reminders(date.today())
        consenting = sum(1 for r in self.rows if r.consent)
        self.summary.setText(self.tr("%1 carte(s) à relancer, dont %2 client(s) ayant consenti "
                                     "aux envois.").replace("%1", str(len(self.rows)))
                             .replace("%2", str(consenting)))
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            due = format_date(r.due) if r.due != date.max else "—"
            values = (due, r.number, r.customer, self.tr("oui") if r.consent else self.tr("non"),
                      r.text)
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                if col == 4:
                    item.setToolTip(text)
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)

    def _open(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            self.open_card.emit(self.rows[row].card_id)

    def export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Fichier de relance"),
                                              "a-relancer.csv", "CSV (*.csv)")
        if not path:
            return
        try:
            result = write_reminders_csv(self.rows, path, overwrite=True)
        except ServiceError as exc:
            self.error.show_error(str(exc))
            return
        self.error.clear_error()
        self.summary.setText(self.tr("%1 client(s) exporté(s) ; %2 sans consentement non "
                                     "exporté(s).").replace("%1", str(result.written))
                             .replace("%2", str(result.without_consent)))

    def letters(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}) or (
            [self.table.currentRow()] if self.table.currentRow() >= 0 else [])
        cards = [self.rows[r].card_id for r in rows if 0 <= r < len(self.rows)]
        if not cards:
            self.error.show_error(self.tr("Sélectionnez au moins une ligne."))
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lettres de relance"),
                                              "lettres-fidelite.pdf", "PDF (*.pdf)")
        if not path:
            return
        from rcdesk.reports.loyalty_letter import write_letter

        try:
            write_letter(cards, path, overwrite=True)
        except ServiceError as exc:
            self.error.show_error(str(exc))
            return
        self.error.clear_error()
        self.summary.setText(self.tr("%1 lettre(s) enregistrée(s) : %2")
                             .replace("%1", str(len(cards))).replace("%2", path))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self.rows:
            self.refresh()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
