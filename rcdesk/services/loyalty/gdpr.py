"""GDPR part of loyalty: what a customer's cards hold, their erasure, their deletion."""

from __future__ import annotations

from rcdesk.core.loyalty import BLOCKED
from rcdesk.models.base import utcnow
from rcdesk.models.loyalty import (
    LoyaltyCard,
    LoyaltyCardEvent,
    LoyaltyLedger,
    LoyaltyRebate,
    LoyaltyVoucher,
)
from rcdesk.services.area_types import DeleteImpact, PersonalData
from rcdesk.services.redact import redact_model

ERASED_REASON = "client anonymisé (RGPD)"


def anonymise(customer_ids: list[int], people: list[PersonalData]) -> None:
    """The customers' cards are blocked (a card number would point at the person again) and
    the free texts of every loyalty row that name them are redacted; points, amounts and
    dates stay for the statistics."""
    ids = list(customer_ids)
    if ids:
        today = utcnow().date()
        LoyaltyCard.update(status=BLOCKED, blocked_reason=ERASED_REASON, blocked_on=today).where(
            LoyaltyCard.customer.in_(ids) & (LoyaltyCard.status != BLOCKED)).execute()
        LoyaltyCard.update(blocked_reason=ERASED_REASON).where(
            LoyaltyCard.customer.in_(ids)).execute()
        cards = LoyaltyCard.select(LoyaltyCard.id).where(LoyaltyCard.customer.in_(ids))
        LoyaltyLedger.update(reason="").where(LoyaltyLedger.card.in_(cards)).execute()
        LoyaltyCardEvent.update(detail="").where(LoyaltyCardEvent.card.in_(cards)).execute()
        LoyaltyVoucher.update(used_reference="").where(LoyaltyVoucher.card.in_(cards)).execute()
    for person in people:
        needles = person.needles()
        redact_model(LoyaltyLedger, [LoyaltyLedger.reason], needles)
        redact_model(LoyaltyCardEvent, [LoyaltyCardEvent.detail], needles)
        redact_model(LoyaltyCard, [LoyaltyCard.blocked_reason], needles)


def delete_impact(customer_id: int) -> DeleteImpact:
    """Only what exists: a customer without a card gets no loyalty line."""
    cards = LoyaltyCard.select(LoyaltyCard.id).where(LoyaltyCard.customer == customer_id)
    gone = {
        "carte(s) de fidélité": cards.count(),
        "ligne(s) de relevé de points": LoyaltyLedger.select().where(
            LoyaltyLedger.card.in_(cards)).count(),
        "bon(s) d'achat": LoyaltyVoucher.select().where(LoyaltyVoucher.card.in_(cards)).count(),
        "ristourne(s)": LoyaltyRebate.select().where(
            LoyaltyRebate.customer == customer_id).count(),
    }
    return DeleteImpact(gone={label: n for label, n in gone.items() if n})


def export_customer(customer_id: int) -> dict:
    cards = []
    for card in LoyaltyCard.select().where(LoyaltyCard.customer == customer_id).order_by(
            LoyaltyCard.id):
        ledger = [{"on": r.on.isoformat(), "kind": r.kind, "points": r.points,
                   "expires_on": r.expires_on.isoformat() if r.expires_on else None,
                   "amount": r.amount_cents / 100, "reason": r.reason, "operator": r.operator}
                  for r in card.ledger.order_by(LoyaltyLedger.on, LoyaltyLedger.id)]
        vouchers = [{"code": v.code, "value": v.value_cents / 100,
                     "issued_on": v.issued_on.isoformat(), "expires_on": v.expires_on.isoformat(),
                     "used_on": v.used_on.isoformat() if v.used_on else None}
                    for v in card.vouchers.order_by(LoyaltyVoucher.id)]
        cards.append({"number": card.number, "issued_on": card.issued_on.isoformat(),
                      "expires_on": card.expires_on.isoformat(), "status": card.status,
                      "blocked_reason": card.blocked_reason, "balance": card.balance,
                      "ledger": ledger, "vouchers": vouchers})
    rebates = [{"from": r.period_start.isoformat(), "to": r.period_end.isoformat(),
                "spend": r.spend_cents / 100, "rate_pct": r.rate_pct / 100,
                "amount": r.amount_cents / 100, "granted_on": r.granted_on.isoformat()}
               for r in LoyaltyRebate.select().where(LoyaltyRebate.customer == customer_id)]
    return {"loyalty_cards": cards, "loyalty_rebates": rebates}
