"""Step 15: the figures cached in the database and dropped only where a write can change them,
the stored answer delays and the card holders' revenue per day, against from-scratch results."""

from datetime import date, timedelta
from random import Random

import pytest

from rcdesk.core.periods import Period
from rcdesk.models.base import database_proxy, write_generation
from rcdesk.models.complaints import Complaint
from rcdesk.models.customers import Customer, Purchase
from rcdesk.models.indicators import IndicatorCache, LoyaltyHolderDay
from rcdesk.services import indicators
from rcdesk.services.areas import AREAS
from rcdesk.services.complaints.delays import fill_delays
from rcdesk.services.complaints.indicators import complaint_indicators
from rcdesk.services.complaints.rules import (
    LATE,
    OPEN_STATUSES,
    answer_working_days,
    due_state,
)
from rcdesk.services.loyalty.figures import _holders_revenue, holders_revenue_from_purchases
from rcdesk.services.stats import collect_stats
from tests.unit.pilotage.conftest import add_complaints, add_purchases

ALL = Period(None, None)
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


def area(key):
    return next(a for a in AREAS if a.key == key)


def cached_periods(key: str) -> set[tuple]:
    return {(r.period_start, r.period_end) for r in IndicatorCache.select().where(
        (IndicatorCache.area == key) & IndicatorCache.payload.is_null(False))}


def test_answer_delay_is_the_rule_stored_and_reset_when_its_dates_change(company, customer):
    # received Friday 20/11/2026, answered Friday 27/11/2026: 5 working days
    assert answer_working_days(date(2026, 11, 20), date(2026, 11, 27), 0, "FR") == 5
    assert answer_working_days(date(2026, 11, 20), date(2026, 11, 27), 2, "FR") == 3
    assert answer_working_days(date(2026, 11, 20), date(2026, 11, 21), 4, "FR") == 0
    [cid] = add_complaints(customer, date(2026, 11, 20), 1)
    Complaint.update(answer_date=date(2026, 11, 27), status="Réponse envoyée").where(
        Complaint.id == cid).execute()
    assert Complaint.get_by_id(cid).answer_working_days is None
    figures = complaint_indicators(NOVEMBER)
    assert figures.mean_answer_working_days == 5.0
    assert Complaint.get_by_id(cid).answer_working_days == 5  # stored by the measure
    Complaint.update(waited_days=2).where(Complaint.id == cid).execute()
    assert Complaint.get_by_id(cid).answer_working_days is None  # the trigger reset it
    assert complaint_indicators(NOVEMBER).mean_answer_working_days == 3.0
    assert Complaint.get_by_id(cid).answer_working_days == 3
    # 11/11 (Armistice) is a holiday in France, not in Morocco: every delay computed again
    [other] = add_complaints(customer, date(2026, 11, 10), 1)
    Complaint.update(answer_date=date(2026, 11, 12), status="Réponse envoyée").where(
        Complaint.id == other).execute()
    assert fill_delays() == 1 and Complaint.get_by_id(other).answer_working_days == 1
    database_proxy.obj.execute_sql("UPDATE company SET country = 'MA'")
    assert Complaint.select().where(Complaint.answer_working_days.is_null(False)).count() == 0
    assert fill_delays() == 2 and Complaint.get_by_id(other).answer_working_days == 2


def _reference(period, country="FR"):
    """complaint_indicators' headline figures as before step 15: every complaint in Python."""
    received = answered = judged = in_time = late = opened = cost = oui = said = 0
    delays = []
    for row in Complaint.select().where(Complaint.received_on.between(period.start, period.end)):
        received += 1
        cost += row.cost_cents
        state = due_state(row.status, row.due_date, row.paused_on, date.today(), country)
        if row.status in OPEN_STATUSES:
            opened += 1
            late += state == LATE
        if row.answer_date is not None:
            answered += 1
            judged += 1
            in_time += row.answer_date <= row.due_date
            delays.append(answer_working_days(row.received_on, row.answer_date,
                                              row.waited_days, country))
        elif state == LATE:
            judged += 1
        if row.resatisfied in ("oui", "non"):
            said += 1
            oui += row.resatisfied == "oui"
    delays.sort()
    median = None
    if delays:
        half = len(delays) // 2
        median = float(delays[half]) if len(delays) % 2 else (delays[half - 1] + delays[half]) / 2
    return dict(received=received, answered=answered, open=opened, late=late, cost=cost,
                in_time=in_time * 100 / judged if judged else None,
                mean=sum(delays) / len(delays) if delays else None, median=median,
                resat=oui * 100 / said if said else None)


def _headline(ind):
    return dict(received=ind.received, answered=ind.answered, open=ind.open, late=ind.late,
                cost=ind.cost_cents, in_time=ind.answered_in_time_pct,
                mean=ind.mean_answer_working_days, median=ind.median_answer_working_days,
                resat=ind.resatisfaction_pct)


def test_complaint_figures_from_stored_delays_equal_the_row_by_row_computation(company,
                                                                             customer):
    rng = Random(15)
    year = Period(date(2026, 1, 1), date(2026, 12, 31))
    statuses = ("Reçue", "Qualifiée", "En traitement", "Réponse envoyée", "Clôturée")
    for day in range(60):
        received = date(2026, 1, 5) + timedelta(days=day * 5)
        [cid] = add_complaints(customer, received, 1)
        status = rng.choice(statuses)
        answer = (received + timedelta(days=rng.randint(0, 20))
                  if status in ("Réponse envoyée", "Clôturée") else None)
        Complaint.update(status=status, answer_date=answer, waited_days=rng.randint(0, 3),
                         cost_cents=rng.randint(0, 5000),
                         resatisfied=rng.choice(("oui", "non", "sans réponse", ""))).where(
            Complaint.id == cid).execute()
    expected = _reference(year)
    assert expected["received"] == 60 and expected["answered"] > 10 and expected["late"] > 0
    # delays not stored yet: computed by the rule on the fly (and stored)
    assert Complaint.select().where(Complaint.answer_working_days.is_null(False)).count() == 0
    assert _headline(complaint_indicators(year)) == expected
    assert Complaint.select().where(Complaint.answer_working_days.is_null(False)).count() == \
        expected["answered"]
    # stored: the same figures from the aggregate; the median only with the breakdowns
    assert _headline(complaint_indicators(year)) == expected
    assert _headline(complaint_indicators(year, breakdowns=False)) == dict(expected, median=None)


def test_holders_revenue_per_day_follows_every_write(company, customer):
    from rcdesk.models.loyalty import LoyaltyCard
    from rcdesk.services.customers import CustomerData, create_customer
    from rcdesk.services.customers.records import delete_customer
    from rcdesk.services.loyalty.cards import issue_card, replace_card

    other = create_customer(CustomerData(first_name="Karim", last_name="Benali",
                                         status="client"))
    third = create_customer(CustomerData(first_name="Julie", last_name="Moreau",
                                         status="client"))

    def check(expected_all):
        assert holders_revenue_from_purchases(ALL) == expected_all
        assert _holders_revenue(ALL)[0] == expected_all
        for month in range(1, 13):
            period = Period(date(2026, month, 1), date(2026, month, 28))
            assert _holders_revenue(period)[0] == holders_revenue_from_purchases(period)

    add_purchases(customer, date(2026, 3, 12), 3, 1_000)  # 30,00 € before any card
    add_purchases(other, date(2026, 3, 12), 2, 500)
    check(0)
    issue_card(customer, on=date(2026, 4, 1))  # his past purchases become holders' revenue
    check(3_000)
    add_purchases(customer, date(2026, 5, 2), 1, 2_500)
    add_purchases(other, date(2026, 5, 2), 1, 700)
    check(5_500)
    replace_card(LoyaltyCard.get(LoyaltyCard.customer == customer).id,
                 on=date(2026, 5, 3))  # a second card (the first blocked) changes nothing
    assert LoyaltyCard.select().where(LoyaltyCard.customer == customer).count() == 2
    check(5_500)
    moved = Purchase.select().where(Purchase.customer == other).first()
    Purchase.update(customer=customer).where(Purchase.id == moved.id).execute()
    check(6_000)
    Purchase.update(date=date(2026, 6, 1), amount_cents=800).where(
        Purchase.id == moved.id).execute()
    check(6_300)
    Purchase.delete().where(Purchase.id == moved.id).execute()
    check(5_500)
    issue_card(third, on=date(2026, 6, 1))  # a holder without purchases
    add_purchases(third, date(2026, 6, 2), 1, 100)
    check(5_600)
    # a card moved to another customer (a merge): Julie is no holder any more, Karim is
    LoyaltyCard.update(customer=other).where(LoyaltyCard.customer == third).execute()
    check(6_700)
    delete_customer(customer)  # his cards and purchases go
    check(1_200)
    assert LoyaltyHolderDay.select().where(LoyaltyHolderDay.revenue_cents != 0).count() == 2


def test_a_write_drops_only_the_cached_periods_it_can_change(company, customer):
    complaints = area("complaints")
    months = [Period(date(2026, m, 1), date(2026, m, 28)) for m in range(1, 13)]
    add_complaints(customer, date(2026, 3, 10), 2)
    before = write_generation()
    values = [indicators.area_values(complaints, m)["complaints_received"] for m in months]
    assert values == [2 if m == 3 else 0 for m in range(1, 13)]
    assert write_generation() == before  # keeping figures is no write of the data
    assert cached_periods("complaints") == {(m.start, m.end) for m in months}
    indicators.area_values(area("satisfaction"), MARCH)
    # a complaint of March: March and only March goes
    add_complaints(customer, date(2026, 3, 20), 1)
    assert cached_periods("complaints") == {(m.start, m.end) for m in months if m.start.month != 3}
    assert indicators.area_values(complaints, MARCH)["complaints_received"] == 3
    # a purchase of May written by another program (raw SQL): May's complaint rate goes
    database_proxy.obj.execute_sql("INSERT INTO purchase (customer_id, date, amount_cents, "
                                   "channel, reference) VALUES (%s, '2026-05-04', 100, '', '')"
                                   % int(customer))
    assert (date(2026, 5, 1), date(2026, 5, 28)) not in cached_periods("complaints")
    assert len(cached_periods("complaints")) == 11
    assert cached_periods("satisfaction") == {(MARCH.start, MARCH.end)}  # not its tables
    # a customer's status: the customers' figures of every period go, no one else's
    indicators.area_values(area("customers"), MARCH)
    Customer.update(status="ancien client").where(Customer.id == customer).execute()
    assert cached_periods("customers") == set()
    assert len(cached_periods("complaints")) == 11


def test_stats_come_from_the_cache_until_a_write_changes_them(company, customer):
    add_complaints(customer, date(2026, 3, 10), 2)
    add_purchases(customer, date(2026, 3, 12), 100)
    first = collect_stats(MARCH)
    assert first["complaints"]["received"] == 2 and first["complaints"]["rate_pct"] == 2.0
    assert cached_periods("complaints") >= {(MARCH.start, MARCH.end)}
    stored = IndicatorCache.get((IndicatorCache.area == "complaints")
                                & (IndicatorCache.kind == "stats"))
    assert stored.valid_until >= date.today()
    assert collect_stats(MARCH) == first
    add_complaints(customer, date(2026, 3, 11), 1)
    again = collect_stats(MARCH)
    assert again["complaints"]["received"] == 3 and again["complaints"]["rate_pct"] == 3.0
    assert again["customers"] == first["customers"]


def test_figures_computed_while_a_write_happens_are_not_kept(company, customer, monkeypatch):
    complaints = area("complaints")
    measure = complaints.measure

    def measure_then_written(period):
        values = measure(period)
        add_complaints(customer, date(2026, 3, 15), 1)  # another counter, meanwhile
        return values

    monkeypatch.setattr(complaints, "measure", measure_then_written)
    assert indicators.area_values(complaints, MARCH)["complaints_received"] == 0
    monkeypatch.setattr(complaints, "measure", measure)
    assert cached_periods("complaints") == set()
    assert indicators.area_values(complaints, MARCH)["complaints_received"] == 1


@pytest.mark.parametrize("key", ["loyalty", "customers", "satisfaction"])
def test_cached_figures_are_the_computed_ones(company, customer, key):
    add_purchases(customer, date(2026, 3, 12), 10)
    for period in (MARCH, ALL):
        expected = area(key).measure(period)
        assert indicators.area_values(area(key), period) == expected  # computed and kept
        assert indicators.area_values(area(key), period) == expected  # read back
        assert indicators.area_stats(area(key), period) == area(key).stats(period)


def test_figures_on_a_base_that_cannot_store_the_delays(company, customer, monkeypatch):
    """Read only: the missing delays are computed by the rule, nothing is written."""
    import rcdesk.services.complaints.delays as delays

    for day, answered in ((date(2026, 11, 2), date(2026, 11, 6)),
                          (date(2026, 11, 16), date(2026, 11, 27))):
        [cid] = add_complaints(customer, day, 1)
        Complaint.update(answer_date=answered, status="Réponse envoyée").where(
            Complaint.id == cid).execute()
    monkeypatch.setattr(delays, "read_only_reason", lambda: "lecture seule")
    ind = complaint_indicators(NOVEMBER)
    # 4 and 9 working days: mean and median 6.5
    assert (ind.mean_answer_working_days, ind.median_answer_working_days) == (6.5, 6.5)
    assert Complaint.select().where(Complaint.answer_working_days.is_null(False)).count() == 0


def test_points_outstanding_read_live_a_sale_keeps_the_loyalty_cache(company, customer):
    from rcdesk.models.loyalty import LoyaltyCard
    from rcdesk.services.loyalty.cards import issue_card

    loyalty = area("loyalty")
    issue_card(customer, on=date(2026, 3, 1))
    LoyaltyCard.update(balance=120).execute()
    assert indicators.area_values(loyalty, MARCH)["loyalty_points_outstanding"] == 120.0
    assert indicators.area_stats(loyalty, MARCH)["loyalty"]["points_outstanding"] == 120
    LoyaltyCard.update(balance=LoyaltyCard.balance + 35).execute()  # a sale's points
    assert cached_periods("loyalty") == {(MARCH.start, MARCH.end)}  # kept
    assert indicators.area_values(loyalty, MARCH) == loyalty.measure(MARCH)
    assert indicators.area_values(loyalty, MARCH)["loyalty_points_outstanding"] == 155.0
    assert indicators.area_stats(loyalty, MARCH) == loyalty.stats(MARCH)
    LoyaltyCard.update(status="blocked").execute()  # the card's state: every period goes
    assert cached_periods("loyalty") == set()
    assert indicators.area_values(loyalty, MARCH)["loyalty_points_outstanding"] == 0.0


def test_two_computations_of_the_same_figures_keep_one_row(company, customer, monkeypatch):
    complaints = area("complaints")
    measure = complaints.measure
    calls = []

    def computed_twice(period):
        if not calls:  # another counter computes the same figures meanwhile
            calls.append(period)
            indicators.area_values(complaints, period)
        return measure(period)

    add_complaints(customer, date(2026, 3, 10), 2)
    monkeypatch.setattr(complaints, "measure", computed_twice)
    assert indicators.area_values(complaints, MARCH)["complaints_received"] == 2
    rows = list(IndicatorCache.select().where((IndicatorCache.area == "complaints")
                                              & (IndicatorCache.kind == "measure")))
    assert len(rows) == 1 and rows[0].payload is not None
    assert calls == [MARCH]


LASTING = date(9999, 12, 31)


def test_figures_hold_until_an_open_complaint_falls_late(company, customer, monkeypatch):
    from rcdesk.services.complaints.indicators import figures_valid_until

    complaints = area("complaints")
    today = date.today()
    recent = Period(today - timedelta(days=40), today)
    [cid] = add_complaints(customer, today - timedelta(days=1), 1)
    due = Complaint.get_by_id(cid).due_date
    assert due >= today
    assert figures_valid_until(recent, today) == due  # late the day after its due date
    assert figures_valid_until(Period(date(2020, 1, 1), date(2020, 12, 31)), today) == LASTING
    assert indicators.valid_until(complaints, recent, today) == due
    indicators.area_values(complaints, recent)
    assert IndicatorCache.get(IndicatorCache.area == "complaints").valid_until == due
    computed = []
    monkeypatch.setattr(complaints, "measure", lambda period: computed.append(period) or {})

    class Day(date):
        shown = due

        @classmethod
        def today(cls):
            return cls.shown

    monkeypatch.setattr(indicators, "date", Day)
    indicators.area_values(complaints, recent)
    assert computed == []  # on its due date: still the figures kept
    Day.shown = due + timedelta(days=1)
    indicators.area_values(complaints, recent)
    assert computed == [recent]  # the day after: computed again (it is late now)
    # paused, waiting for the customer: its lateness is frozen, the figures last
    Complaint.update(paused_on=today).where(Complaint.id == cid).execute()
    assert figures_valid_until(recent, today) == LASTING


def test_how_long_the_other_areas_figures_hold():
    today = date(2026, 11, 29)
    running, past = Period(date(2026, 1, 1), today), Period(date(2025, 1, 1), date(2025, 12, 31))
    assert area("loyalty").figures_valid_until(running, today) == today  # as of today
    assert area("loyalty").figures_valid_until(past, today) == LASTING  # as of its end
    assert area("customers").figures_valid_until(ALL, today) == today  # the last 12 months
    assert area("customers").figures_valid_until(past, today) == LASTING
    assert area("satisfaction").figures_valid_until(running, today) == LASTING
    assert indicators.valid_until(area("actions"), past, today) == today  # no say: today


def test_a_busy_base_gives_the_figures_without_keeping_them_nor_waiting(sqlite_database):
    """Another connection holds the write lock (an import in the worker thread, a CLI, another
    PC on a shared file): reading figures must not wait busy_timeout for each period to store
    a cache row — the figures come back right, nothing is kept, the timeout is restored."""
    import sqlite3

    from rcdesk.models.base import without_lock_wait

    db = database_proxy.obj
    db.execute_sql("PRAGMA busy_timeout = 5000")
    with without_lock_wait():
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 0  # refuse, not wait
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000
    with db.atomic(), without_lock_wait():  # inside a transaction the lock is held already
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000
    expected = area("customers").measure(MARCH)
    indicators.clear_cache()
    holder = sqlite3.connect(sqlite_database.target, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE company SET name = name")
    db.execute_sql("PRAGMA busy_timeout = 900000")  # a wait would outlast the test's timeout
    try:
        assert {k: indicators.measure(k, MARCH).value for k in expected} == expected
        assert cached_periods("customers") == set()  # not kept: the base was busy
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 900000
    indicators.clear_cache()
    assert {k: indicators.measure(k, MARCH).value for k in expected} == expected
    assert cached_periods("customers") == {(MARCH.start, MARCH.end)}  # kept once free
