"""GDPR erasure of the complaints of anonymised customers: only anonymous statistics remain."""

from __future__ import annotations

from rcdesk.core.errors import ServiceError
from rcdesk.models.base import utcnow
from rcdesk.models.complaints import Complaint, ComplaintAttachment, ComplaintEvent
from rcdesk.paths import attachments_dir
from rcdesk.services.settings import current_operator

ERASED_EVENT = "Données personnelles effacées (anonymisation RGPD du client)"
# Cleared: what identifies or describes the person. Kept: number, dates, channel, product,
# place, category, type, founded, severity, entity, status, compensation and its cost,
# re-satisfaction (the indicators of every period stay the same).
_BLANK = dict(walk_in_name="", walk_in_contact="", description="", expectation="",
              answer_text="")


def anonymise_complaints(customer_ids: list[int]) -> int:
    """Blank the personal text of these customers' complaints and their timeline comments,
    delete their attachments (the stored file too unless another complaint uses the same
    content). Runs inside the customers' anonymisation transaction (ANONYMISE_HOOKS).
    Returns the number of complaints erased."""
    ids = [cid for (cid,) in Complaint.select(Complaint.id).where(
        Complaint.customer.in_(list(customer_ids))).tuples()]
    if not ids:
        return 0
    now, who = utcnow(), current_operator()
    Complaint.update(**_BLANK, updated_at=now).where(Complaint.id.in_(ids)).execute()
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
    folder = attachments_dir()
    for name in sorted(stored - still_used):  # last, once every row is written
        try:
            (folder / name).unlink(missing_ok=True)
        except OSError as exc:
            raise ServiceError(f"La pièce jointe « {name} » ne peut pas être effacée "
                               f"({exc.strerror}) : anonymisation annulée.") from exc
    return len(ids)
