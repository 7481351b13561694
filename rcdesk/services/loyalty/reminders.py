"""« À relancer » (M303 TP1): cards expiring within the lead time, cards in their grace period,
vouchers and points about to expire, customers with unclaimed rewards; CSV for a mailing
(customers who consented only)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

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
    """Everyone to tell something before it is lost, soonest deadline first."""
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

    for card in _query("", '"loyalty_card" c', 'c."expires_on" BETWEEN ? AND ?', (g, h)):
        row = get(*card)
        expires = row.expires_on
        if expires >= as_of:
            add(row, expires, f"carte à renouveler avant le {format_date(expires)}")
        else:
            until = expires + timedelta(days=p.grace_days)
            add(row, until, f"carte expirée le {format_date(expires)}, renouvelable jusqu'au "
                            f"{format_date(until)} sans perdre ses points")
    reward = format_money(p.voucher_value_cents, currency)
    for card in _query("", '"loyalty_card" c', 'c."balance" >= ? AND c."expires_on" >= ?',
                       (p.threshold_points, g)):
        add(get(*card), date.max, f"{card[2]} points : de quoi obtenir "
                                  f"{card[2] // p.threshold_points} bon(s) de {reward}")
    for *card, value, expires in _query(
            ', v."value_cents", v."expires_on"',
            '"loyalty_voucher" v JOIN "loyalty_card" c ON v."card_id" = c."id"',
            'v."used_at" IS NULL AND v."expires_on" BETWEEN ? AND ?', (a, h)):
        expires = day(expires)
        add(get(*card), expires, f"bon de {format_money(value, currency)} à utiliser avant le "
                                 f"{format_date(expires)}")
    for *card, points, first in _query(
            ', c."next_expiry_points", c."next_expiry_on"', '"loyalty_card" c',
            'c."expires_on" >= ? AND c."next_expiry_on" BETWEEN ? AND ? AND '
            'c."next_expiry_points" > 0', (g, a, h)):
        first = day(first)
        add(get(*card), first, f"{points} points expirent le {format_date(first)}")
    return sorted(found.values(), key=lambda r: (r.due, r.customer, r.number))


# Each query brings the card and its customer (the list's rows): no second pass. Plain SQL
# through the cursor: the list may hold tens of thousands of rows.
_SELECT = ('SELECT c."id", c."number", c."balance", c."expires_on", u."id", u."civility", '
           'u."first_name", u."last_name", u."company_name", u."kind", u."email", u."phone", '
           'u."address", u."postal_code", u."city", u."consent"{extra} FROM {source} JOIN '
           '"customer" u ON c."customer_id" = u."id" WHERE c."status" != \'blocked\' AND ')


def _query(extra: str, source: str, where: str, params: tuple) -> list[tuple]:
    db = database_proxy.obj
    sql = _SELECT.format(extra=extra, source=source) + where
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

