"""Rebates (ristourne, M303 II): for a period, each customer's spend against the programme's
brackets; listed (PDF, CSV) and recorded when granted (once per customer and period)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from peewee import fn

from rcdesk.core.errors import ServiceError
from rcdesk.core.files import write_atomically
from rcdesk.core.formatting import cents_to_decimal, format_date
from rcdesk.core.loyalty import rebate_for
from rcdesk.core.periods import Period
from rcdesk.models.base import write_transaction
from rcdesk.models.customers import Customer, Purchase
from rcdesk.models.loyalty import LoyaltyRebate
from rcdesk.services.customers.export import neutralise
from rcdesk.services.customers.search import display_name
from rcdesk.services.loyalty.programme import programme_at
from rcdesk.services.settings import current_operator


@dataclass(frozen=True)
class RebateLine:
    customer_id: int
    customer: str
    spend_cents: int
    rate_pct: float
    amount_cents: int
    granted_on: date | None


def _bounds(period: Period) -> tuple[date, date]:
    if not period.start or not period.end:
        raise ServiceError("Une ristourne se calcule sur une période : donnez --from et --to.")
    if period.end < period.start:
        raise ServiceError("La date de fin précède la date de début.")
    return period.start, period.end


def rebate_lines(period: Period) -> list[RebateLine]:
    """Customers whose spend over the period reaches a bracket, the largest rebate first; the
    brackets are those of the programme in force at the period's end."""
    start, end = _bounds(period)
    p = programme_at(end)
    granted = {cid: day for cid, day in LoyaltyRebate.select(
        LoyaltyRebate.customer, LoyaltyRebate.granted_on).where(
        (LoyaltyRebate.period_start == start) & (LoyaltyRebate.period_end == end)).tuples()}
    spend = (Purchase.select(Purchase.customer, fn.SUM(Purchase.amount_cents).alias("s"),
                             Customer.first_name, Customer.last_name, Customer.company_name,
                             Customer.kind)
             .join(Customer).where(Purchase.date.between(start, end))
             .group_by(Purchase.customer, Customer.first_name, Customer.last_name,
                       Customer.company_name, Customer.kind).tuples())
    lines = []
    for cid, total, first, last, company, kind in spend:
        rate, amount = rebate_for(int(total or 0), p)
        if amount:
            lines.append(RebateLine(cid, display_name(first, last, company, kind), int(total),
                                    rate, amount, granted.get(cid)))
    return sorted(lines, key=lambda r: (-r.amount_cents, r.customer))


def grant_rebates(period: Period, on: date | None = None) -> int:
    """Record the rebates of the period not yet granted; returns how many were recorded."""
    start, end = _bounds(period)
    on = on or date.today()
    with write_transaction(LoyaltyRebate):
        lines = [r for r in rebate_lines(period) if r.granted_on is None]
        for r in lines:
            LoyaltyRebate.insert(customer=r.customer_id, period_start=start, period_end=end,
                                 spend_cents=r.spend_cents, rate_pct=round(r.rate_pct * 100),
                                 amount_cents=r.amount_cents, granted_on=on,
                                 operator=current_operator()).execute()
    return len(lines)


def write_rebates_csv(lines: list[RebateLine], path: str | Path, *,
                      overwrite: bool = False) -> Path:
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle, delimiter=";")
            out.writerow(("N° client", "Client", "Achats de la période", "Taux (%)",
                          "Ristourne", "Accordée le"))
            for r in lines:
                out.writerow((r.customer_id, neutralise(r.customer),
                              str(cents_to_decimal(r.spend_cents)).replace(".", ","),
                              f"{r.rate_pct:g}".replace(".", ","),
                              str(cents_to_decimal(r.amount_cents)).replace(".", ","),
                              format_date(r.granted_on)))

    return write_atomically(write, path, overwrite=overwrite)
