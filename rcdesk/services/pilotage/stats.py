"""The pilotage keys of `rcdesk stats --json`."""

from __future__ import annotations

from datetime import date

from rcdesk.core.periods import Period
from rcdesk.models.pilotage import CommPlanRow, IndicatorReview, IndicatorTarget, JourneyStep


def stats(period: Period) -> dict:
    """pilotage.targets (of the period's end year), reviews held in the period, journey steps,
    communication plan actions and budget (of the end year, in currency units)."""
    year = (period.end or date.today()).year
    reviews = IndicatorReview.select()
    if period.start is not None:
        reviews = reviews.where(IndicatorReview.held_on >= period.start)
    if period.end is not None:
        reviews = reviews.where(IndicatorReview.held_on <= period.end)
    plan = CommPlanRow.select().where(CommPlanRow.year == year)
    return {"pilotage": {
        "year": year,
        "targets": IndicatorTarget.select().where(IndicatorTarget.year == year).count(),
        "reviews": reviews.count(),
        "journey_steps": JourneyStep.select().count(),
        "comm_plan_actions": plan.count(),
        "comm_plan_budget": sum(r.budget_cents for r in plan) / 100,
        "comm_plan_spent": sum(r.spent_cents for r in plan) / 100,
    }}
