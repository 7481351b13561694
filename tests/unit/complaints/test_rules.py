"""Pure complaint rules: the status table, lateness, rates and numbers (no database)."""

from datetime import date

import pytest

from rcdesk.services.complaints.rules import (
    ALLOWED_MOVES,
    CHANNELS,
    COMPENSATIONS,
    FINAL_STATUSES,
    OPEN_STATUSES,
    REOPEN_TO,
    RESATISFACTION,
    SEVERITIES,
    SOON_WORKING_DAYS,
    STATUSES,
    TYPES,
    complaint_rate,
    due_state,
    format_number_label,
    granted_days,
    loss_rate,
)

TUESDAY = date(2026, 11, 24)
FRIDAY = date(2026, 11, 27)


def test_the_seven_statuses_in_the_order_of_the_process():
    assert STATUSES == ("Reçue", "Qualifiée", "En traitement", "En attente du client",
                        "Réponse envoyée", "Clôturée", "Non recevable")
    assert FINAL_STATUSES == ("Clôturée", "Non recevable")
    assert OPEN_STATUSES == ("Reçue", "Qualifiée", "En traitement", "En attente du client")
    assert REOPEN_TO == "En traitement"


def test_the_sixteen_allowed_moves_and_no_other():
    assert ALLOWED_MOVES == {
        "Reçue": {"Qualifiée", "En attente du client", "Non recevable"},
        "Qualifiée": {"En traitement", "Réponse envoyée", "En attente du client",
                      "Non recevable"},
        "En traitement": {"Réponse envoyée", "En attente du client", "Non recevable"},
        "En attente du client": {"Reçue", "Qualifiée", "En traitement"},
        "Réponse envoyée": {"Clôturée", "En traitement", "En attente du client"},
        "Clôturée": set(),
        "Non recevable": set(),
    }
    assert sum(len(moves) for moves in ALLOWED_MOVES.values()) == 16


def test_closed_and_rejected_are_terminal_for_moves():
    for status in FINAL_STATUSES:
        assert ALLOWED_MOVES[status] == set()
    # nothing leads back to "Reçue" but the pause, nothing but the answer to "Clôturée"
    assert [s for s, moves in ALLOWED_MOVES.items() if "Reçue" in moves] == [
        "En attente du client"]
    assert [s for s, moves in ALLOWED_MOVES.items() if "Clôturée" in moves] == [
        "Réponse envoyée"]


def test_vocabularies_of_the_seed():
    assert CHANNELS == ("comptoir", "téléphone", "courrier", "e-mail", "fax", "site web",
                        "réseaux sociaux")
    assert TYPES == ("bonne foi", "mauvaise foi", "faute du vendeur", "à déterminer")
    assert SEVERITIES == ("faible", "moyenne", "élevée", "critique")
    assert COMPENSATIONS == ("aucune", "remboursement partiel", "échange",
                             "prestation complémentaire", "réduction", "geste commercial")
    assert RESATISFACTION == ("oui", "non", "sans réponse")


@pytest.mark.parametrize("status", ["Reçue", "Qualifiée", "En traitement"])
@pytest.mark.parametrize("due, expected", [
    (date(2026, 11, 23), "late"),  # yesterday
    (TUESDAY, "soon"),  # due today: not late yet
    (date(2026, 11, 25), "soon"),  # tomorrow: one working day
    (date(2026, 11, 26), "ok"),  # two working days
])
def test_open_complaint_is_late_soon_or_ok(status, due, expected):
    assert due_state(status, due, None, TUESDAY, "FR") == expected


def test_soon_is_one_working_day_not_one_calendar_day():
    assert SOON_WORKING_DAYS == 1
    # Friday -> Monday is one working day: soon; Friday -> Tuesday two: ok
    assert due_state("Reçue", date(2026, 11, 30), None, FRIDAY, "FR") == "soon"
    assert due_state("Reçue", date(2026, 12, 1), None, FRIDAY, "FR") == "ok"
    # seen on a Saturday, due Monday: one working day away
    assert due_state("Reçue", date(2026, 11, 30), None, date(2026, 11, 28), "FR") == "soon"
    # Tuesday 10/11 -> Thursday 12/11: 11/11 is a holiday in France only
    assert due_state("Reçue", date(2026, 11, 12), None, date(2026, 11, 10), "FR") == "soon"
    assert due_state("Reçue", date(2026, 11, 12), None, date(2026, 11, 10), "MA") == "ok"


@pytest.mark.parametrize("status", ["Réponse envoyée", "Clôturée", "Non recevable"])
def test_answered_closed_or_rejected_is_never_late(status):
    assert due_state(status, date(2026, 1, 5), None, TUESDAY, "FR") == "ok"
    assert due_state(status, TUESDAY, None, TUESDAY, "FR") == "ok"


def test_without_due_date_nothing_is_late():
    assert due_state("Reçue", None, None, TUESDAY, "FR") == "ok"
    assert due_state("En attente du client", None, date(2026, 11, 2), TUESDAY, "FR") == "ok"


def test_paused_clock_compares_with_the_day_the_pause_began():
    waiting = "En attente du client"
    # due before today, but the clock stopped earlier: not late, and never "soon"
    assert due_state(waiting, date(2026, 11, 20), date(2026, 11, 19), TUESDAY, "FR") == "ok"
    assert due_state(waiting, date(2026, 11, 19), date(2026, 11, 19), TUESDAY, "FR") == "ok"
    assert due_state(waiting, TUESDAY, TUESDAY, TUESDAY, "FR") == "ok"
    assert due_state(waiting, date(2026, 11, 25), TUESDAY, TUESDAY, "FR") == "ok"
    # already late when the pause began
    assert due_state(waiting, date(2026, 11, 18), date(2026, 11, 19), TUESDAY, "FR") == "late"
    # not paused (paused_on None): the usual rule
    assert due_state(waiting, date(2026, 11, 23), None, TUESDAY, "FR") == "late"
    assert due_state(waiting, date(2026, 11, 25), None, TUESDAY, "FR") == "soon"


def test_complaint_rate_seed_example_and_fractions():
    assert complaint_rate(10, 500) == 2.0  # the seed: 10 complaints, 500 transactions
    assert complaint_rate(1, 3) == pytest.approx(33.333333, abs=1e-6)  # not truncated to 33
    assert complaint_rate(2, 3) == pytest.approx(66.666667, abs=1e-6)
    assert complaint_rate(7, 8) == 87.5
    assert complaint_rate(3, 2) == 150.0
    assert complaint_rate(0, 40) == 0.0


def test_complaint_rate_without_transactions_is_none():
    assert complaint_rate(3, 0) is None
    assert complaint_rate(3, None) is None
    assert complaint_rate(0, 0) is None


def test_loss_rate_seed_example_and_fractions():
    assert loss_rate(5_000, 200_000) == 2.5  # the seed: 5 000 of cost for 200 000 of revenue
    assert loss_rate(500_000, 20_000_000) == 2.5  # the same in cents
    assert loss_rate(1, 3) == pytest.approx(33.333333, abs=1e-6)
    assert loss_rate(1, 8) == 12.5
    assert loss_rate(0, 100) == 0.0
    assert loss_rate(10, 0) is None
    assert loss_rate(10, None) is None


@pytest.mark.parametrize("year, sequence, label", [
    (2026, 1, "REC-2026-0001"), (2026, 7, "REC-2026-0007"), (2025, 123, "REC-2025-0123"),
    (2026, 9999, "REC-2026-9999"), (2026, 10000, "REC-2026-10000"),
])
def test_number_label_has_four_digits_at_least(year, sequence, label):
    assert format_number_label(year, sequence) == label


def test_granted_days_count_working_days_from_receipt_to_due_date():
    assert granted_days(date(2026, 11, 20), FRIDAY, "FR") == 5  # Friday to Friday
    assert granted_days(FRIDAY, date(2026, 11, 30), "FR") == 1  # Friday to Monday
    assert granted_days(date(2026, 11, 2), date(2026, 11, 17), "FR") == 10  # 11/11 is off
    assert granted_days(TUESDAY, TUESDAY, "FR") == 0
    # a due date typed before the receipt grants nothing, never a negative delay
    assert granted_days(FRIDAY, TUESDAY, "FR") == 0
    assert granted_days(FRIDAY, date(2026, 11, 26), "FR") == 0
