"""One function per user action of the Réclamations tab, each calling one service.

Widgets call these (keyword-only arguments) instead of importing services all over the tab, so
the tab has a single seam onto rcdesk.services.complaints / actions / customers and the reports.
Every call runs on the GUI thread: each is one short transaction or one paged query."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def complaints():
    from rcdesk.services import complaints as service

    return service


def actions():
    from rcdesk.services import actions as service

    return service


def customers():
    from rcdesk.services import customers as service

    return service


# --- intake -------------------------------------------------------------------------------


def search_customers(*, text: str, limit: int = 8) -> list:
    """Hits of the customer file for an intake box (empty text -> no hit)."""
    if not text.strip():
        return []
    return list(customers().quick_search(text, limit=limit))


def create_quick_customer(*, last_name: str, first_name: str, phone: str, email: str) -> int:
    """A minimal customer created at the counter; validated by the customers service."""
    service = customers()
    return service.create_customer(service.CustomerData(
        kind="particulier", status="client", first_name=first_name.strip(),
        last_name=last_name.strip(), phone=phone.strip(), email=email.strip()))


def quick_customer_duplicates(*, last_name: str, first_name: str, phone: str,
                              email: str) -> list:
    """Customers already on file with the same e-mail or phone (DuplicateHit rows)."""
    service = customers()
    return list(service.find_duplicates(service.CustomerData(
        first_name=first_name.strip(), last_name=last_name.strip(), phone=phone.strip(),
        email=email.strip())))


def customer_name(*, customer_id: int) -> str:
    return customers().customer_name(customer_id)


def register_complaint(*, customer_id, walk_in_name, walk_in_contact, channel, product, place,
                       description, expectation, received_on=None, journey_step=""):
    """received_on: the day the complaint arrived (its delay counts from it); keyed now."""
    from rcdesk.models.base import utcnow

    service = complaints()
    return service.register_complaint(service.ComplaintInput(
        customer_id=customer_id, walk_in_name=walk_in_name, walk_in_contact=walk_in_contact,
        channel=channel, product=product, place=place, description=description,
        expectation=expectation, journey_step=journey_step,
    ), received_at=utcnow() if received_on is not None else None, received_on=received_on)


def edit_complaint(*, complaint_id: int, customer_id, walk_in_name, walk_in_contact, channel,
                   product, place, description, expectation, comment: str = "",
                   version: int | None = None, original=None, received_on=None,
                   journey_step: str | None = None) -> list[str]:
    """Correct the intake fields; returns the names of the fields changed. version: the
    complaint's as the form read it (StaleRecordError when it changed since original);
    received_on: the day it arrived (its due date moves with it)."""
    from rcdesk.services import last_contact  # the first customer's « Dernier contact »

    service = complaints()
    return last_contact.edit_complaint(complaint_id, service.ComplaintInput(
        customer_id=customer_id, walk_in_name=walk_in_name, walk_in_contact=walk_in_contact,
        channel=channel, product=product, place=place, description=description,
        expectation=expectation, version=version, journey_step=journey_step), comment,
        original=original, received_on=received_on)


# --- processing ---------------------------------------------------------------------------


def get_complaint(*, complaint_id: int):
    return complaints().get_complaint(complaint_id)


def move(*, complaint_id: int, status: str, comment: str = "") -> None:
    complaints().move(complaint_id, status, comment)


def qualify(*, complaint_id: int, category_id, type_, founded, severity, entity,
            version: int | None = None, original=None) -> None:
    service = complaints()
    service.qualify(complaint_id, service.Qualification(
        category_id=category_id, type=type_, founded=founded, severity=severity, entity=entity,
        version=version), original=original)


def record_answer(*, complaint_id: int, answer_text, answer_date, compensation,
                  cost_cents, version: int | None = None, original=None) -> None:
    from rcdesk.services import last_contact  # an answer re-dated earlier: recomputed

    service = complaints()
    last_contact.record_answer(complaint_id, service.AnswerInput(
        answer_text=answer_text, answer_date=answer_date, compensation=compensation,
        cost_cents=cost_cents, version=version), original=original)


def close(*, complaint_id: int, answer_date, resatisfied, comment: str = "") -> None:
    from rcdesk.services import last_contact  # an answer date corrected earlier: recomputed

    last_contact.close_complaint(complaint_id, answer_date, resatisfied, comment)


def add_comment(*, complaint_id: int, comment: str) -> None:
    complaints().add_comment(complaint_id, comment)


def reopen(*, complaint_id: int, comment: str) -> None:
    complaints().reopen(complaint_id, comment)


def customer_history(*, customer_id: int):
    return complaints().customer_history(customer_id)


def is_repeat_complainer(*, customer_id: int) -> bool:
    """3 or more complaints in the last 12 months (the service's rule)."""
    return bool(complaints().is_repeat_complainer(customer_id))


def add_attachment(*, complaint_id: int, path: str):
    return complaints().add_attachment(complaint_id, path)


def list_attachments(*, complaint_id: int) -> list:
    return list(complaints().list_attachments(complaint_id))


def open_attachment(*, attachment_id: int) -> bool:
    return open_file(str(complaints().attachment_path(attachment_id)))


# --- categories ---------------------------------------------------------------------------


def list_categories() -> list[tuple[int, str]]:
    """(id, name) of each category, in the company's order."""
    return list(complaints().list_categories())


def add_category(*, name: str):
    return complaints().add_category(name)


def rename_category(*, category_id: int, name: str) -> None:
    complaints().rename_category(category_id, name)


def delete_category(*, category_id: int) -> None:
    complaints().delete_category(category_id)


# --- register -----------------------------------------------------------------------------


def count_complaints(*, query) -> int:
    return complaints().count_complaints(query)


def list_complaints(*, query, offset: int, limit: int) -> list:
    return list(complaints().list_complaints(query, offset, limit))


# --- indicators and PAQ --------------------------------------------------------------------


def indicators(*, period, transactions=None, revenue_cents=None):
    return complaints().complaint_indicators(period, transactions, revenue_cents)


def list_actions(*, only_overdue: bool = False) -> list:
    return list(actions().list_actions(only_overdue=only_overdue))


def get_action(*, action_id: int):
    return actions().get_action(action_id)


def create_action(*, data, complaint_ids=()) -> int:
    return actions().create_action(data, complaint_ids=tuple(complaint_ids))


def update_action(*, action_id: int, data, original=None) -> None:
    """data.version: the action's as the form read it (StaleRecordError when it changed)."""
    actions().update_action(action_id, data, original=original)


def actions_for_complaint(*, complaint_id: int) -> list:
    return list(actions().actions_for_complaint(complaint_id))


# --- documents ----------------------------------------------------------------------------
# The save dialog already confirmed replacing a file (and a print reuses its temporary name):
# the reports replace an existing file here.


def write_acknowledgement(*, complaint_id: int, path: str, duplicate: bool = False) -> str:
    """The original is dated the day of receipt; a duplicate is dated today and marked."""
    from rcdesk.reports.complaint_letters import write_acknowledgement as write

    write(complaint_id, path, overwrite=True, duplicate=duplicate)
    return path


def write_answer_letter(*, complaint_id: int, path: str) -> str:
    from rcdesk.reports.complaint_letters import write_answer_letter as write

    write(complaint_id, path, overwrite=True)
    return path


def write_register_report(*, period, path: str, transactions=None, revenue_cents=None) -> str:
    from rcdesk.reports.complaint_register import write_register_report as write

    write(period, path, transactions=transactions, revenue_cents=revenue_cents, overwrite=True)
    return path


def write_action_plan(*, path: str, only_overdue: bool = False) -> str:
    from rcdesk.reports.action_plan import write_action_plan as write

    write(path, only_overdue=only_overdue, overwrite=True)
    return path


def temporary_pdf(stem: str) -> str:
    """A fresh path for a document opened at once for printing (the user chose no file)."""
    from rcdesk.paths import data_dir

    folder = data_dir() / "impressions"  # overwritten at each print of the same document
    folder.mkdir(exist_ok=True)
    return str(folder / f"{stem}.pdf")


def open_file(path: str) -> bool:
    """Open a document or attachment with the desktop's viewer (print from there)."""
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") \
            and not os.environ.get("WAYLAND_DISPLAY"):
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_state_counts() -> dict[str, int]:
    """How many open complaints are late / nearly late now (the tab's badge)."""
    return dict(complaints().open_state_counts())


def action_input(*, values: dict):
    """The service's ActionInput from the form's plain values."""
    return actions().ActionInput(**values)


def action_overdue(*, action) -> bool:
    """Whether a listed action is overdue (the service applied its is_overdue rule)."""
    return bool(action.overdue)


def complaint_numbers(*, complaint_ids) -> list[str]:
    from rcdesk.services.complaints import complaint_numbers as numbers

    return numbers(complaint_ids)


def complaints_digest(*, complaint_ids) -> str:
    """A first wording of the non-conformity from the complaints an action comes from."""
    lines = []
    for complaint_id in complaint_ids:
        d = get_complaint(complaint_id=complaint_id)
        subject = d.product or d.category or d.channel
        lines.append(f"{d.number} ({subject}) : {d.description[:120]}")
    return "\n".join(lines)
