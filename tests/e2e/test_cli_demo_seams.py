"""The demonstration base as a user meets it through the CLI: `demo`, `check`, `stats --json`
and `dashboard --json` agree with each other across every area."""

import json

import pytest

from rcdesk.cli import main


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


def test_stats_has_every_new_area_with_real_values(demo_db, capsys):
    stats = _json(capsys, "--db", demo_db, "stats", "--json")
    campaigns = stats["satisfaction"]["campaigns"]
    assert len(campaigns) >= 4
    assert all(c["responses"] > 0 and c["nps"] is not None for c in campaigns)
    assert stats["loyalty"]["active_cards"] > 0 and stats["loyalty"]["points_outstanding"] > 0
    pilotage = stats["pilotage"]
    assert pilotage["targets"] > 0 and pilotage["reviews"] == 2
    assert pilotage["journey_steps"] > 0 and pilotage["comm_plan_budget"] > 0


def test_dashboard_uses_stats_keys_same_numbers_and_real_statuses(demo_db, capsys):
    stats = _json(capsys, "--db", demo_db, "stats", "--json")
    rows = {r["key"]: r for r in _json(capsys, "--db", demo_db, "dashboard", "--json")}
    # a stats key that measures the same thing is the dashboard's key, not a second name
    assert "loyalty.active_cards" in rows and "loyalty_active_cards" not in rows
    assert "loyalty.points_outstanding" in rows
    for key in ("loyalty.active_cards", "loyalty.points_outstanding"):
        area, _, name = key.partition(".")
        assert rows[key]["value"] == stats[area][name], key  # both as of today
    # satisfaction and loyalty come with a value and a status measured against a target
    for key in ("nps", "satisfaction_mean", "loyalty.active_cards", "loyalty_revenue_share",
                "loyalty_voucher_use"):
        assert rows[key]["value"] is not None, key
        assert rows[key]["target"] is not None, key
        assert rows[key]["status"] in ("vert", "orange", "rouge"), key
