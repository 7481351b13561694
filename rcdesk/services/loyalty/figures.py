"""Loyalty figures: `rcdesk stats --json` keys, the indicators of the registry, and the
programme's profitability over a period (M303 VI: extra revenue vs the programme's costs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from peewee import fn

from rcdesk.core.loyalty import BLOCKED
from rcdesk.core.periods import Period
from rcdesk.models.customers import Customer, Purchase
from rcdesk.models.indicators import LoyaltyHolderDay
from rcdesk.models.loyalty import (
    LoyaltyCard,
    LoyaltyCardEvent,
    LoyaltyLedger,
    LoyaltyRebate,
    LoyaltyVoucher,
)
from rcdesk.services.customers import purchase_totals
from rcdesk.services.customers.figures import attrition_rate, rate_window, retention_rate
from rcdesk.services.loyalty.programme import programme_at


def _as_of(period: Period) -> date:
    today = date.today()
    return min(period.end, today) if period.end else today


def stats(period: Period) -> dict:
    """The loyalty keys, as of the period's end (today at most)."""
    as_of = _as_of(period)
    p = programme_at(as_of)
    live = LoyaltyCard.status != BLOCKED
    active = LoyaltyCard.select().where(live & (LoyaltyCard.expires_on >= as_of)).count()
    points = points_outstanding()
    vouchers = LoyaltyVoucher.select().where(LoyaltyVoucher.used_at.is_null()
                                             & (LoyaltyVoucher.expires_on >= as_of)
                                             & (LoyaltyVoucher.issued_on <= as_of)).count()
    expiring = LoyaltyCard.select().where(live & LoyaltyCard.expires_on.between(
        as_of, as_of + timedelta(days=p.warn_days))).count()
    grace = LoyaltyCard.select().where(live & (LoyaltyCard.expires_on < as_of) & (
        LoyaltyCard.expires_on >= as_of - timedelta(days=p.grace_days))).count()
    return {"loyalty": {"active_cards": active, "points_outstanding": int(points),
                        "vouchers_outstanding": vouchers, "cards_expiring_soon": expiring,
                        "cards_in_grace": grace}}


def points_outstanding() -> int:
    """The balances of the cards not blocked: today's figure, whatever the period (it moves
    with every sale to a card holder: the registry reads it live, never from its cache)."""
    return int(LoyaltyCard.select(fn.COALESCE(fn.SUM(LoyaltyCard.balance), 0))
               .where(LoyaltyCard.status != BLOCKED).scalar())


def live_measure() -> dict[str, float | None]:
    """The part of measure() read live over the cached rest (see points_outstanding)."""
    return {"loyalty_points_outstanding": float(points_outstanding())}


def live_stats() -> dict:
    """The part of stats() read live over the cached rest."""
    return {"loyalty": {"points_outstanding": points_outstanding()}}


def _holders_revenue(period: Period) -> tuple[int, int]:
    """(revenue of card holders, total revenue) over the period. The holders' part is summed
    from loyalty_holder_day (revenue per day of the customers with a card, kept by triggers:
    models/indicators.py), the total from the purchase day summaries (customers'
    purchase_totals), not from every purchase."""
    start, end = period.start or date(1900, 1, 1), period.end or date(2100, 12, 31)
    total = purchase_totals(period).revenue_cents
    mine = LoyaltyHolderDay.select(fn.COALESCE(fn.SUM(LoyaltyHolderDay.revenue_cents), 0)).where(
        LoyaltyHolderDay.day.between(start, end)).scalar()
    return int(mine), int(total)


def holders_revenue_from_purchases(period: Period) -> int:
    """The holders' revenue summed from the purchases themselves (what loyalty_holder_day
    must always equal; the tests compare the two)."""
    start, end = period.start or date(1900, 1, 1), period.end or date(2100, 12, 31)
    holders = LoyaltyCard.select(LoyaltyCard.customer).distinct()
    return int(Purchase.select(fn.COALESCE(fn.SUM(Purchase.amount_cents), 0)).where(
        Purchase.date.between(start, end) & Purchase.customer.in_(holders)).scalar())


def measure(period: Period) -> dict[str, float | None]:
    as_of = _as_of(period)
    live = LoyaltyCard.status != BLOCKED
    cards = LoyaltyCard.select().where(live & (LoyaltyCard.expires_on >= as_of)).count()
    points = points_outstanding()
    holders, total = _holders_revenue(period)
    start, end = period.start or date(1900, 1, 1), period.end or as_of
    used = LoyaltyVoucher.select().where(LoyaltyVoucher.used_on.between(start, end)).count()
    lapsed = LoyaltyVoucher.select().where(LoyaltyVoucher.used_at.is_null() & (
        LoyaltyVoucher.expires_on.between(start, min(end, as_of - timedelta(days=1))))).count()
    renewed = LoyaltyCardEvent.select().where(
        (LoyaltyCardEvent.kind == "renouvellement")
        & LoyaltyCardEvent.on.between(start, end)).count()
    p = programme_at(as_of)
    lost = LoyaltyCard.select().where(live & LoyaltyCard.expires_on.between(
        start, min(end, as_of - timedelta(days=p.grace_days + 1)))).count()
    return {
        "loyalty_active_cards": float(cards) if cards or total else None,
        "loyalty_points_outstanding": float(points),
        "loyalty_revenue_share": holders * 100.0 / total if total > 0 else None,
        "loyalty_voucher_use": used * 100.0 / (used + lapsed) if used + lapsed else None,
        "loyalty_renewal_rate": renewed * 100.0 / (renewed + lost) if renewed + lost else None,
    }


@dataclass(frozen=True)
class Profitability:
    """M303 VI: the programme's extra revenue against its costs, over a period."""

    holders_revenue_cents: int
    others_revenue_cents: int
    holders: int
    others: int
    vouchers_cost_cents: int  # vouchers used
    discounts_cents: int  # tier discounts given
    rebates_cents: int  # rebates granted
    cards_income_cents: int  # cards' price paid (a receipt, not a cost)
    holders_retention_pct: float | None = None  # the customer file's rates, holders / others
    others_retention_pct: float | None = None
    holders_attrition_pct: float | None = None
    others_attrition_pct: float | None = None

    @property
    def holder_average_cents(self) -> int:
        return self.holders_revenue_cents // self.holders if self.holders else 0

    @property
    def other_average_cents(self) -> int:
        return self.others_revenue_cents // self.others if self.others else 0

    @property
    def extra_revenue_cents(self) -> int:
        """What holders spent above what as many non-holders spend on average."""
        return (self.holder_average_cents - self.other_average_cents) * self.holders

    @property
    def costs_cents(self) -> int:
        return (self.vouchers_cost_cents + self.discounts_cents + self.rebates_cents
                - self.cards_income_cents)

    @property
    def balance_cents(self) -> int:
        return self.extra_revenue_cents - self.costs_cents


def profitability(period: Period) -> Profitability:
    start, end = period.start or date(1900, 1, 1), period.end or date.today()
    in_period = Purchase.date.between(start, end)
    holder_ids = LoyaltyCard.select(LoyaltyCard.customer).distinct()
    rows = (Purchase.select(Purchase.customer, fn.SUM(Purchase.amount_cents))
            .where(in_period).group_by(Purchase.customer).tuples())
    holders = set(c for (c,) in holder_ids.tuples())
    h_rev = h_n = o_rev = o_n = 0
    for cid, amount in rows:
        if cid in holders:
            h_rev, h_n = h_rev + amount, h_n + 1
        else:
            o_rev, o_n = o_rev + amount, o_n + 1
    vouchers = (LoyaltyVoucher.select(fn.COALESCE(fn.SUM(LoyaltyVoucher.value_cents), 0))
                .where(LoyaltyVoucher.used_on.between(start, end)).scalar())
    discounts = (LoyaltyLedger.select(fn.COALESCE(fn.SUM(LoyaltyLedger.discount_cents), 0))
                 .where(LoyaltyLedger.on.between(start, end)).scalar())
    rebates = (LoyaltyRebate.select(fn.COALESCE(fn.SUM(LoyaltyRebate.amount_cents), 0))
               .where(LoyaltyRebate.granted_on.between(start, end)).scalar())
    cards = (LoyaltyCardEvent.select(fn.COALESCE(fn.SUM(LoyaltyCardEvent.price_cents), 0))
             .where(LoyaltyCardEvent.on.between(start, end)).scalar())
    rates = _rates(period, holders)
    return Profitability(int(h_rev), int(o_rev), h_n, o_n, int(vouchers), int(discounts),
                         int(rebates), int(cards), *rates)


def _rates(period: Period, holders: set[int]) -> tuple:
    """Retention and attrition (DOMAIN.md, the customer file's definitions and window) of card
    holders and of the other customers."""
    start, end = rate_window(period.start, period.end)
    was_client = (Customer.client_since.is_null(False) & (Customer.client_since < start)
                  & (Customer.lost_at.is_null() | (Customer.lost_at >= start)))
    counts = {True: [0, 0], False: [0, 0]}
    for cid, lost_at in Customer.select(Customer.id, Customer.lost_at).where(
            was_client).tuples():
        entry = counts[cid in holders]
        entry[0] += 1
        entry[1] += 1 if lost_at is not None and start <= lost_at <= end else 0
    (h_start, h_lost), (o_start, o_lost) = counts[True], counts[False]
    return (retention_rate(h_start, h_start - h_lost), retention_rate(o_start, o_start - o_lost),
            attrition_rate(h_start, h_lost), attrition_rate(o_start, o_lost))
