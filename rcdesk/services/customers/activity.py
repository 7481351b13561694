"""A customer's purchases and interactions (parcours client), and the follow-ups due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from peewee import Case, fn

from rcdesk.core.dates import validate_date_range
from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.text import clean_text
from rcdesk.models.base import utcnow, write_transaction
from rcdesk.models.customers import Customer, Interaction, Purchase
from rcdesk.services.customers.search import display_name

CHANNELS = ("comptoir", "téléphone", "e-mail", "courrier", "fax", "site web", "chat",
            "réseaux sociaux", "visite commerciale", "SMS")
DIRECTIONS = ("entrant", "sortant")
# the default customer journey (pilotage's first steps; the company may edit its own)
STEPS = ("découverte", "information", "devis", "commande", "livraison", "utilisation", "SAV",
         "fidélisation")
MAX_AMOUNT_CENTS = 10_000_000_00  # 10 million: above is a typing error


@dataclass(frozen=True)
class PurchaseRow:
    id: int
    date: date
    amount_cents: int
    channel: str
    reference: str


@dataclass
class InteractionData:
    at: datetime | None = None  # UTC; None = now
    channel: str = ""
    direction: str = "entrant"
    step: str = ""
    subject: str = ""
    outcome: str = ""
    follow_up: date | None = None


@dataclass(frozen=True)
class InteractionRow:
    id: int
    at: datetime
    channel: str
    direction: str
    step: str
    subject: str
    outcome: str
    follow_up: date | None
    follow_up_done: bool
    operator: str


@dataclass(frozen=True)
class FollowUp:
    interaction_id: int
    customer_id: int
    customer_name: str
    follow_up: date
    subject: str
    channel: str


def is_refund(amount_cents: int) -> bool:
    """A refund (« avoir ») is entered as a purchase with a negative amount: it lowers the
    revenue but is not a transaction (see sales_count)."""
    return amount_cents < 0


def sales_count():
    """SQL: how many of the selected purchases are transactions, i.e. not refunds
    (amount >= 0). The complaint rate and the purchase counts divide by this."""
    return fn.COALESCE(fn.SUM(Case(None, [(Purchase.amount_cents >= 0, 1)], 0)), 0)


def _require_customer(customer_id: int) -> Customer:
    row = Customer.get_or_none(Customer.id == customer_id)
    if row is None:
        raise ServiceError(f"Le client n° {customer_id} n'existe pas (ou plus).")
    return row


def check_purchase(day, amount_cents, channel: str = "", reference: str = "") -> None:
    """The rule of a valid purchase (form, CLI and import)."""
    if not isinstance(day, date):
        raise ValidationError("date", "La date d'achat est obligatoire (JJ/MM/AAAA).")
    validate_date_range(day, "date")
    if day > date.today():
        raise ValidationError("date", "La date d'achat est dans le futur.")
    if isinstance(amount_cents, bool) or not isinstance(amount_cents, int):
        raise ValidationError("amount_cents", "Le montant doit être un nombre.")
    if not -MAX_AMOUNT_CENTS <= amount_cents <= MAX_AMOUNT_CENTS:
        raise ValidationError("amount_cents", "Le montant est hors limites.")
    if len(channel or "") > 255 or len(reference or "") > 255:
        raise ValidationError("reference", "Le canal ou la référence dépasse 255 caractères.")
    for name, text in (("channel", channel), ("reference", reference)):
        if text and clean_text(text, multiline=False) != text:
            raise ValidationError(name, "Caractère de contrôle ou saut de ligne refusé (le canal "
                                        "et la référence tiennent sur une ligne).")


def promote_buyers(customer_ids) -> None:
    """A prospect who buys becomes a client; a client is one since their first purchase at
    the latest (so retention counts customers imported today with their past purchases)."""
    ids = list(customer_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        first = (Purchase.select(fn.MIN(Purchase.date)).where(Purchase.customer == Customer.id))
        Customer.update(status="client", client_since=first, version=Customer.version + 1).where(
            Customer.id.in_(chunk) & (Customer.status == "prospect")).execute()
        Customer.update(client_since=first).where(
            Customer.id.in_(chunk) & Customer.client_since.is_null(False)
            & (Customer.client_since > first)).execute()


def add_purchase(customer_id: int, day: date, amount_cents: int, channel: str = "",
                 reference: str = "") -> int:
    channel = clean_text(channel, multiline=False).strip()
    reference = clean_text(reference, multiline=False).strip()
    with write_transaction():
        _require_customer(customer_id)
        check_purchase(day, amount_cents, channel, reference)
        pid = Purchase.insert(customer=customer_id, date=day, amount_cents=amount_cents,
                              channel=channel, reference=reference).execute()
        promote_buyers([customer_id])
    return pid


def insert_purchase(customer_id: int, day: date, amount_cents: int, channel: str = "",
                    reference: str = "") -> int:
    """Record one purchase of an existing customer in the caller's transaction (the loyalty
    counter's, the demo's): checked by `check_purchase`, then the buyer promoted (prospect ->
    client, client since) only when it changes something, so that a purchase stays cheap.
    Channel and reference are taken as given (already cleaned by the caller)."""
    check_purchase(day, amount_cents, channel, reference)
    pid = Purchase.insert(customer=customer_id, date=day, amount_cents=amount_cents,
                          channel=channel, reference=reference).execute()
    buyer = Customer.select(Customer.status, Customer.client_since).where(
        Customer.id == customer_id).tuples().first()
    if buyer and (buyer[0] == "prospect" or buyer[1] is None or buyer[1] > day):
        promote_buyers([customer_id])
    return pid


def list_purchases(customer_id: int) -> list[PurchaseRow]:
    query = (Purchase.select(Purchase.id, Purchase.date, Purchase.amount_cents, Purchase.channel,
                             Purchase.reference)
             .where(Purchase.customer == customer_id)
             .order_by(Purchase.date.desc(), Purchase.id.desc()))
    return [PurchaseRow(*row) for row in query.tuples()]


def touch_last_contact(customer_id: int | None, at: datetime) -> None:
    """Move the customer's « Dernier contact » forward to at (UTC), never back.

    The one way every area records a contact with a customer: an interaction, a complaint
    received or answered, a survey answer (the surveys area calls it for each answer it
    records). Runs in the caller's transaction; a walk-in (None) or an unknown customer is
    ignored. A date alone counts as 00:00 UTC of that day."""
    if customer_id is None or at is None:
        return
    if not isinstance(at, datetime):
        at = datetime.combine(at, datetime.min.time())
    Customer.update(last_contact=at).where(
        (Customer.id == customer_id)
        & (Customer.last_contact.is_null() | (Customer.last_contact < at))).execute()


def touch_last_contacts(latest: dict[int, datetime]) -> None:
    """touch_last_contact for many customers at once (an import): each customer's « Dernier
    contact » moved forward (never back) to its time, one UPDATE per 200 customers. Runs in the
    caller's transaction; unknown customers are ignored."""
    _write_last_contacts({cid: _as_datetime(at) for cid, at in latest.items()
                          if cid is not None and at is not None}, forward_only=True)


def set_last_contacts(values: dict[int, datetime | None]) -> None:
    """Set each customer's « Dernier contact » to exactly its value (None: never contacted).
    Only services.last_contact calls it, with the latest contact every area holds."""
    _write_last_contacts({cid: _as_datetime(at) if at is not None else None
                          for cid, at in values.items()}, forward_only=False)


def _as_datetime(at) -> datetime:
    return at if isinstance(at, datetime) else datetime.combine(at, datetime.min.time())


def _write_last_contacts(values: dict, *, forward_only: bool) -> None:
    never = sorted(cid for cid, at in values.items() if at is None)
    for start in range(0, len(never), 500):  # apart: a CASE of NULLs alone is text on PostgreSQL
        Customer.update(last_contact=None).where(
            Customer.id.in_(never[start:start + 500])).execute()
    ids = sorted(cid for cid, at in values.items() if at is not None)
    for start in range(0, len(ids), 200):
        chunk = ids[start:start + 200]
        new = Case(Customer.id, [(cid, values[cid]) for cid in chunk])
        where = Customer.id.in_(chunk)
        if forward_only:
            where &= Customer.last_contact.is_null() | (Customer.last_contact < new)
        Customer.update(last_contact=new).where(where).execute()


def interaction_contacts(customer_ids: list[int]) -> dict[int, datetime]:
    """The customers area's part of « Dernier contact »: each customer's latest interaction,
    or the « Dernier contact » a customers file gave (imported) when that is later."""
    found: dict[int, datetime] = {}
    ids = sorted(set(customer_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for cid, at in (Interaction.select(Interaction.customer, fn.MAX(Interaction.at))
                        .where(Interaction.customer.in_(chunk))
                        .group_by(Interaction.customer).tuples()):
            found[cid] = _stored_datetime(at)
        for cid, at in (Customer.select(Customer.id, Customer.last_contact_imported)
                        .where(Customer.id.in_(chunk)
                               & Customer.last_contact_imported.is_null(False)).tuples()):
            at = _stored_datetime(at)
            if cid not in found or found[cid] < at:
                found[cid] = at
    return found


def _stored_datetime(value) -> datetime:
    # MAX() over a DateTimeField comes back as text on SQLite
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def add_interaction(customer_id: int, data: InteractionData) -> int:
    """Record a contact; it also moves the customer's last contact forward."""
    from rcdesk.services.settings import current_operator

    _require_customer(customer_id)  # checked again once the write lock is held
    at, texts = checked_interaction(data)
    with write_transaction():
        _require_customer(customer_id)
        iid = Interaction.insert(
            customer=customer_id, at=at, channel=texts["channel"], direction=data.direction,
            step=texts["step"], subject=texts["subject"], outcome=texts["outcome"],
            follow_up=data.follow_up,
            operator=current_operator()).execute()
        touch_last_contact(customer_id, at)
    return iid


def checked_interaction(data: InteractionData) -> tuple[datetime, dict[str, str]]:
    """The rule of a valid interaction (new or corrected): its time (UTC, now when empty)
    and its cleaned texts; a ValidationError (French) otherwise."""
    at = data.at or utcnow().replace(microsecond=0)
    if not isinstance(at, datetime):
        raise ValidationError("at", "Date et heure du contact invalides.")
    validate_date_range(at, "at")
    if data.follow_up is not None and (not isinstance(data.follow_up, date)
                                       or isinstance(data.follow_up, datetime)):
        raise ValidationError("follow_up", "Date de relance invalide (attendu JJ/MM/AAAA).")
    validate_date_range(data.follow_up, "follow_up")
    if data.direction not in DIRECTIONS:
        raise ValidationError("direction", "Le sens doit être « entrant » ou « sortant ».")
    texts = {name: clean_text(getattr(data, name), multiline=False).strip()
             for name in ("channel", "step", "subject")}
    texts["outcome"] = clean_text(data.outcome).strip()
    if not texts["channel"]:
        raise ValidationError("channel", "Le canal du contact est obligatoire.")
    if not texts["subject"]:
        raise ValidationError("subject", "L'objet du contact est obligatoire.")
    for name in ("channel", "step", "subject"):
        if len(texts[name]) > 255:
            raise ValidationError(name, "Ce champ dépasse 255 caractères.")
    if len(texts["outcome"]) > 20000:
        raise ValidationError("outcome", "La suite donnée dépasse 20 000 caractères.")
    if data.follow_up is not None and data.follow_up < at.date():
        raise ValidationError("follow_up", "La relance ne peut pas précéder le contact.")
    return at, texts


def list_interactions(customer_id: int) -> list[InteractionRow]:
    """Newest first; operator is the operator's display name (never the login)."""
    from rcdesk.services.settings import operator_names

    names = operator_names()
    query = (Interaction.select(Interaction.id, Interaction.at, Interaction.channel,
                                Interaction.direction, Interaction.step, Interaction.subject,
                                Interaction.outcome, Interaction.follow_up,
                                Interaction.follow_up_done, Interaction.operator)
             .where(Interaction.customer == customer_id)
             .order_by(Interaction.at.desc(), Interaction.id.desc()))
    return [InteractionRow(*row[:-1], names.get(row[-1], row[-1])) for row in query.tuples()]


def mark_follow_up_done(interaction_id: int) -> None:
    if not Interaction.update(follow_up_done=True).where(
            Interaction.id == interaction_id).execute():
        raise ServiceError("Cette relance n'existe pas (ou plus).")


def due_follow_ups(on: date | None = None) -> list[FollowUp]:
    """Follow-ups not done whose date is on or before `on` (today by default), oldest first."""
    on = on or date.today()
    query = (Interaction.select(Interaction.id, Customer.id, Customer.first_name,
                                Customer.last_name, Customer.company_name, Customer.kind,
                                Interaction.follow_up, Interaction.subject, Interaction.channel)
             .join(Customer)
             .where(Interaction.follow_up.is_null(False) & (Interaction.follow_up <= on)
                    & (Interaction.follow_up_done == False))  # noqa: E712
             .order_by(Interaction.follow_up, Interaction.id))
    return [FollowUp(iid, cid, display_name(first, last, company, kind), follow, subject, channel)
            for iid, cid, first, last, company, kind, follow, subject, channel in query.tuples()]
