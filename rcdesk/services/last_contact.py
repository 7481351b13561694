"""« Dernier contact » of a customer: the latest contact any area holds with him.

Each area says its own (`Area.last_contacts`: interactions and the date an imported customers
file gave, complaints received, answered or closed with the customer asked, survey answers).
Recording a contact moves « Dernier contact » forward at once (customers' `touch_last_contact`
and `touch_last_contacts`, called by the area that records it); taking one back (an interaction
deleted or re-dated, a survey response deleted, a complaint given to another customer) may
move it back, to the latest contact left in
any area: that is recomputed here, above the areas, by asking every one of them. The use cases
below are the ones the screens call: the area's own write, then the recompute, in one
transaction."""

from __future__ import annotations

from datetime import datetime

from rcdesk.models.base import write_transaction
from rcdesk.models.complaints import Complaint
from rcdesk.models.customers import Customer
from rcdesk.services import areas
from rcdesk.services.complaints import ComplaintInput
from rcdesk.services.complaints import edit_complaint as complaints_edit
from rcdesk.services.customers import (
    InteractionData,
    correct_interaction,
    remove_interaction,
    set_last_contacts,
)
from rcdesk.services.surveys import campaigns


def latest_contacts(customer_ids: list[int]) -> dict[int, datetime | None]:
    """Each customer's latest contact over every area (None: no contact recorded anywhere)."""
    latest: dict[int, datetime | None] = dict.fromkeys(customer_ids)
    for area in areas.AREAS:
        for cid, at in area.last_contacts(list(latest)).items():
            if cid in latest and at is not None and (latest[cid] is None or latest[cid] < at):
                latest[cid] = at
    return latest


def recompute_last_contacts(customer_ids: list[int]) -> None:
    """Set each customer's « Dernier contact » to the latest contact every area holds (in the
    caller's transaction)."""
    ids = [cid for cid in dict.fromkeys(customer_ids) if cid is not None]
    if ids:
        set_last_contacts(latest_contacts(ids))


def update_interaction(interaction_id: int, data: InteractionData) -> None:
    """Correct an interaction (customers' rules); « Dernier contact » follows, back too."""
    with write_transaction(Customer):
        recompute_last_contacts([correct_interaction(interaction_id, data)])


def delete_interaction(interaction_id: int) -> None:
    """Delete an interaction (the customer's history keeps a line); « Dernier contact » becomes
    the latest contact left in any area."""
    with write_transaction(Customer):
        recompute_last_contacts([remove_interaction(interaction_id)])


def delete_response(response_id: int) -> None:
    """Delete a survey response; its customer's « Dernier contact » is recomputed."""
    with write_transaction(Customer):
        recompute_last_contacts([campaigns.delete_response(response_id)])


def edit_complaint(complaint_id: int, data: ComplaintInput, comment: str = "",
                   **options) -> list[str]:
    """Correct what a complaint's intake recorded (complaints' `edit_complaint`, same options).
    Given to another customer (a namesake), it no longer counts as a contact of the first one:
    his « Dernier contact » is recomputed; the new one's moved forward already."""
    with write_transaction(Customer):
        before = Complaint.select(Complaint.customer).where(
            Complaint.id == complaint_id).scalar()
        changed = complaints_edit(complaint_id, data, comment, **options)
        if before is not None and before != data.customer_id:
            recompute_last_contacts([before])
    return changed
