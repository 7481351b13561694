"""« Dernier contact » of a customer: the latest contact any area holds with him.

Each area says its own (`Area.last_contacts`: interactions and the date an imported customers
file gave, complaints received, answered or closed with the customer asked, survey answers).
Recording a contact moves « Dernier contact » forward at once (customers' `touch_last_contact`
and `touch_last_contacts`, called by the area that records it); taking one back (an interaction
deleted or re-dated, a survey response deleted, a complaint given to another customer) may
move it back, to the latest contact left in
any area (also a campaign deleted with its responses, a complaint's answer re-dated earlier):
that is recomputed here, above the areas, by asking every one of them. The use cases
below are the ones the screens call: the area's own write, then the recompute, in one
transaction."""

from __future__ import annotations

from datetime import datetime

from rcdesk.models.base import write_transaction
from rcdesk.models.complaints import Complaint
from rcdesk.models.customers import Customer
from rcdesk.models.surveys import SurveyResponse
from rcdesk.services import areas
from rcdesk.services.complaints import AnswerInput, ComplaintInput
from rcdesk.services.complaints import close as complaints_close
from rcdesk.services.complaints import edit_complaint as complaints_edit
from rcdesk.services.complaints import record_answer as complaints_answer
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


def delete_campaign(campaign_id: int) -> int:
    """Delete a survey campaign with its responses; their customers' « Dernier contact » is
    recomputed (an answer that no longer exists is no contact). Returns the responses gone."""
    with write_transaction(Customer):
        asked = [cid for (cid,) in SurveyResponse.select(SurveyResponse.customer).where(
            (SurveyResponse.campaign == campaign_id) & SurveyResponse.customer.is_null(False))
            .distinct().tuples()]
        count = campaigns.delete_campaign(campaign_id)
        recompute_last_contacts(asked)
    return count


def _answer_day(complaint_id: int):
    return Complaint.select(Complaint.customer, Complaint.answer_date).where(
        Complaint.id == complaint_id).tuples().first()


def _recompute_if_answer_went_back(before, complaint_id: int) -> None:
    after = _answer_day(complaint_id)
    if before and after and before[1] is not None and (after[1] is None or after[1] < before[1]):
        recompute_last_contacts([before[0]])


def record_answer(complaint_id: int, data: AnswerInput, **options) -> None:
    """Record or correct a complaint's answer (complaints' rules); an answer re-dated earlier
    gives its customer back the latest contact left."""
    with write_transaction(Customer):
        before = _answer_day(complaint_id)
        complaints_answer(complaint_id, data, **options)
        _recompute_if_answer_went_back(before, complaint_id)


def close_complaint(complaint_id: int, answer_date, resatisfied: str, comment: str = "") -> None:
    """Close a complaint (complaints' rules); its answer date corrected earlier at closing
    gives its customer back the latest contact left."""
    with write_transaction(Customer):
        before = _answer_day(complaint_id)
        complaints_close(complaint_id, answer_date, resatisfied, comment)
        _recompute_if_answer_went_back(before, complaint_id)


def recompute_every_customer() -> None:
    """Every customer's « Dernier contact » set from every area (a demo base, a repair)."""
    ids = [cid for (cid,) in Customer.select(Customer.id).tuples()]
    with write_transaction(Customer):
        for start in range(0, len(ids), 2000):
            recompute_last_contacts(ids[start:start + 2000])


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
