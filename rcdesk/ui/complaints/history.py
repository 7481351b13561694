"""The customer's history beside a complaint: earlier complaints and what they bought."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_date, format_money
from rcdesk.services.settings import get_company
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.forms import action_button


class CustomerHistoryPanel(QWidget):
    """Read-only: the other complaints of the same customer and a purchases summary."""

    show_all_requested = Signal(int)
    open_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.customer_id: int | None = None
        self.title = QLabel(self)
        self.title.setObjectName("historyTitle")
        self.title.setWordWrap(True)
        self.complaints = QListWidget(self)
        self.complaints.setObjectName("historyComplaints")
        self.complaints.setWordWrap(True)
        self.complaints.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.complaints.itemActivated.connect(self._open_item)
        self.repeat = QLabel(self)
        self.repeat.setObjectName("repeatFlag")
        self.repeat.setStyleSheet("color: #b00020; font-weight: bold;")
        self.repeat.setWordWrap(True)
        self.repeat.hide()
        self.purchases = QLabel(self)
        self.purchases.setObjectName("historyPurchases")
        self.purchases.setWordWrap(True)
        self.all_button = action_button(self.tr("Toutes ses réclamations dans le registre"),
                                        lambda: self.show_all_requested.emit(self.customer_id),
                                        self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.repeat)
        layout.addWidget(QLabel(self.tr("<b>Réclamations précédentes</b>"), self))
        layout.addWidget(self.complaints, 1)
        layout.addWidget(QLabel(self.tr("<b>Achats</b>"), self))
        layout.addWidget(self.purchases)
        layout.addWidget(self.all_button)

    def load(self, customer_id: int | None, exclude_id: int | None = None) -> None:
        self.customer_id = customer_id
        self.complaints.clear()
        self.repeat.hide()
        self.all_button.setVisible(customer_id is not None)
        if customer_id is None:
            self.title.setText(self.tr("<h3>Historique du client</h3><p>Réclamant de passage, "
                                       "sans fiche client : pas d'historique.</p>"))
            self.purchases.setText("—")
            return
        self.title.setText(self.tr("<h3>Historique du client</h3>"))
        earlier, purchases = ops.customer_history(customer_id=customer_id)
        shown = 0
        for row in earlier:  # HistoryRow
            if row.id == exclude_id:
                continue
            shown += 1
            parts = [row.number, format_date(row.received_on), row.category, row.status]
            item = QListWidgetItem(" · ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(self.tr("Entrée : ouvrir cette réclamation"))
            self.complaints.addItem(item)
        if not shown:
            self.complaints.addItem(self.tr("Aucune autre réclamation."))
        self.purchases.setText(self._purchases_text(purchases))
        if ops.is_repeat_complainer(customer_id=customer_id):
            self.repeat.setText(self.tr("⚠ Réclamant répétitif : 3 réclamations ou plus en "
                                        "12 mois."))
            self.repeat.show()

    def _open_item(self, item) -> None:
        complaint_id = item.data(Qt.ItemDataRole.UserRole)
        if complaint_id is not None:
            self.open_requested.emit(complaint_id)

    def _purchases_text(self, summary) -> str:
        """The customer's PurchaseSummary in a line: count, total, date of the last one."""
        if summary.count == 0:
            return self.tr("Aucun achat enregistré.")
        text = self.tr("%n achat(s)", "", summary.count)
        text += self.tr(" pour %1").replace(
            "%1", format_money(summary.total_cents, get_company().currency))
        if summary.last_date is not None:
            text += self.tr(", dernier le %1").replace("%1", format_date(summary.last_date))
        return text
