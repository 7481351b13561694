"""« À relancer » (M303 TP1): cards expiring within the lead time, cards in their grace period,
vouchers and points about to expire, customers with unclaimed rewards; CSV for a mailing
(customers who consented only)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from peewee import SqliteDatabase

from rcdesk.core.files import write_atomically
from rcdesk.core.formatting import format_date
from rcdesk.core.formatting import format_date as _format_date
from rcdesk.core.formatting import format_money as _format_money
from rcdesk.models.base import database_proxy
from rcdesk.services.customers.export import neutralise
from rcdesk.services.customers.search import display_name, display_phone
from rcdesk.services.loyalty.programme import programme_at
from rcdesk.services.settings import get_company


@dataclass(slots=True)
class Reminder:
    card_id: int
    number: str
    balance: int
    expires_on: date
    customer_id: int = 0
    customer: str = ""
    civility: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    consent: bool = False
    due: date = date.max  # the soonest deadline among the reasons
    reasons: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ; ".join(self.reasons)


def reminders(as_of: date | None = None) -> list[Reminder]:
    """Everyone to tell something before it is lost, soonest deadline first.

    Two reads: every card that may be listed for itself (expiring, in its grace period, with
    enough points for a voucher, with points about to expire: all of them expire after the
    grace start) in one pass over the cards joined once to their customer, then the vouchers
    about to expire (their cards not yet read are fetched by id). The reasons are added in the
    same order as before: card, points balance, vouchers, points expiring."""
    as_of = as_of or date.today()
    p = programme_at(as_of)
    currency = get_company().currency
    horizon = as_of + timedelta(days=p.warn_days)
    grace_start = as_of - timedelta(days=p.grace_days)
    found: dict[int, Reminder] = {}
    format_date = lru_cache(maxsize=None)(_format_date)  # thousands of rows, few dates
    format_money = lru_cache(maxsize=None)(_format_money)
    day = lru_cache(maxsize=None)(_day)
    a, h, g = as_of.isoformat(), horizon.isoformat(), grace_start.isoformat()
    threshold = p.threshold_points
    reward = format_money(p.voucher_value_cents, currency)

    def make(card_id, number, balance, expires, cid, first, last, company, kind,
             consent) -> Reminder:
        row = found[card_id] = Reminder(
            card_id, number, balance, day(expires), cid,
            display_name(first, last, company, kind), "", first, last, consent=bool(consent))
        return row

    def add(row: Reminder, due: date, text: str) -> None:
        row.reasons.append(text)
        if due < row.due:
            row.due = due

    expiring_points: list[tuple[Reminder, int, date]] = []
    for *card, points, first in _query(
            ', c."next_expiry_points", c."next_expiry_on"', _cards_source(),
            'c."expires_on" >= ? AND (c."expires_on" <= ? OR c."balance" >= ? OR '
            '(c."next_expiry_on" BETWEEN ? AND ? AND c."next_expiry_points" > 0))',
            (g, h, threshold, a, h)):
        row = make(*card)
        expires = row.expires_on
        if expires <= horizon:
            if expires >= as_of:
                add(row, expires, f"carte à renouveler avant le {format_date(expires)}")
            else:
                until = expires + timedelta(days=p.grace_days)
                add(row, until, f"carte expirée le {format_date(expires)}, renouvelable "
                                f"jusqu'au {format_date(until)} sans perdre ses points")
        if row.balance >= threshold:
            add(row, date.max, f"{row.balance} points : de quoi obtenir "
                               f"{row.balance // threshold} bon(s) de {reward}")
        if first is not None and points > 0:
            first = day(first)
            if as_of <= first <= horizon:
                expiring_points.append((row, points, first))
    vouchers = _plain('SELECT v."card_id", v."value_cents", v."expires_on" FROM '
                      '"loyalty_voucher" v WHERE v."used_at" IS NULL AND v."expires_on" '
                      'BETWEEN ? AND ? ORDER BY v."expires_on", v."id"', (a, h))
    missing = sorted({v[0] for v in vouchers} - found.keys())
    for start in range(0, len(missing), 500):
        chunk = missing[start:start + 500]
        for *card, _points, _first in _query(
                ', c."next_expiry_points", c."next_expiry_on"', '"loyalty_card" c',
                f'c."id" IN ({", ".join("?" * len(chunk))})', tuple(chunk)):
            make(*card)
    for card_id, value, expires in vouchers:
        row = found.get(card_id)
        if row is None:  # a blocked card
            continue
        expires = day(expires)
        add(row, expires, f"bon de {format_money(value, currency)} à utiliser avant le "
                          f"{format_date(expires)}")
    for row, points, first in expiring_points:
        add(row, first, f"{points} points expirent le {format_date(first)}")
    return sorted(found.values(), key=attrgetter("due", "customer", "number"))


# Each query brings the card and what the list shows of its customer: no second pass. The
# postal details are read only for the mailing file (`fill_contacts`). Plain SQL through the
# cursor: the list may hold tens of thousands of rows.
_SELECT = ('SELECT c."id", c."number", c."balance", c."expires_on", u."id", u."first_name", '
           'u."last_name", u."company_name", u."kind", u."consent"{extra} FROM {source} JOIN '
           '"customer" u ON c."customer_id" = u."id" WHERE c."status" != \'blocked\' AND ')


def fill_contacts(rows: list[Reminder]) -> None:
    """Civility, e-mail, phone and postal address of the listed customers (for the mailing)."""
    by_customer: dict[int, list[Reminder]] = {}
    for r in rows:
        by_customer.setdefault(r.customer_id, []).append(r)
    ids = sorted(by_customer)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for cid, civ, email, phone, address, postal, city in _plain(
                'SELECT "id", "civility", "email", "phone", "address", "postal_code", "city" '
                f'FROM "customer" WHERE "id" IN ({", ".join("?" * len(chunk))})', tuple(chunk)):
            for r in by_customer[cid]:
                r.civility, r.email, r.phone = civ, email, phone
                r.address, r.postal_code, r.city = address, postal, city


def _query(extra: str, source: str, where: str, params: tuple) -> list[tuple]:
    db = database_proxy.obj
    sql = _SELECT.format(extra=extra, source=source) + where
    if db.param != "?":
        sql = sql.replace("?", db.param)
    return db.execute_sql(sql, params).fetchall()


def _cards_source() -> str:
    # Nearly every card expires after the grace start: on SQLite a plain scan of the cards
    # (one pass, each joined once) beats walking the expiry index and fetching each row.
    if isinstance(database_proxy.obj, SqliteDatabase):
        return '"loyalty_card" c NOT INDEXED'
    return '"loyalty_card" c'


def _plain(sql: str, params: tuple) -> list[tuple]:
    db = database_proxy.obj
    if db.param != "?":
        sql = sql.replace("?", db.param)
    return db.execute_sql(sql, params).fetchall()


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


CSV_HEADERS = ("Civilité", "Prénom", "Nom", "E-mail", "Téléphone", "Adresse", "Code postal",
               "Ville", "N° de carte", "Solde (points)", "Échéance", "À lui dire")


@dataclass(frozen=True)
class CsvResult:
    path: Path
    written: int
    without_consent: int


def write_reminders_csv(rows: list[Reminder], path: str | Path, *,
                        overwrite: bool = False) -> CsvResult:
    """The mailing file: only customers who consented to marketing; the others are counted,
    never written. Cells starting like a formula are neutralised (French Excel CSV)."""
    kept = [r for r in rows if r.consent]
    fill_contacts(kept)

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle, delimiter=";")
            out.writerow(CSV_HEADERS)
            for r in kept:
                out.writerow([neutralise(str(v)) for v in (
                    r.civility, r.first_name, r.last_name, r.email,
                    display_phone(r.phone) if r.phone else "", r.address.replace("\n", ", "),
                    r.postal_code, r.city, r.number, r.balance,
                    format_date(r.due) if r.due != date.max else "", r.text)])

    target = write_atomically(write, path, overwrite=overwrite)
    return CsvResult(target, len(kept), len(rows) - len(kept))

