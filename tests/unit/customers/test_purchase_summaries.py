"""The purchase summaries the triggers keep (schema step 16) against a recomputation from the
purchases, after random sequences of every kind of purchase write, on SQLite and PostgreSQL;
and the figures and RFM read from them against the raw queries over every purchase."""

import os
from collections import Counter
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rcdesk.core.periods import Period
from rcdesk.models.customers import Customer, Purchase
from rcdesk.models.purchase_summaries import (
    TOP_KEPT,
    CustomerPurchase,
    PurchaseDay,
    PurchasePeriod,
    PurchasePeriodTop,
)
from rcdesk.services.bulk import insert_rows
from rcdesk.services.customers import (
    add_purchase,
    customer_figures,
    delete_customer,
    delete_purchase,
    purchase_totals,
    rfm,
    rfm_label_counts,
    rfm_scores,
    stats,
    update_purchase,
)
from rcdesk.services.customers.figures import RFM_RAW_SQL, rfm_label
from rcdesk.services.customers.summaries import (
    period_buyers,
    rebuild_summaries,
    summary_problems,
)
from rcdesk.services.gdpr import anonymise_customers

EXAMPLES = settings(max_examples=int(os.environ.get("RCDESK_FUZZ_EXAMPLES", "25")),
                    deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

TODAY = date.today()
CUSTOMERS = TOP_KEPT + 6  # more buyers than a period keeps: the kept top is cut and shrinks
AGO = st.sampled_from([0, 5, 25, 60, 150, 450])
CENTS = st.sampled_from([-500, 0, 1000, 2500, 4000, 99000])
WHO = st.integers(0, CUSTOMERS - 1)
OPERATION = st.one_of(
    st.tuples(st.just("add"), WHO, AGO, CENTS),
    st.tuples(st.just("fix"), st.integers(0, 10_000), AGO, CENTS),
    st.tuples(st.just("delete"), st.integers(0, 10_000)),
    st.tuples(st.just("move"), WHO, WHO),  # a merge: every purchase moved to another customer
    st.tuples(st.just("drop"), WHO),  # the customer deleted with their purchases
    st.tuples(st.just("erase"), WHO),  # GDPR erasure: purchases stay
    st.tuples(st.just("bulk"), st.lists(st.tuples(WHO, AGO, CENTS), max_size=30)),
)
PERIODS = (Period(TODAY - timedelta(days=30), TODAY),
           Period(TODAY - timedelta(days=400), TODAY - timedelta(days=20)),
           Period(TODAY - timedelta(days=200), TODAY),
           Period(None, TODAY - timedelta(days=100)),
           Period(TODAY - timedelta(days=60), None))


def _fresh(amounts) -> list[int]:
    Purchase.delete().execute()
    Customer.delete().execute()
    PurchasePeriod.delete().execute()
    ids = [Customer.insert(last_name=f"Client {i}", status="client").execute()
           for i in range(CUSTOMERS)]
    # every customer buys in every period: more buyers than a period keeps
    insert_rows(Purchase, ["customer", "date", "amount_cents"],
                [(cid, TODAY - timedelta(days=ago), cents) for cid, (recent, old) in zip(ids, amounts)
                 for ago, cents in ((25, recent), (150, old))])
    return ids


def _apply(ids: list[int], operation) -> None:
    kind, *args = operation
    alive = [cid for cid in ids if Customer.get_or_none(Customer.id == cid)]
    purchases = [pid for (pid,) in Purchase.select(Purchase.id).order_by(Purchase.id).tuples()]
    if kind == "add" and ids[args[0]] in alive:
        add_purchase(ids[args[0]], TODAY - timedelta(days=args[1]), args[2])
    elif kind == "fix" and purchases:
        update_purchase(purchases[args[0] % len(purchases)], TODAY - timedelta(days=args[1]),
                        args[2])
    elif kind == "delete" and purchases:
        delete_purchase(purchases[args[0] % len(purchases)])
    elif kind == "move" and ids[args[1]] in alive:
        Purchase.update(customer=ids[args[1]]).where(Purchase.customer == ids[args[0]]).execute()
    elif kind == "drop" and ids[args[0]] in alive:
        delete_customer(ids[args[0]])
    elif kind == "erase" and ids[args[0]] in alive:
        anonymise_customers([ids[args[0]]])
    elif kind == "bulk":
        insert_rows(Purchase, ["customer", "date", "amount_cents"],
                    [(ids[w], TODAY - timedelta(days=ago), cents) for w, ago, cents in args[0]
                     if ids[w] in alive])


def _expected():
    """Days, customers and periods recomputed in Python from the purchase rows."""
    rows = list(Purchase.select(Purchase.customer, Purchase.date, Purchase.amount_cents).tuples())
    days: dict = {}
    customers: dict = {}
    for cid, day, cents in rows:
        r, s, v = days.get(day, (0, 0, 0))
        days[day] = (r + 1, s + (cents >= 0), v + cents)
        r, s, t, last = customers.get(cid, (0, 0, 0, None))
        if cents >= 0 and (last is None or day > last):
            last = day
        customers[cid] = (r + 1, s + (cents >= 0), t + cents, last)
    return rows, days, customers


def _period_expected(rows, period, top):
    per: dict = {}
    for cid, day, cents in rows:
        if (period.start is None or day >= period.start) and (period.end is None
                                                              or day <= period.end):
            t, n = per.get(cid, (0, 0))
            per[cid] = (t + cents, n + (cents >= 0))
    best = sorted(per.items(), key=lambda item: (-item[1][0], item[0]))[:top]
    return len(per), [(cid, t, n) for cid, (t, n) in best]


def _stored_top(period):
    from rcdesk.models.purchase_summaries import PERIOD_MAX, PERIOD_MIN

    row = PurchasePeriod.get_or_none(
        (PurchasePeriod.period_start == (period.start or date.fromisoformat(PERIOD_MIN)))
        & (PurchasePeriod.period_end == (period.end or date.fromisoformat(PERIOD_MAX))))
    kept = list(PurchasePeriodTop.select(PurchasePeriodTop.customer_id,
                                         PurchasePeriodTop.total_cents, PurchasePeriodTop.sales)
                .where(PurchasePeriodTop.period == row.id)
                .order_by(PurchasePeriodTop.total_cents.desc(), PurchasePeriodTop.customer_id)
                .tuples())
    return row.buyers, [(c, int(t), int(n)) for c, t, n in kept]


def _raw_rfm(db) -> dict:
    return {cid: (int(r), int(f), int(m)) for cid, r, f, m in db.execute_sql(RFM_RAW_SQL)}


@EXAMPLES
@given(amounts=st.lists(st.tuples(st.integers(1, 60).map(lambda n: n * 500), st.integers(1, 60)
                                  .map(lambda n: n * 500)), min_size=CUSTOMERS, max_size=CUSTOMERS),
       operations=st.lists(OPERATION, max_size=20))
def test_summaries_follow_every_kind_of_purchase_write(database, amounts, operations):
    ids = _fresh(amounts)
    for period in PERIODS:
        period_buyers(period, 10)  # stored now: the triggers keep it from here on
    for operation in operations:
        _apply(ids, operation)
    rows, days, customers = _expected()
    assert {d: (r, s, int(v)) for d, r, s, v in PurchaseDay.select(
        PurchaseDay.day, PurchaseDay.row_count, PurchaseDay.sales,
        PurchaseDay.revenue_cents).tuples()} == days
    assert {c: (r, s, int(t), last) for c, r, s, t, last in CustomerPurchase.select(
        CustomerPurchase.customer_id, CustomerPurchase.row_count, CustomerPurchase.sales,
        CustomerPurchase.total_cents, CustomerPurchase.last_sale_day).tuples()} == customers
    for period in PERIODS:
        buyers, kept = _stored_top(period)
        real_buyers, real = _period_expected(rows, period, len(kept))
        assert (buyers, kept) == (real_buyers, real), period
        assert len(kept) <= TOP_KEPT
        assert period_buyers(period, 10) == _period_expected(rows, period, 10)
    assert summary_problems() == []
    assert {cid: (s.recency, s.frequency, s.monetary)
            for cid, s in rfm_scores().items()} == _raw_rfm(database.db)


@EXAMPLES
@given(profiles=st.lists(st.lists(st.tuples(AGO, CENTS), min_size=1, max_size=4),
                         min_size=1, max_size=40))
def test_rfm_from_the_summary_is_the_raw_query(database, profiles):
    Purchase.delete().execute()
    Customer.delete().execute()
    for i, profile in enumerate(profiles):
        cid = Customer.insert(last_name=f"Client {i}").execute()
        Purchase.insert_many([{"customer": cid, "date": TODAY - timedelta(days=ago),
                               "amount_cents": cents} for ago, cents in profile]).execute()
    raw = _raw_rfm(database.db)
    scores = rfm_scores()
    assert {cid: (s.recency, s.frequency, s.monetary) for cid, s in scores.items()} == raw
    assert all(s.label == rfm_label(s.recency, s.frequency, s.monetary) for s in scores.values())
    assert rfm_label_counts() == Counter(rfm_label(*v) for v in raw.values())
    some = next(iter(raw))
    assert (rfm(some).recency, rfm(some).frequency, rfm(some).monetary) == raw[some]


def test_worked_example_figures_and_stats(database):
    """Four customers, a refund and a correction: the Chiffres figures, stats and the period
    kept up to date after each write."""
    a, b, c, d = (Customer.insert(last_name=n, status="client").execute()
                  for n in ("Alice", "Bruno", "Chloé", "David"))
    day = TODAY - timedelta(days=10)
    for cid, cents in ((a, 10000), (a, 5000), (b, 12000), (c, 3000), (c, -1000)):
        add_purchase(cid, day, cents)
    add_purchase(d, TODAY - timedelta(days=800), 50000)  # outside the 12 months
    period = Period(TODAY - timedelta(days=364), TODAY)
    figures = customer_figures(period)
    assert (figures.purchases_count, figures.revenue_cents, figures.buyers) == (4, 29000, 3)
    assert figures.revenue_per_customer_cents == 9667 and figures.purchase_frequency == 1.33
    assert [(t.customer_id, t.revenue_cents, t.purchases) for t in figures.top_customers] == [
        (a, 15000, 2), (b, 12000, 1), (c, 2000, 1)]
    # written after the period was stored: the stored buyers and top follow
    pid = add_purchase(d, TODAY - timedelta(days=1), 20000)
    figures = customer_figures(period)
    assert (figures.purchases_count, figures.revenue_cents, figures.buyers) == (5, 49000, 4)
    assert [t.customer_id for t in figures.top_customers] == [d, a, b, c]
    update_purchase(pid, TODAY - timedelta(days=1), 1000)
    figures = customer_figures(period)
    assert [(t.customer_id, t.revenue_cents) for t in figures.top_customers] == [
        (a, 15000), (b, 12000), (c, 2000), (d, 1000)]
    delete_customer(a)
    figures = customer_figures(period)
    assert (figures.purchases_count, figures.revenue_cents, figures.buyers) == (3, 15000, 3)
    assert stats(Period(None, None))["purchases"] == {"count": 4, "revenue": 650.0}
    assert purchase_totals(period).rows == 4  # the refund is a row, not a sale
    assert summary_problems() == []


def test_check_reports_a_summary_that_differs_and_rebuild_repairs_it(database):
    cid = Customer.insert(last_name="Dupont").execute()
    add_purchase(cid, TODAY - timedelta(days=3), 4500)
    period_buyers(Period(TODAY - timedelta(days=30), TODAY), 10)
    PurchaseDay.update(revenue_cents=1).execute()
    CustomerPurchase.update(sales=7).execute()
    PurchasePeriod.update(buyers=9).execute()
    problems = summary_problems()
    assert len(problems) == 3 and "1 jour(s)" in problems[0] and f"n° {cid}" in problems[1]
    rebuild_summaries()
    assert summary_problems() == []
    assert PurchaseDay.select(PurchaseDay.revenue_cents).scalar() == 4500
    assert PurchasePeriod.select().count() == 0  # forgotten: computed again when asked


def test_a_bulk_insert_fills_the_summaries_once_and_keeps_the_triggers(database):
    from rcdesk.models.base import write_transaction
    from rcdesk.services.customers.bulk import BULK_PURCHASES, bulk_purchase_writes

    ids = _fresh([(1000, 2000)] * CUSTOMERS)
    period_buyers(PERIODS[0], 10)
    rows = [(ids[i % CUSTOMERS], TODAY - timedelta(days=i % 500), (i % 7 - 1) * 700)
            for i in range(BULK_PURCHASES + 500)]
    try:
        with write_transaction(), bulk_purchase_writes(len(rows)):
            insert_rows(Purchase, ["customer", "date", "amount_cents"], rows[:10])
            raise RuntimeError("import stopped halfway")
    except RuntimeError:
        pass
    assert summary_problems() == []  # nothing half-added, the triggers still there
    with write_transaction(), bulk_purchase_writes(len(rows)):
        insert_rows(Purchase, ["customer", "date", "amount_cents"], rows)
    _rows, days, customers = _expected()
    assert PurchaseDay.select().count() == len(days) == 500  # days 25 and 150 among them
    assert summary_problems() == []
    add_purchase(ids[0], TODAY, 123456)  # the triggers are back
    assert CustomerPurchase.get_by_id(ids[0]).total_cents == customers[ids[0]][2] + 123456
    assert summary_problems() == []


def test_on_the_demo_figures_stats_and_rfm_are_those_of_the_raw_queries(database):
    """The demo file (its purchases inserted in bulk): Chiffres, stats and RFM as the raw
    queries over every purchase (what rcdesk ran before the summaries) give them."""
    from rcdesk.core.periods import last_12_months
    from rcdesk.services.area_types import DemoOptions
    from rcdesk.services.demo import make_demo

    make_demo(DemoOptions(customers=400, seed=7))
    db = database.db
    assert Purchase.select().count() > 2000  # the bulk path was taken
    assert summary_problems() == []
    raw = _raw_rfm(db)
    assert len(raw) > 100
    assert {cid: (s.recency, s.frequency, s.monetary) for cid, s in rfm_scores().items()} == raw
    for period in (last_12_months(TODAY), Period(None, None),
                   Period(TODAY - timedelta(days=90), TODAY - timedelta(days=30))):
        rows, _days, _customers = _expected()
        buyers, best = _period_expected(rows, period, 10)
        inside = [(c, d, v) for c, d, v in rows
                  if (period.start is None or d >= period.start)
                  and (period.end is None or d <= period.end)]
        for _ in range(2):  # computed and stored, then read back
            figures = customer_figures(period)
            assert figures.buyers == buyers > 0
            assert [(t.customer_id, t.revenue_cents, t.purchases)
                    for t in figures.top_customers] == best
            assert figures.revenue_cents == sum(v for _c, _d, v in inside)
            assert figures.purchases_count == sum(v >= 0 for _c, _d, v in inside)
        assert stats(period)["purchases"] == {
            "count": figures.purchases_count, "revenue": figures.revenue_cents / 100}


def test_a_read_only_base_computes_the_period_without_keeping_it(database, monkeypatch):
    a, b = (Customer.insert(last_name=n).execute() for n in ("Aubert", "Blanc"))
    for cid, cents in ((a, 3000), (b, 7000), (b, -2000)):
        add_purchase(cid, TODAY - timedelta(days=2), cents)
    monkeypatch.setattr(type(database.db), "read_only_reason", "fichier en lecture seule",
                        raising=False)
    period = Period(TODAY - timedelta(days=7), TODAY)
    assert period_buyers(period, 10) == (2, [(b, 5000, 1), (a, 3000, 1)])
    assert PurchasePeriod.select().count() == 0


def test_cli_check_reports_the_summaries_and_rebuild_summaries_repairs_them(tmp_path, capsys):
    import sqlite3

    from rcdesk.cli import main
    from rcdesk.db import close_database, open_database

    db = str(tmp_path / "base.db")
    open_database(db)
    cid = Customer.insert(last_name="Durand").execute()
    add_purchase(cid, TODAY - timedelta(days=1), 2500)
    close_database()
    con = sqlite3.connect(db)
    con.execute("UPDATE customer_purchase SET total_cents = 1")  # as a bug would leave it
    con.commit()
    con.close()
    assert main(["--db", db, "check"]) == 1
    out = capsys.readouterr().out
    assert f"1 client(s) ne correspondent pas à leurs achats (n° {cid}…)" in out
    assert "rcdesk rebuild-summaries" in out
    assert main(["--db", db, "rebuild-summaries"]) == 0
    assert "Résumés des achats refaits" in capsys.readouterr().out
    assert main(["--db", db, "check"]) == 0


def test_a_bulk_insert_leaves_the_other_purchase_triggers_firing(database):
    """The bulk path stops only the summaries' own triggers: the card holders' revenue per day
    and the indicators' cache (models/indicators.py, also kept by triggers on purchase) stay
    exact after a till import of thousands of rows."""
    from rcdesk.models.base import write_transaction
    from rcdesk.models.indicators import LoyaltyHolderDay
    from rcdesk.services.customers.bulk import BULK_PURCHASES, bulk_purchase_writes
    from rcdesk.services.loyalty.cards import issue_card

    ids = _fresh([(1000, 500)] * CUSTOMERS)  # each: 10,00 € 25 days ago, 5,00 € 150 days ago
    holder = ids[0]
    issue_card(holder, TODAY - timedelta(days=400))
    rows = [(ids[i % CUSTOMERS], TODAY - timedelta(days=i % 300), 100 + i % 9)
            for i in range(BULK_PURCHASES + 100)]
    with write_transaction(), bulk_purchase_writes(len(rows)):
        insert_rows(Purchase, ["customer", "date", "amount_cents"], rows)
    expected: Counter = Counter()
    for cid, day, amount in Purchase.select(Purchase.customer, Purchase.date,
                                            Purchase.amount_cents).tuples():
        if cid == holder:
            expected[day] += amount
    kept = {day: cents for day, cents in LoyaltyHolderDay.select(
        LoyaltyHolderDay.day, LoyaltyHolderDay.revenue_cents).tuples() if cents}
    assert kept == {day: cents for day, cents in expected.items() if cents}
    assert sum(kept.values()) == sum(a for c, _d, a in rows if c == holder) + 1500
    assert summary_problems() == []
