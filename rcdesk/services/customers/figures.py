"""Customer figures: count by status, retention and attrition, revenue, basket, top, RFM."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from peewee import fn

from rcdesk.core.periods import last_12_months
from rcdesk.models.base import database_proxy
from rcdesk.models.customers import STATUSES, Customer
from rcdesk.models.purchase_summaries import CustomerPurchase
from rcdesk.services.customers.search import display_name
from rcdesk.services.customers.summaries import period_buyers, purchase_totals


@dataclass(frozen=True)
class TopCustomer:
    customer_id: int
    name: str
    revenue_cents: int
    purchases: int


@dataclass(frozen=True)
class CustomerFigures:
    start: date  # the period the rates were measured on (start inclusive, end inclusive)
    end: date
    count: int
    by_status: dict[str, int]
    customers_at_start: int
    still_at_end: int
    lost: int
    retention_rate_pct: float | None
    attrition_rate_pct: float | None
    purchases_count: int
    revenue_cents: int
    buyers: int
    revenue_per_customer_cents: int | None
    purchase_frequency: float | None  # purchases per buying customer over the period
    average_basket_cents: int | None
    top_customers: list[TopCustomer] = field(default_factory=list)


@dataclass(frozen=True)
class RfmScore:
    recency: int  # 1..5, 5 = bought most recently
    frequency: int
    monetary: int
    label: str

    @property
    def code(self) -> str:
        return f"R{self.recency}F{self.frequency}M{self.monetary}"

    @property
    def explanation(self) -> str:
        """The plain French reading of the code, for a tooltip beside the label."""
        return (f"Segment RFM {self.code} : récence {self.recency}/5 (dernier achat), "
                f"fréquence {self.frequency}/5 (nombre d'achats), montant {self.monetary}/5 "
                "(total dépensé) ; 5 = parmi les 20 % meilleurs clients, 1 = parmi les 20 % "
                "plus faibles.")


def retention_rate(at_start: int, still_at_end: int) -> float | None:
    """DOMAIN.md: customers still customers at the end / customers at the start × 100."""
    return None if at_start <= 0 else round(still_at_end * 100 / at_start, 2)


def attrition_rate(at_start: int, lost: int) -> float | None:
    """DOMAIN.md: customers lost over the period / customers at the start × 100."""
    return None if at_start <= 0 else round(lost * 100 / at_start, 2)


# The segments in the order screens list them, each with its plain French meaning.
SEGMENT_HELP = {
    "Champions": "achètent souvent, récemment et beaucoup (récence, fréquence et montant "
                 "4 ou 5 sur 5)",
    "Fidèles": "achètent régulièrement et assez récemment (récence et fréquence 3 ou plus)",
    "Nouveaux": "ont acheté récemment, encore peu souvent (récence 4 ou 5, fréquence 1 ou 2)",
    "À développer": "achats moyennement récents et peu fréquents (récence 3, fréquence 1 "
                    "ou 2)",
    "À risque": "achetaient souvent mais plus depuis longtemps (récence 1 ou 2, fréquence 3 "
                "ou plus) : à relancer",
    "Perdus": "n'achètent plus depuis longtemps et achetaient peu (récence et fréquence "
              "1 ou 2)",
}
SEGMENTS = tuple(SEGMENT_HELP)


def rfm_label(r: int, f: int, m: int) -> str:
    if r >= 4 and f >= 4 and m >= 4:
        return "Champions"
    if r >= 3 and f >= 3:
        return "Fidèles"
    if r >= 4:
        return "Nouveaux"
    if r <= 2 and f >= 3:
        return "À risque"
    if r <= 2:
        return "Perdus"
    return "À développer"


def rate_window(start: date | None, end: date | None) -> tuple[date, date]:
    """The retention window: the period, or "12 derniers mois" up to its end (today) when it
    has no start: 29/11/2026 -> 30/11/2025 – 29/11/2026 (core.periods.last_12_months)."""
    end = end or date.today()
    return (start or last_12_months(end).start), end


def customer_figures(period, top: int = 10) -> CustomerFigures:
    """Figures of the Clients tab. Purchases are counted over the period as given (open sides
    unbounded), from the summaries the database keeps (services/customers/summaries.py);
    retention and attrition over rate_window(period)."""
    start, end = rate_window(period.start, period.end)
    by_status = status_counts()
    at_start, lost = retention_counts(start, end)
    still = at_start - lost
    totals = purchase_totals(period)
    count, revenue = totals.sales, totals.revenue_cents
    buyers, rows = period_buyers(period, top)
    names = {cid: display_name(f, la, c, k) for cid, f, la, c, k in Customer.select(
        Customer.id, Customer.first_name, Customer.last_name, Customer.company_name,
        Customer.kind).where(Customer.id.in_([r[0] for r in rows])).tuples()} if rows else {}
    return CustomerFigures(
        start=start, end=end, count=sum(by_status.values()), by_status=by_status,
        customers_at_start=at_start, still_at_end=still, lost=int(lost),
        retention_rate_pct=retention_rate(at_start, still),
        attrition_rate_pct=attrition_rate(at_start, int(lost)),
        purchases_count=count, revenue_cents=revenue, buyers=buyers,
        revenue_per_customer_cents=round(revenue / buyers) if buyers else None,
        purchase_frequency=round(count / buyers, 2) if buyers else None,
        average_basket_cents=round(revenue / count) if count else None,
        top_customers=[TopCustomer(cid, names.get(cid, ""), int(total), n)
                       for cid, total, n in rows[:top]],
    )


def status_counts() -> dict[str, int]:
    by_status = dict.fromkeys(STATUSES, 0)
    for status, n in (Customer.select(Customer.status, fn.COUNT(Customer.id))
                      .group_by(Customer.status).tuples()):
        by_status[status] = n
    return by_status


def retention_counts(start: date, end: date) -> tuple[int, int]:
    """(clients at start, of whom lost by end): the counts behind retention and attrition."""
    was_client = (Customer.client_since.is_null(False) & (Customer.client_since < start)
                  & (Customer.lost_at.is_null() | (Customer.lost_at >= start)))
    lost_in = (Customer.lost_at >= start) & (Customer.lost_at <= end)
    at_start, lost = (Customer.select(
        fn.COUNT(Customer.id),
        fn.COALESCE(fn.SUM(_case(lost_in)), 0))
        .where(was_client).tuples().get())
    return int(at_start), int(lost)


def retention_rates(period) -> tuple[float | None, float | None]:
    """(retention %, attrition %) over rate_window(period), without the purchase figures
    (what the indicator registry asks for, month by month)."""
    at_start, lost = retention_counts(*rate_window(period.start, period.end))
    return retention_rate(at_start, at_start - lost), attrition_rate(at_start, lost)


def _case(condition):
    from peewee import Case

    return Case(None, [(condition, 1)], 0)


def quintile(at_or_below: int, count: int) -> int:
    """The quintile (1..5) of a value that at_or_below of the count values do not exceed
    (itself and its ties included: its cumulative distribution): ⌈5 × at_or_below / count⌉.
    Tied values share it, so two customers with the same recency, frequency and amount are
    always in the same segment (NTILE split them by id); a lone customer, or a file where
    all are alike, scores 5."""
    return (5 * at_or_below + count - 1) // count


def quintiles(values: list) -> list[int]:
    """quintile() of each value among values (the SQL of rfm_scores, in Python)."""
    ordered = sorted(values)
    last = {value: i for i, value in enumerate(ordered, start=1)}
    return [quintile(last[v], len(values)) for v in values]


# Refunds (avoirs, negative amounts) are not purchases for recency and frequency; they lower
# the amount. A customer with only refunds has no last purchase and ranks lowest in recency.
# The scores were computed by this query over every purchase; it stays as the reference the
# tests and benchmarks/summaries.py compare with (rfm_scores reads customer_purchase instead).
RFM_RAW_SQL = """
WITH agg AS (SELECT customer_id,
                    MAX(CASE WHEN amount_cents >= 0 THEN date END) AS last_day,
                    SUM(CASE WHEN amount_cents >= 0 THEN 1 ELSE 0 END) AS n,
                    SUM(amount_cents) AS total
             FROM purchase GROUP BY customer_id)
SELECT customer_id,
       (5 * COUNT(*) OVER (ORDER BY CASE WHEN last_day IS NULL THEN 0 ELSE 1 END, last_day)
        + COUNT(*) OVER () - 1) / COUNT(*) OVER (),
       (5 * COUNT(*) OVER (ORDER BY n) + COUNT(*) OVER () - 1) / COUNT(*) OVER (),
       (5 * COUNT(*) OVER (ORDER BY total) + COUNT(*) OVER () - 1) / COUNT(*) OVER ()
FROM agg"""  # COUNT(*) OVER (ORDER BY x): the rows up to x, its ties (peers) included

# (column of customer_purchase, its order: a refund-only customer, no last sale, first)
_RFM_COLUMNS = ("last_sale_day", "sales", "total_cents")


def _rfm_cuts(db, count: int) -> list[list]:
    """For each RFM column, the values w1..w4 with quintile(v) = 1 + #{k : v >= wk}.

    quintile(v) = ⌈5 × c(v) / N⌉ (c(v): the values <= v) exceeds k exactly when
    c(v) > ⌊k × N / 5⌋, i.e. when v is at least the value of rank ⌊k × N / 5⌋ + 1 in
    ascending order: one indexed read at that offset per k (ties share their score). No last
    sale (NULL, refunds only) comes first: the ranks below their count are NULL, the others
    read among the days (the column's index serves both engines, whatever their NULL order)."""
    cuts = []
    for column in _RFM_COLUMNS:
        nulls = db.execute_sql(f'SELECT COUNT(*) FROM customer_purchase WHERE "{column}" IS '
                               "NULL").fetchone()[0] if column == "last_sale_day" else 0
        cuts.append([None if k * count // 5 < nulls else db.execute_sql(
            f'SELECT "{column}" FROM customer_purchase WHERE "{column}" IS NOT NULL ORDER BY '
            f'"{column}" LIMIT 1 OFFSET {k * count // 5 - nulls}').fetchone()[0]
            for k in range(1, 5)])
    return cuts


def _rfm_select(db, count: int, tail: str = "") -> tuple[str, list]:
    """SQL scoring every customer_purchase row from the cuts as one number r×100 + f×10 + m
    (customer_id first), and its parameters. Each score is a search among the four cuts (two
    or three comparisons a row); no last sale (NULL) reaches no cut but a NULL one."""
    parts, params = [], []
    for column, cuts, weight in zip(_RFM_COLUMNS, _rfm_cuts(db, count), (100, 10, 1)):
        conditions = []
        for cut in cuts:
            if cut is None:  # only refund-only customers up to this rank: every value reaches it
                conditions.append(("1 = 1", []))
            else:
                conditions.append((f'"{column}" >= {db.param}', [cut]))
        (c1, p1), (c2, p2), (c3, p3), (c4, p4) = conditions
        parts.append(f"CASE WHEN {c2} THEN CASE WHEN {c4} THEN {5 * weight} WHEN {c3} THEN "
                     f"{4 * weight} ELSE {3 * weight} END WHEN {c1} THEN {2 * weight} ELSE "
                     f"{weight} END")
        params += [*p2, *p4, *p3, *p1]
    return f"SELECT customer_id, {' + '.join(parts)} FROM customer_purchase{tail}", params


_SCORES = {r * 100 + f * 10 + m: RfmScore(r, f, m, rfm_label(r, f, m))
           for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)}


def _buyers_count() -> int:
    return CustomerPurchase.select().count()


def _scored_rows() -> list[tuple[int, int]]:
    """(customer id, score key) of every buying customer, cuts and rows of one snapshot."""
    db = database_proxy.obj
    with db.atomic():
        count = _buyers_count()
        if not count:
            return []
        sql, params = _rfm_select(db, count)
        return db.execute_sql(sql, params).fetchall()


def rfm_scores() -> dict[int, RfmScore]:
    """Every buying customer's recency, frequency and monetary quintile (5 = best), by
    quintile() of their cumulative distribution: identical customers get identical scores.

    Read from customer_purchase (one summary row per buying customer, kept by the database on
    every purchase write): the same scores as RFM_RAW_SQL over every purchase."""
    scores = _SCORES
    return {cid: scores[key] for cid, key in _scored_rows()}


def rfm_label_counts() -> Counter:
    """Buying customers per RFM segment label (the figures page)."""
    counts: Counter = Counter()
    for key, n in Counter(key for _cid, key in _scored_rows()).items():
        counts[_SCORES[key].label] += n
    return counts


def rfm_segments() -> dict[int, str]:
    """customer id -> "Champions (R5F5M4)"."""
    return {cid: f"{s.label} ({s.code})" for cid, s in rfm_scores().items()}


def rfm(customer_id: int) -> RfmScore | None:
    """One customer's scores (their file): the cuts, then their own summary row."""
    db = database_proxy.obj
    with db.atomic():
        count = _buyers_count()
        if not count:
            return None
        sql, params = _rfm_select(db, count, f" WHERE customer_id = {db.param}")
        row = db.execute_sql(sql, [*params, customer_id]).fetchone()
    return _SCORES[int(row[1])] if row else None


def stats(period) -> dict:
    """Keys of `rcdesk stats --json`: customers.* and purchases.* (revenue in currency units)."""
    by_status = status_counts()
    at_start, lost = retention_counts(*rate_window(period.start, period.end))
    totals = purchase_totals(period)
    return {
        "customers": {
            "count": sum(by_status.values()),
            "by_status": by_status,
            "retention_rate_pct": retention_rate(at_start, at_start - lost),
            "attrition_rate_pct": attrition_rate(at_start, lost),
        },
        "purchases": {
            "count": totals.sales,
            "revenue": totals.revenue_cents / 100,
        },
    }
