"""« À relancer »: who to tell before something is lost (TP1), its CSV for a mailing (consent
respected) and the personalised letters. The list may hold tens of thousands of cards: a model
over the service's rows, each row written in French only when the view shows it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.errors import ServiceError
from rcdesk.core.formatting import format_date
from rcdesk.services.loyalty.reminders import reminders, write_reminders_csv
from rcdesk.ui.forms import ErrorLine, action_button, read_only_rows

HEADERS = ("Échéance", "Carte", "Client", "Consentement", "À lui dire")


class RemindersModel(QAbstractTableModel):
    """The rows of `reminders()`; a row's texts are read from its Reminder when shown."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def text(self, row: int, column: int) -> str:
        r = self.rows[row]
        if column == 0:
            return format_date(r.due) if r.due != date.max else "—"
        if column == 1:
            return r.number
        if column == 2:
            return r.customer
        if column == 3:
            return QCoreApplication.translate("RemindersView", "oui" if r.consent else "non")
        return r.text

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RemindersView", HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole or (
                role == Qt.ItemDataRole.ToolTipRole and index.column() == 4):
            return self.text(index.row(), index.column())
        return None


class RemindersView(QWidget):
    open_card = Signal(int)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.rows = []
        self.model = RemindersModel(self)
        self.table = read_only_rows(QTableView(self), self._open)
        self.table.setModel(self.model)
        self.table.setObjectName("remindersTable")
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
        self.summary.setText(self.tr("%1 carte(s) à relancer, dont %2 client(s) ayant consenti "
                                     "aux envois.").replace("%1", str(len(self.rows)))
                             .replace("%2", str(self.rows.consenting)))
        self.model.set_rows(self.rows)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)

    def _open(self) -> None:
        row = self.table.currentIndex().row()
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
        current = self.table.currentIndex().row()
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}) or (
            [current] if current >= 0 else [])
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
