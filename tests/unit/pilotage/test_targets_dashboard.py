"""Yearly targets, the status rule, manual readings shared with the charter, the dashboard."""

from datetime import date

import pytest

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.indicators import AMBER, AT_LEAST, AT_MOST, GREEN, GREY, RED, status
from rcdesk.core.periods import Period
from rcdesk.models.charter import CommitmentReading
from rcdesk.models.pilotage import IndicatorTarget
from rcdesk.services.charter.commitments import CommitmentInput, add_commitment, list_readings
from rcdesk.services.indicators import clear_cache
from rcdesk.services.pilotage.dashboard import dashboard, last_months, sparkline
from rcdesk.services.pilotage.targets import add_reading, list_targets, set_target
from rcdesk.services.stats import collect_stats
from tests.unit.pilotage.conftest import add_complaints, add_purchases

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def test_status_green_amber_red_grey_around_ten_percent_of_the_target():
    assert status(95.0, 95.0, AT_LEAST) == GREEN
    assert status(86.0, 95.0, AT_LEAST) == AMBER  # missed by 9, 10 % of 95 is 9.5
    assert status(85.0, 95.0, AT_LEAST) == RED  # missed by 10 > 9.5
    assert status(5.4, 5.0, AT_MOST) == AMBER  # 0.4 over, 10 % of 5 is 0.5
    assert status(5.5, 5.0, AT_MOST) == RED  # exactly 10 % over: not "less than"
    assert status(4.0, 5.0, AT_MOST) == GREEN
    assert status(None, 5.0, AT_MOST) == GREY  # no data: never a fake 0
    assert status(4.0, None, AT_MOST) == GREY  # no target


def test_target_refused_outside_its_unit_and_nothing_saved(company):
    with pytest.raises(ValidationError, match="dépasser 100"):
        set_target("complaints.answered_in_time_pct", "120", 2026)
    with pytest.raises(ValidationError, match="incompatible"):
        set_target("complaints.mean_answer_working_days", "95 %", 2026)
    with pytest.raises(ValidationError, match="pas un nombre"):
        set_target("complaints.rate_pct", "beaucoup", 2026)
    with pytest.raises(ValidationError, match="obligatoire"):
        set_target("complaints.rate_pct", "", 2026)
    with pytest.raises(ValidationError, match="négative"):
        set_target("complaints.received", "-3", 2026)
    with pytest.raises(ValidationError, match="Indicateur inconnu"):
        set_target("complaints.nope", "3", 2026)
    with pytest.raises(ValidationError, match="Année"):
        set_target("complaints.rate_pct", "2", 3000)
    assert IndicatorTarget.select().count() == 0


def test_target_set_by_stats_key_or_registry_key_replaces_the_year(company):
    set_target("complaints.rate_pct", "2,5 %", 2026)
    set_target("complaint_rate", 1.9, 2026)  # the registry's key names the same indicator
    set_target("complaint_rate", 3, 2025)
    assert [(t.public_key, t.year, t.value, t.unit, t.direction) for t in list_targets()] == [
        ("complaints.rate_pct", 2025, 3.0, "%", AT_MOST),
        ("complaints.rate_pct", 2026, 1.9, "%", AT_MOST)]
    assert [t.year for t in list_targets(2026)] == [2026]


def test_dashboard_value_is_the_stats_number_with_its_status(company, customer):
    # the seed's example: 10 complaints for 500 transactions -> 2 %
    add_complaints(customer, date(2026, 3, 10), 10)
    add_purchases(customer, date(2026, 3, 12), 500)
    add_complaints(customer, date(2026, 2, 10), 2)  # previous period (February)
    add_purchases(customer, date(2026, 2, 12), 100)
    set_target("complaints.rate_pct", "1,9", 2026)  # at most 1.9: missed by 0.1 < 0.19
    rows = {r.key: r for r in dashboard(MARCH)}
    rate = rows["complaints.rate_pct"]
    assert (rate.value, rate.previous, rate.year_before, rate.target, rate.status) == (
        2.0, 2.0, None, 1.9, AMBER)
    assert rate.as_json() == {"key": "complaints.rate_pct", "label": "Taux de réclamation (%)",
                              "unit": "%", "value": 2.0, "previous": 2.0, "year_before": None,
                              "target": 1.9, "status": "orange"}
    figures = collect_stats(MARCH)
    assert rows["complaints.received"].value == figures["complaints"]["received"] == 10
    assert rate.value == figures["complaints"]["rate_pct"]
    set_target("complaints.rate_pct", "1,5", 2026)
    clear_cache()
    assert {r.key: r for r in dashboard(MARCH)}["complaints.rate_pct"].status == RED
    received = rows["complaints.received"]
    assert (received.target, received.status) == (None, GREY)


def test_manual_indicator_readings_are_the_charters_own(company):
    commitment = add_commitment(CommitmentInput("Nous décrochons en moins de 30 secondes.",
                                                indicator="Délai de décroché", target="0,5",
                                                unit="minutes"))
    key = f"engagement_{commitment.id}"
    add_reading(key, "0,4", date(2026, 3, 5))
    add_reading(key, "0,8", date(2026, 3, 20))
    with pytest.raises(ValidationError, match="négative"):
        add_reading(key, "-1", date(2026, 3, 21))
    with pytest.raises(ValidationError, match="calculé"):
        add_reading("complaints.rate_pct", "2", date(2026, 3, 21))
    with pytest.raises(ValidationError):
        add_reading(key, "0,4", date(2026, 3, 5))  # same day twice
    # one set of readings: what the dashboard reads is what the charter lists
    assert [r.value for r in list_readings(commitment.id)] == [0.8, 0.4]
    assert CommitmentReading.select().count() == 2
    set_target(key, "0,56", 2026)  # mean 0.6: over by 0.04 < 10 % of 0.56
    row = {r.key: r for r in dashboard(MARCH)}[key]
    assert (row.label, row.unit, round(row.value, 2), row.status) == (
        "Délai de décroché", "minutes", 0.6, AMBER)
    months = sparkline(key, date(2026, 4, 15))
    assert [p.start.month for p, _ in months][-3:] == [2, 3, 4]
    assert [v for _, v in months][-3:] == [None, pytest.approx(0.6), None]


def test_last_months_cut_the_current_month_at_the_end_day():
    months = last_months(date(2026, 2, 15), 3)
    assert [(m.start, m.end) for m in months] == [
        (date(2025, 12, 1), date(2025, 12, 31)), (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 15))]


def test_reading_of_unknown_key_refused(company):
    with pytest.raises((ValidationError, ServiceError), match="inconnu"):
        add_reading("engagement_999", "3", date(2026, 3, 1))


def test_a_read_only_common_table_expression_does_not_empty_the_caches(database):
    from rcdesk.models.base import database_proxy, write_generation

    before = write_generation()
    database_proxy.obj.execute_sql('WITH "per" AS (SELECT 1 AS x) SELECT x FROM "per"')
    assert write_generation() == before
    database_proxy.obj.execute_sql('CREATE TEMPORARY TABLE "scratch" (x INTEGER)')
    database_proxy.obj.execute_sql('WITH "per" AS (SELECT 1 AS x) INSERT INTO "scratch" '
                                   'SELECT x FROM "per"')
    assert write_generation() == before + 2


def test_no_paq_action_is_zero_overdue_on_the_dashboard_as_in_stats(company):
    """A count: 0 overdue among 0 actions is 0 (a true 0, so it meets a target of 0), the same
    number `stats` gives; the « no data » of rates with an empty denominator is not for it."""
    from datetime import timedelta

    from rcdesk.services.actions import ActionInput, create_action

    today = date.today()
    year = Period(date(today.year, 1, 1), today)
    set_target("actions.overdue", "0", today.year)
    row = {r.key: r for r in dashboard(year)}["actions.overdue"]
    assert (row.value, row.status) == (0.0, GREEN)
    assert collect_stats(year)["actions"] == {"count": 0, "overdue": 0}
    # one action planned ten days ago and not done: overdue today
    create_action(ActionInput(origin="audit", nc="Accueil", action="Former l'équipe",
                              pilot="Ahmed", planned_date=today - timedelta(days=10)))
    clear_cache()
    row = {r.key: r for r in dashboard(year)}["actions.overdue"]
    assert row.value == collect_stats(year)["actions"]["overdue"] == 1
    assert row.status == RED
