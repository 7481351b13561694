"""Purchases imported from the till with a card number: cards looked up in one query per batch,
points earned by the counter's rules (active or grace card: earned; beyond: nothing; a
blocked card's points go to the card that replaced it), each purchase once (source key)."""

from __future__ import annotations

from datetime import date

from rcdesk.core.loyalty import (
    BLOCKED,
    CARD_LENGTH,
    CARD_PREFIX,
    EXPIRED,
    add_months,
    card_status,
    check_number,
    points_for,
)
from rcdesk.models.base import database_proxy, utcnow
from rcdesk.models.customers import Customer, Purchase
from rcdesk.models.loyalty import LoyaltyCard, LoyaltyLedger
from rcdesk.services.bulk import insert_rows
from rcdesk.services.loyalty.counter import reward_referral
from rcdesk.services.loyalty.ledger import refresh_next_expiry
from rcdesk.services.loyalty.programme import programme_at
from rcdesk.services.settings import current_operator

BATCH = 500


def card_number_or_error(text: str) -> tuple[str | None, str | None]:
    """(number, None) for a valid card number; (None, French reason) otherwise."""
    try:
        return check_number(text, CARD_LENGTH, CARD_PREFIX, "n° de carte"), None
    except ValueError as exc:
        return None, str(exc)[0].lower() + str(exc)[1:].rstrip(".")


def cards_by_number(numbers) -> dict[str, tuple[int, int]]:
    """number -> (card id, customer id): one query per BATCH numbers."""
    wanted = sorted(set(numbers))
    found: dict[str, tuple[int, int]] = {}
    for start in range(0, len(wanted), BATCH):
        for number, card_id, customer_id in (LoyaltyCard.select(
                LoyaltyCard.number, LoyaltyCard.id, LoyaltyCard.customer)
                .where(LoyaltyCard.number.in_(wanted[start:start + BATCH])).tuples()):
            found[number] = (card_id, customer_id)
    return found


def earn_for_imported(rows: list[tuple[int, date, int, str, int]]) -> int:
    """rows: (customer id, date, amount, reference, card id) of purchases just inserted, in the
    import's transaction. Returns the points earned. A purchase already earning (same source
    key) earns nothing again."""
    if not rows:
        return 0
    card_ids = sorted({r[4] for r in rows})
    cards = {}
    for start in range(0, len(card_ids), BATCH):
        for cid, exp, status, repl in (LoyaltyCard.select(
                LoyaltyCard.id, LoyaltyCard.expires_on, LoyaltyCard.status,
                LoyaltyCard.replaced_by).where(LoyaltyCard.id.in_(card_ids[start:start + BATCH]))
                .tuples()):
            cards[cid] = (exp, status, repl)
    customers = sorted({r[0] for r in rows})
    ids: dict[tuple, int] = {}
    for start in range(0, len(customers), BATCH):
        for pid, cust, day, amount, ref in (Purchase.select(
                Purchase.id, Purchase.customer, Purchase.date, Purchase.amount_cents,
                Purchase.reference).where(Purchase.customer.in_(customers[start:start + BATCH]))
                .tuples()):
            ids[(cust, day, amount, ref)] = pid
    keys = {f"purchase:{ids[(r[0], r[1], r[2], r[3])]}" for r in rows
            if (r[0], r[1], r[2], r[3]) in ids}
    done: set[str] = set()
    key_list = sorted(keys)
    for start in range(0, len(key_list), BATCH):
        done |= {k for (k,) in LoyaltyLedger.select(LoyaltyLedger.source_key).where(
            LoyaltyLedger.source_key.in_(key_list[start:start + BATCH])).tuples()}
    ledger, changes, total = [], {}, 0
    first_earn: dict[int, tuple[date, int]] = {}  # card -> its first earning day, customer
    who, now = current_operator(), utcnow()
    for cust, day, amount, ref, card_id in rows:
        pid = ids.get((cust, day, amount, ref))
        key = f"purchase:{pid}"
        if pid is None or key in done or amount == 0:
            continue
        exp, status, repl = cards[card_id]
        if status == BLOCKED and repl in cards:
            card_id = repl
            exp, status, _ = cards[repl]
        elif status == BLOCKED and repl:
            card_id = repl
            row = LoyaltyCard.get_by_id(repl)
            cards[repl] = (row.expires_on, row.status, row.replaced_by_id)
            exp, status, _ = cards[repl]
        if status == BLOCKED:
            continue
        p = programme_at(day)
        if amount > 0 and card_status(exp, False, day, p) == EXPIRED:
            continue
        points = points_for(amount, p)
        if not points:
            continue
        done.add(key)
        if points > 0 and (card_id not in first_earn or day < first_earn[card_id][0]):
            first_earn[card_id] = (day, cust)
        ledger.append((card_id, day, "earn" if points > 0 else "return", points,
                       add_months(day, p.points_months) if points > 0 else None, amount,
                       f"achat importé {ref}".strip(), key, pid, who, now))
        changes[card_id] = changes.get(card_id, 0) + points
        total += points
    insert_rows(LoyaltyLedger, ["card", "on", "kind", "points", "expires_on", "amount_cents",
                                "reason", "source_key", "purchase", "operator", "at"], ledger)
    if changes:
        ph = "?" if database_proxy.obj.param == "?" else "%s"
        database_proxy.obj.cursor().executemany(
            f'UPDATE "loyalty_card" SET "balance" = "balance" + {ph} WHERE "id" = {ph}',
            [(points, card_id) for card_id, points in changes.items()])
        refresh_next_expiry(list(changes))
    _referrals(first_earn)
    return total


def _referrals(first_earn: dict[int, tuple[date, int]]) -> None:
    """A referred newcomer's first purchase, imported, rewards both like at the counter (same
    rule, once): one query per batch finds the referred customers among the buyers."""
    customers = sorted({cust for _day, cust in first_earn.values()})
    referred: set[int] = set()
    for start in range(0, len(customers), BATCH):
        referred |= {c for (c,) in Customer.select(Customer.id).where(
            Customer.id.in_(customers[start:start + BATCH])
            & Customer.referred_by.is_null(False)).tuples()}
    for card_id, (day, cust) in sorted(first_earn.items(), key=lambda item: item[1]):
        if cust in referred:
            reward_referral(LoyaltyCard.get_by_id(card_id), day, programme_at(day))
