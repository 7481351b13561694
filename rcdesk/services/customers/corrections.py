"""Correcting and deleting a purchase or an interaction, and the customer's history of it.

Each correction is one transaction that also writes a line of the customer's history
(customer_event): what changed, who (the operator's name, never a login) and when (UTC)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from peewee import fn

from rcdesk.core.errors import ServiceError
from rcdesk.core.formatting import format_date, format_money
from rcdesk.core.text import clean_text
from rcdesk.models.base import utcnow, write_transaction
from rcdesk.models.customers import Customer, CustomerEvent, Interaction, Purchase
from rcdesk.services.customers.activity import (
    InteractionData,
    InteractionRow,
    PurchaseRow,
    check_purchase,
    checked_interaction,
    is_refund,
    promote_buyers,
    touch_last_contact,
)


@dataclass(frozen=True)
class HistoryLine:
    at: datetime  # UTC
    who: str  # the operator's display name
    what: str


def _who() -> str:
    from rcdesk.services.settings import current_operator, operator_name

    return operator_name(current_operator())


def note(customer_id: int, what: str) -> None:
    """Add a line to the customer's history (in the caller's transaction)."""
    CustomerEvent.insert(customer=customer_id, at=utcnow().replace(microsecond=0), who=_who(),
                         what=what).execute()


def customer_history(customer_id: int) -> list[HistoryLine]:
    """The customer's corrections, newest first."""
    query = (CustomerEvent.select(CustomerEvent.at, CustomerEvent.who, CustomerEvent.what)
             .where(CustomerEvent.customer == customer_id)
             .order_by(CustomerEvent.at.desc(), CustomerEvent.id.desc()))
    return [HistoryLine(*row) for row in query.tuples()]


def _money(cents: int) -> str:
    from rcdesk.services.settings import get_company

    return format_money(cents, get_company().currency)


def purchase_text(day: date, amount_cents: int) -> str:
    """« Achat du 05/01/2026 (49,90 €) » or « Avoir du 05/01/2026 (−12,00 €) »."""
    kind = "Avoir" if is_refund(amount_cents) else "Achat"
    return f"{kind} du {format_date(day)} ({_money(amount_cents)})"


def get_purchase(purchase_id: int) -> PurchaseRow:
    row = Purchase.get_or_none(Purchase.id == purchase_id)
    if row is None:
        raise ServiceError("Cet achat n'existe pas (ou plus).")
    return PurchaseRow(row.id, row.date, row.amount_cents, row.channel, row.reference)


def update_purchase(purchase_id: int, day: date, amount_cents: int, channel: str = "",
                    reference: str = "") -> None:
    """Correct a purchase (same rules as a new one); the history says what it was."""
    channel = clean_text(channel, multiline=False).strip()
    reference = clean_text(reference, multiline=False).strip()
    check_purchase(day, amount_cents, channel, reference)
    with write_transaction():
        row = Purchase.get_or_none(Purchase.id == purchase_id)
        if row is None:
            raise ServiceError("Cet achat n'existe pas (ou plus).")
        before = (row.date, row.amount_cents, row.channel, row.reference)
        if before == (day, amount_cents, channel, reference):
            return
        Purchase.update(date=day, amount_cents=amount_cents, channel=channel,
                        reference=reference).where(Purchase.id == purchase_id).execute()
        changes = []
        if row.date != day:
            changes.append(f"date {format_date(row.date)} → {format_date(day)}")
        if row.amount_cents != amount_cents:
            changes.append(f"montant {_money(row.amount_cents)} → {_money(amount_cents)}")
        if row.channel != channel:
            changes.append(f"canal « {row.channel} » → « {channel} »")
        if row.reference != reference:
            changes.append(f"référence « {row.reference} » → « {reference} »")
        note(row.customer_id, f"{purchase_text(row.date, row.amount_cents)} corrigé : "
                              + " ; ".join(changes))
        promote_buyers([row.customer_id])
        _recompute_client_since(row.customer_id)


def delete_purchase(purchase_id: int) -> None:
    with write_transaction():
        row = Purchase.get_or_none(Purchase.id == purchase_id)
        if row is None:
            raise ServiceError("Cet achat n'existe pas (ou plus).")
        Purchase.delete().where(Purchase.id == purchase_id).execute()
        note(row.customer_id, f"{purchase_text(row.date, row.amount_cents)} supprimé"
             + (f" (référence « {row.reference} »)" if row.reference else ""))
        _recompute_client_since(row.customer_id)


def _recompute_client_since(customer_id: int) -> None:
    """A client since their first remaining purchase (kept when none remains: they were one)."""
    first = Purchase.select(fn.MIN(Purchase.date)).where(Purchase.customer == customer_id).scalar()
    if isinstance(first, str):
        first = date.fromisoformat(first)
    if first is not None:
        Customer.update(client_since=first).where(
            (Customer.id == customer_id) & Customer.client_since.is_null(False)).execute()


def get_interaction(interaction_id: int) -> InteractionRow:
    row = Interaction.get_or_none(Interaction.id == interaction_id)
    if row is None:
        raise ServiceError("Cette interaction n'existe pas (ou plus).")
    return InteractionRow(row.id, row.at, row.channel, row.direction, row.step, row.subject,
                          row.outcome, row.follow_up, row.follow_up_done, row.operator)


def _interaction_text(at: datetime, channel: str) -> str:
    return f"Interaction du {format_date(at.date())} ({channel})"


def correct_interaction(interaction_id: int, data: InteractionData) -> int:
    """Correct an interaction (same rules as a new one); returns its customer. « Dernier
    contact » moves forward to the new time here; moving it back needs every area's contacts:
    callers use services.last_contact.update_interaction, which recomputes it."""
    at, texts = checked_interaction(data)
    with write_transaction():
        row = Interaction.get_or_none(Interaction.id == interaction_id)
        if row is None:
            raise ServiceError("Cette interaction n'existe pas (ou plus).")
        Interaction.update(at=at, channel=texts["channel"], direction=data.direction,
                           step=texts["step"], subject=texts["subject"],
                           outcome=texts["outcome"], follow_up=data.follow_up).where(
            Interaction.id == interaction_id).execute()
        what = _interaction_text(row.at, row.channel) + " corrigée"
        if row.at != at:
            what += f" (date → {format_date(at.date())})"
        note(row.customer_id, what)
        touch_last_contact(row.customer_id, at)
    return row.customer_id


def remove_interaction(interaction_id: int) -> int:
    """Delete an interaction; returns its customer. « Dernier contact » is recomputed by the
    caller (services.last_contact.delete_interaction asks every area)."""
    with write_transaction():
        row = Interaction.get_or_none(Interaction.id == interaction_id)
        if row is None:
            raise ServiceError("Cette interaction n'existe pas (ou plus).")
        Interaction.delete().where(Interaction.id == interaction_id).execute()
        note(row.customer_id, _interaction_text(row.at, row.channel) + " supprimée")
    return row.customer_id
