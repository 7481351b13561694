"""The « Réclamations » page the complaints area adds to a customer's file."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from rcdesk.models.complaints import Complaint
from rcdesk.services import complaints as cs
from rcdesk.services import customers as customers_service
from rcdesk.ui.complaints.customer_page import CustomerComplaintsPage
from rcdesk.ui.complaints.tab import ComplaintsTab
from rcdesk.ui.customers.detail import CustomerDetailDialog
from rcdesk.ui.main_window import MainWindow


def _customer():
    return customers_service.create_customer(customers_service.CustomerData(
        first_name="Noémie", last_name="Boulay", email="noemie@example.org", status="client"))


def test_page_lists_the_customers_complaints_and_records_a_new_one(qtbot, context):
    customer_id = _customer()
    first = cs.register_complaint(cs.ComplaintInput(customer_id=customer_id,
                                                    description="Nappe tachée"))
    page = CustomerComplaintsPage(context, customer_id)
    qtbot.addWidget(page)
    assert page.list.count() == 1
    assert page.list.item(0).text().startswith(first.number)
    intake = page.new_complaint()
    assert intake.search.customer_id == customer_id  # the customer is already chosen
    intake.description.setPlainText("Verre ébréché")
    intake.expectation.setPlainText("Un échange")
    intake.save()
    assert Complaint.select().where(Complaint.customer == customer_id).count() == 2
    assert page.list.count() == 2


def test_a_customer_file_has_its_complaints_page_before_the_tab_is_opened(qtbot, tmp_path):
    window = MainWindow(str(tmp_path / "shop.db"), operator="sophie")
    qtbot.addWidget(window)
    customer_id = _customer()
    cs.register_complaint(cs.ComplaintInput(customer_id=customer_id, description="Nappe tachée"))
    clients = window.tab("customers")
    clients.model.refresh()
    clients.select_customer(customer_id)
    seen = {}

    def look_at_the_file(tries=0):
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CustomerDetailDialog):  # not shown yet: look again (10 s)
            if tries < 1000:
                QTimer.singleShot(10, lambda: look_at_the_file(tries + 1))
            return
        tabs = dialog.tabs
        seen["titles"] = [tabs.tabText(i) for i in range(tabs.count())]
        page = tabs.widget(seen["titles"].index("Réclamations"))
        seen["complaints"] = page.list.count() if isinstance(page, CustomerComplaintsPage) else 0
        dialog.reject()

    QTimer.singleShot(0, look_at_the_file)
    clients.open_selected()  # the file is modal: closed by look_at_the_file
    assert "Réclamations" in seen["titles"]
    assert seen["complaints"] == 1
    assert window.findChild(ComplaintsTab) is None  # the Réclamations tab was never built
