"""« À relancer » read in one pass over the cards (each card joined once to its customer), its
French text written only when a row is read, gives exactly what the former four queries gave
(every Reminder built at once), on a varied base."""

from __future__ import annotations

import random
from dataclasses import astuple
from datetime import date, timedelta
from functools import lru_cache

from loyalty_support import make_customer

from rcdesk.core.formatting import format_date as _format_date
from rcdesk.core.formatting import format_money as _format_money
from rcdesk.models.base import database_proxy
from rcdesk.models.loyalty import LoyaltyCard
from rcdesk.services.customers.search import display_name
from rcdesk.services.loyalty.cards import issue_card, replace_card
from rcdesk.services.loyalty.counter import record_purchase, redeem, use_voucher
from rcdesk.services.loyalty.ledger import opening_balance
from rcdesk.services.loyalty.programme import programme_at
from rcdesk.services.loyalty.reminders import Reminder, fill_contacts, reminders, write_reminders_csv
from rcdesk.services.settings import get_company

_OLD_SELECT = ('SELECT c."id", c."number", c."balance", c."expires_on", u."id", u."civility", '
               'u."first_name", u."last_name", u."company_name", u."kind", u."email", '
               'u."phone", u."address", u."postal_code", u."city", u."consent"{extra} FROM '
               '{source} JOIN "customer" u ON c."customer_id" = u."id" WHERE c."status" != '
               '\'blocked\' AND ')


def _old_query(extra, source, where, params):
    db = database_proxy.obj
    sql = _OLD_SELECT.format(extra=extra, source=source) + where
    if db.param != "?":
        sql = sql.replace("?", db.param)
    return db.execute_sql(sql, params).fetchall()


def old_reminders(as_of: date) -> list[Reminder]:
    """The former implementation (four queries, each joined to the customer), kept verbatim as
    the reference."""
    p = programme_at(as_of)
    currency = get_company().currency
    horizon = as_of + timedelta(days=p.warn_days)
    grace_start = as_of - timedelta(days=p.grace_days)
    found: dict[int, Reminder] = {}
    format_date = lru_cache(maxsize=None)(_format_date)
    format_money = lru_cache(maxsize=None)(_format_money)
    def day(value) -> date:
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])

    a, h, g = as_of.isoformat(), horizon.isoformat(), grace_start.isoformat()

    def get(card_id, number, balance, expires, cid, civ, first, last, company, kind, email,
            phone, address, postal, city, consent) -> Reminder:
        row = found.get(card_id)
        if row is None:
            row = found[card_id] = Reminder(
                card_id, number, balance, day(expires), cid,
                display_name(first, last, company, kind), civ, first, last, email, phone,
                address, postal, city, bool(consent))
        return row

    def add(row: Reminder, due: date, text: str) -> None:
        row.reasons.append(text)
        if due < row.due:
            row.due = due

    for card in _old_query("", '"loyalty_card" c', 'c."expires_on" BETWEEN ? AND ?', (g, h)):
        row = get(*card)
        expires = row.expires_on
        if expires >= as_of:
            add(row, expires, f"carte à renouveler avant le {format_date(expires)}")
        else:
            until = expires + timedelta(days=p.grace_days)
            add(row, until, f"carte expirée le {format_date(expires)}, renouvelable jusqu'au "
                            f"{format_date(until)} sans perdre ses points")
    reward = format_money(p.voucher_value_cents, currency)
    for card in _old_query("", '"loyalty_card" c', 'c."balance" >= ? AND c."expires_on" >= ?',
                           (p.threshold_points, g)):
        add(get(*card), date.max, f"{card[2]} points : de quoi obtenir "
                                  f"{card[2] // p.threshold_points} bon(s) de {reward}")
    for *card, value, expires in _old_query(
            ', v."value_cents", v."expires_on"',
            '"loyalty_voucher" v JOIN "loyalty_card" c ON v."card_id" = c."id"',
            'v."used_at" IS NULL AND v."expires_on" BETWEEN ? AND ?', (a, h)):
        expires = day(expires)
        add(get(*card), expires, f"bon de {format_money(value, currency)} à utiliser avant le "
                                 f"{format_date(expires)}")
    for *card, points, first in _old_query(
            ', c."next_expiry_points", c."next_expiry_on"', '"loyalty_card" c',
            'c."expires_on" >= ? AND c."next_expiry_on" BETWEEN ? AND ? AND '
            'c."next_expiry_points" > 0', (g, a, h)):
        first = day(first)
        add(get(*card), first, f"{points} points expirent le {format_date(first)}")
    return sorted(found.values(), key=lambda r: (r.due, r.customer, r.number))


def varied_base() -> None:
    """Sixty customers (people, professionals, with and without consent), cards issued over
    two years, opening balances, purchases, vouchers used or not, replaced (blocked) cards."""
    rng = random.Random(1415)
    start = date(2024, 10, 1)
    for i in range(60):
        pro = i % 5 == 0
        cid = make_customer(first=f"Prénom{i}", last=f"Nom{i % 17}", phone=f"+3361248{i:04d}",
                            kind="professionnel" if pro else "particulier",
                            company_name=f"Société {i}" if pro else "",
                            consent=i % 3 != 0, email=f"c{i}@exemple.fr", city="Lille",
                            civility="Mme" if i % 2 else "M.", postal_code="59000",
                            address=f"{i} rue Nationale")
        issued = start + timedelta(days=rng.randrange(0, 700))
        card = LoyaltyCard.get(LoyaltyCard.number == issue_card(cid, issued))
        if rng.random() < 0.6:
            opening_balance(card.id, rng.randrange(10, 260), issued - timedelta(days=400),
                            "carte papier")
        day = issued
        for _ in range(rng.randrange(0, 6)):
            day += timedelta(days=rng.randrange(5, 90))
            if day > min(card.expires_on, date.today()):
                break
            record_purchase(card.id, rng.randrange(1000, 20000), day)
            card = LoyaltyCard.get_by_id(card.id)
            if card.balance >= programme_at(day).threshold_points and rng.random() < 0.7:
                voucher = redeem(card.id, day)
                if rng.random() < 0.4:
                    use_voucher(voucher.code, day + timedelta(days=3))
        if i % 11 == 4:
            replace_card(card.id, day)


def contacts(rows: list[Reminder]) -> list[tuple]:
    fill_contacts(rows)
    return [astuple(r) for r in rows]


def test_one_pass_list_is_the_former_list(database, tmp_path):
    varied_base()
    texts = []
    for month in range(24):  # 15/01/2025 ... 15/12/2026, plus the last days of the month
        for as_of in (date(2025 + month // 12, month % 12 + 1, 15),
                      date(2025 + month // 12, month % 12 + 1, 28)):
            new, old = reminders(as_of), old_reminders(as_of)
            assert contacts(new) == [astuple(r) for r in old], as_of
            texts += [t for r in old for t in r.reasons]
    for kind in ("carte à renouveler", "carte expirée", "de quoi obtenir", "bon de",
                 "points expirent"):  # the base gives every reason to compare
        assert sum(kind in t for t in texts) >= 3, kind
    as_of = date(2026, 6, 15)
    write_reminders_csv(reminders(as_of), tmp_path / "new.csv")
    write_reminders_csv(old_reminders(as_of), tmp_path / "old.csv")
    assert len((tmp_path / "old.csv").read_text(encoding="utf-8-sig").splitlines()) > 5
    assert (tmp_path / "new.csv").read_bytes() == (tmp_path / "old.csv").read_bytes()


def test_each_card_is_joined_to_its_customer_once(database, monkeypatch):
    """The former list ran four queries joined to the customer (a card with three reasons was
    read three times); now one pass over the cards, plus the vouchers' own cards if any."""
    varied_base()
    db = database_proxy.obj
    seen: list[str] = []
    original = db.execute_sql

    def spy(sql, params=None, *args, **kwargs):
        seen.append(sql)
        return original(sql, params, *args, **kwargs)

    monkeypatch.setattr(db, "execute_sql", spy)
    rows = reminders(date(2026, 3, 1))
    joined = [s for s in seen if 'JOIN "customer"' in s]
    # one pass; then only the cards of expiring vouchers not read yet (expired beyond grace)
    assert rows and len(joined) == 2
    assert 'c."id" IN (' in joined[1]
    assert 'u."address"' not in joined[0]  # the postal details only for the mailing file


def test_rows_are_written_when_read(database, monkeypatch):
    """The list keeps each card's facts; a Reminder (and its French text) is made for the rows
    read only, once; slices, the consenting count and the mailing's rows agree with the
    whole list."""
    from rcdesk.services.loyalty.reminders import ReminderList, _Rules

    varied_base()
    as_of = date(2026, 6, 15)
    made: list[int] = []
    original = _Rules.reminder

    def spy(self, entry):
        made.append(entry[3])
        return original(self, entry)

    monkeypatch.setattr(_Rules, "reminder", spy)
    rows = reminders(as_of)
    assert isinstance(rows, ReminderList) and len(rows) > 10 and made == []
    first = rows[0]
    assert rows[0] is first and made == [first.card_id]
    assert [r.card_id for r in rows[2:5]] == rows.card_ids()[2:5] and len(made) == 4
    whole = list(rows)
    assert len(made) == len(rows)
    old = old_reminders(as_of)
    assert [(r.card_id, r.due, r.customer, r.text) for r in whole] == [
        (r.card_id, r.due, r.customer, r.text) for r in old]
    assert rows.consenting == sum(r.consent for r in old) > 0
    assert [r.card_id for r in rows.with_consent()] == [r.card_id for r in old if r.consent]
