"""Customer figures (retention, attrition, revenue, basket, top, RFM), stats keys, demo data."""

from datetime import date, datetime, timedelta

import pytest

from rcdesk.core.periods import Period
from rcdesk.models.customers import Customer
from rcdesk.services.customers import (
    CustomerData,
    add_purchase,
    attrition_rate,
    create_customer,
    customer_figures,
    get_customer,
    retention_rate,
    rfm,
    rfm_segments,
    stats,
    update_customer,
)
from rcdesk.services.customers.figures import rate_window, rfm_label
from rcdesk.services.customers.records import status_dates
from rcdesk.services.stats import collect_stats


def test_rates_follow_domain_formulas():
    assert retention_rate(100, 90) == 90.0
    assert attrition_rate(100, 10) == 10.0
    assert retention_rate(3, 2) == 66.67
    assert retention_rate(0, 0) is None and attrition_rate(0, 0) is None


def test_status_dates_record_when_a_client_was_won_and_lost():
    day = date(2026, 3, 1)
    assert status_dates("client", "prospect", None, None, day) == {"client_since": day,
                                                                    "lost_at": None}
    lost = status_dates("ancien client", "client", date(2020, 1, 1), None, day)
    assert lost == {"client_since": date(2020, 1, 1), "lost_at": day}


def _clients(n: int, since: date, lost_at=None) -> list[int]:
    rows = [dict(last_name=f"Client {i}", status="ancien client" if lost_at else "client",
                 client_since=since, lost_at=lost_at, sort_name=f"client {i}") for i in range(n)]
    Customer.insert_many(rows).execute()
    return [c.id for c in Customer.select(Customer.id).order_by(Customer.id.desc()).limit(n)]


def test_retention_100_at_start_90_still_at_end(database):
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    _clients(90, date(2024, 6, 1))
    _clients(10, date(2024, 6, 1), lost_at=date(2025, 5, 10))
    _clients(5, date(2023, 1, 1), lost_at=date(2024, 12, 1))  # lost before: not at start
    _clients(7, date(2025, 3, 1))  # won during the period: not at start
    figures = customer_figures(Period(start, end))
    assert (figures.customers_at_start, figures.still_at_end, figures.lost) == (100, 90, 10)
    assert figures.retention_rate_pct == 90.0
    assert figures.attrition_rate_pct == 10.0
    assert figures.by_status == {"prospect": 0, "client": 97, "ancien client": 15}
    keys = stats(Period(start, end))
    assert keys["customers"]["retention_rate_pct"] == 90.0
    assert keys["customers"]["attrition_rate_pct"] == 10.0
    assert keys["customers"]["count"] == 112


@pytest.mark.parametrize("end,start", [
    (date(2026, 11, 29), date(2025, 11, 30)),
    (date(2028, 2, 29), date(2027, 3, 1)),  # leap day: from the day after 28/02/2027
    (date(2024, 3, 1), date(2023, 3, 2)),  # the window holds 29/02/2024: 366 days
])
def test_open_rate_window_is_the_12_months_up_to_its_end(end, start):
    assert rate_window(None, end) == (start, end)
    assert rate_window(date(2026, 1, 1), end) == (date(2026, 1, 1), end)


def test_retention_over_the_last_12_months_counts_from_the_day_after_a_year_ago(database):
    """Today 29/11/2026: the window starts 30/11/2025; a client won on 29/11/2025 was one at
    the start, one lost on 29/11/2025 was already gone, one lost on 30/11/2025 is lost in it."""
    _clients(1, date(2025, 11, 29))
    _clients(1, date(2025, 11, 30))  # won on the first day: not a client at the start
    _clients(1, date(2020, 1, 1), lost_at=date(2025, 11, 29))
    _clients(1, date(2020, 1, 1), lost_at=date(2025, 11, 30))
    figures = customer_figures(Period(None, date(2026, 11, 29)))
    assert (figures.start, figures.end) == (date(2025, 11, 30), date(2026, 11, 29))
    assert (figures.customers_at_start, figures.still_at_end, figures.lost) == (2, 1, 1)
    assert figures.retention_rate_pct == 50.0 and figures.attrition_rate_pct == 50.0


def test_status_change_through_update_counts_as_lost(database):
    cid = create_customer(CustomerData(last_name="Dupont", status="client"))
    Customer.update(client_since=date.today() - timedelta(days=400)).execute()
    data = get_customer(cid)
    data.status = "ancien client"
    update_customer(cid, data)
    figures = customer_figures(Period(date.today() - timedelta(days=30), date.today()))
    assert (figures.customers_at_start, figures.lost, figures.attrition_rate_pct) == (1, 1, 100.0)


def test_revenue_frequency_basket_and_top_customers(database):
    a = create_customer(CustomerData(last_name="Dupont", first_name="Hélène"))
    b = create_customer(CustomerData(kind="professionnel", company_name="Durand SA"))
    for day, cents in ((date(2026, 1, 5), 10000), (date(2026, 2, 5), 5000),
                       (date(2026, 3, 5), 15000)):
        add_purchase(a, day, cents)
    add_purchase(b, date(2026, 2, 1), 60000)
    add_purchase(b, date(2025, 2, 1), 99900)  # outside the period
    figures = customer_figures(Period(date(2026, 1, 1), date(2026, 6, 30)))
    assert (figures.purchases_count, figures.revenue_cents, figures.buyers) == (4, 90000, 2)
    assert figures.revenue_per_customer_cents == 45000
    assert figures.purchase_frequency == 2.0
    assert figures.average_basket_cents == 22500
    assert [(t.name, t.revenue_cents, t.purchases) for t in figures.top_customers] == [
        ("Durand SA", 60000, 1), ("Hélène Dupont", 30000, 3)]
    keys = stats(Period(date(2026, 1, 1), date(2026, 6, 30)))
    assert keys["purchases"] == {"count": 4, "revenue": 900.0}
    assert get_customer(a).status == "client"  # a prospect who buys becomes a client


def test_rfm_quintiles(database):
    today = date.today()
    ids = []
    for i in range(10):
        cid = create_customer(CustomerData(last_name=f"Client {i}"))
        ids.append(cid)
        for k in range(i + 1):  # customer i: i+1 purchases, the latest i*30 days ago... reversed
            add_purchase(cid, today - timedelta(days=(9 - i) * 30 + k), 1000 * (i + 1))
    scores = rfm(ids[9]), rfm(ids[0])
    assert (scores[0].recency, scores[0].frequency, scores[0].monetary) == (5, 5, 5)
    assert scores[0].label == "Champions"
    assert (scores[1].recency, scores[1].frequency, scores[1].monetary) == (1, 1, 1)
    assert scores[1].label == "Perdus"
    assert rfm_segments()[ids[9]] == "Champions (R5F5M5)"
    assert len(rfm_segments()) == 10


@pytest.mark.parametrize("r, f, m, label", [(5, 5, 5, "Champions"), (3, 4, 1, "Fidèles"),
                                            (5, 1, 1, "Nouveaux"), (1, 4, 4, "À risque"),
                                            (2, 1, 5, "Perdus"), (3, 1, 2, "À développer")])
def test_rfm_labels(r, f, m, label):
    assert rfm_label(r, f, m) == label


def test_demo_makes_a_consistent_file(database):
    import random

    from faker import Faker

    from rcdesk.models.customers import Interaction, Purchase
    from rcdesk.services.area_types import DemoOptions
    from rcdesk.services.customers import CustomerQuery, count_customers
    from rcdesk.services.customers.demo import populate as populate_demo

    fake = Faker("fr_FR")
    fake.seed_instance(7)
    populate_demo(fake, random.Random(7), DemoOptions(customers=200, seed=7))
    assert Customer.select().count() == 200
    assert Purchase.select().count() > 1000
    assert Interaction.select().count() > 50
    assert not Purchase.select().join(Customer).where(Customer.status == "prospect").exists()
    assert count_customers(CustomerQuery(text=Customer.get_by_id(17).last_name)) >= 1
    new = create_customer(CustomerData(last_name="Après la démo"))
    assert new == 201
    whole = collect_stats(Period())
    assert whole["customers"]["count"] == 201
    assert whole["purchases"]["count"] == Purchase.select().count()
    cents = sum(p.amount_cents for p in Purchase.select(Purchase.amount_cents))
    assert whole["purchases"]["revenue"] == cents / 100
    assert Customer.select().where(Customer.last_contact > datetime.now()).count() == 0


def test_demo_customers_pass_validation_when_edited(database):
    import random

    from faker import Faker

    from rcdesk.services.area_types import DemoOptions
    from rcdesk.services.customers import validate_customer
    from rcdesk.services.customers.demo import populate as populate_demo

    fake = Faker("fr_FR")
    fake.seed_instance(3)
    populate_demo(fake, random.Random(3), DemoOptions(customers=150, seed=3))
    for customer in Customer.select(Customer.id):
        data = get_customer(customer.id)
        assert validate_customer(data).phone == data.phone
