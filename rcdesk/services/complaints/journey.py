"""The customer journey step of complaints (parcours client): set, counted, renamed.

Which steps exist is pilotage's list; it validates a name before calling here."""

from __future__ import annotations

from collections import Counter
from datetime import date

from peewee import JOIN, fn

from rcdesk.core.periods import Period
from rcdesk.models.base import write_transaction
from rcdesk.models.complaints import Complaint, ComplaintCategory, ComplaintEvent
from rcdesk.services.complaints.indicators import UNQUALIFIED
from rcdesk.services.settings import current_operator


def set_journey_step(complaint_id: int, step: str) -> None:
    """Record the step a complaint arose at ("" clears it); the timeline says so."""
    from rcdesk.core.errors import ServiceError
    from rcdesk.models.base import utcnow

    with write_transaction(Complaint):
        row = Complaint.get_or_none(Complaint.id == complaint_id)
        if row is None:
            raise ServiceError("Cette réclamation n'existe plus.")
        if row.journey_step == step:
            return
        # a form opened before sees the change (its save from the old version is refused)
        Complaint.update(journey_step=step, version=Complaint.version + 1).where(
            Complaint.id == complaint_id).execute()
        ComplaintEvent.create(complaint=complaint_id, at=utcnow(), who=current_operator(),
                              what=f"Étape du parcours : {step or 'non renseignée'}", comment="")


def step_figures(period: Period) -> dict[str, tuple[int, Counter]]:
    """step -> (complaints received in period, their count per category) ("" = no step)."""
    query = (Complaint.select(Complaint.journey_step, ComplaintCategory.name,
                              fn.COUNT(Complaint.id))
             .join(ComplaintCategory, JOIN.LEFT_OUTER,
                   on=(Complaint.category == ComplaintCategory.id)))
    if period.start is not None:
        query = query.where(Complaint.received_on >= period.start)
    if period.end is not None:
        query = query.where(Complaint.received_on <= period.end)
    result: dict[str, tuple[int, Counter]] = {}
    for step, category, count in query.group_by(Complaint.journey_step,
                                                ComplaintCategory.name).tuples():
        total, categories = result.get(step, (0, Counter()))
        categories[category or UNQUALIFIED] += count
        result[step] = (total + count, categories)
    return result


def step_usage(step: str) -> int:
    """How many complaints carry this step."""
    return Complaint.select().where(Complaint.journey_step == step).count()


def rename_journey_step(old: str, new: str) -> int:
    """Complaints of step `old` move to `new` (in the caller's transaction); returns how many."""
    return Complaint.update(journey_step=new, version=Complaint.version + 1).where(
        Complaint.journey_step == old).execute()


def complaints_of_step(step: str, period: Period) -> list[tuple[int, str, date]]:
    """(id, number, received on) of the complaints of a step in the period, newest first."""
    query = Complaint.select(Complaint.id, Complaint.number, Complaint.received_on).where(
        Complaint.journey_step == step)
    if period.start is not None:
        query = query.where(Complaint.received_on >= period.start)
    if period.end is not None:
        query = query.where(Complaint.received_on <= period.end)
    return list(query.order_by(Complaint.received_on.desc()).tuples())


def assign_steps(ids_by_step: dict[str, list[int]]) -> None:
    """Set the step of many complaints at once, without timeline lines (demo data, imports)."""
    with write_transaction(Complaint):
        for step, ids in ids_by_step.items():
            for start in range(0, len(ids), 500):
                Complaint.update(journey_step=step).where(
                    Complaint.id.in_(ids[start:start + 500])).execute()


def ids_by_category() -> dict[str, list[int]]:
    """Category name ("" unqualified) -> complaint ids (demo data spreads them on the journey)."""
    result: dict[str, list[int]] = {}
    query = (Complaint.select(Complaint.id, ComplaintCategory.name)
             .join(ComplaintCategory, JOIN.LEFT_OUTER,
                   on=(Complaint.category == ComplaintCategory.id)).order_by(Complaint.id))
    for cid, name in query.tuples():
        result.setdefault(name or "", []).append(cid)
    return result
