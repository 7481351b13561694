"""Reading one complaint's row and naming its customer: what the workflow and the detail share."""

from __future__ import annotations

from rcdesk.core.errors import ServiceError
from rcdesk.models.base import for_update
from rcdesk.models.complaints import Complaint
from rcdesk.services.customers.search import display_name


def customer_display(first_name: str, last_name: str, company_name: str, kind: str) -> str:
    """The customer's name as the customers area shows it (its rule, display_name)."""
    return display_name(first_name, last_name, company_name, kind)


def load_row(complaint_id: int, *, lock: bool = False) -> Complaint:
    """The complaint's row; lock (inside write_transaction()) holds it until commit on
    PostgreSQL, so the status it was checked in is the one it is written from."""
    query = Complaint.select().where(Complaint.id == complaint_id)
    row = (for_update(query) if lock else query).get_or_none()
    if row is None:
        raise ServiceError(f"La réclamation n° {complaint_id} n'existe pas.")
    return row
