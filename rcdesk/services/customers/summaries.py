"""Purchase figures read from the summaries the database keeps on every purchase write
(rcdesk/models/purchase_summaries.py, schema step 16) instead of from every purchase row.

- purchase_totals(period): rows, sales and revenue of a period, a sum over its days;
- period_buyers(period, top): buyers and best customers of a period, from the period's stored
  summary (kept up to date by the triggers), computed once from the purchases when the period
  is new or its kept top has become too short;
- summary_problems() / rebuild_summaries(): `rcdesk check` compares them with the purchases,
  and a rebuild makes them again from scratch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import JOIN, fn

from rcdesk.models.base import database_proxy, write_transaction
from rcdesk.models.customers import Purchase
from rcdesk.models.purchase_summaries import (
    PERIOD_MAX,
    PERIOD_MIN,
    TOP_KEPT,
    CustomerPurchase,
    PurchaseDay,
    PurchasePeriod,
    PurchasePeriodTop,
)
from rcdesk.services.customers.activity import sales_count

PERIODS_KEPT = 8  # periods whose buyers and top are kept (each one costs every purchase write)
_FIRST, _LAST = date.fromisoformat(PERIOD_MIN), date.fromisoformat(PERIOD_MAX)


@dataclass(frozen=True)
class PurchaseTotals:
    rows: int  # purchase rows, refunds included
    sales: int  # transactions: rows with an amount >= 0 (sales_count())
    revenue_cents: int  # refunds deducted


def purchase_totals(period) -> PurchaseTotals:
    """The purchases of period (open sides unbounded): one sum over its days' summaries."""
    query = PurchaseDay.select(fn.COALESCE(fn.SUM(PurchaseDay.row_count), 0),
                               fn.COALESCE(fn.SUM(PurchaseDay.sales), 0),
                               fn.COALESCE(fn.SUM(PurchaseDay.revenue_cents), 0))
    if period.start:
        query = query.where(PurchaseDay.day >= period.start)
    if period.end:
        query = query.where(PurchaseDay.day <= period.end)
    rows, sales, revenue = query.tuples().get()
    return PurchaseTotals(int(rows), int(sales), int(revenue))


def period_buyers(period, top: int) -> tuple[int, list[tuple[int, int, int]]]:
    """(buyers, best customers [(id, total cents, sales)] by total, ties by id, at most top):
    the customers with a purchase row in period (refunds alone included, as before)."""
    top = min(max(top, 0), TOP_KEPT)
    if not period.start and not period.end:  # all time: one summary row per buyer
        buyers = CustomerPurchase.select().count()
        best = (CustomerPurchase.select(CustomerPurchase.customer_id,
                                        CustomerPurchase.total_cents, CustomerPurchase.sales)
                .order_by(CustomerPurchase.total_cents.desc(), CustomerPurchase.customer_id)
                .limit(top).tuples()) if top else []
        return buyers, [(c, int(t), int(n)) for c, t, n in best]
    start, end = period.start or _FIRST, period.end or _LAST
    found = _stored(start, end, top)
    if found is not None:
        return found
    db = database_proxy.obj
    if getattr(db, "read_only_reason", None):  # nowhere to keep it: computed each time
        buyers, best = _computed(period, top)
        return buyers, best[:top]
    with write_transaction(Purchase, PurchasePeriod, PurchasePeriodTop):
        buyers, best = _computed(period, TOP_KEPT)
        PurchasePeriod.delete().where((PurchasePeriod.period_start == start)
                                      & (PurchasePeriod.period_end == end)).execute()
        pid = PurchasePeriod.insert(period_start=start, period_end=end, buyers=buyers).execute()
        if best:
            PurchasePeriodTop.insert_many(
                [(pid, cid, total, n) for cid, total, n in best],
                fields=[PurchasePeriodTop.period, PurchasePeriodTop.customer_id,
                        PurchasePeriodTop.total_cents, PurchasePeriodTop.sales]).execute()
        old = [p for (p,) in PurchasePeriod.select(PurchasePeriod.id)
               .order_by(PurchasePeriod.computed_at.desc(), PurchasePeriod.id.desc())
               .offset(PERIODS_KEPT).tuples()]
        if old:
            PurchasePeriodTop.delete().where(PurchasePeriodTop.period.in_(old)).execute()
            PurchasePeriod.delete().where(PurchasePeriod.id.in_(old)).execute()
    return buyers, best[:top]


def _stored(start: date, end: date, top: int):
    """The stored summary of the period when it answers (its kept top long enough), else None.
    One statement: buyers and top of the same moment on either engine."""
    t = PurchasePeriodTop
    rows = list(PurchasePeriod.select(PurchasePeriod.buyers, t.customer_id, t.total_cents,
                                      t.sales)
                .join(t, JOIN.LEFT_OUTER, on=(t.period == PurchasePeriod.id))
                .where((PurchasePeriod.period_start == start) & (PurchasePeriod.period_end == end))
                .order_by(t.total_cents.desc(), t.customer_id).limit(max(top, 1)).tuples())
    if not rows:
        return None
    buyers = int(rows[0][0])
    best = [(c, int(total), int(n)) for _b, c, total, n in rows if c is not None]
    if len(best) < min(max(top, 1), buyers):
        return None  # the kept top shrank below what is asked: computed again
    return buyers, best[:top]


def _computed(period, top: int) -> tuple[int, list[tuple[int, int, int]]]:
    """From the purchases themselves: per-customer sums of the period, their count and the
    best ones (the raw query the stored summary saves)."""
    per = _in_period(Purchase.select(
        Purchase.customer.alias("cid"), fn.SUM(Purchase.amount_cents).alias("total"),
        sales_count().alias("n")), period).group_by(Purchase.customer).cte("per")
    query = (per.select_from(per.c.cid, per.c.total, per.c.n, fn.COUNT(per.c.cid).over())
             .order_by(per.c.total.desc(), per.c.cid).limit(max(top, 1)))
    rows = list(query.tuples())
    if not rows:
        return 0, []
    return int(rows[0][3]), [(cid, int(total), int(n)) for cid, total, n, _ in rows[:top]]


def _in_period(query, period):
    if period.start:
        query = query.where(Purchase.date >= period.start)
    if period.end:
        query = query.where(Purchase.date <= period.end)
    return query


# --- from scratch: the check and the rebuild ---------------------------------------------------

def _day_rows() -> list[tuple]:
    return [(str(d), int(r), int(s), int(v)) for d, r, s, v in Purchase.select(
        Purchase.date, fn.COUNT(Purchase.id), sales_count(), fn.SUM(Purchase.amount_cents))
        .group_by(Purchase.date).order_by(Purchase.date).tuples()]


def _last_sale():
    from peewee import Case

    return fn.MAX(Case(None, [(Purchase.amount_cents >= 0, Purchase.date)], None))


def _customer_rows() -> list[tuple]:
    last = _last_sale()
    return [(c, int(r), int(s), int(t), str(d) if d else None) for c, r, s, t, d in Purchase.select(
        Purchase.customer, fn.COUNT(Purchase.id), sales_count(), fn.SUM(Purchase.amount_cents),
        last).group_by(Purchase.customer).order_by(Purchase.customer).tuples()]


REPAIR = " ; « rcdesk rebuild-summaries » les refait"


def summary_problems() -> list[str]:
    """Where the stored summaries differ from the purchases (one French line each, at most a
    few of each kind): empty when they agree."""
    problems = []
    days = [(str(d), r, s, int(v)) for d, r, s, v in PurchaseDay.select(
        PurchaseDay.day, PurchaseDay.row_count, PurchaseDay.sales, PurchaseDay.revenue_cents)
        .order_by(PurchaseDay.day).tuples()]
    wrong = sorted(set(days) ^ set(_day_rows()))
    if wrong:
        shown = ", ".join(sorted({w[0] for w in wrong})[:5])
        problems.append(f"résumés des achats : {len({w[0] for w in wrong})} jour(s) ne "
                        f"correspondent pas aux achats ({shown}…){REPAIR}")
    stored = [(c, r, s, int(t), str(d) if d else None) for c, r, s, t, d in CustomerPurchase.select(
        CustomerPurchase.customer_id, CustomerPurchase.row_count, CustomerPurchase.sales,
        CustomerPurchase.total_cents, CustomerPurchase.last_sale_day)
        .order_by(CustomerPurchase.customer_id).tuples()]
    wrong = sorted({w[0] for w in set(stored) ^ set(_customer_rows())})
    if wrong:
        shown = ", ".join(f"n° {c}" for c in wrong[:5])
        problems.append(f"résumés des achats : {len(wrong)} client(s) ne correspondent pas à "
                        f"leurs achats ({shown}…){REPAIR}")
    for pid, start, end, buyers in PurchasePeriod.select(
            PurchasePeriod.id, PurchasePeriod.period_start, PurchasePeriod.period_end,
            PurchasePeriod.buyers).tuples():
        period = _Span(_bound(start, _FIRST), _bound(end, _LAST))
        kept = list(PurchasePeriodTop.select(PurchasePeriodTop.customer_id,
                                             PurchasePeriodTop.total_cents,
                                             PurchasePeriodTop.sales)
                    .where(PurchasePeriodTop.period == pid)
                    .order_by(PurchasePeriodTop.total_cents.desc(),
                              PurchasePeriodTop.customer_id).tuples())
        real_buyers, real = _computed(period, len(kept))
        if real_buyers != buyers or [(c, int(t), int(n)) for c, t, n in kept] != real:
            problems.append(f"résumés des achats : la période du {start} au {end} ne correspond "
                            f"pas aux achats{REPAIR}")
    return problems


@dataclass(frozen=True)
class _Span:
    start: date | None
    end: date | None


def _bound(value, sentinel: date):
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return None if day == sentinel else day


def rebuild_summaries() -> None:
    """Make every summary again from the purchases (in one transaction): the days and the
    customers from scratch, the periods forgotten (recomputed when next asked)."""
    with write_transaction(Purchase, PurchaseDay, CustomerPurchase, PurchasePeriod,
                           PurchasePeriodTop):
        PurchasePeriodTop.delete().execute()
        PurchasePeriod.delete().execute()
        PurchaseDay.delete().execute()
        CustomerPurchase.delete().execute()
        PurchaseDay.insert_from(
            Purchase.select(Purchase.date, fn.COUNT(Purchase.id), sales_count(),
                            fn.SUM(Purchase.amount_cents)).group_by(Purchase.date),
            [PurchaseDay.day, PurchaseDay.row_count, PurchaseDay.sales,
             PurchaseDay.revenue_cents]).execute()
        CustomerPurchase.insert_from(
            Purchase.select(Purchase.customer, fn.COUNT(Purchase.id), sales_count(),
                            fn.SUM(Purchase.amount_cents), _last_sale())
            .group_by(Purchase.customer),
            [CustomerPurchase.customer_id, CustomerPurchase.row_count, CustomerPurchase.sales,
             CustomerPurchase.total_cents, CustomerPurchase.last_sale_day]).execute()


def forget_periods() -> None:
    """Drop the stored periods (before a bulk insert: the triggers then have no period to keep
    up to date, and the periods are computed again when next asked)."""
    PurchasePeriodTop.delete().execute()
    PurchasePeriod.delete().execute()
