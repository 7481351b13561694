"""The « Réclamations » page the complaints area adds to a customer's file."""

from __future__ import annotations

from rcdesk.models.complaints import Complaint
from rcdesk.services import complaints as cs
from rcdesk.services import customers as customers_service
from rcdesk.ui.complaints import customer_page
from rcdesk.ui.complaints.customer_page import CustomerComplaintsPage


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
    intake.save()
    assert Complaint.select().where(Complaint.customer == customer_id).count() == 2
    assert page.list.count() == 2


def test_page_is_registered_once_in_the_customer_file(qtbot, context, monkeypatch):
    from rcdesk.ui.customers import detail

    monkeypatch.setattr(detail, "EXTRA_PAGES", [])
    customer_page.register()
    customer_page.register()
    assert detail.EXTRA_PAGES == [customer_page.make_customer_page]
    customer_id = _customer()
    dialog = detail.CustomerDetailDialog(context, customer_id)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Réclamations" in titles
