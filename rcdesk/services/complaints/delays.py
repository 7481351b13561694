"""The answer delays stored on the complaints (complaint.answer_working_days).

rules.answer_working_days is the one rule; its result is stored so that a period's figures are
one SQL aggregate instead of a Python pass over every complaint. The column is NULL until filled
here: a trigger (schema step 15) resets it whenever the reception date, the answer date or the
days waited change, and when the company's country (its holidays) changes. Readers never trust
a NULL: complaint_indicators computes the missing ones itself, so the figures are right even on
a database opened for reading only."""

from __future__ import annotations

from rcdesk.db import read_only_reason
from rcdesk.models.base import uncounted_writes, without_lock_wait, write_transaction
from rcdesk.models.complaints import Complaint
from rcdesk.services.complaints.rules import answer_working_days
from rcdesk.services.settings import get_company

BATCH = 500


def missing_delays(period_condition=None) -> list[tuple]:
    """(id, received_on, answer_date, waited_days) of the answered complaints whose delay is
    not stored (within period_condition when given)."""
    cond = Complaint.answer_date.is_null(False) & Complaint.answer_working_days.is_null()
    if period_condition is not None:
        cond &= period_condition
    return list(Complaint.select(Complaint.id, Complaint.received_on, Complaint.answer_date,
                                 Complaint.waited_days).where(cond).tuples())


def compute_delays(rows: list[tuple]) -> dict[int, int]:
    """id -> delay of missing_delays() rows, by the one rule, with the company's holidays."""
    country = get_company().country
    return {cid: answer_working_days(received, answered, waited or 0, country)
            for cid, received, answered, waited in rows}


def fill_delays() -> int:
    """Compute and store every missing delay (when the database writes); returns how many.
    Read and written in one write transaction: no change slips between the two. Storing a
    derived value changes no figure, so it does not count as a write of the data."""
    if read_only_reason() is not None:
        return 0
    with without_lock_wait(), uncounted_writes(), write_transaction(Complaint):
        delays = compute_delays(missing_delays())
        by_value: dict[int, list[int]] = {}
        for cid, days in delays.items():
            by_value.setdefault(days, []).append(cid)
        for days, ids in by_value.items():
            for start in range(0, len(ids), BATCH):
                Complaint.update(answer_working_days=days).where(
                    Complaint.id.in_(ids[start:start + BATCH])).execute()
    return len(delays)
