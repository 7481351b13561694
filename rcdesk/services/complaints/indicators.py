"""Indicators of a period (suivi): delays, rates, re-satisfaction, Pareto, repeat complainers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from statistics import mean, median

from peewee import JOIN, fn

from rcdesk.core.errors import ValidationError
from rcdesk.core.periods import last_12_months
from rcdesk.core.workdays import working_days_between
from rcdesk.models.base import database_proxy
from rcdesk.models.complaints import Complaint, ComplaintCategory
from rcdesk.models.customers import Customer
from rcdesk.services.complaints.detail import REPEAT_THRESHOLD
from rcdesk.services.complaints.rows import customer_display
from rcdesk.services.complaints.rules import (
    LATE,
    OPEN_STATUSES,
    complaint_rate,
    due_state,
    loss_rate,
)
from rcdesk.services.customers import purchase_totals
from rcdesk.services.settings import get_company

UNQUALIFIED = "Non qualifiée"
NOT_GIVEN = "Non renseigné"


@dataclass(frozen=True)
class RepeatComplainer:
    customer_id: int
    name: str
    count: int


@dataclass
class ComplaintIndicators:
    """Figures of a period; a rate is None when its denominator is zero or unknown."""

    received: int = 0
    answered: int = 0
    answered_in_time_pct: float | None = None
    mean_answer_working_days: float | None = None
    median_answer_working_days: float | None = None
    open: int = 0
    late: int = 0
    transactions: int = 0
    revenue_cents: int = 0
    transactions_typed: bool = False  # a figure the user typed, not the purchases recorded
    revenue_typed: bool = False
    cost_cents: int = 0
    rate_pct: float | None = None
    loss_rate_pct: float | None = None
    resatisfaction_pct: float | None = None
    pareto: list[tuple[str, int, float]] = field(default_factory=list)
    by_product: list[tuple[str, int]] = field(default_factory=list)
    by_place: list[tuple[str, int]] = field(default_factory=list)
    by_channel: list[tuple[str, int]] = field(default_factory=list)
    repeat_complainers: list[RepeatComplainer] = field(default_factory=list)


@lru_cache(maxsize=4096)
def _iso_date(text: str) -> date:
    return date.fromisoformat(text[:10])


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return _iso_date(value)


def _in_period(column, period):
    cond = column.is_null(False)
    if period.start:
        cond &= column >= period.start
    if period.end:
        cond &= column <= period.end
    return cond


def purchase_figures(period) -> tuple[int, int]:
    """(transactions, revenue in cents): the purchases recorded in the period. Refunds
    (avoirs, negative amounts) lower the revenue but are not transactions."""
    totals = purchase_totals(period)  # the day summaries the database keeps
    return totals.sales, totals.revenue_cents


def pareto(counts: Counter) -> list[tuple[str, int, float]]:
    """(label, count, cumulative %) from the most to the least frequent."""
    total = sum(counts.values())
    rows, running = [], 0
    for label, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        running += count
        rows.append((label, count, running * 100 / total))
    return rows


MAX_BARS = 12  # Pareto bars drawn on screen and in the register PDF


def pooled_pareto(rows: list[tuple[str, int, float]], max_bars: int = MAX_BARS
                  ) -> list[tuple[str, int, float]]:
    """At most max_bars bars: past the (max_bars - 1)th category, the rest are pooled into one
    "Autres (n catégories)" bar whose cumulative % is the last one (100 %). The charts name
    the pooled categories in their legend: no category is dropped."""
    if len(rows) <= max_bars:
        return list(rows)
    head, rest = rows[:max_bars - 1], rows[max_bars - 1:]
    return head + [(f"Autres ({len(rest)} catégories)", sum(c for _, c, _ in rest),
                    rest[-1][2])]


def _ranked(counts: Counter) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def repeat_complainers(on: date | None = None) -> list[RepeatComplainer]:
    """Customers with 3 or more complaints received in the 12 months up to on (today)."""
    window = last_12_months(on or date.today())
    count = fn.COUNT(Complaint.id)
    counts = dict(Complaint.select(Complaint.customer, count)
                  .where((Complaint.received_on >= window.start)
                         & (Complaint.received_on <= window.end)
                         & Complaint.customer.is_null(False))
                  .group_by(Complaint.customer).having(count >= REPEAT_THRESHOLD).tuples())
    if not counts:
        return []
    names = {cid: customer_display(f, last, c, k) for cid, f, last, c, k in Customer.select(
        Customer.id, Customer.first_name, Customer.last_name, Customer.company_name,
        Customer.kind).where(Customer.id.in_(list(counts))).tuples()}
    return sorted((RepeatComplainer(cid, names.get(cid, ""), n) for cid, n in counts.items()),
                  key=lambda r: (-r.count, r.customer_id))


def complaint_indicators(period, transactions: int | None = None,
                         revenue_cents: int | None = None) -> ComplaintIndicators:
    """Complaints received in the period. Answered in time: answered by the due date, out of
    those answered or already late. Answer time in working days excludes the days waiting for
    the customer. Re-satisfaction: "oui" out of closures where the customer said oui or non.
    transactions / revenue_cents default to the purchases recorded in the period."""
    for value, name in ((transactions, "transactions"), (revenue_cents, "revenue_cents")):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or value < 0):
            label = ("Le nombre de transactions" if name == "transactions"
                     else "Le chiffre d'affaires")
            raise ValidationError(name, f"{label} doit être un nombre positif ou nul.")
    company = get_company()
    today = date.today()
    typed = (transactions is not None, revenue_cents is not None)
    if transactions is None or revenue_cents is None:
        count, total = purchase_figures(period)
        transactions = count if transactions is None else transactions
        revenue_cents = total if revenue_cents is None else revenue_cents
    result = ComplaintIndicators(transactions=transactions, revenue_cents=revenue_cents,
                                 transactions_typed=typed[0], revenue_typed=typed[1])
    categories, products, places, channels = Counter(), Counter(), Counter(), Counter()
    delays: list[int] = []
    in_time = judged = resatisfied = asked = 0
    rows = (Complaint.select(Complaint.received_on, Complaint.due_date, Complaint.answer_date,
                             Complaint.status, Complaint.paused_on, Complaint.waited_days,
                             Complaint.resatisfied, Complaint.cost_cents, ComplaintCategory.name,
                             Complaint.product, Complaint.place, Complaint.channel)
            .join(ComplaintCategory, JOIN.LEFT_OUTER,
                  on=(Complaint.category == ComplaintCategory.id))
            .where(_in_period(Complaint.received_on, period)))
    # the raw cursor skips peewee's per-value conversion (most of the time on a year's rows);
    # SQLite hands dates back as ISO text, PostgreSQL as dates
    for (received, due, answered, status, paused_on, waited, resat, cost, category, product,
         place, channel) in database_proxy.obj.execute(rows):
        received, due = _as_date(received), _as_date(due)
        answered, paused_on = _as_date(answered), _as_date(paused_on)
        result.received += 1
        result.cost_cents += cost
        categories[category or UNQUALIFIED] += 1
        products[product or NOT_GIVEN] += 1
        places[place or NOT_GIVEN] += 1
        channels[channel or NOT_GIVEN] += 1
        state = due_state(status, due, paused_on, today, company.country)
        if status in OPEN_STATUSES:
            result.open += 1
            if state == LATE:
                result.late += 1
        if answered is not None:
            result.answered += 1
            judged += 1
            in_time += answered <= due
            delays.append(max(0, working_days_between(received, answered, company.country)
                              - waited))
        elif state == LATE:
            judged += 1
        if resat in ("oui", "non"):
            asked += 1
            resatisfied += resat == "oui"
    result.answered_in_time_pct = in_time * 100 / judged if judged else None
    result.mean_answer_working_days = float(mean(delays)) if delays else None
    result.median_answer_working_days = float(median(delays)) if delays else None
    result.rate_pct = complaint_rate(result.received, transactions)
    result.loss_rate_pct = loss_rate(result.cost_cents, revenue_cents)
    result.resatisfaction_pct = resatisfied * 100 / asked if asked else None
    result.pareto = pareto(categories) if result.received else []
    result.by_product = _ranked(products)
    result.by_place = _ranked(places)
    result.by_channel = _ranked(channels)
    result.repeat_complainers = repeat_complainers(period.end or today)
    return result


def stats(period) -> dict:
    """The complaints keys of `rcdesk stats --json`."""
    ind = complaint_indicators(period)

    def rounded(value):
        return None if value is None else round(value, 2)

    return {"complaints": {
        "received": ind.received,
        "answered_in_time_pct": rounded(ind.answered_in_time_pct),
        "mean_answer_working_days": rounded(ind.mean_answer_working_days),
        "open": ind.open,
        "late": ind.late,
        "rate_pct": rounded(ind.rate_pct),
        "loss_rate_pct": rounded(ind.loss_rate_pct),
        "resatisfaction_pct": rounded(ind.resatisfaction_pct),
    }}


