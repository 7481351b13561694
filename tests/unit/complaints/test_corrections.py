"""Correcting a stored complaint: its reception day (the delay moves with it) and its customer
(« Dernier contact » follows the complaint)."""

from __future__ import annotations

from datetime import date, datetime

from rcdesk.models.customers import Customer
from rcdesk.services import complaints as cs
from rcdesk.services.customers import CustomerData, create_customer


def _input(customer_id=None, **kw) -> cs.ComplaintInput:
    values = dict(customer_id=customer_id, channel="courrier", description="Facture erronée")
    if customer_id is None:
        values.update(walk_in_name="Jean Martin", walk_in_contact="06 11 22 33 44")
    values.update(kw)
    return cs.ComplaintInput(**values)


def _same(detail, **kw) -> cs.ComplaintInput:
    values = dict(customer_id=detail.customer_id, walk_in_name=detail.walk_in_name,
                  walk_in_contact=detail.walk_in_contact, channel=detail.channel,
                  product=detail.product, place=detail.place, description=detail.description,
                  expectation=detail.expectation)
    values.update(kw)
    return cs.ComplaintInput(**values)


def test_a_complaint_given_to_another_customer_moves_their_last_contact(company):
    first = create_customer(CustomerData(first_name="Karima", last_name="BENALI", status="client"))
    other = create_customer(CustomerData(first_name="Karim", last_name="BENALI", status="client"))
    keyed = datetime(2026, 11, 20, 10, 30)
    cid = cs.register_complaint(_input(first), received_at=keyed, received_on=date(2026, 11, 20)).id
    assert Customer.get_by_id(other).last_contact is None
    cs.edit_complaint(cid, _same(cs.get_complaint(cid), customer_id=other), "Homonyme")
    assert Customer.get_by_id(other).last_contact == keyed
    # a walk-in given to a customer file afterwards: the same
    walk = cs.register_complaint(_input(), received_at=datetime(2026, 11, 23, 9, 0),
                                 received_on=date(2026, 11, 23)).id
    cs.edit_complaint(walk, _same(cs.get_complaint(walk), customer_id=first, walk_in_name="",
                                  walk_in_contact=""))
    assert Customer.get_by_id(first).last_contact == datetime(2026, 11, 23, 9, 0)


def test_an_answered_complaint_given_to_another_customer_counts_its_answer_day(company):
    first = create_customer(CustomerData(first_name="Ana", last_name="Silva", status="client"))
    other = create_customer(CustomerData(first_name="Ana", last_name="Silvas", status="client"))
    cid = cs.register_complaint(_input(first), received_at=datetime(2026, 11, 2, 9, 0),
                                received_on=date(2026, 11, 2)).id
    cs.qualify(cid, cs.Qualification(cs.list_categories()[0][0], "bonne foi", True))
    cs.record_answer(cid, cs.AnswerInput("Remboursement", date(2026, 11, 5)))
    cs.edit_complaint(cid, _same(cs.get_complaint(cid), customer_id=other))
    assert Customer.get_by_id(other).last_contact == datetime(2026, 11, 5)
