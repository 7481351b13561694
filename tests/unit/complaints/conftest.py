"""Helpers of the complaints tests: a company and customers on the `database` fixture."""

from datetime import date

import pytest

from rcdesk.models.customers import Purchase
from rcdesk.services.settings import CompanyProfile, save_company


@pytest.fixture
def company(database):
    return save_company(CompanyProfile(name="Maison Test", country="FR", currency="EUR",
                                       complaint_deadline_days=5))


@pytest.fixture
def customer(company):
    """A customer created through the customers service (search columns filled)."""
    from rcdesk.services.customers import CustomerData, create_customer

    return create_customer(CustomerData(first_name="Hélène", last_name="Dupont",
                                        status="client", email="helene@example.fr"))


def add_purchases(customer_id: int, day: date, count: int, amount_cents: int) -> None:
    Purchase.insert_many([{"customer": customer_id, "date": day, "amount_cents": amount_cents}
                          for _ in range(count)]).execute()
