"""The customers of one purchase profile (RFM segment): filter, open, export a mailing list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
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
from rcdesk.core.formatting import format_date, format_money
from rcdesk.services import customers as customers_service
from rcdesk.ui.forms import read_only_rows


class SegmentDialog(QDialog):
    """List of segment_members(label): the search box filters as you type, « Avec
    consentement » keeps those who accepted messages; Entrée opens a customer's file;
    « Exporter la liste d'envoi… » writes the consenting customers with an e-mail."""

    open_customer = Signal(int)
    COLUMNS = ("Client", "E-mail", "Téléphone", "Ville", "Consentement", "Dernier achat",
               "Total", "Code RFM")

    def __init__(self, label: str, currency: str = "EUR", parent=None,
                 service=customers_service):
        super().__init__(parent)
        self.label = label
        self._currency = currency
        self._service = service
        self._ids: list[int] = []
        self.setWindowTitle(self.tr("Clients du profil « %1 »").replace("%1", label))
        help_text = service.SEGMENT_HELP.get(label, "")
        self.explanation = QLabel(self.tr("« %1 » : clients qui %2.").replace("%1", label)
                                  .replace("%2", help_text))
        self.explanation.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filtrer par nom, e-mail ou ville"))
        self.search.setClearButtonEnabled(True)
        self.consent = QCheckBox(self.tr("Seulement avec &consentement aux messages"))
        self.consent.setToolTip(self.tr("Les clients qui ont accepté de recevoir des messages "
                                        "commerciaux (RGPD / loi 09-08)."))
        self.count = QLabel()
        self.table = read_only_rows(QTableWidget(0, len(self.COLUMNS)), self._open)
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.horizontalHeaderItem(7).setToolTip(self.tr(
            "R = récence, F = fréquence, M = montant, de 1 à 5 (5 = parmi les 20 % meilleurs)"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.export_button = QPushButton(self.tr("E&xporter la liste d'envoi…"))
        self.export_button.setToolTip(self.tr(
            "Un fichier CSV des clients de ce profil qui ont accepté les messages et ont une "
            "adresse e-mail ; les autres n'y figurent pas."))
        self.open_button = QPushButton(self.tr("&Ouvrir la fiche"))
        close = QPushButton(self.tr("&Fermer"))
        self.export_button.clicked.connect(self.export_mailing_list)
        self.open_button.clicked.connect(self._open)
        close.clicked.connect(self.reject)
        self.search.textChanged.connect(self.reload)
        self.consent.toggled.connect(self.reload)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.consent)
        filters.addWidget(self.count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1000, 560)
        self.reload()
        self.search.setFocus()

    def reload(self) -> None:
        members = self._service.segment_members(self.label, consent_only=self.consent.isChecked(),
                                                text=self.search.text())
        self._ids = [m.customer_id for m in members]
        self.table.setRowCount(len(members))
        yes, no = self.tr("oui"), self.tr("non")
        for row, m in enumerate(members):
            values = (m.name, m.email, m.phone, m.city, yes if m.consent else no,
                      format_date(m.last_purchase) if m.last_purchase else "",
                      format_money(m.total_cents, self._currency), m.code)
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.count.setText(self.tr("%n client(s)", "", len(members)))
        if members:
            self.table.setCurrentCell(0, 0)

    def _open(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._ids):
            self.open_customer.emit(self._ids[row])

    def export_mailing_list(self, path: str | None = None) -> int | None:
        title = self.tr("Exporter la liste d'envoi")
        if not path:
            stem = "liste-envoi-" + self.label.lower().replace(" ", "-").replace("à", "a")
            path, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / f"{stem}.csv"),
                                                  self.tr("CSV (*.csv)"))
            if not path:
                return None
        if not str(path).lower().endswith(".csv"):
            path = str(path) + ".csv"
        try:
            count = self._service.export_mailing_list(self.label, path)
        except (ServiceError, ValidationError, OSError) as exc:
            QMessageBox.warning(self, title, str(exc))
            return None
        QMessageBox.information(self, title, self.tr(
            "%1 client(s) avec consentement et e-mail exporté(s) dans :\n%2").replace(
            "%1", str(count)).replace("%2", str(path)))
        return count
