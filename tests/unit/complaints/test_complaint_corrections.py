"""Correcting a stored complaint: its reception day (the delay moves with it) and its customer
(« Dernier contact » follows the complaint)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from rcdesk.core.errors import ValidationError
from rcdesk.models.customers import Customer
from rcdesk.services import complaints as cs
from rcdesk.services.customers import CustomerData, create_customer
from rcdesk.services.settings import CompanyProfile, save_company


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


def test_reception_day_corrected_to_the_friday_before_a_holiday_moves_the_due_date(company):
    # keyed Monday 13/07/2026 as received that day: due Monday 20/07 (14/07 is a holiday)
    cid = cs.register_complaint(_input(), received_on=date(2026, 7, 13)).id
    assert cs.get_complaint(cid).due_date == date(2026, 7, 21)
    changed = cs.edit_complaint(cid, _same(cs.get_complaint(cid)), "Courrier reçu vendredi",
                                received_on=date(2026, 7, 10))
    d = cs.get_complaint(cid)
    assert changed == ["date de réception"]
    # Friday 10/07 + 5 working days: 13, 15, 16, 17, 20 (Tuesday 14/07 skipped)
    assert (d.received_on, d.due_date, d.granted_days) == (date(2026, 7, 10), date(2026, 7, 20), 5)
    assert d.timeline[-1].what == ("Modification : date de réception (10/07/2026), "
                                   "réponse due le 20/07/2026")
    assert d.timeline[-1].comment == "Courrier reçu vendredi"


def test_moroccan_reception_day_correction_skips_the_throne_day(database):
    save_company(CompanyProfile(name="Atlas Déco", country="MA", currency="MAD",
                                complaint_deadline_days=5))
    cid = cs.register_complaint(_input(), received_on=date(2026, 7, 27)).id
    cs.edit_complaint(cid, _same(cs.get_complaint(cid)), received_on=date(2026, 7, 24))
    # Friday 24/07 + 5: 27, 28, 29, 31 (Thursday 30/07 Fête du Trône), 03/08
    assert cs.get_complaint(cid).due_date == date(2026, 8, 3)


def test_paused_complaint_keeps_its_waiting_days_when_its_reception_day_is_corrected(company):
    cid = cs.register_complaint(_input(), received_on=date(2026, 11, 2)).id
    cs.qualify(cid, cs.Qualification(
        cs.list_categories()[0][0], "bonne foi", True))
    cs.move(cid, "En attente du client", "Photos demandées", on=date(2026, 11, 3))
    cs.move(cid, "En traitement", on=date(2026, 11, 6))  # 3 working days waited: 4, 5, 6
    assert cs.get_complaint(cid).due_date == date(2026, 11, 13)  # 09/11 + 3 (11/11 holiday)
    cs.move(cid, "En attente du client", "Devis demandé", on=date(2026, 11, 9))
    cs.edit_complaint(cid, _same(cs.get_complaint(cid)), received_on=date(2026, 10, 30))
    d = cs.get_complaint(cid)
    # the delay it was given (8 working days, waiting included) now counts from Friday 30/10
    assert (d.status, d.paused_on, d.waited_days) == ("En attente du client", date(2026, 11, 9), 3)
    assert (d.received_on, d.due_date, d.granted_days) == (date(2026, 10, 30), date(2026, 11, 12), 8)


def test_reception_day_after_the_answer_or_in_the_future_is_refused(company):
    cid = cs.register_complaint(_input(), received_on=date(2026, 11, 2)).id
    cs.qualify(cid, cs.Qualification(cs.list_categories()[0][0], "bonne foi", True))
    cs.record_answer(cid, cs.AnswerInput("Remboursement", date(2026, 11, 5)))
    before = cs.get_complaint(cid)
    with pytest.raises(ValidationError) as err:
        cs.edit_complaint(cid, _same(before), received_on=date(2026, 11, 6))
    assert err.value.field == "received_on"
    assert "06/11/2026" in str(err.value) and "05/11/2026" in str(err.value)
    tomorrow = date.today() + timedelta(days=1)  # not today's date a year on: no 29/02/2029
    with pytest.raises(ValidationError) as err:
        cs.edit_complaint(cid, _same(before), received_on=tomorrow)
    assert err.value.field == "received_on" and "ne peut pas être dans le futur" in str(err.value)
    after = cs.get_complaint(cid)
    assert (after.received_on, after.due_date, len(after.timeline)) == (
        before.received_on, before.due_date, len(before.timeline))


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


def test_a_save_from_before_a_reception_day_correction_names_it(company):
    from rcdesk.core.errors import StaleRecordError

    cid = cs.register_complaint(_input(), received_on=date(2026, 7, 13)).id
    seen = cs.get_complaint(cid)  # two forms open on the same complaint
    cs.edit_complaint(cid, _same(seen, version=seen.version), original=seen,
                      received_on=date(2026, 7, 10))
    with pytest.raises(StaleRecordError) as err:
        cs.edit_complaint(cid, _same(seen, product="Facture de juin", version=seen.version),
                          original=seen)
    text = str(err.value)
    assert "Reçue le" in text and "10/07/2026" in text and "13/07/2026" in text
    assert "Échéance" in text and "20/07/2026" in text
    assert cs.get_complaint(cid).product == ""
