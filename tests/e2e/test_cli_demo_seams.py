"""The demonstration base as a user meets it through the CLI: `demo`, `check`, `stats --json`
and `dashboard --json` agree with each other across every area."""

import json
import sqlite3
from datetime import date

import pytest

from rcdesk.cli import main
from rcdesk.services.indicators import definitions


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert main(["--db", str(path), "demo"]) == 0
    return str(path)


def _json(capsys, *args):
    capsys.readouterr()
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_demo_base_passes_check(demo_db, capsys):
    capsys.readouterr()
    assert main(["--db", demo_db, "check"]) == 0
    assert "Aucun problème" in capsys.readouterr().out


def _sql(path, query, *params):
    """The oracle: the same figure read straight from the file with sqlite3."""
    con = sqlite3.connect(path)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def test_stats_has_every_new_area_with_real_values(demo_db, capsys):
    stats = _json(capsys, "--db", demo_db, "stats", "--json")
    today = date.today().isoformat()
    campaigns = stats["satisfaction"]["campaigns"]
    assert len(campaigns) >= 4
    for c in campaigns:
        # responses and the NPS of each campaign, recomputed from the raw answers:
        # NPS = % of 9-10 minus % of 0-6 (DOMAIN.md), categories counted here by hand
        assert c["responses"] == _sql(demo_db, "SELECT COUNT(*) FROM survey_response "
                                      "WHERE campaign_id = ?", c["id"])[0][0], c["title"]
        scores = [v for (v,) in _sql(
            demo_db, "SELECT a.value FROM survey_answer a JOIN survey_question q ON "
            "a.question_id = q.id JOIN survey_response r ON a.response_id = r.id WHERE "
            "r.campaign_id = ? AND q.kind = 'nps' AND a.value IS NOT NULL", c["id"])]
        assert scores, c["title"]
        promoters = sum(1 for v in scores if v >= 9)
        detractors = sum(1 for v in scores if v <= 6)
        assert (c["promoters"], c["detractors"]) == (promoters, detractors), c["title"]
        assert c["passives"] == len(scores) - promoters - detractors
        assert c["nps"] == round((promoters - detractors) * 100 / len(scores), 1)
    loyalty = stats["loyalty"]
    active = _sql(demo_db, "SELECT COUNT(*) FROM loyalty_card WHERE status != 'blocked' AND "
                  "expires_on >= ?", today)[0][0]
    assert active > 0 and loyalty["active_cards"] == active
    # the points outstanding are the ledger's sum over the live cards (never a typed number)
    ledger = _sql(demo_db, "SELECT COALESCE(SUM(l.points), 0) FROM loyalty_ledger l JOIN "
                  "loyalty_card c ON l.card_id = c.id WHERE c.status != 'blocked'")[0][0]
    assert ledger > 0 and loyalty["points_outstanding"] == ledger
    pilotage = stats["pilotage"]
    year = date.today().year
    assert pilotage["targets"] == _sql(demo_db, "SELECT COUNT(*) FROM indicator_target WHERE "
                                       "year = ?", year)[0][0] > 0
    assert pilotage["reviews"] == 2
    assert pilotage["journey_steps"] == _sql(demo_db, "SELECT COUNT(*) FROM journey_step")[0][0]
    budget = _sql(demo_db, "SELECT COALESCE(SUM(budget_cents), 0) FROM comm_plan_row WHERE "
                  "year = ?", year)[0][0]
    assert budget > 0 and pilotage["comm_plan_budget"] == budget / 100


def _expected_status(value, target, direction):
    """The issue's rule written out again: green when met, amber when missed by less than
    10 % of the target, red otherwise."""
    gap = (target - value) if direction == "min" else (value - target)
    if gap <= 1e-9:
        return "vert"
    return "orange" if gap < 0.1 * abs(target) else "rouge"


def test_dashboard_uses_stats_keys_same_numbers_and_real_statuses(demo_db, capsys):
    stats = _json(capsys, "--db", demo_db, "stats", "--json")
    # the demo's year of surveys (its four quarters start the same month a year ago) rather
    # than the default year so far: in January that holds no shop survey, so no criteria
    today = date.today()
    since = date(today.year - 1, today.month, 1).strftime("%d/%m/%Y")
    rows = {r["key"]: r for r in _json(capsys, "--db", demo_db, "dashboard", "--json",
                                       "--from", since)}
    # a stats key that measures the same thing is the dashboard's key, not a second name
    assert "loyalty.active_cards" in rows and "loyalty_active_cards" not in rows
    assert "loyalty.points_outstanding" in rows
    for key in ("loyalty.active_cards", "loyalty.points_outstanding"):
        area, _, name = key.partition(".")
        assert rows[key]["value"] == stats[area][name], key  # both as of today
    public_to_registry = {d.public_key: d.key for d in definitions().values()}
    directions = dict(_sql(demo_db, "SELECT indicator, direction FROM indicator_target WHERE "
                           "year = ?", date.today().year))
    # satisfaction and loyalty come with a value and a status measured against a target
    for key in ("nps", "satisfaction_mean", "loyalty.active_cards", "loyalty_revenue_share",
                "loyalty_voucher_use"):
        row = rows[key]
        assert row["value"] is not None and row["target"] is not None, key
        registry_key = public_to_registry[key]
        assert row["status"] == _expected_status(row["value"], row["target"],
                                                 directions[registry_key]), key
    # without a target the status is grey, never a made-up colour
    for row in rows.values():
        if row["target"] is None:
            assert row["status"] == "gris", row["key"]


def test_every_customer_s_last_contact_is_the_latest_any_area_holds(demo_db):
    """The demo's complaints and survey answers are inserted in bulk: each customer's
    « Dernier contact » is still the latest contact over every area, as for real records
    (otherwise deleting an interaction later would jump it forward by years)."""
    from rcdesk.db import close_database, open_database
    from rcdesk.models.customers import Customer
    from rcdesk.services.areas import AREAS
    from rcdesk.services.last_contact import latest_contacts

    open_database(demo_db)
    try:
        stored = dict(Customer.select(Customer.id, Customer.last_contact).tuples())
        latest = latest_contacts(list(stored))
        assert stored == latest
        by_area = {area.key: area.last_contacts(list(stored)) for area in AREAS}
        # complaints and survey answers do set some customers' last contact
        for key in ("complaints", "satisfaction"):
            assert any(latest[cid] == at for cid, at in by_area[key].items()), key
    finally:
        close_database()
