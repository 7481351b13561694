"""Indicators of a period: the seed's worked examples, delays, Pareto, repeat complainers."""

from datetime import date

import pytest

from rcdesk.core.errors import ValidationError
from rcdesk.core.periods import Period
from rcdesk.models.complaints import ComplaintCategory
from rcdesk.models.customers import Customer
from rcdesk.services.complaints import (
    AnswerInput,
    ComplaintInput,
    Qualification,
    close,
    complaint_indicators,
    complaint_rate,
    loss_rate,
    move,
    qualify,
    record_answer,
    register_complaint,
    stats,
)
from tests.unit.complaints.conftest import add_purchases

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def test_seed_formulas():
    assert complaint_rate(10, 500) == 2.0
    assert loss_rate(5_000, 200_000) == 2.5
    assert loss_rate(500_000, 20_000_000) == 2.5  # the same in cents
    assert complaint_rate(3, 0) is None
    assert loss_rate(10, None) is None


def _complaint(customer, day, category="Livraison", product="Nappe", place="Lille",
               channel="comptoir"):
    cid = register_complaint(ComplaintInput(customer_id=customer, channel=channel,
                                            product=product, place=place,
                                            description="Problème"), received_on=day).id
    if category:
        cat = ComplaintCategory.get(ComplaintCategory.name == category).id
        qualify(cid, Qualification(cat, "bonne foi", True))
    return cid


def test_ten_complaints_for_five_hundred_purchases_is_two_percent(customer):
    # 500 purchases of 400,00 € = 200 000 € of revenue in March
    add_purchases(customer, date(2026, 3, 10), 500, 40_000)
    add_purchases(customer, date(2026, 4, 10), 7, 40_000)  # outside the period
    ids = [_complaint(customer, date(2026, 3, 2 + i)) for i in range(10)]
    _complaint(customer, date(2026, 4, 1))  # outside the period
    # 5 000 € of compensation in total
    for cid in ids[:4]:
        record_answer(cid, AnswerInput("Geste", date(2026, 3, 20), "geste commercial", 125_000))
    ind = complaint_indicators(MARCH)
    assert ind.received == 10
    assert (ind.transactions, ind.revenue_cents, ind.cost_cents) == (500, 20_000_000, 500_000)
    assert ind.rate_pct == 2.0
    assert ind.loss_rate_pct == 2.5
    # typed figures win over the purchases
    typed = complaint_indicators(MARCH, transactions=1000, revenue_cents=10_000_000)
    assert (typed.rate_pct, typed.loss_rate_pct) == (1.0, 5.0)


def test_no_purchases_gives_no_rate(customer):
    _complaint(customer, date(2026, 3, 3))
    ind = complaint_indicators(MARCH)
    assert (ind.received, ind.rate_pct, ind.loss_rate_pct) == (1, None, None)


def test_typed_figures_must_be_positive_numbers(company):
    with pytest.raises(ValidationError):
        complaint_indicators(MARCH, transactions=-5)
    with pytest.raises(ValidationError):
        complaint_indicators(MARCH, revenue_cents="beaucoup")


def test_delays_in_working_days_in_time_and_resatisfaction(customer):
    # received Mon 02/03/2026, due Mon 09/03
    a = _complaint(customer, date(2026, 3, 2))
    record_answer(a, AnswerInput("Ok", date(2026, 3, 4), "aucune", 0))  # 2 working days
    close(a, date(2026, 3, 4), "oui")
    b = _complaint(customer, date(2026, 3, 2))
    record_answer(b, AnswerInput("Ok", date(2026, 3, 11), "aucune", 0))  # 7, late answer
    close(b, date(2026, 3, 11), "non")
    c = _complaint(customer, date(2026, 3, 2))
    record_answer(c, AnswerInput("Ok", date(2026, 3, 6), "aucune", 0))  # 4
    close(c, date(2026, 3, 6), "sans réponse")
    _complaint(customer, date(2026, 3, 3))  # open and late (today is after March)
    e = _complaint(customer, date(2026, 3, 3), category=None)
    move(e, "Non recevable", "Hors garantie")  # neither answered nor late
    ind = complaint_indicators(MARCH)
    assert ind.received == 5
    assert ind.answered == 3
    assert ind.answered_in_time_pct == 50.0  # a and c in time, b answered late, d late
    assert ind.mean_answer_working_days == pytest.approx(13 / 3)
    assert ind.median_answer_working_days == 4.0
    assert (ind.open, ind.late) == (1, 1)
    assert ind.resatisfaction_pct == 50.0  # oui / (oui + non)


def test_waiting_days_are_not_counted_in_answer_time(customer):
    a = _complaint(customer, date(2026, 3, 2))
    move(a, "En attente du client", on=date(2026, 3, 3))
    move(a, "En traitement", on=date(2026, 3, 6))  # 3 working days waited
    record_answer(a, AnswerInput("Ok", date(2026, 3, 9), "aucune", 0))
    ind = complaint_indicators(MARCH)
    assert ind.mean_answer_working_days == 2.0  # 5 working days minus 3 waited
    assert ind.answered_in_time_pct == 100.0


def test_pareto_counts_and_repeat_complainers(customer):
    other = Customer.create(first_name="Paul", last_name="Martin").id
    for _ in range(3):
        _complaint(customer, date(2026, 3, 5), "Livraison", "Nappe", "Lille", "téléphone")
    _complaint(customer, date(2026, 3, 6), "Accueil", "Vase", "Lille", "comptoir")
    _complaint(other, date(2026, 3, 6), "Livraison", "Vase", "Roubaix", "comptoir")
    _complaint(other, date(2026, 3, 9), None, "Vase", "", "e-mail")
    ind = complaint_indicators(MARCH)
    assert ind.pareto == [("Livraison", 4, pytest.approx(66.666, rel=1e-3)),
                          ("Accueil", 1, pytest.approx(83.333, rel=1e-3)),
                          ("Non qualifiée", 1, 100.0)]
    assert ind.by_product == [("Nappe", 3), ("Vase", 3)]
    assert ind.by_place == [("Lille", 4), ("Non renseigné", 1), ("Roubaix", 1)]
    assert ind.by_channel == [("téléphone", 3), ("comptoir", 2), ("e-mail", 1)]
    assert [(r.customer_id, r.name, r.count) for r in ind.repeat_complainers] == [
        (customer, "Hélène Dupont", 4)]


def test_stats_keys_for_the_cli(customer):
    add_purchases(customer, date(2026, 3, 10), 500, 40_000)
    for i in range(10):
        _complaint(customer, date(2026, 3, 2 + i))
    data = stats(MARCH)["complaints"]
    assert set(data) == {"received", "answered_in_time_pct", "mean_answer_working_days", "open",
                         "late", "rate_pct", "loss_rate_pct", "resatisfaction_pct"}
    assert data["received"] == 10
    assert data["rate_pct"] == 2.0
    assert data["loss_rate_pct"] == 0.0
    assert data["open"] == 10
    assert data["mean_answer_working_days"] is None
