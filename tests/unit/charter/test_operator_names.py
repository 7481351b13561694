"""Screens show the operator's name, never the login (readings, attachments, timelines)."""

from datetime import date

from rcdesk.services.charter.commitments import (
    CommitmentInput,
    ReadingInput,
    add_commitment,
    add_reading,
    list_readings,
)
from rcdesk.services.settings import ensure_operator, operator_names, set_current_operator


def test_readings_show_who_recorded_them_by_name(database):
    ensure_operator("zoe.m", "Zoé Müller")
    set_current_operator("zoe.m")
    wait = add_commitment(CommitmentInput("Attente de 5 minutes au plus.", "Attente", "5",
                                          "minutes"))
    add_reading(wait.id, ReadingInput(date(2026, 10, 1), date(2026, 10, 31), "4"))
    assert [r.recorded_by for r in list_readings(wait.id)] == ["Zoé Müller"]
    assert operator_names()["zoe.m"] == "Zoé Müller"


def test_complaint_timeline_and_attachments_show_names(database, tmp_path):
    from rcdesk.services import complaints as cs
    from rcdesk.services.complaints.attachments import add_attachment, list_attachments

    ensure_operator("zoe.m", "Zoé Müller")
    set_current_operator("zoe.m")
    s = cs.register_complaint(cs.ComplaintInput(walk_in_name="Jean Martin",
                                                walk_in_contact="0611223344", description="x"))
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"x" * 100)
    add_attachment(s.id, str(photo))
    assert {e.who for e in cs.get_complaint(s.id).timeline} == {"Zoé Müller"}
    assert [a.who for a in list_attachments(s.id)] == ["Zoé Müller"]
