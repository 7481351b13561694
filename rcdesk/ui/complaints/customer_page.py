"""The « Réclamations » page of a customer's file (the complaints tab line's customer page)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_date
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.forms import action_button


class CustomerComplaintsPage(QWidget):
    """The customer's complaints, newest first; Enter opens one, a button records a new one
    with the customer already chosen."""

    def __init__(self, context, customer_id: int, parent=None):
        super().__init__(parent)
        self.context = context
        self.customer_id = customer_id
        self.repeat = QLabel(self)
        self.repeat.setStyleSheet("color: #b00020; font-weight: bold;")
        self.repeat.hide()
        self.list = QListWidget(self)
        self.list.setObjectName("customerComplaints")
        self.list.itemActivated.connect(self.open_item)
        new = action_button(self.tr("Nouvelle &réclamation pour ce client…"), self.new_complaint,
                            self, name="newComplaintForCustomer")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(new)
        layout = QVBoxLayout(self)
        layout.addWidget(self.repeat)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        earlier, _purchases = ops.customer_history(customer_id=self.customer_id)
        for row in earlier:
            text = " · ".join(p for p in (row.number, format_date(row.received_on),
                                          row.category, row.status) if p)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.list.addItem(item)
        if not earlier:
            self.list.addItem(self.tr("Aucune réclamation."))
        repeat = ops.is_repeat_complainer(customer_id=self.customer_id)
        self.repeat.setText(self.tr("⚠ Réclamant répétitif : 3 réclamations ou plus en 12 mois."))
        self.repeat.setVisible(repeat)

    def open_item(self, item) -> None:
        from rcdesk.ui.complaints.detail import ComplaintDetailDialog

        complaint_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if complaint_id is None:
            return
        dialog = ComplaintDetailDialog(complaint_id, self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()

    def new_complaint(self):
        from rcdesk.ui.complaints.intake import IntakeDialog

        dialog = IntakeDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.search.set_customer(self.customer_id,
                                   ops.customer_name(customer_id=self.customer_id))
        dialog.saved.connect(lambda _id: self.refresh())
        dialog.open()
        return dialog


def make_customer_page(context, customer_id, parent=None):
    """(title, page) for the customer's file; None for a customer not yet stored."""
    if customer_id is None:
        return None
    title = QCoreApplication.translate("CustomerComplaintsPage", "Réclamations")
    return title, CustomerComplaintsPage(context, customer_id, parent)

