"""GDPR erasure of the complaints of anonymised customers: only anonymous statistics remain."""

from __future__ import annotations

from pathlib import Path

from rcdesk.core.errors import ServiceError
from rcdesk.models.base import utcnow
from rcdesk.models.complaints import Complaint, ComplaintAttachment, ComplaintEvent
from rcdesk.services.complaints.attachments import stored_path
from rcdesk.services.settings import current_operator

ERASED_EVENT = "Données personnelles effacées (anonymisation RGPD du client)"
# Cleared: what identifies or describes the person. Kept: number, dates, channel, product,
# place, category, type, founded, severity, entity, status, compensation and its cost,
# re-satisfaction (the indicators of every period stay the same).
_BLANK = dict(walk_in_name="", walk_in_contact="", description="", expectation="",
              answer_text="")


def anonymise_complaints(customer_ids: list[int]) -> list[Path]:
    """Blank the personal text of these customers' complaints and their timeline comments,
    delete their attachments (the stored file too unless another complaint uses the same
    content). Runs inside the GDPR erasure's transaction (services/gdpr.py walks the areas).
    Returns the stored files to delete once that transaction is committed: only files inside
    the attachments folder (stored_path); a row naming another path loses its row, never a
    file elsewhere (it is logged, without the name)."""
    ids = [cid for (cid,) in Complaint.select(Complaint.id).where(
        Complaint.customer.in_(list(customer_ids))).tuples()]
    if not ids:
        return []
    now, who = utcnow(), current_operator()
    Complaint.update(**_BLANK, updated_at=now, version=Complaint.version + 1).where(
        Complaint.id.in_(ids)).execute()
    ComplaintEvent.update(comment="").where(ComplaintEvent.complaint.in_(ids)).execute()
    # the file names said in the timeline go with the files
    ComplaintEvent.update(what="Pièce jointe ajoutée (effacée)").where(
        ComplaintEvent.complaint.in_(ids)
        & ComplaintEvent.what.startswith("Pièce jointe ajoutée")).execute()
    stored = {name for (name,) in ComplaintAttachment.select(ComplaintAttachment.stored_name)
              .where(ComplaintAttachment.complaint.in_(ids)).tuples()}
    ComplaintAttachment.delete().where(ComplaintAttachment.complaint.in_(ids)).execute()
    ComplaintEvent.insert_many([{"complaint": cid, "at": now, "who": who, "what": ERASED_EVENT,
                                 "comment": ""} for cid in ids]).execute()
    still_used = {name for (name,) in ComplaintAttachment.select(
        ComplaintAttachment.stored_name).where(
        ComplaintAttachment.stored_name.in_(list(stored))).tuples()} if stored else set()
    files = []
    for name in sorted(stored - still_used):
        try:
            files.append(stored_path(name))
        except ServiceError:
            continue  # refused and logged by stored_path: nothing outside the folder goes
    return files


def customers_kept_by_complaints(customer_ids: list[int], since) -> set[int]:
    """Those of customer_ids that a purge must not propose: a complaint still open (the
    answer is owed to them), or one received or answered on or after since (a contact
    within the delay, even when « Dernier contact » was not kept up to date)."""
    from rcdesk.services.complaints.rules import OPEN_STATUSES

    kept: set[int] = set()
    ids = list(customer_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        kept |= {cid for (cid,) in Complaint.select(Complaint.customer).where(
            Complaint.customer.in_(chunk)
            & (Complaint.status.in_(OPEN_STATUSES) | (Complaint.received_on >= since)
               | (Complaint.answer_date >= since))).distinct().tuples()}
    return kept
