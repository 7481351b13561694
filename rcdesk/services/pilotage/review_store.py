"""Indicator reviews kept: validation and storage of a review for the indicator rows and
definitions handed in (reviews.py hands in the registry's), decisions opening PAQ actions,
reading reviews back. Registry-free, so the pilotage demo can use it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from rcdesk.core.dates import validate_date_range
from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.indicators import IndicatorDef
from rcdesk.core.periods import Period
from rcdesk.core.text import clean_text
from rcdesk.models.base import write_transaction
from rcdesk.models.pilotage import IndicatorReview, ReviewDecision, ReviewLine
from rcdesk.services import actions
from rcdesk.services.pilotage.board import DashboardRow
from rcdesk.services.settings import current_operator

ORIGIN = "revue d'indicateurs"  # the origin of the PAQ actions a review opens
MAX_TEXT = 5000


@dataclass
class DecisionInput:
    text: str
    indicator: str = ""  # the registry or stats key it is about ("" for a general decision)
    create_action: bool = False  # open a PAQ action (origin « revue d'indicateurs »)
    pilot: str = ""
    planned_date: date | None = None


@dataclass
class ReviewInput:
    held_on: date | None
    period: Period
    participants: str = ""
    comments: str = ""
    line_comments: dict[str, str] = field(default_factory=dict)  # indicator key -> comment
    decisions: list[DecisionInput] = field(default_factory=list)


@dataclass(frozen=True)
class Decision:
    id: int
    review_id: int
    held_on: date
    indicator: str
    text: str
    action_id: int | None
    action_progress: int | None  # % of its PAQ action (None: no action, or deleted since)
    action_overdue: bool
    action_result: str  # C / NC / ""

    def progress_text(self) -> str:
        """Where its PAQ action stands, as the review page and its PDF both say it."""
        if self.action_id is None:
            return "sans action"
        if self.action_progress is None:
            return f"action n° {self.action_id} supprimée"
        text = f"action n° {self.action_id} : {self.action_progress} %"
        if self.action_result:
            text += f", efficacité {self.action_result}"
        if self.action_overdue:
            text += " — en retard"
        return text


@dataclass(frozen=True)
class Line:
    indicator: str
    label: str
    unit: str
    value: float | None
    previous: float | None
    target: float | None
    status: str
    comment: str

    @property
    def trend(self) -> float | None:
        """value − previous (None when either is missing)."""
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass(frozen=True)
class Review:
    id: int
    held_on: date
    period: Period
    participants: str
    comments: str
    created_by: str
    lines: list[Line]
    decisions: list[Decision]


def _text(value: str, name: str, label: str) -> str:
    text = clean_text(value or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError(name, f"{label} dépasse {MAX_TEXT} caractères.")
    return text


def _validate(data: ReviewInput, definitions: dict[str, IndicatorDef]
              ) -> tuple[dict, list[tuple[str, str, DecisionInput]]]:
    if not isinstance(data.held_on, date) or isinstance(data.held_on, datetime):
        raise ValidationError("held_on", "La date de la revue est obligatoire (JJ/MM/AAAA).")
    validate_date_range(data.held_on, "held_on")
    period = data.period
    if period is None or period.start is None or period.end is None:
        raise ValidationError("period", "Choisissez la période revue (début et fin).")
    validate_date_range(period.start, "period")
    validate_date_range(period.end, "period")
    if period.end < period.start:
        raise ValidationError("period", "La fin de la période précède son début.")
    participants = _text(data.participants, "participants", "La liste des participants")
    if not participants:
        raise ValidationError("participants", "Indiquez les participants de la revue.")
    decisions = []
    for number, decision in enumerate(data.decisions, start=1):
        text = _text(decision.text, "decisions", f"La décision {number}")
        if not text:
            raise ValidationError("decisions", f"La décision {number} est vide.")
        key = ""
        if decision.indicator:
            found = next((d for d in definitions.values()
                          if decision.indicator in (d.key, d.stats_key)), None)
            if found is None:
                raise ValidationError("decisions", f"Décision {number} : indicateur inconnu "
                                                   f"« {decision.indicator} ».")
            key = found.key
        if decision.planned_date is not None:
            validate_date_range(decision.planned_date, "decisions")
        if decision.create_action:
            try:  # the actions area's own rule, checked before anything is written
                actions.validate_action(_action_input(key, text, decision, data.held_on,
                                                      definitions))
            except ValidationError as exc:
                raise ValidationError("decisions", f"Décision {number} : {exc.message}") from None
        decisions.append((key, text, decision))
    comments = {k: _text(v, "line_comments", "Un commentaire")
                for k, v in data.line_comments.items()}
    return ({"held_on": data.held_on, "period_start": period.start, "period_end": period.end,
             "participants": participants,
             "comments": _text(data.comments, "comments", "Le commentaire général"),
             "line_comments": comments}, decisions)


def _action_input(key: str, text: str, decision: DecisionInput, held_on: date,
                  definitions: dict[str, IndicatorDef]) -> actions.ActionInput:
    label = definitions[key].label if key in definitions else key
    nc = ((f"Indicateur « {label} » : " if key else "")
          + f"décision de la revue du {held_on.strftime('%d/%m/%Y')}")
    return actions.ActionInput(origin=ORIGIN, nc=nc, action=text, pilot=decision.pilot,
                               planned_date=decision.planned_date)


def store_review(data: ReviewInput, rows: list[DashboardRow],
                 definitions: dict[str, IndicatorDef]) -> Review:
    """Keep a review: the indicators of its period as they stand (rows), the comments, the
    decisions; a decision asking for it opens a PAQ action through the actions area, in the
    same transaction (all or nothing). definitions: what a decision may be about."""
    values, decisions = _validate(data, definitions)
    comments = values.pop("line_comments")
    with write_transaction(IndicatorReview, ReviewLine, ReviewDecision):
        review = IndicatorReview.create(**values, created_by=current_operator())
        for row in rows:
            ReviewLine.create(review=review.id, indicator=row.indicator, label=row.label[:255],
                              unit=row.unit, value=row.value, previous=row.previous,
                              target=row.target, status=row.status,
                              comment=comments.get(row.indicator, comments.get(row.key, "")))
        for key, text, decision in decisions:
            action_id = None
            if decision.create_action:
                action_id = actions.create_action(
                    _action_input(key, text, decision, data.held_on, definitions))
            ReviewDecision.create(review=review.id, indicator=key, text=text, action=action_id)
    return get_review(review.id)


def _decisions(review_ids: list[int], today: date) -> list[Decision]:
    if not review_ids:
        return []
    held = dict(IndicatorReview.select(IndicatorReview.id, IndicatorReview.held_on)
                .where(IndicatorReview.id.in_(review_ids)).tuples())
    rows = list(ReviewDecision.select().where(ReviewDecision.review.in_(review_ids))
                .order_by(ReviewDecision.review, ReviewDecision.id))
    result = []
    for row in rows:
        progress, overdue, outcome = None, False, ""
        if row.action_id is not None:
            try:
                action = actions.get_action(row.action_id)
            except ServiceError:
                action = None
            if action is not None:
                progress, outcome = action.progress_pct, action.effect_result
                overdue = actions.is_overdue(action.planned_date, action.progress_pct,
                                             action.check_date, action.effect_result, today)
        result.append(Decision(row.id, row.review_id, held[row.review_id], row.indicator,
                               row.text, row.action_id, progress, overdue, outcome))
    return result


def get_review(review_id: int, today: date | None = None) -> Review:
    row = IndicatorReview.get_or_none(IndicatorReview.id == review_id)
    if row is None:
        raise ServiceError("Cette revue n'existe plus.")
    lines = [Line(r.indicator, r.label, r.unit, r.value, r.previous, r.target, r.status,
                  r.comment)
             for r in ReviewLine.select().where(ReviewLine.review == review_id)
             .order_by(ReviewLine.id)]
    return Review(row.id, row.held_on, Period(row.period_start, row.period_end),
                  row.participants, row.comments, row.created_by, lines,
                  _decisions([row.id], today or date.today()))


def list_reviews() -> list[tuple[int, date, Period, str]]:
    """(id, held on, period, participants), the most recent first."""
    return [(i, held, Period(start, end), who) for i, held, start, end, who in
            IndicatorReview.select(IndicatorReview.id, IndicatorReview.held_on,
                                   IndicatorReview.period_start, IndicatorReview.period_end,
                                   IndicatorReview.participants)
            .order_by(IndicatorReview.held_on.desc(), IndicatorReview.id.desc()).tuples()]


def previous_review(before: date, today: date | None = None) -> Review | None:
    """The last review held before `before` (what the next review starts by going through)."""
    row = (IndicatorReview.select(IndicatorReview.id).where(IndicatorReview.held_on < before)
           .order_by(IndicatorReview.held_on.desc(), IndicatorReview.id.desc()).first())
    return get_review(row.id, today) if row else None


def review_of_period(period: Period) -> Review | None:
    """The last review kept for exactly this period, if any."""
    row = (IndicatorReview.select(IndicatorReview.id)
           .where((IndicatorReview.period_start == period.start)
                  & (IndicatorReview.period_end == period.end))
           .order_by(IndicatorReview.held_on.desc(), IndicatorReview.id.desc()).first())
    return get_review(row.id) if row else None


def delete_review(review_id: int) -> None:
    """Remove a review, its lines and decisions (the PAQ actions it opened stay in the plan)."""
    with write_transaction(IndicatorReview):
        IndicatorReview.delete().where(IndicatorReview.id == review_id).execute()
