"""The « Fidélité » page of a customer's file: his cards, what each holds, its last movements."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from rcdesk.core.formatting import format_date
from rcdesk.services.loyalty.cards import card_view, customer_cards
from rcdesk.services.loyalty.ledger import ledger_rows

KIND_LABELS = {"earn": "achat", "return": "retour", "redeem": "bon d'achat", "expire": "expiration",
               "adjust": "ajustement", "correction": "correction", "opening": "solde d'ouverture",
               "referral": "parrainage", "transfer": "transfert", "grace": "délai de grâce"}
LEDGER_LINES = 20  # per card: the counter's screen shows the whole statement


class CustomerLoyaltyPage(QWidget):
    def __init__(self, context, customer_id: int, parent=None):
        super().__init__(parent)
        self.context = context
        self.customer_id = customer_id
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("customerCards")
        self.tree.setHeaderLabels([self.tr("Carte / date"), self.tr("Mouvement"),
                                   self.tr("Points"), self.tr("Motif")])
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 160)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        cards = customer_cards(self.customer_id)
        lines = []
        for card in reversed(cards):  # the latest card first
            view = card_view(card.id)
            top = QTreeWidgetItem([f"Carte {view.number}", view.status_label,
                                   str(view.balance), f"expire le {format_date(view.expires_on)}"])
            self.tree.addTopLevelItem(top)
            for row in ledger_rows(card.id, LEDGER_LINES):
                QTreeWidgetItem(top, [format_date(row.on), KIND_LABELS.get(row.kind, row.kind),
                                      f"{row.points:+d}", row.reason])
            lines.append(view.sentence)
            lines += view.warnings
        if cards:
            self.tree.topLevelItem(0).setExpanded(True)
            self.summary.setText("\n".join(line for line in lines if line))
        else:
            self.summary.setText(self.tr("Aucune carte de fidélité (Fidélité ▸ Comptoir pour "
                                         "en créer une)."))


def make_customer_page(context, customer_id, parent=None):
    """(title, page) for the customer's file; None for a customer not yet stored."""
    if customer_id is None:
        return None
    title = QCoreApplication.translate("CustomerLoyaltyPage", "Fidélité")
    return title, CustomerLoyaltyPage(context, customer_id, parent)
