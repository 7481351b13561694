"""« À relancer » (M303 TP1): cards expiring within the lead time, cards in their grace period,
vouchers and points about to expire, customers with unclaimed rewards; CSV for a mailing
(customers who consented only).

The list may hold tens of thousands of cards: `reminders` keeps each card's raw facts (dates as
ISO text, amounts, counts) in a plain list sorted on (due, name, number), and a `Reminder` with
its French reasons is written only when a row is read (the screen reads the rows it shows; the
CLI, the CSV and the letters the rows they write)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import overload

from peewee import SqliteDatabase

from rcdesk.core.files import write_atomically
from rcdesk.core.formatting import format_date
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


_NEVER = date.max.isoformat()  # the due of a row whose only reason has no deadline

# One card's raw facts, a plain tuple (of text, numbers and None: the garbage collector lets
# it be) so that the list sorts on its first three items without a key (the number is unique):
# due, customer's display name, number, then what the reasons are written from. Dates are ISO
# text ('YYYY-MM-DD', compared as text); a card's vouchers are kept beside, by card.
_DUE, _NAME, _NUMBER, _CARD, _BALANCE, _EXPIRES, _CUSTOMER, _FIRST, _LAST, _CONSENT, \
    _POINTS, _POINTS_ON, _LISTED = range(13)


class _Rules:
    """What every row's reasons are written from: the dates and the programme of the day."""

    def __init__(self, as_of: date) -> None:
        p = programme_at(as_of)
        self.currency = get_company().currency
        self.grace_days = p.grace_days
        self.threshold = p.threshold_points
        self.as_of = as_of.isoformat()
        self.horizon = (as_of + timedelta(days=p.warn_days)).isoformat()
        self.grace_start = (as_of - timedelta(days=p.grace_days)).isoformat()
        self.reward = _format_money(p.voucher_value_cents, self.currency)
        self.money = lru_cache(maxsize=None)(_format_money)
        self.vouchers: dict[int, list[tuple[int, str]]] = {}  # card -> (value, until)
        self.grace_end = lru_cache(maxsize=None)(self._grace_end)

    def _grace_end(self, expires: str) -> str:
        return (date.fromisoformat(expires) + timedelta(days=self.grace_days)).isoformat()

    def reminder(self, e: tuple) -> Reminder:
        """The row as the list shows it: its reasons in French, in the order card, points
        balance, vouchers, points expiring."""
        reasons: list[str] = []
        expires = e[_EXPIRES]
        if e[_LISTED]:  # listed for itself (not only for a voucher of an old card)
            if expires <= self.horizon:
                if expires >= self.as_of:
                    reasons.append(f"carte à renouveler avant le {_day_text(expires)}")
                else:
                    reasons.append(f"carte expirée le {_day_text(expires)}, renouvelable "
                                   f"jusqu'au {_day_text(self.grace_end(expires))} sans "
                                   "perdre ses points")
            balance = e[_BALANCE]
            if balance >= self.threshold:
                reasons.append(f"{balance} points : de quoi obtenir "
                               f"{balance // self.threshold} bon(s) de {self.reward}")
        for value, until in self.vouchers.get(e[_CARD], ()):
            reasons.append(f"bon de {self.money(value, self.currency)} à utiliser avant le "
                           f"{_day_text(until)}")
        if e[_POINTS_ON] is not None:
            reasons.append(f"{e[_POINTS]} points expirent le {_day_text(e[_POINTS_ON])}")
        return Reminder(e[_CARD], e[_NUMBER], e[_BALANCE], _day(expires), e[_CUSTOMER],
                        e[_NAME], "", e[_FIRST], e[_LAST], consent=bool(e[_CONSENT]),
                        due=_day(e[_DUE]), reasons=reasons)


@lru_cache(maxsize=4096)
def _day(iso: str) -> date:
    return date.fromisoformat(iso[:10])


@lru_cache(maxsize=4096)
def _day_text(iso: str) -> str:
    return format_date(_day(iso))


class ReminderList(Sequence):
    """The « À relancer » rows in their order; each `Reminder` is written on first access."""

    def __init__(self, entries: list[tuple], rules: _Rules) -> None:
        self._entries = entries
        self._rules = rules
        self._made: list[Reminder | None] = [None] * len(entries)

    @property
    def consenting(self) -> int:
        """How many rows are of customers who consented to marketing."""
        return len([1 for e in self._entries if e[_CONSENT]])

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> Reminder: ...

    @overload
    def __getitem__(self, index: slice) -> list[Reminder]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._entries)))]
        row = self._made[index]
        if row is None:
            row = self._made[index] = self._rules.reminder(self._entries[index])
        return row

    def card_ids(self) -> list[int]:
        return [e[_CARD] for e in self._entries]

    def with_consent(self) -> list[Reminder]:
        """The rows of customers who consented to marketing (the mailing's), in order."""
        return [self[i] for i, e in enumerate(self._entries) if e[_CONSENT]]


def reminders(as_of: date | None = None) -> ReminderList:
    """Everyone to tell something before it is lost, soonest deadline first, then by customer
    name and card number.

    Two reads: every card that may be listed for itself (expiring, in its grace period, with
    enough points for a voucher, with points about to expire: all of them expire after the
    grace start) in one pass over the cards joined once to their customer, then the vouchers
    about to expire (their cards not yet read are fetched by id). Per card only its facts and
    its soonest deadline are kept; the French text is written when a row is read."""
    as_of = as_of or date.today()
    rules = _Rules(as_of)
    a, h, g = rules.as_of, rules.horizon, rules.grace_start
    threshold = rules.threshold
    grace_end = rules.grace_end
    entries: list[tuple] = []
    append = entries.append
    for (card_id, number, balance, expires, cid, first, last, company, kind, consent, points,
         points_on) in _query(_cards_source(), (
            'c."expires_on" >= ? AND (c."expires_on" <= ? OR c."balance" >= ? OR '
            '(c."next_expiry_on" BETWEEN ? AND ? AND c."next_expiry_points" > 0))'),
            (g, h, threshold, a, h)):
        due = _NEVER
        if expires <= h:
            due = expires if expires >= a else grace_end(expires)
        if points_on is not None and points > 0 and a <= points_on <= h:
            if points_on < due:
                due = points_on
        else:
            points_on = None
        append((due, display_name(first, last, company, kind), number, card_id, balance,
                expires, cid, first, last, consent, points, points_on, True))
    vouchers = _plain('SELECT v."card_id", v."value_cents", v."expires_on" FROM '
                      '"loyalty_voucher" v WHERE v."used_at" IS NULL AND v."expires_on" '
                      'BETWEEN ? AND ? ORDER BY v."expires_on", v."id"', (a, h))
    if vouchers:
        at = {e[_CARD]: i for i, e in enumerate(entries)}
        missing = sorted({v[0] for v in vouchers} - at.keys())
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            for (card_id, number, balance, expires, cid, first, last, company, kind, consent,
                 _points, _points_on) in _query(
                    '"loyalty_card" c', f'c."id" IN ({", ".join("?" * len(chunk))})',
                    tuple(chunk)):
                at[card_id] = len(entries)
                append((_NEVER, display_name(first, last, company, kind), number, card_id,
                        balance, expires, cid, first, last, consent, 0, None, False))
        for card_id, value, until in vouchers:
            i = at.get(card_id)
            if i is None:  # a blocked card
                continue
            until = _iso(until)
            rules.vouchers.setdefault(card_id, []).append((value, until))
            if until < entries[i][_DUE]:
                entries[i] = (until, *entries[i][1:])
    entries.sort()
    return ReminderList(entries, rules)


# Each query brings the card and what the list shows of its customer: no second pass. The
# postal details are read only for the mailing file (`fill_contacts`). Plain SQL through the
# cursor: the list may hold tens of thousands of rows. Dates come back as ISO text.
_SELECT = ('SELECT c."id", c."number", c."balance", {expires}, u."id", u."first_name", '
           'u."last_name", u."company_name", u."kind", u."consent", c."next_expiry_points", '
           '{points_on} FROM {source} JOIN "customer" u ON c."customer_id" = u."id" WHERE '
           'c."status" != \'blocked\' AND ')


def _query(source: str, where: str, params: tuple) -> list[tuple]:
    db = database_proxy.obj
    if isinstance(db, SqliteDatabase):  # peewee stores a date as its ISO text
        expires, points_on = 'c."expires_on"', 'c."next_expiry_on"'
    else:
        expires = 'to_char(c."expires_on", \'YYYY-MM-DD\')'
        points_on = 'to_char(c."next_expiry_on", \'YYYY-MM-DD\')'
    sql = _SELECT.format(expires=expires, points_on=points_on, source=source) + where
    if db.param != "?":
        sql = sql.replace("?", db.param)
    return db.execute_sql(sql, params).fetchall()


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


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


CSV_HEADERS = ("Civilité", "Prénom", "Nom", "E-mail", "Téléphone", "Adresse", "Code postal",
               "Ville", "N° de carte", "Solde (points)", "Échéance", "À lui dire")


@dataclass(frozen=True)
class CsvResult:
    path: Path
    written: int
    without_consent: int


def write_reminders_csv(rows: ReminderList | list[Reminder], path: str | Path, *,
                        overwrite: bool = False) -> CsvResult:
    """The mailing file: only customers who consented to marketing; the others are counted,
    never written. Cells starting like a formula are neutralised (French Excel CSV)."""
    if isinstance(rows, ReminderList):
        kept = rows.with_consent()
    else:
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
