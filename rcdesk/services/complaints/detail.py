"""Reading a complaint: its detail and timeline, the customer's history, repeat complainers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from peewee import JOIN, fn

from rcdesk.core.errors import ServiceError
from rcdesk.core.periods import last_12_months
from rcdesk.models.complaints import Complaint, ComplaintCategory, ComplaintEvent
from rcdesk.models.customers import Customer, Purchase
from rcdesk.services.complaints.rows import customer_display, load_row
from rcdesk.services.complaints.rules import ALLOWED_MOVES, due_state, granted_days
from rcdesk.services.customers import country_name
from rcdesk.services.settings import get_company, operator_names


@dataclass(frozen=True)
class Event:
    at: datetime  # UTC
    who: str
    what: str
    comment: str


@dataclass
class ComplaintDetail:
    id: int
    number: str
    received_at: datetime
    received_on: date
    due_date: date
    due_state: str
    customer_id: int | None
    customer_name: str
    walk_in_name: str
    walk_in_contact: str
    channel: str
    product: str
    place: str
    description: str
    expectation: str
    status: str
    category_id: int | None
    category: str
    type: str
    founded: bool | None
    severity: str
    entity: str
    paused_on: date | None
    waited_days: int
    answer_text: str
    answer_date: date | None
    compensation: str
    cost_cents: int
    resatisfied: str
    closed_at: datetime | None
    version: int = 1  # what a form's save sends back (a save from an older one is refused)
    allowed_moves: list[str] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    granted_days: int = 0  # working days from received_on to due_date (waiting included)
    journey_step: str = ""  # the customer journey step it arose at ("" = not given)


def get_complaint(complaint_id: int) -> ComplaintDetail:
    row = load_row(complaint_id)
    company = get_company()
    name = row.walk_in_name
    if row.customer_id is not None:
        c = Customer.get_by_id(row.customer_id)
        name = customer_display(c.first_name, c.last_name, c.company_name, c.kind)
    category = row.category.name if row.category_id is not None else ""
    names = operator_names()
    events = [Event(at, names.get(who, who), what, comment) for at, who, what, comment in
              ComplaintEvent.select(
        ComplaintEvent.at, ComplaintEvent.who, ComplaintEvent.what, ComplaintEvent.comment
    ).where(ComplaintEvent.complaint == complaint_id).order_by(
        ComplaintEvent.at, ComplaintEvent.id).tuples()]  # who: the operator's name
    return ComplaintDetail(
        id=row.id, number=row.number, received_at=row.received_at, received_on=row.received_on,
        due_date=row.due_date,
        due_state=due_state(row.status, row.due_date, row.paused_on, date.today(), company.country),
        customer_id=row.customer_id, customer_name=name, walk_in_name=row.walk_in_name,
        walk_in_contact=row.walk_in_contact, channel=row.channel, product=row.product,
        place=row.place, description=row.description, expectation=row.expectation,
        status=row.status, category_id=row.category_id, category=category, type=row.type,
        founded=row.founded, severity=row.severity, entity=row.entity, paused_on=row.paused_on,
        waited_days=row.waited_days, answer_text=row.answer_text, answer_date=row.answer_date,
        compensation=row.compensation, cost_cents=row.cost_cents, resatisfied=row.resatisfied,
        closed_at=row.closed_at, version=row.version,
        allowed_moves=sorted(ALLOWED_MOVES[row.status]), timeline=events,
        granted_days=granted_days(row.received_on, row.due_date, company.country),
        journey_step=row.journey_step or "")


def complaint_numbers(complaint_ids) -> list[str]:
    """The REC numbers of these complaints, in the order given (unknown ids left out): what
    screens show instead of database ids."""
    ids = [int(i) for i in complaint_ids]
    found = dict(Complaint.select(Complaint.id, Complaint.number)
                 .where(Complaint.id.in_(ids)).tuples()) if ids else {}
    return [found[i] for i in ids if i in found]


def find_by_number(number: str) -> int:
    row = Complaint.get_or_none(Complaint.number == (number or "").strip().upper())
    if row is None:
        raise ServiceError(f"Aucune réclamation ne porte le numéro « {number} ».")
    return row.id



@dataclass(frozen=True)
class HistoryRow:
    id: int
    number: str
    received_on: date
    status: str
    category: str
    cost_cents: int


@dataclass(frozen=True)
class PurchaseSummary:
    count: int
    total_cents: int
    last_date: date | None


REPEAT_THRESHOLD = 3  # complaints in "12 derniers mois" (last_12_months) flag a repeat complainer


def customer_history(customer_id: int) -> tuple[list[HistoryRow], PurchaseSummary]:
    """The customer's earlier complaints (newest first) and purchases, beside a qualification."""
    complaints = [HistoryRow(*values) for values in Complaint.select(
        Complaint.id, Complaint.number, Complaint.received_on, Complaint.status,
        fn.COALESCE(ComplaintCategory.name, ""), Complaint.cost_cents)
        .join(ComplaintCategory, JOIN.LEFT_OUTER, on=(Complaint.category == ComplaintCategory.id))
        .where(Complaint.customer == customer_id)
        .order_by(Complaint.received_on.desc(), Complaint.id.desc()).tuples()]
    count, total, last = Purchase.select(
        fn.COUNT(Purchase.id), fn.COALESCE(fn.SUM(Purchase.amount_cents), 0),
        fn.MAX(Purchase.date)).where(Purchase.customer == customer_id).tuples().get()
    if isinstance(last, str):  # SQLite returns MAX() of a date column as text
        last = date.fromisoformat(last)
    return complaints, PurchaseSummary(count, int(total), last)


def is_repeat_complainer(customer_id: int, on: date | None = None) -> bool:
    """3 or more complaints received in the 12 months up to on (today by default)."""
    window = last_12_months(on or date.today())
    return Complaint.select().where(
        (Complaint.customer == customer_id) & (Complaint.received_on >= window.start)
        & (Complaint.received_on <= window.end)).count() >= REPEAT_THRESHOLD


@dataclass(frozen=True)
class Addressee:
    """Who a letter about a complaint goes to."""

    name: str
    salutation: str  # "Madame,", "Monsieur," or "Madame, Monsieur,"
    lines: list[str]  # postal address lines, or the walk-in contact


def complaint_addressee(complaint_id: int) -> Addressee:
    row = load_row(complaint_id)
    if row.customer_id is None:
        lines = [row.walk_in_contact] if row.walk_in_contact else []
        return Addressee(row.walk_in_name, "Madame, Monsieur,", lines)
    c = Customer.get_by_id(row.customer_id)
    name = customer_display(c.first_name, c.last_name, c.company_name, c.kind)
    civility = (c.civility or "").strip()
    if civility and c.kind != "professionnel":
        name = f"{civility} {name}"
    salutation = {"Mme": "Madame,", "Madame": "Madame,", "M.": "Monsieur,",
                  "Monsieur": "Monsieur,"}.get(civility, "Madame, Monsieur,")
    lines = [line for line in (c.address or "").splitlines() if line.strip()]
    city = " ".join(p for p in (c.postal_code, c.city) if p)
    if city:
        lines.append(city)
    abroad = (c.country or "").upper()
    if lines and abroad and abroad != get_company().country:  # mail abroad: the country last
        lines.append(country_name(abroad).upper())
    if not lines and c.email:
        lines.append(c.email)
    return Addressee(name, salutation, lines)
