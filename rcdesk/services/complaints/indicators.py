"""Indicators of a period (suivi): delays, rates, re-satisfaction, Pareto, repeat complainers."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from statistics import median

from peewee import JOIN, Case, PeeweeException, Value, fn

from rcdesk.core.errors import ValidationError
from rcdesk.core.periods import last_12_months
from rcdesk.models.base import database_proxy
from rcdesk.models.complaints import Complaint, ComplaintCategory
from rcdesk.models.customers import Customer
from rcdesk.services.complaints.delays import compute_delays, fill_delays, missing_delays
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

log = logging.getLogger(__name__)

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
                         revenue_cents: int | None = None, *,
                         breakdowns: bool = True) -> ComplaintIndicators:
    """Complaints received in the period. Answered in time: answered by the due date, out of
    those answered or already late. Answer time in working days excludes the days waiting for
    the customer (rules.answer_working_days, stored on each complaint: one aggregate here).
    Re-satisfaction: "oui" out of closures where the customer said oui or non.
    transactions / revenue_cents default to the purchases recorded in the period.
    breakdowns=False leaves out the Pareto, the lists by product, place and channel and the
    repeat complainers (the registry and `stats` need only the headline figures)."""
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
    in_period = _in_period(Complaint.received_on, period)
    one = Value(1)
    answered_expr = Complaint.answer_date.is_null(False)
    (received, cost, answered, in_time, resatisfied, asked, delay_count, delay_sum,
     missing) = (Complaint.select(
        fn.COUNT(Complaint.received_on), fn.COALESCE(fn.SUM(Complaint.cost_cents), 0),
        fn.SUM(Case(None, [(answered_expr, one)], 0)),
        fn.SUM(Case(None, [(Complaint.answer_date <= Complaint.due_date, one)], 0)),
        fn.SUM(Case(None, [(Complaint.resatisfied == "oui", one)], 0)),
        fn.SUM(Case(None, [(Complaint.resatisfied.in_(("oui", "non")), one)], 0)),
        fn.COUNT(Complaint.answer_working_days),
        fn.COALESCE(fn.SUM(Complaint.answer_working_days), 0),
        fn.SUM(Case(None, [(answered_expr & Complaint.answer_working_days.is_null(), one)],
                    0))).where(in_period).tuples().get())
    result.received, result.cost_cents = int(received), int(cost)
    result.answered = judged = int(answered or 0)
    in_time, resatisfied, asked = int(in_time or 0), int(resatisfied or 0), int(asked or 0)
    delay_count, delay_sum = int(delay_count), int(delay_sum)
    computed: list[int] = []
    if missing:  # answered complaints whose delay is not stored yet: the rule, then stored
        computed = list(compute_delays(missing_delays(in_period)).values())
        delay_count, delay_sum = delay_count + len(computed), delay_sum + sum(computed)
        try:
            if fill_delays():
                computed = []  # stored now: the median's counts per value read them
        except PeeweeException as exc:  # not stored this time (locked...): figures still right
            log.warning("answer delays not stored: %s", exc)
    # lateness depends on today: the open complaints only (rules.due_state, the one rule)
    open_rows = (Complaint.select(Complaint.status, Complaint.due_date, Complaint.paused_on,
                                  Complaint.answer_date)
                 .where(in_period & Complaint.status.in_(OPEN_STATUSES)))
    for status, due, paused_on, answered in database_proxy.obj.execute(open_rows):
        state = due_state(status, _as_date(due), _as_date(paused_on), today, company.country)
        result.open += 1
        if state == LATE:
            result.late += 1
            judged += answered is None
    result.answered_in_time_pct = in_time * 100 / judged if judged else None
    if delay_count:  # the number statistics.mean gives over the delays one by one
        result.mean_answer_working_days = delay_sum / delay_count
        if breakdowns:
            result.median_answer_working_days = _median_delay(in_period, computed)
    result.rate_pct = complaint_rate(result.received, transactions)
    result.loss_rate_pct = loss_rate(result.cost_cents, revenue_cents)
    result.resatisfaction_pct = resatisfied * 100 / asked if asked else None
    if breakdowns:
        _add_breakdowns(result, in_period, period.end or today)
    return result


def _median_delay(in_period, computed: list[int]) -> float:
    """statistics.median of the period's answer delays, from their counts per value (the
    stored ones) and those just computed (not stored yet)."""
    delays: Counter = Counter(computed)
    stored = Complaint.answer_working_days
    for days, count in (Complaint.select(stored, fn.COUNT(Complaint.received_on))
                        .where(in_period & stored.is_null(False)).group_by(stored).tuples()):
        delays[days] += count
    return float(median(sorted(delays.elements())))


LASTING = date(9999, 12, 31)


def figures_valid_until(period, today: date) -> date:
    """The last day the figures of period computed today hold, writes apart: until an open
    complaint of the period (its clock running) passes its due date and becomes late
    (rules.due_state: late the day after it); lasting when there is none."""
    first = (Complaint.select(fn.MIN(Complaint.due_date))
             .where(_in_period(Complaint.received_on, period)
                    & Complaint.status.in_(OPEN_STATUSES) & Complaint.paused_on.is_null()
                    & (Complaint.due_date >= today)).scalar())
    return LASTING if first is None else _as_date(first)


def headline_indicators(period) -> ComplaintIndicators:
    """complaint_indicators() without the breakdowns: what the registry and `stats` read."""
    return complaint_indicators(period, breakdowns=False)


def _counts(column, in_period) -> Counter:
    """Complaints of the period per value of column ('' and NULL: NOT_GIVEN)."""
    counts: Counter = Counter()
    for value, count in (Complaint.select(column, fn.COUNT(Complaint.id)).where(in_period)
                         .group_by(column).tuples()):
        counts[value or NOT_GIVEN] += count
    return counts


def _add_breakdowns(result: ComplaintIndicators, in_period, end: date) -> None:
    categories: Counter = Counter()
    for name, count in (Complaint.select(ComplaintCategory.name, fn.COUNT(Complaint.id))
                        .join(ComplaintCategory, JOIN.LEFT_OUTER,
                              on=(Complaint.category == ComplaintCategory.id))
                        .where(in_period).group_by(ComplaintCategory.name).tuples()):
        categories[name or UNQUALIFIED] += count
    result.pareto = pareto(categories) if result.received else []
    result.by_product = _ranked(_counts(Complaint.product, in_period))
    result.by_place = _ranked(_counts(Complaint.place, in_period))
    result.by_channel = _ranked(_counts(Complaint.channel, in_period))
    result.repeat_complainers = repeat_complainers(end)


def stats(period) -> dict:
    """The complaints keys of `rcdesk stats --json`."""
    ind = headline_indicators(period)

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


