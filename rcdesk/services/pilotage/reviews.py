"""Indicator reviews (revue d'indicateurs): each indicator of a period against its target, a
comment, decisions that may open a PAQ action; the next review starts from those decisions."""

from __future__ import annotations

from rcdesk.core.periods import Period
from rcdesk.services import indicators as registry
from rcdesk.services.pilotage.dashboard import DashboardRow, dashboard
from rcdesk.services.pilotage.review_store import (  # noqa: F401 - callers read them here
    ORIGIN,
    Decision,
    DecisionInput,
    Line,
    Review,
    ReviewInput,
    delete_review,
    get_review,
    list_reviews,
    previous_review,
    review_of_period,
    store_review,
)


def save_review(data: ReviewInput, rows: list[DashboardRow] | None = None) -> Review:
    """Keep a review (review_store.store_review) with the registry's indicators: rows is the
    dashboard the user looked at, recomputed for the review's period when None."""
    period = data.period
    if rows is None:  # a review without a valid period is refused before any computation
        valid = (period is not None and period.start is not None and period.end is not None
                 and period.start <= period.end)
        rows = dashboard(period) if valid else []
    return store_review(data, rows, registry.definitions())


def lines_of_period(period: Period, comments: dict[str, str] | None = None) -> list[Line]:
    """The indicators of period as a review would keep them (nothing saved)."""
    comments = comments or {}
    return [Line(r.indicator, r.label, r.unit, r.value, r.previous, r.target, r.status,
                 comments.get(r.indicator, "")) for r in dashboard(period)]
