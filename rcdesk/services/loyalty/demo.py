"""Loyalty part of `rcdesk demo`: cards for about half the clients with their ledgers
(bulk-inserted), vouchers used and unused, expired points, the TP1 customer (card expired two
weeks ago, in its grace period, with unclaimed vouchers and points about to expire) and a
referral rewarded through the counter's own rule."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from peewee import SqliteDatabase, fn

from rcdesk.core.loyalty import CARD_PREFIX, VOUCHER_PREFIX, add_months, make_number, points_for
from rcdesk.models.base import database_proxy
from rcdesk.models.customers import Customer, Purchase
from rcdesk.models.loyalty import LoyaltyCard, LoyaltyCardEvent, LoyaltyLedger, LoyaltyVoucher
from rcdesk.services.area_types import DemoContext
from rcdesk.services.bulk import insert_rows
from rcdesk.services.customers.activity import insert_purchase
from rcdesk.services.loyalty.cards import issue_card
from rcdesk.services.loyalty.counter import record_purchase, run_expiry
from rcdesk.services.loyalty.ledger import refresh_next_expiry
from rcdesk.services.loyalty.programme import programme_at


def _next_id(model) -> int:
    return (model.select(fn.MAX(model.id)).scalar() or 0) + 1


def _sync_sequences(*models) -> None:
    if isinstance(database_proxy.obj, SqliteDatabase):
        return
    for model in models:
        table = model._meta.table_name
        database_proxy.obj.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))")


def populate(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    p = programme_at(today)
    clients = [cid for (cid,) in Customer.select(Customer.id).where(
        (Customer.status == "client") & (Customer.kind == "particulier")).order_by(
        Customer.id).tuples()]
    if not clients:
        return
    # the TP1 customer and the referral are demo clients too (the customer count stays)
    tp1, newcomer = clients[0], (clients[1] if len(clients) > 2 else None)
    holders = [cid for cid in clients[2:] if rng.random() < 0.5]
    purchases: dict[int, list[tuple]] = {}
    for start in range(0, len(holders), 500):
        for pid, cid, day, amount in (Purchase.select(Purchase.id, Purchase.customer,
                                                      Purchase.date, Purchase.amount_cents)
                                      .where(Purchase.customer.in_(holders[start:start + 500]))
                                      .order_by(Purchase.date, Purchase.id).tuples()):
            purchases.setdefault(cid, []).append((pid, day, amount))
    card_id, voucher_id = _next_id(LoyaltyCard), _next_id(LoyaltyVoucher)
    cards, events, ledger, vouchers = [], [], [], []
    numbers: set[str] = set()
    for cid in holders:
        bought = purchases.get(cid, [])
        first = bought[0][1] if bought else today - timedelta(days=rng.randrange(30, 700))
        issued = max(first, add_months(today, -30))
        expires = issued
        while expires < today:
            expires = add_months(expires, p.card_months)
        roll = rng.random()
        if roll < 0.10:  # not renewed: in its grace period or expired
            expires = add_months(expires, -p.card_months)
        if expires <= issued:
            expires = add_months(issued, p.card_months)
        number = make_number(f"{rng.randrange(10**13):013d}", CARD_PREFIX)
        while number in numbers:
            number = make_number(f"{rng.randrange(10**13):013d}", CARD_PREFIX)
        numbers.add(number)
        cards.append((card_id, number, cid, issued, expires,
                      "porte-clés" if rng.random() < 0.3 else "carte"))
        events.append((card_id, issued, "émission", p.card_price_cents, f"carte {number}",
                       "sophie.martin"))
        running = 0
        for pid, day, amount in bought:
            if day < issued or day > expires or amount <= 0:
                continue
            points = points_for(amount, p)
            ledger.append((card_id, day, "earn", points, add_months(day, p.points_months),
                           amount, f"purchase:{pid}", pid, None, "achat"))
            running += points
            if running >= p.threshold_points and rng.random() < 0.5:
                running -= p.threshold_points
                code = make_number(f"{rng.randrange(10**9):09d}", VOUCHER_PREFIX)
                while code in numbers:
                    code = make_number(f"{rng.randrange(10**9):09d}", VOUCHER_PREFIX)
                numbers.add(code)
                vexp = day + timedelta(days=p.voucher_days)
                used = day + timedelta(days=rng.randrange(1, 80))
                used = used if rng.random() < 0.7 and used <= min(vexp, today) else None
                vouchers.append((voucher_id, code, card_id, p.voucher_value_cents,
                                 p.threshold_points, day, vexp, used,
                                 None if used is None else datetime.combine(used, time(11)),
                                 "" if used is None else "sophie.martin"))
                ledger.append((card_id, day, "redeem", -p.threshold_points, None, 0,
                               f"voucher:{code}", None, voucher_id, f"bon {code}"))
                voucher_id += 1
        card_id += 1
    insert_rows(LoyaltyCard, ["id", "number", "customer", "issued_on", "expires_on", "format"],
                cards)
    insert_rows(LoyaltyCardEvent, ["card", "on", "kind", "price_cents", "detail", "operator"],
                events)
    insert_rows(LoyaltyVoucher, ["id", "code", "card", "value_cents", "points", "issued_on",
                                 "expires_on", "used_on", "used_at", "used_by"],
                vouchers)  # used_at: a moment (a date there reads back differently per engine)
    insert_rows(LoyaltyLedger, ["card", "on", "kind", "points", "expires_on", "amount_cents",
                                "source_key", "purchase", "voucher", "reason"], ledger)
    database_proxy.obj.execute_sql(
        'UPDATE "loyalty_card" SET "balance" = (SELECT COALESCE(SUM("points"), 0) FROM '
        '"loyalty_ledger" WHERE "loyalty_ledger"."card_id" = "loyalty_card"."id")')
    _sync_sequences(LoyaltyCard, LoyaltyVoucher)
    refresh_next_expiry([c[0] for c in cards])
    run_expiry(today)
    _tp1_customer(tp1, today, p)
    if newcomer is not None and holders:
        _referral(newcomer, holders, today)


def _tp1_customer(cid: int, today: date, p) -> None:
    """M303 TP1: a loyal customer whose card expired two weeks ago; 2 vouchers of 10 € he was
    never told about, 340 points of which 120 expire within the month."""
    issued = add_months(today - timedelta(days=14), -36)
    number = issue_card(cid, issued)
    card = LoyaltyCard.get(LoyaltyCard.number == number)
    expires = today - timedelta(days=14)
    LoyaltyCard.update(expires_on=expires).where(LoyaltyCard.id == card.id).execute()
    old_day = add_months(today + timedelta(days=20), -p.points_months)
    lots = [(old_day, 12000, 120), (today - timedelta(days=200), 9500, 95),
            (today - timedelta(days=95), 6800, 68), (today - timedelta(days=40), 5700, 57)]
    # spent on the two vouchers (oldest points go first), before they could expire
    earlier = [(add_months(today - timedelta(days=60), -p.points_months), 20000, 200)]
    rows = []
    for day, amount, points in sorted(lots + earlier):
        pid = insert_purchase(cid, day, amount, "comptoir", f"T{day:%y%m%d}")
        rows.append((card.id, day, "earn", points, add_months(day, p.points_months), amount,
                     f"purchase:{pid}", pid, "achat"))
    insert_rows(LoyaltyLedger, ["card", "on", "kind", "points", "expires_on", "amount_cents",
                                "source_key", "purchase", "reason"], rows)
    voucher_day = today - timedelta(days=p.voucher_days - 20)
    for i in range(2):
        code = make_number(f"{987650000 + cid * 10 + i:09d}"[-9:], VOUCHER_PREFIX)
        vid = LoyaltyVoucher.insert(code=code, card=card.id, value_cents=p.voucher_value_cents,
                                    points=p.threshold_points, issued_on=voucher_day,
                                    expires_on=voucher_day + timedelta(days=p.voucher_days)
                                    ).execute()
        LoyaltyLedger.insert(card=card.id, on=voucher_day, kind="redeem",
                             points=-p.threshold_points, source_key=f"voucher:{code}",
                             voucher=vid, reason=f"bon {code}", operator="sophie.martin"
                             ).execute()
    total = sum(r[3] for r in rows) - 2 * p.threshold_points
    LoyaltyCard.update(balance=total).where(LoyaltyCard.id == card.id).execute()
    refresh_next_expiry([card.id])


def _referral(newcomer: int, holders: list[int], today: date) -> None:
    """A newcomer referred by a card holder: both rewarded at the first purchase on the
    newcomer's card, once (the counter's own rule)."""
    live = [cid for (cid,) in LoyaltyCard.select(LoyaltyCard.customer).where(
        LoyaltyCard.customer.in_(holders[:200]) & (LoyaltyCard.expires_on > today)).tuples()]
    if not live:
        return
    Customer.update(referred_by=live[0], source="parrainage").where(
        Customer.id == newcomer).execute()
    number = issue_card(newcomer, today)
    record_purchase(LoyaltyCard.get(LoyaltyCard.number == number).id, 8450, today,
                    reference="T-PARRAIN-1")
