"""What the Fidélité tab shows behind its card indicators in the pilotage: the cards in their
grace period at the end of the period (the cards to renew before they are lost)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from rcdesk.core.formatting import format_date, format_number
from rcdesk.core.periods import Period
from rcdesk.services.loyalty.cards import cards_in_grace
from rcdesk.ui.forms import read_only_rows

COLUMNS = ("Carte", "Client", "Expirée le", "Grâce jusqu'au", "Solde (points)")


def show_indicator(key: str, period: Period, parent: QWidget | None = None) -> QWidget:
    rows = cards_in_grace(period.end)
    page = QWidget(parent)
    table = QTableWidget(len(rows), len(COLUMNS), page)
    table.setObjectName("graceTable")
    table.setHorizontalHeaderLabels([page.tr(c) for c in COLUMNS])
    read_only_rows(table)
    for index, card in enumerate(rows):
        texts = (card.number, card.customer, format_date(card.expires_on),
                 format_date(card.grace_until), format_number(card.balance, 0))
        for column, text in enumerate(texts):
            table.setItem(index, column, QTableWidgetItem(text))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    note = QLabel(page.tr("Aucune carte en délai de grâce.") if not rows else
                  page.tr("%1 carte(s) expirée(s), encore renouvelable(s) sans perte.")
                  .replace("%1", str(len(rows))), page)
    note.setObjectName("drillNote")
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(note)
    layout.addWidget(table, 1)
    return page
