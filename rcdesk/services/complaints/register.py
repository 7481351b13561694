"""The register: filters, SQL paging and sort, late / nearly-late state of each row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import JOIN, fn

from rcdesk.core.text import fold, search_words
from rcdesk.models.complaints import Complaint, ComplaintCategory
from rcdesk.models.customers import Customer
from rcdesk.services.complaints.rows import customer_display
from rcdesk.services.complaints.rules import OPEN_STATUSES, due_state
from rcdesk.services.settings import get_company

REGISTER_COLUMNS: list[tuple[str, str]] = [
    ("number", "N°"),
    ("received_on", "Reçue le"),
    ("customer", "Client"),
    ("channel", "Canal"),
    ("category", "Catégorie"),
    ("product", "Produit / service"),
    ("place", "Lieu"),
    ("status", "Statut"),
    ("due_date", "Échéance"),
    ("due_state", "Délai"),
]

_SORT_FIELDS = {
    "number": (Complaint.received_on, Complaint.id),
    "received_on": (Complaint.received_on, Complaint.id),
    "channel": (Complaint.channel,),
    "category": (ComplaintCategory.name,),
    "product": (Complaint.product,),
    "place": (Complaint.place,),
    "status": (Complaint.status,),
    "due_date": (Complaint.due_date,),
    "due_state": (Complaint.due_date,),
    "customer": (Customer.last_name, Customer.first_name, Complaint.walk_in_name),
}


@dataclass
class ComplaintQuery:
    """What the register shows: filters and sort (plain data). start/end bound received_on."""

    status: str | None = None
    late_only: bool = False
    category_id: int | None = None
    channel: str | None = None
    customer_id: int | None = None
    start: date | None = None
    end: date | None = None
    text: str = ""
    sort: str = "received_on"
    descending: bool = True


def late_condition(today: date):
    """SQL form of due_state(...) == "late" (keep the two together)."""
    return (Complaint.status.in_(OPEN_STATUSES)) & (
        ((Complaint.paused_on.is_null()) & (Complaint.due_date < today))
        | ((Complaint.paused_on.is_null(False)) & (Complaint.due_date < Complaint.paused_on)))


def _filtered(query: ComplaintQuery, select, today: date):
    conds = []
    if query.status:
        conds.append(Complaint.status == query.status)
    if query.late_only:
        conds.append(late_condition(today))
    if query.category_id is not None:
        conds.append(Complaint.category == query.category_id)
    if query.channel:
        conds.append(Complaint.channel == query.channel)
    if query.customer_id is not None:
        conds.append(Complaint.customer == query.customer_id)
    if query.start:
        conds.append(Complaint.received_on >= query.start)
    if query.end:
        conds.append(Complaint.received_on <= query.end)
    # Each word (core.text.search_words: 20 of 50 characters at most, controls removed) is
    # found anywhere, case ignored; contains() escapes % and _ (LIKE ... ESCAPE on both engines).
    for word in search_words(query.text):
        conds.append(
            Complaint.number.contains(word) | Complaint.description.contains(word)
            | Complaint.walk_in_name.contains(word) | Complaint.product.contains(word)
            | Customer.sort_name.contains(fold(word))  # "helene" finds "Hélène"
            | Customer.company_name.contains(word))
    for cond in conds:
        select = select.where(cond)
    return select


def _needs_join(query: ComplaintQuery) -> bool:
    return bool(search_words(query.text))


def count_complaints(query: ComplaintQuery) -> int:
    select = Complaint.select(fn.COUNT(Complaint.id))
    if _needs_join(query):
        select = select.join(Customer, JOIN.LEFT_OUTER, on=(Complaint.customer == Customer.id))
    return _filtered(query, select, date.today()).scalar() or 0


def list_complaints(query: ComplaintQuery, offset: int = 0, limit: int = 200) -> list[tuple]:
    """Rows (id, then one value per REGISTER_COLUMNS key): dates are date objects and
    due_state is "late", "soon" or "ok" (see complaints_rules.due_state)."""
    today = date.today()
    country = get_company().country
    select = (Complaint.select(
        Complaint.id, Complaint.number, Complaint.received_on, Customer.first_name,
        Customer.last_name, Customer.company_name, Customer.kind, Complaint.walk_in_name,
        Complaint.channel, ComplaintCategory.name, Complaint.product, Complaint.place,
        Complaint.status, Complaint.due_date, Complaint.paused_on)
        .join_from(Complaint, Customer, JOIN.LEFT_OUTER, on=(Complaint.customer == Customer.id))
        .join_from(Complaint, ComplaintCategory, JOIN.LEFT_OUTER,
                   on=(Complaint.category == ComplaintCategory.id)))
    select = _filtered(query, select, today)
    keys = _SORT_FIELDS.get(query.sort, _SORT_FIELDS["received_on"])
    order = [k.desc() if query.descending else k.asc() for k in keys]
    if query.sort not in ("number", "received_on"):
        order.append(Complaint.id.desc() if query.descending else Complaint.id.asc())
    rows = []
    for (cid, number, received_on, first, last, company, kind, walk_in, channel, category,
         product, place, status, due, paused_on) in select.order_by(*order).offset(
            max(0, offset)).limit(max(0, limit)).tuples():
        if kind is not None:
            name = customer_display(first or "", last or "", company or "", kind)
        else:
            name = walk_in
        rows.append((cid, number, received_on, name, channel, category or "", product, place,
                     status, due, due_state(status, due, paused_on, today, country)))
    return rows


def open_state_counts() -> dict[str, int]:
    """How many open complaints are late, soon late and in time right now (tab badges)."""
    today = date.today()
    country = get_company().country
    counts = {"late": 0, "soon": 0, "ok": 0}
    for status, due, paused_on in Complaint.select(
            Complaint.status, Complaint.due_date, Complaint.paused_on).where(
            Complaint.status.in_(OPEN_STATUSES)).tuples():
        counts[due_state(status, due, paused_on, today, country)] += 1
    return counts



def report_rows(query: ComplaintQuery, limit: int | None = None) -> list[tuple]:
    """Rows of the printed register, oldest first: (number, received_on, customer, channel,
    category, status, due_date, due_state, answer_date, cost_cents)."""
    today = date.today()
    country = get_company().country
    select = (Complaint.select(
        Complaint.number, Complaint.received_on, Customer.first_name, Customer.last_name,
        Customer.company_name, Customer.kind, Complaint.walk_in_name, Complaint.channel,
        ComplaintCategory.name, Complaint.status, Complaint.due_date, Complaint.paused_on,
        Complaint.answer_date, Complaint.cost_cents)
        .join_from(Complaint, Customer, JOIN.LEFT_OUTER, on=(Complaint.customer == Customer.id))
        .join_from(Complaint, ComplaintCategory, JOIN.LEFT_OUTER,
                   on=(Complaint.category == ComplaintCategory.id)))
    select = _filtered(query, select, today).order_by(Complaint.received_on, Complaint.id)
    if limit is not None:
        select = select.limit(limit)
    rows = []
    for (number, received_on, first, last, company, kind, walk_in, channel, category, status,
         due, paused_on, answer_date, cost) in select.tuples():
        name = customer_display(first or "", last or "", company or "", kind) if kind else walk_in
        rows.append((number, received_on, name, channel, category or "", status, due,
                     due_state(status, due, paused_on, today, country), answer_date, cost))
    return rows
