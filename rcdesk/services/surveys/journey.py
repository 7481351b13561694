"""The customer journey step of survey criteria (parcours client): the satisfaction of the
criteria attached to each step, counted, renamed.

Which steps exist is pilotage's list; its journey map reads the figures here."""

from __future__ import annotations

from peewee import fn

from rcdesk.core.periods import Period
from rcdesk.models.surveys import SurveyAnswer, SurveyQuestion, SurveyResponse
from rcdesk.services.surveys.area import _audience_ids, _in_period
from rcdesk.services.surveys.questionnaires import CRITERION


def satisfaction_by_step(period: Period) -> dict[str, tuple[float, int]]:
    """step -> (mean satisfaction of its criteria as a % of each question's scale, answers),
    customers' answers of the period; the same formula as the « satisfaction moyenne des
    critères » indicator. Steps without an answer are absent ("" = criteria without step)."""
    ids = _audience_ids("clients")
    if not ids:
        return {}
    rows = (SurveyAnswer.select(SurveyQuestion.journey_step, SurveyQuestion.scale_min,
                                SurveyQuestion.scale_max, SurveyAnswer.value,
                                fn.COUNT(SurveyAnswer.id))
            .join(SurveyQuestion).switch(SurveyAnswer).join(SurveyResponse)
            .where((SurveyQuestion.kind == CRITERION) & SurveyAnswer.value.is_null(False)
                   & SurveyResponse.campaign.in_(ids) & _in_period(period))
            .group_by(SurveyQuestion.journey_step, SurveyQuestion.scale_min,
                      SurveyQuestion.scale_max, SurveyAnswer.value)
            .tuples())
    sums: dict[str, list[float]] = {}
    for step, low, high, value, count in rows:
        total = sums.setdefault(step or "", [0.0, 0])
        total[0] += count * (value - low) / (high - low)
        total[1] += count
    return {step: (share * 100.0 / n, int(n)) for step, (share, n) in sums.items() if n}


def step_usage(step: str) -> int:
    """How many survey criteria carry this step."""
    return SurveyQuestion.select().where(SurveyQuestion.journey_step == step).count()


def rename_journey_step(old: str, new: str) -> int:
    """Criteria of step `old` move to `new` (in the caller's transaction); returns how many."""
    return SurveyQuestion.update(journey_step=new).where(
        SurveyQuestion.journey_step == old).execute()


def set_criteria_steps(by_label: dict[str, str]) -> int:
    """Criteria (of every questionnaire) named like a key of by_label get its step: what the
    demonstration does for the shop's criteria. Returns how many changed."""
    changed = 0
    for label, step in by_label.items():
        changed += SurveyQuestion.update(journey_step=step).where(
            (SurveyQuestion.kind == CRITERION) & (SurveyQuestion.label == label)).execute()
    return changed


def set_criterion_step(questionnaire_id: int, number: int, step: str) -> str:
    """The criterion at position `number` (1-based) of the questionnaire gets `step` ("" none);
    allowed once answered (the step changes no answer). Returns the criterion's label."""
    from rcdesk.core.errors import ServiceError

    rows = list(SurveyQuestion.select().where(SurveyQuestion.questionnaire == questionnaire_id)
                .order_by(SurveyQuestion.position))
    if not 1 <= number <= len(rows):
        raise ServiceError(f"Le questionnaire n° {questionnaire_id} n'a pas de question "
                           f"n° {number} ({len(rows)} question(s)).")
    row = rows[number - 1]
    if row.kind != CRITERION:
        raise ServiceError(f"La question n° {number} (« {row.label} ») n'est pas un critère : "
                           "seuls les critères se rattachent à une étape du parcours.")
    SurveyQuestion.update(journey_step=step).where(SurveyQuestion.id == row.id).execute()
    return row.label
