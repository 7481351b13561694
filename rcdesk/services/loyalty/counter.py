"""At the counter: a purchase (points, tier discount, grace rules, referral), a return, points
turned into a voucher, a voucher used once; and the expiry run."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from peewee import fn

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import format_date, format_money
from rcdesk.core.loyalty import (
    ACTIVE,
    BLOCKED,
    EXPIRED,
    GRACE,
    VOUCHER_LENGTH,
    VOUCHER_PREFIX,
    add_months,
    card_status,
    check_number,
    discount_cents,
    make_number,
    pct,
    points_for,
    points_to_expire,
    tier_for,
)
from rcdesk.core.text import clean_text
from rcdesk.models.base import database_proxy, utcnow, write_transaction
from rcdesk.models.customers import Customer, Purchase
from rcdesk.models.loyalty import LoyaltyCard, LoyaltyLedger, LoyaltyVoucher
from rcdesk.services.bulk import insert_rows
from rcdesk.services.customers.activity import check_purchase, insert_purchase
from rcdesk.services.loyalty.cards import spend_12_months
from rcdesk.services.loyalty.ledger import append, refresh_next_expiry
from rcdesk.services.loyalty.programme import programme_at
from rcdesk.services.settings import current_operator, get_company


class VoucherAlreadyUsed(ServiceError):
    """A voucher presented a second time: « déjà utilisé le … » (exit 2)."""


@dataclass
class PurchaseResult:
    purchase_id: int
    points: int  # earned (negative: taken back by a return)
    paid_cents: int
    discount_cents: int
    tier: str
    status: str
    balance: int
    would_have_earned: int = 0  # a card expired beyond its grace period
    messages: list[str] = field(default_factory=list)


def _money(cents: int) -> str:
    return format_money(cents, get_company().currency)


def record_purchase(card_id: int, amount_cents: int, on: date | None = None,
                    reference: str = "", channel: str = "comptoir") -> PurchaseResult:
    """A purchase on a card (amount before the tier discount; negative: a return).

    Active card: earns its points. In its grace period: earns them and says « carte à
    renouveler — renouvelable ici ». Beyond: the purchase is recorded, no points, and what
    would have been earned is said. Blocked card: refused. A return takes back the points of
    the amount returned (at most what the purchase it names earned)."""
    on = on or date.today()
    reference = clean_text(reference or "", multiline=False).strip()
    if not amount_cents:
        raise ServiceError("Le montant d'un achat ne peut pas être nul.")
    try:
        check_purchase(on, amount_cents, channel, reference)
    except ValidationError as exc:
        raise ServiceError(exc.message) from exc
    p = programme_at(on)
    with write_transaction(LoyaltyLedger, LoyaltyCard, Purchase):
        card = LoyaltyCard.get_or_none(LoyaltyCard.id == card_id)
        if card is None:
            raise ServiceError("Cette carte n'existe pas (ou plus).")
        if card.status == BLOCKED:
            raise ServiceError(f"Carte {card.number} bloquée ({card.blocked_reason}) : achat "
                               "non enregistré sur cette carte.")
        cid = card.customer_id
        if reference and Purchase.select().where(
                (Purchase.customer == cid) & (Purchase.date == on)
                & (Purchase.amount_cents == amount_cents) & (Purchase.reference == reference)
        ).exists():
            raise ServiceError(f"Achat déjà enregistré (même client, date, montant et "
                               f"référence « {reference} ») : il ne rapporte pas deux fois.")
        status = card_status(card.expires_on, False, on, p)
        tier = tier_for(spend_12_months(cid, on), p) if amount_cents > 0 else None
        discount = discount_cents(amount_cents, tier)
        paid = amount_cents - discount
        pid = insert_purchase(cid, on, paid, channel, reference)
        result = PurchaseResult(pid, 0, paid, discount, tier.name if tier else "", status, 0)
        if discount:
            result.messages.append(f"Remise {tier.name} {pct(tier.discount_pct)} : "
                                   f"−{_money(discount)} (à payer : {_money(paid)}).")
        if paid < 0:
            result.points = _take_back(card, paid, on, pid, reference, p)
        elif status in (ACTIVE, GRACE):
            result.points = points_for(paid, p)
            if result.points:
                append(card.id, "earn", result.points, on, f"purchase:{pid}",
                       expires_on=add_months(on, p.points_months), amount_cents=paid,
                       discount_cents=discount, purchase=pid,
                       reason=f"achat {reference}".strip())
            result.messages += reward_referral(card, on, p)
        else:
            result.would_have_earned = points_for(paid, p)
        if status == GRACE:
            result.messages.append(
                f"Carte à renouveler — renouvelable ici (expirée le "
                f"{format_date(card.expires_on)} ; les points de cet achat restent acquis si "
                f"elle est renouvelée avant le "
                f"{format_date(card.expires_on + timedelta(days=p.grace_days))}).")
        elif status == EXPIRED:
            result.messages.append(
                f"Carte expirée le {format_date(card.expires_on)} : cet achat aurait rapporté "
                f"{result.would_have_earned} points. Renouvelez-la ici pour ne plus en perdre.")
        result.balance = LoyaltyCard.get_by_id(card.id).balance
    return result


def _take_back(card, paid: int, on: date, pid: int, reference: str, p) -> int:
    """The points of a returned amount; with a reference, at most what that purchase earned
    minus what earlier returns of it took back."""
    points = points_for(paid, p)  # negative
    if reference:
        earned = (LoyaltyLedger.select(fn.COALESCE(fn.SUM(LoyaltyLedger.points), 0))
                  .join(Purchase, on=(LoyaltyLedger.purchase == Purchase.id))
                  .where((Purchase.customer == card.customer_id)
                         & (Purchase.reference == reference)
                         & (LoyaltyLedger.kind.in_(("earn", "return")))).scalar())
        points = -min(-points, max(0, earned))
    if points:
        append(card.id, "return", points, on, f"purchase:{pid}", amount_cents=paid,
               purchase=pid, reason=f"retour {reference}".strip())
    return points


def _current_card(customer_id: int, on: date, p) -> LoyaltyCard | None:
    card = (LoyaltyCard.select().where((LoyaltyCard.customer == customer_id)
                                       & (LoyaltyCard.status != BLOCKED))
            .order_by(LoyaltyCard.expires_on.desc()).first())
    if card is None or card_status(card.expires_on, False, on, p) == EXPIRED:
        return None
    return card


def reward_referral(card, on: date, p) -> list[str]:
    """The newcomer's first purchase on a card rewards both, once (unique keys): at the counter
    and through the till's purchase import alike."""
    customer = Customer.select(Customer.id, Customer.referred_by).where(
        Customer.id == card.customer_id).first()
    if not customer.referred_by_id:
        return []
    key = f"referral-newcomer:{customer.id}"
    if LoyaltyLedger.select().where(LoyaltyLedger.source_key == key).exists():
        return []
    messages = []
    if p.newcomer_points:
        append(card.id, "referral", p.newcomer_points, on, key,
               expires_on=add_months(on, p.points_months), reason="bienvenue (parrainage)")
        messages.append(f"Parrainage : {p.newcomer_points} points de bienvenue.")
    referrer = _current_card(customer.referred_by_id, on, p)
    if referrer is not None and p.referrer_points:
        append(referrer.id, "referral", p.referrer_points, on,
               f"referral-referrer:{customer.id}", expires_on=add_months(on, p.points_months),
               reason=f"parrainage du client n° {customer.id}")
        messages.append(f"Parrainage : {p.referrer_points} points pour le parrain "
                        f"(carte {referrer.number}).")
    return messages


def new_voucher_code() -> str:
    while True:
        code = make_number(f"{secrets.randbelow(10**9):09d}", VOUCHER_PREFIX)
        if not LoyaltyVoucher.select().where(LoyaltyVoucher.code == code).exists():
            return code


def redeem(card_id: int, on: date | None = None) -> LoyaltyVoucher:
    """threshold points -> one voucher. The balance is taken by a conditional UPDATE (balance
    >= threshold) in the write transaction: two counters cannot spend the same points."""
    on = on or date.today()
    p = programme_at(on)
    with write_transaction(LoyaltyLedger, LoyaltyCard, LoyaltyVoucher):
        card = LoyaltyCard.get_or_none(LoyaltyCard.id == card_id)
        if card is None:
            raise ServiceError("Cette carte n'existe pas (ou plus).")
        if card.status == BLOCKED:
            raise ServiceError(f"Carte {card.number} bloquée ({card.blocked_reason}).")
        if card_status(card.expires_on, False, on, p) == EXPIRED:
            raise ServiceError(f"Carte expirée le {format_date(card.expires_on)} : "
                               "renouvelez-la pour utiliser ses points.")
        taken = LoyaltyCard.update(balance=LoyaltyCard.balance - p.threshold_points).where(
            (LoyaltyCard.id == card_id)
            & (LoyaltyCard.balance >= p.threshold_points)).execute()
        if taken != 1:
            raise ServiceError(f"Solde insuffisant : {card.balance} points, il en faut "
                               f"{p.threshold_points} pour un bon de "
                               f"{_money(p.voucher_value_cents)}.")
        code = new_voucher_code()
        vid = LoyaltyVoucher.insert(code=code, card=card_id, value_cents=p.voucher_value_cents,
                                    points=p.threshold_points, issued_on=on,
                                    expires_on=on + timedelta(days=p.voucher_days)).execute()
        append(card_id, "redeem", -p.threshold_points, on, f"voucher:{code}", voucher=vid,
               reason=f"bon {code}", update_balance=False)
        return LoyaltyVoucher.get_by_id(vid)


def parse_voucher_code(text: str) -> str:
    try:
        return check_number(text, VOUCHER_LENGTH, VOUCHER_PREFIX, "Code de bon")
    except ValueError as exc:
        raise ServiceError(str(exc)) from exc


def use_voucher(code: str, on: date | None = None, reference: str = "") -> LoyaltyVoucher:
    """Use a voucher once. The conditional UPDATE (not used, still valid) inside the write
    transaction decides: of two counters at the same moment exactly one changes the row; the
    other is told « déjà utilisé le … »."""
    on = on or date.today()
    code = parse_voucher_code(code)
    reference = clean_text(reference or "", multiline=False).strip()[:255]
    with write_transaction(LoyaltyVoucher):
        won = LoyaltyVoucher.update(used_at=utcnow(), used_on=on, used_by=current_operator(),
                                    used_reference=reference).where(
            (LoyaltyVoucher.code == code) & LoyaltyVoucher.used_at.is_null()
            & (LoyaltyVoucher.expires_on >= on) & (LoyaltyVoucher.issued_on <= on)).execute()
        voucher = LoyaltyVoucher.get_or_none(LoyaltyVoucher.code == code)
    if won == 1:
        return voucher
    if voucher is None:
        raise ServiceError(f"Bon inconnu : {code}.")
    if voucher.used_at is not None:
        raise VoucherAlreadyUsed(
            f"Bon {code} déjà utilisé le {format_date(voucher.used_on)} à "
            f"{voucher.used_at.strftime('%H:%M')} UTC"
            + (f" (par {voucher.used_by})" if voucher.used_by else "") + ".")
    if voucher.expires_on < on:
        raise ServiceError(f"Bon {code} expiré le {format_date(voucher.expires_on)}.")
    raise ServiceError(f"Bon {code} émis le {format_date(voucher.issued_on)} : pas encore "
                       "valable à cette date.")


@dataclass(frozen=True)
class ExpiryResult:
    cards: int
    points: int
    grace_cards: int
    grace_points: int


def run_expiry(as_of: date | None = None) -> ExpiryResult:
    """Points expired by as_of leave the balances (oldest first, one row per card), and the
    points earned during a grace period that ended without renewal are taken back. Running it
    twice changes nothing the second time."""
    as_of = as_of or date.today()
    p = programme_at(as_of)
    db = database_proxy.obj
    with write_transaction(LoyaltyLedger, LoyaltyCard):
        due = db.execute_sql(
            'SELECT "card_id", SUM(CASE WHEN "points" > 0 AND "expires_on" <= %s THEN "points" '
            'ELSE 0 END), SUM(CASE WHEN "points" < 0 THEN -"points" ELSE 0 END) '
            'FROM "loyalty_ledger" GROUP BY "card_id"'.replace("%s", _ph()), (as_of,)).fetchall()
        rows, changes = [], []
        for card_id, credits, debits in due:
            points = points_to_expire(credits or 0, debits or 0)
            if points:
                rows.append((card_id, as_of, "expire", -points, f"expire:{card_id}:{as_of}",
                             "points arrivés à expiration"))
                changes.append((-points, card_id))
        expired, expired_points = len(rows), -sum(c for c, _ in changes)
        grace_points = 0
        limit = as_of - timedelta(days=p.grace_days)
        Card = LoyaltyCard
        lapsed = (LoyaltyLedger.select(LoyaltyLedger.card, Card.expires_on,
                                       fn.SUM(LoyaltyLedger.points))
                  .join(Card, on=(LoyaltyLedger.card == Card.id))
                  .where((Card.status != BLOCKED) & (Card.expires_on < limit)
                         & LoyaltyLedger.kind.in_(("earn", "return"))
                         & (LoyaltyLedger.on > Card.expires_on))
                  .group_by(LoyaltyLedger.card, Card.expires_on).tuples())
        pending = [(cid, exp, pts) for cid, exp, pts in lapsed if pts and pts > 0]
        if pending:
            keys = [f"grace:{cid}:{exp}" for cid, exp, _ in pending]
            done = set()
            for start in range(0, len(keys), 500):
                done |= {k for (k,) in LoyaltyLedger.select(LoyaltyLedger.source_key).where(
                    LoyaltyLedger.source_key.in_(keys[start:start + 500])).tuples()}
            for (card_id, _exp, points), key in zip(pending, keys):
                if key in done:
                    continue
                rows.append((card_id, as_of, "grace", -points, key,
                             "carte non renouvelée dans le délai de grâce : points de la "
                             "période de grâce repris"))
                changes.append((-points, card_id))
                grace_points += points
        if rows:
            who, now = current_operator(), utcnow()
            insert_rows(LoyaltyLedger, ["card", "on", "kind", "points", "source_key", "reason",
                                        "operator", "at"],
                        [(*r, who, now) for r in rows])
            cursor = db.cursor()
            cursor.executemany(
                f'UPDATE "loyalty_card" SET "balance" = "balance" + {_ph()} WHERE "id" = {_ph()}',
                changes)
            refresh_next_expiry([card_id for _points, card_id in changes])
    return ExpiryResult(expired, expired_points, len(rows) - expired, grace_points)


def _ph() -> str:
    return "?" if database_proxy.obj.param == "?" else "%s"
