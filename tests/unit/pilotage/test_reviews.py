"""Indicator reviews: kept with their lines and decisions, a decision opens a PAQ action, the
next review lists the previous decisions with their actions' progress, the printed review."""

from datetime import date

import pytest
from pypdf import PdfReader

from rcdesk.core.errors import ValidationError
from rcdesk.core.indicators import AMBER
from rcdesk.core.periods import Period
from rcdesk.models.actions import QualityAction
from rcdesk.models.pilotage import IndicatorReview, ReviewDecision
from rcdesk.reports.pilotage_review import write_review_report
from rcdesk.services import actions
from rcdesk.services.pilotage.reviews import (
    DecisionInput,
    ReviewInput,
    get_review,
    previous_review,
    save_review,
)
from rcdesk.services.pilotage.targets import set_target
from tests.unit.pilotage.conftest import add_complaints, add_purchases

Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))


def _first_review(customer):
    add_complaints(customer, date(2026, 3, 10), 10)
    add_purchases(customer, date(2026, 3, 12), 500)
    set_target("complaints.rate_pct", "1,9", 2026)
    return save_review(ReviewInput(
        date(2026, 4, 3), Q1, "Zoé Müller, Marc", "Trimestre chargé",
        {"complaint_rate": "Lot de verres fêlés"},
        [DecisionInput("Contrôler les verres à réception", "complaints.rate_pct", True,
                       "Marc", date(2026, 5, 1)),
         DecisionInput("Présenter les chiffres à l'équipe")]))


def test_review_keeps_lines_and_opens_a_paq_action(company, customer):
    review = _first_review(customer)
    rate = next(line for line in review.lines if line.indicator == "complaint_rate")
    assert (rate.value, rate.target, rate.status, rate.comment) == (
        2.0, 1.9, AMBER, "Lot de verres fêlés")
    first, second = review.decisions
    assert second.action_id is None
    action = actions.get_action(first.action_id)
    assert (action.origin, action.action, action.pilot, action.planned_date) == (
        "revue d'indicateurs", "Contrôler les verres à réception", "Marc", date(2026, 5, 1))
    assert action.nc.startswith("Indicateur « Taux de réclamation (%) »")


def test_next_review_lists_previous_decisions_with_progress(company, customer):
    review = _first_review(customer)
    action_id = review.decisions[0].action_id
    data = actions.ActionInput(origin="revue d'indicateurs", nc="x", action="Contrôler",
                               pilot="Marc", planned_date=date(2026, 5, 1),
                               progress_pct=60)
    actions.update_action(action_id, data)
    previous = previous_review(date(2026, 7, 2), today=date(2026, 7, 2))
    assert previous.id == review.id
    assert [(d.text, d.action_progress, d.action_overdue) for d in previous.decisions] == [
        ("Contrôler les verres à réception", 60, True),  # due 1 May, 60 % on 2 July
        ("Présenter les chiffres à l'équipe", None, False)]
    assert previous_review(date(2026, 4, 3)) is None  # held that day: not "before"


def test_bad_review_saves_nothing(company, customer):
    bad = [
        ReviewInput(None, Q1, "Zoé"),
        ReviewInput(date(2026, 4, 3), Period(date(2026, 3, 1), date(2026, 2, 1)), "Zoé"),
        ReviewInput(date(2026, 4, 3), Q1, "  "),
        ReviewInput(date(2026, 4, 3), Q1, "Zoé", decisions=[
            DecisionInput("Bonne décision", create_action=True, pilot="Marc"),
            DecisionInput("   ")]),
        ReviewInput(date(2026, 4, 3), Q1, "Zoé", decisions=[  # an action needs its pilot
            DecisionInput("Bonne décision"), DecisionInput("Autre", create_action=True)]),
        ReviewInput(date(2026, 4, 3), Q1, "Zoé", decisions=[DecisionInput("x", "inconnu")]),
    ]
    for data in bad:
        with pytest.raises(ValidationError):
            save_review(data)
    assert IndicatorReview.select().count() == ReviewDecision.select().count() == 0
    assert QualityAction.select().count() == 0


def test_printed_review_lists_previous_decisions_and_indicators(company, customer, tmp_path):
    review = _first_review(customer)
    path = write_review_report(tmp_path / "revue.pdf", Q1, today=date(2026, 4, 3))
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Revue d'indicateurs" in text
    assert "Zoé Müller, Marc" in text
    assert "Taux de réclamation (%)" in text and "2 %" in text and "1,9 %" in text
    assert "Contrôler les verres à réception" in text
    assert f"action n° {review.decisions[0].action_id} : 0 %" in text
    assert get_review(review.id).participants == "Zoé Müller, Marc"


def test_a_decision_says_where_its_action_stands_the_same_on_screen_and_on_paper():
    from rcdesk.services.pilotage.review_store import Decision

    def decision(action_id=7, progress=40, overdue=False, result=""):
        return Decision(1, 1, date(2026, 10, 5), "nps", "Relancer", action_id, progress,
                        overdue, result)

    assert decision(action_id=None, progress=None).progress_text() == "sans action"
    assert decision(progress=None).progress_text() == "action n° 7 supprimée"
    assert decision().progress_text() == "action n° 7 : 40 %"
    assert (decision(progress=100, overdue=True, result="NC").progress_text()
            == "action n° 7 : 100 %, efficacité NC — en retard")
