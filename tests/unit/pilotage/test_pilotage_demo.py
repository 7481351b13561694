"""`rcdesk demo`'s pilotage: targets of the year, two reviews (the second after the first's
decisions), a journey with contact points and complaints on it, the year's plan."""

from datetime import date, timedelta

import pytest

from rcdesk.core.periods import Period
from rcdesk.models.complaints import Complaint
from rcdesk.models.pilotage import ContactPoint, IndicatorReview
from rcdesk.models.surveys import (
    Questionnaire,
    SurveyAnswer,
    SurveyCampaign,
    SurveyQuestion,
    SurveyResponse,
)
from rcdesk.services.area_types import DemoOptions
from rcdesk.services.demo import make_demo
from rcdesk.services.pilotage.comm_plan import plan_of_year
from rcdesk.services.pilotage.journey import journey_map, list_steps
from rcdesk.services.pilotage.reviews import get_review, list_reviews, previous_review
from rcdesk.services.pilotage.targets import list_targets


def test_demo_fills_the_pilotage_tab(database):
    make_demo(DemoOptions(customers=120, seed=5))
    year = date.today().year
    targets = {t.public_key: t.value for t in list_targets(year)}
    assert targets["complaints.answered_in_time_pct"] == 90.0
    assert targets["complaints.mean_answer_working_days"] == 4.0
    [(second_id, second_on, *_), (first_id, first_on, *_)] = list_reviews()
    assert IndicatorReview.select().count() == 2 and first_on < second_on
    first, second = get_review(first_id), get_review(second_id)
    assert [d.action_progress for d in first.decisions] == [100, 40, None]
    assert {d.action_id is not None for d in second.decisions} == {True}
    assert previous_review(second.held_on).id == first.id  # what the second one went through
    labels = {line.label for line in second.lines}
    assert "Réclamations répondues sous 5 jours ouvrés (%)" in labels
    assert any(line.unit == "minutes" for line in second.lines)  # the charter's manual ones
    steps = {s.name: s for s in list_steps()}
    assert [c.name for c in steps["livraison"].contacts] == ["livreur", "SMS"]
    assert steps["livraison"].moment_of_truth
    assert ContactPoint.select().count() == 14  # 1 or 2 on each of the 8 steps
    on_journey = Complaint.select().where(Complaint.journey_step.in_(list(steps))).count()
    assert on_journey == Complaint.select().count() > 0
    # the shop's criteria sit on their steps: the year's map shows their satisfaction
    stepped = {q.label: q.journey_step for q in SurveyQuestion.select().where(
        SurveyQuestion.journey_step != "")}
    assert stepped["Attente en caisse"] == "commande" and stepped["Prix"] == "devis"
    period = Period(date(date.today().year - 1, 1, 1), date.today())
    year_map = {m.step.name: m for m in journey_map(period).steps}
    # the step's satisfaction: its criteria's customer answers of the period, each as a
    # share of its question's scale, averaged (recomputed here answer by answer)
    answers = [(a.value - q.scale_min) / (q.scale_max - q.scale_min) for a, q in (
        (a, a.question) for a in SurveyAnswer.select().join(SurveyQuestion).switch(SurveyAnswer)
        .join(SurveyResponse).join(SurveyCampaign).join(Questionnaire).where(
            (SurveyQuestion.journey_step == "devis") & (SurveyQuestion.kind == "critère")
            & SurveyAnswer.value.is_null(False) & (Questionnaire.audience == "clients")
            & SurveyResponse.answered_at.between(period.start, date.today() + timedelta(1))))]
    assert answers and year_map["devis"].satisfaction_answers == len(answers)
    assert year_map["devis"].satisfaction == pytest.approx(100 * sum(answers) / len(answers))
    assert year_map["livraison"].satisfaction is None  # no criterion on it
    plan = plan_of_year(year)
    assert (len(plan.rows), plan.budget_cents, plan.spent_cents) == (5, 595000, 480000)
