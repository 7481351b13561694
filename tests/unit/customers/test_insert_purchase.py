"""insert_purchase: the customers area's one way for another area (the loyalty counter, the
demo) to record a purchase inside its own transaction."""

from datetime import date, timedelta

import pytest

from rcdesk.core.errors import ValidationError
from rcdesk.models.base import write_transaction
from rcdesk.models.customers import Customer, Purchase
from rcdesk.services.customers import insert_purchase


def test_a_purchase_promotes_a_prospect_and_dates_client_since(database):
    prospect = Customer.insert(first_name="Léa", last_name="Roy", status="prospect",
                               sort_name="roy lea").execute()
    client = Customer.insert(first_name="Marc", last_name="Delattre", status="client",
                             client_since=date(2025, 6, 1), sort_name="delattre marc").execute()
    with write_transaction(Purchase):
        pid = insert_purchase(prospect, date(2026, 3, 2), 4790, "comptoir", "T1")
        insert_purchase(client, date(2025, 1, 15), 12000, "comptoir", "T2")
        insert_purchase(client, date(2026, 3, 2), 3000)
    row = Purchase.get_by_id(pid)
    assert (row.customer_id, row.date, row.amount_cents, row.channel, row.reference) == (
        prospect, date(2026, 3, 2), 4790, "comptoir", "T1")
    lea, marc = Customer.get_by_id(prospect), Customer.get_by_id(client)
    assert (lea.status, lea.client_since) == ("client", date(2026, 3, 2))
    assert (marc.status, marc.client_since) == ("client", date(2025, 1, 15))
    assert Purchase.select().where(Purchase.customer == client).count() == 2


def test_an_invalid_purchase_is_refused_before_anything_is_written(database):
    cid = Customer.insert(first_name="Léa", last_name="Roy", status="prospect",
                          sort_name="roy lea").execute()
    with pytest.raises(ValidationError) as refused:
        insert_purchase(cid, date.today() + timedelta(days=1), 4790)
    assert refused.value.message == "La date d'achat est dans le futur."
    with pytest.raises(ValidationError):
        insert_purchase(cid, date(2026, 3, 2), 4790, "comptoir", "deux\nlignes")
    assert Purchase.select().count() == 0
    assert Customer.get_by_id(cid).status == "prospect"
