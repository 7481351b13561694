"""Cards: issue, find (number, scanner, phone, name), renew at any counter, replace, merge, and
what the card screen and `rcdesk loyalty card --json` show."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from peewee import fn

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import format_date, format_money
from rcdesk.core.loyalty import (
    ACTIVE,
    BLOCKED,
    CARD_LENGTH,
    CARD_PREFIX,
    EXPIRED,
    GRACE,
    STATUS_LABELS,
    Lot,
    Summary,
    VoucherInfo,
    add_months,
    card_status,
    check_number,
    make_number,
    next_tier,
    renewed_expiry,
    spoken_summary,
    tier_for,
)
from rcdesk.core.periods import last_12_months
from rcdesk.models.base import write_transaction
from rcdesk.models.customers import Customer, Purchase
from rcdesk.models.loyalty import LoyaltyCard, LoyaltyCardEvent, LoyaltyLedger, LoyaltyVoucher
from rcdesk.services.customers.search import display_name, quick_search
from rcdesk.services.loyalty.ledger import append, card_lots
from rcdesk.services.loyalty.programme import programme_at
from rcdesk.services.settings import current_operator, get_company, normalise_phone

FORMATS = ("carte", "porte-clés")


def new_card_number() -> str:
    """29 + 13 random digits + Luhn digit, not used yet."""
    while True:
        number = make_number(f"{secrets.randbelow(10**13):013d}", CARD_PREFIX)
        if not LoyaltyCard.select().where(LoyaltyCard.number == number).exists():
            return number


def parse_card_number(text: str) -> str:
    """The card number typed or scanned, checked (length, prefix, Luhn); ServiceError else."""
    try:
        return check_number(text, CARD_LENGTH, CARD_PREFIX, "Numéro de carte")
    except ValueError as exc:
        raise ServiceError(str(exc)) from exc


def find_customer(text: str) -> int:
    """A customer by id, e-mail or external (till) id."""
    value = (text or "").strip()
    if not value:
        raise ServiceError("Indiquez le client (n°, e-mail ou identifiant de caisse).")
    row = None
    if value.isdigit():
        row = Customer.get_or_none(Customer.id == int(value))
    if row is None and "@" in value:
        row = (Customer.select().where(fn.LOWER(Customer.email) == value.lower())
               .order_by(Customer.id).first())
    if row is None:
        row = Customer.get_or_none(Customer.external_id == value)
    if row is None:
        raise ServiceError(f"Client introuvable : « {value[:60]} ».")
    if row.anonymised_at is not None:
        raise ServiceError("Ce client a été anonymisé : pas de carte de fidélité.")
    return row.id


@dataclass(frozen=True)
class CardHit:
    card_id: int
    number: str
    customer: str
    status: str  # stored: active / blocked
    expires_on: date


_DIGITS = re.compile(r"[\s.\-]")


def lookup(text: str, limit: int = 20) -> list[CardHit]:
    """What the counter's one field finds: a scanned or typed card number (exact), a phone
    number, or a name (the customer's cards, current ones first). A card number with a wrong
    check digit raises ServiceError (a scanning slip is said, not searched as a name)."""
    value = (text or "").strip()
    if not value:
        return []
    digits = _DIGITS.sub("", value)
    if digits.isdigit() and len(digits) == CARD_LENGTH and digits.startswith(CARD_PREFIX):
        number = parse_card_number(digits)
        return _hits(LoyaltyCard.number == number, limit)
    customer_ids: list[int] = []
    if digits.lstrip("+").isdigit() and len(digits.lstrip("+")) >= 9:
        try:
            e164 = normalise_phone(value, get_company().country or "FR")
        except ValidationError:
            e164 = ""
        if e164:  # the indexed phone first; the second phone (not indexed) only if needed
            customer_ids = [cid for (cid,) in Customer.select(Customer.id).where(
                Customer.phone == e164).tuples()] or [
                cid for (cid,) in Customer.select(Customer.id).where(
                    Customer.phone2 == e164).tuples()]
    if not customer_ids and not digits.isdigit():
        customer_ids = [hit.customer_id for hit in quick_search(value, limit)]
    if not customer_ids:
        return []
    return _hits(LoyaltyCard.customer.in_(customer_ids), limit)


def _hits(where, limit: int) -> list[CardHit]:
    query = (LoyaltyCard.select(LoyaltyCard.id, LoyaltyCard.number, LoyaltyCard.status,
                                LoyaltyCard.expires_on, Customer.first_name, Customer.last_name,
                                Customer.company_name, Customer.kind)
             .join(Customer).where(where)
             .order_by(LoyaltyCard.status, LoyaltyCard.expires_on.desc()).limit(limit).tuples())
    return [CardHit(cid, number, display_name(fn_, ln, co, kind), status, exp)
            for cid, number, status, exp, fn_, ln, co, kind in query]


def find_card(text: str) -> LoyaltyCard:
    """One card from a number, a phone or a name; refused (French) when none or several."""
    hits = lookup(text)
    if not hits:
        raise ServiceError(f"Aucune carte de fidélité pour « {str(text).strip()[:60]} ».")
    current = [h for h in hits if h.status != BLOCKED]
    if len({h.card_id for h in hits}) > 1 and len(current) != 1:
        names = ", ".join(f"{h.number} ({h.customer})" for h in hits[:5])
        raise ServiceError(f"Plusieurs cartes correspondent à « {str(text).strip()[:60]} » : "
                           f"{names}. Précisez le numéro de carte.")
    chosen = current[0] if len(hits) > 1 else hits[0]
    return LoyaltyCard.get_by_id(chosen.card_id)


def _event(card_id: int, on: date, kind: str, detail: str = "", price: int = 0) -> None:
    LoyaltyCardEvent.insert(card=card_id, on=on, kind=kind, price_cents=price, detail=detail,
                            operator=current_operator()).execute()


def issue_card(customer_id: int, on: date | None = None, fmt: str = "carte") -> str:
    """A new card for the customer, valid card_months from on; returns its number. A
    customer already holding a current card is refused (renew or replace it instead)."""
    on = on or date.today()
    if fmt not in FORMATS:
        raise ServiceError("Format de carte inconnu (carte ou porte-clés).")
    p = programme_at(on)
    with write_transaction(LoyaltyCard):
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None:
            raise ServiceError(f"Le client n° {customer_id} n'existe pas (ou plus).")
        if customer.anonymised_at is not None:
            raise ServiceError("Ce client a été anonymisé : pas de carte de fidélité.")
        current = (LoyaltyCard.select().where((LoyaltyCard.customer == customer_id)
                                              & (LoyaltyCard.status != BLOCKED)).first())
        if current is not None:
            raise ServiceError(f"Ce client a déjà la carte {current.number} (expire le "
                               f"{format_date(current.expires_on)}) : renouvelez-la ou "
                               "remplacez-la.")
        number = new_card_number()
        card_id = LoyaltyCard.insert(number=number, customer=customer_id, issued_on=on,
                                     expires_on=add_months(on, p.card_months),
                                     format=fmt).execute()
        _event(card_id, on, "émission", f"carte {number}", p.card_price_cents)
    return number


def _live(card: LoyaltyCard, what: str) -> None:
    if card.status == BLOCKED:
        raise ServiceError(f"La carte {card.number} est bloquée depuis le "
                           f"{format_date(card.blocked_on)} ({card.blocked_reason}) : {what} "
                           "refusé.")


def renew_card(card_id: int, on: date | None = None) -> date:
    """Renew at any counter: points and vouchers kept; within the grace period the new
    validity continues from the old expiry. Returns the new expiry date."""
    on = on or date.today()
    p = programme_at(on)
    with write_transaction(LoyaltyCard):
        card = LoyaltyCard.get_by_id(card_id)
        _live(card, "renouvellement")
        expires = renewed_expiry(card.expires_on, on, p)
        LoyaltyCard.update(expires_on=expires).where(LoyaltyCard.id == card_id).execute()
        _event(card_id, on, "renouvellement",
               f"expiration {format_date(card.expires_on)} → {format_date(expires)}",
               p.card_price_cents)
    return expires


def _move_points(source: LoyaltyCard, target_id: int, on: date, why: str) -> int:
    """Move what remains on source to target lot by lot (expiry dates kept)."""
    lots = card_lots(source.id)
    moved = 0
    for i, lot in enumerate(lots):
        append(source.id, "transfer", -lot.points, on, f"transfer-out:{source.id}:{i}",
               reason=why)
        append(target_id, "transfer", lot.points, on, f"transfer-in:{source.id}:{i}",
               expires_on=lot.expires_on, reason=why)
        moved += lot.points
    rest = LoyaltyCard.get_by_id(source.id).balance
    if rest < 0:  # a debt (a return after a redeem) follows the customer too
        append(source.id, "transfer", -rest, on, f"transfer-out:{source.id}:debt", reason=why)
        append(target_id, "transfer", rest, on, f"transfer-in:{source.id}:debt", reason=why)
        moved += rest
    LoyaltyVoucher.update(card=target_id).where(LoyaltyVoucher.card == source.id).execute()
    return moved


def replace_card(card_id: int, on: date | None = None, reason: str = "carte perdue") -> str:
    """A new number for a lost card: balance, vouchers and expiry move to it; the old card is
    blocked and says so when scanned. Returns the new number."""
    on = on or date.today()
    with write_transaction(LoyaltyCard, LoyaltyLedger):
        card = LoyaltyCard.get_by_id(card_id)
        _live(card, "remplacement")
        number = new_card_number()
        new_id = LoyaltyCard.insert(number=number, customer=card.customer_id, issued_on=on,
                                    expires_on=card.expires_on, format=card.format).execute()
        _move_points(card, new_id, on, f"remplacement de la carte {card.number}")
        LoyaltyCard.update(status=BLOCKED, blocked_on=on, replaced_by=new_id,
                           blocked_reason=f"{reason}, remplacée par la carte {number}").where(
            LoyaltyCard.id == card_id).execute()
        _event(card_id, on, "remplacement", f"{reason} ; nouvelle carte {number}")
        _event(new_id, on, "émission", f"remplace la carte {card.number}")
    return number


def merge_cards(source_id: int, target_id: int, on: date | None = None) -> int:
    """Two cards of the same customer become one: source's points and vouchers go to target,
    target keeps the later expiry, source is blocked. Returns the points moved."""
    on = on or date.today()
    if source_id == target_id:
        raise ServiceError("Une carte ne se fusionne pas avec elle-même.")
    with write_transaction(LoyaltyCard, LoyaltyLedger):
        source, target = LoyaltyCard.get_by_id(source_id), LoyaltyCard.get_by_id(target_id)
        _live(source, "fusion")
        _live(target, "fusion")
        if source.customer_id != target.customer_id:
            raise ServiceError("Seules deux cartes du même client se fusionnent.")
        moved = _move_points(source, target_id, on, f"fusion de la carte {source.number}")
        LoyaltyCard.update(expires_on=max(source.expires_on, target.expires_on)).where(
            LoyaltyCard.id == target_id).execute()
        LoyaltyCard.update(status=BLOCKED, blocked_on=on, replaced_by=target_id,
                           blocked_reason=f"fusionnée dans la carte {target.number}").where(
            LoyaltyCard.id == source_id).execute()
        _event(source_id, on, "fusion", f"fusionnée dans la carte {target.number}")
        _event(target_id, on, "fusion", f"reçoit la carte {source.number}")
    return moved


def spend_12_months(customer_id: int, as_of: date) -> int:
    window = last_12_months(as_of)
    return (Purchase.select(fn.COALESCE(fn.SUM(Purchase.amount_cents), 0))
            .where((Purchase.customer == customer_id)
                   & Purchase.date.between(window.start, window.end)).scalar())


@dataclass
class CardView:
    """Everything the card screen shows, and the JSON of `rcdesk loyalty card`."""

    card_id: int
    number: str
    customer_id: int
    customer: str
    status: str  # active / grace / expired / blocked
    issued_on: date
    expires_on: date
    grace_until: date
    balance: int
    lots: list[Lot]
    vouchers: list[dict]
    tier: str
    tier_discount_pct: float
    spend_12m_cents: int
    next_tier: str
    missing_cents: int
    referrals: list[str]
    referred_by: str
    blocked_reason: str
    sentence: str
    warnings: list[str] = field(default_factory=list)
    format: str = "carte"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def as_json(self) -> dict:
        return {
            "number": self.number, "customer": self.customer,
            "customer_id": self.customer_id, "status": self.status,
            "expires_on": self.expires_on.isoformat(), "balance": self.balance,
            "points_expiring": [{"points": lot.points, "on": lot.expires_on.isoformat()}
                                for lot in self.lots if lot.expires_on],
            "vouchers": self.vouchers, "tier": self.tier or None,
            "tier_discount_pct": self.tier_discount_pct,
            "spend_12_months": self.spend_12m_cents / 100,
            "next_tier": self.next_tier or None, "missing_to_next_tier": self.missing_cents / 100,
            "referrals": self.referrals, "referred_by": self.referred_by or None,
            "sentence": self.sentence, "warnings": self.warnings,
        }


def _name(row: Customer) -> str:
    return display_name(row.first_name, row.last_name, row.company_name, row.kind)


def card_view(card_id: int, as_of: date | None = None) -> CardView:
    as_of = as_of or date.today()
    card = LoyaltyCard.get_or_none(LoyaltyCard.id == card_id)
    if card is None:
        raise ServiceError("Cette carte n'existe pas (ou plus).")
    p = programme_at(as_of)
    currency = get_company().currency
    customer = Customer.get_by_id(card.customer_id)
    status = card_status(card.expires_on, card.status == BLOCKED, as_of, p)
    lots = [lot for lot in card_lots(card.id)]
    vouchers, usable = [], []
    for v in LoyaltyVoucher.select().where(LoyaltyVoucher.card == card.id).order_by(
            LoyaltyVoucher.expires_on):
        used = v.used_on.isoformat() if v.used_on else None
        vouchers.append({"code": v.code, "value": v.value_cents / 100,
                         "expires_on": v.expires_on.isoformat(), "used": used})
        if v.used_at is None and v.expires_on >= as_of:
            usable.append(VoucherInfo(v.code, v.value_cents, v.expires_on))
    spend = spend_12_months(customer.id, as_of)
    tier = tier_for(spend, p)
    up = next_tier(spend, p)
    horizon = as_of + timedelta(days=max(p.warn_days, 90))
    soon = [lot for lot in lots if lot.expires_on and lot.expires_on <= horizon]
    sentence = spoken_summary(Summary(card.balance, usable, soon), currency)
    referrals = [_name(r) for r in Customer.select().where(
        Customer.referred_by == customer.id).order_by(Customer.id)]
    referrer = Customer.get_or_none(Customer.id == customer.referred_by_id)
    warnings = []
    grace_until = card.expires_on + timedelta(days=p.grace_days)
    if status == GRACE:
        warnings.append(f"Carte à renouveler — renouvelable ici (expirée le "
                        f"{format_date(card.expires_on)}, délai de grâce jusqu'au "
                        f"{format_date(grace_until)}).")
    elif status == EXPIRED:
        warnings.append(f"Carte expirée le {format_date(card.expires_on)} : les achats ne "
                        "rapportent plus de points — renouvelable ici.")
    elif status == ACTIVE and card.expires_on <= as_of + timedelta(days=p.warn_days):
        warnings.append(f"Carte à renouveler avant le {format_date(card.expires_on)} — "
                        "renouvelable ici.")
    elif status == BLOCKED:
        warnings.append(f"Carte bloquée : {card.blocked_reason}.")
    if card.balance >= p.threshold_points and status != BLOCKED:
        warnings.append(f"{card.balance} points : de quoi obtenir "
                        f"{card.balance // p.threshold_points} bon(s) de "
                        f"{format_money(p.voucher_value_cents, currency)}.")
    return CardView(
        card.id, card.number, customer.id, _name(customer), status, card.issued_on,
        card.expires_on, grace_until, card.balance, lots, vouchers,
        tier.name if tier else "", tier.discount_pct if tier else 0.0, spend,
        up[0].name if up else "", up[1] if up else 0, referrals,
        _name(referrer) if referrer else "", card.blocked_reason, sentence, warnings,
        card.format)


def customer_cards(customer_id: int) -> list[LoyaltyCard]:
    return list(LoyaltyCard.select().where(LoyaltyCard.customer == customer_id)
                .order_by(LoyaltyCard.id))


@dataclass(frozen=True)
class GraceCard:
    card_id: int
    number: str
    customer: str
    expires_on: date
    grace_until: date
    balance: int


def cards_in_grace(as_of: date | None = None, limit: int = 500) -> list[GraceCard]:
    """Cards past their expiry but still in their grace period on as_of (card_status ==
    GRACE: not blocked), the first to be lost first: the cards to renew now."""
    as_of = as_of or date.today()
    p = programme_at(as_of)
    rows = (LoyaltyCard.select(LoyaltyCard, Customer).join(Customer)
            .where((LoyaltyCard.status != BLOCKED) & (LoyaltyCard.expires_on < as_of)
                   & (LoyaltyCard.expires_on >= as_of - timedelta(days=p.grace_days)))
            .order_by(LoyaltyCard.expires_on, LoyaltyCard.id).limit(limit))
    return [GraceCard(c.id, c.number, _name(c.customer), c.expires_on,
                      c.expires_on + timedelta(days=p.grace_days), c.balance)
            for c in rows
            if card_status(c.expires_on, False, as_of, p) == GRACE]
