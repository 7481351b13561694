"""Helpers of the pilotage tests: a company, customers, complaints and purchases of a month."""

from datetime import date

import pytest

from rcdesk.models.customers import Purchase
from rcdesk.services.indicators import clear_cache
from rcdesk.services.settings import CompanyProfile, save_company


@pytest.fixture
def company(database):
    clear_cache()
    yield save_company(CompanyProfile(name="Maison Test", country="FR", currency="EUR",
                                      complaint_deadline_days=5))
    clear_cache()


@pytest.fixture
def customer(company):
    from rcdesk.services.customers import CustomerData, create_customer

    return create_customer(CustomerData(first_name="Hélène", last_name="Dupont",
                                        status="client", email="helene@example.fr",
                                        consent=True))


def add_complaints(customer_id: int, day: date, count: int, step: str = "") -> list[int]:
    from rcdesk.models.complaints import Complaint
    from rcdesk.services.complaints.workflow import ComplaintInput, register_complaint

    ids = []
    for i in range(count):
        summary = register_complaint(ComplaintInput(customer_id=customer_id,
                                                    description=f"Réclamation {i}"),
                                     received_on=day)
        ids.append(summary.id)
    if step:
        Complaint.update(journey_step=step).where(Complaint.id.in_(ids)).execute()
    return ids


def add_purchases(customer_id: int, day: date, count: int, amount_cents: int = 1000) -> None:
    Purchase.insert_many([{"customer": customer_id, "date": day, "amount_cents": amount_cents}
                          for _ in range(count)]).execute()
