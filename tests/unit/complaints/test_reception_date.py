"""The day a complaint arrived, typed at intake: its delay and its state count from that day."""

from __future__ import annotations

from datetime import date, datetime

from rcdesk.core.workdays import add_working_days
from rcdesk.models.complaints import Complaint
from rcdesk.services import complaints as cs


def _input() -> cs.ComplaintInput:
    return cs.ComplaintInput(walk_in_name="Jean Martin", walk_in_contact="06 11 22 33 44",
                             channel="courrier", description="Facture erronée")


def test_letter_received_friday_keyed_monday_is_due_five_working_days_after_friday(
        database):
    keyed = datetime(2026, 11, 30, 8, 15)
    saved = cs.register_complaint(_input(), received_at=keyed, received_on=date(2026, 11, 27))
    row = Complaint.get_by_id(saved.id)
    assert row.received_on == date(2026, 11, 27)
    assert row.received_at == keyed  # when it was keyed stays known
    assert row.due_date == date(2026, 12, 4)  # Friday 27 + 5 working days
    assert row.due_date == add_working_days(date(2026, 11, 27), 5, "FR")
    assert (saved.received_on, saved.due_date) == (date(2026, 11, 27), date(2026, 12, 4))
    detail = cs.get_complaint(saved.id)
    assert detail.granted_days == 5
    # late from the day after the due date, whatever day it was keyed
    assert cs.due_state(row.status, row.due_date, None, date(2026, 12, 7), "FR") == "late"
    assert cs.due_state(row.status, row.due_date, None, date(2026, 12, 4), "FR") != "late"
