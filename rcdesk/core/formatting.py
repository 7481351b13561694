"""Numbers, money, percentages and dates as French users read them (babel)."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal

from rcdesk.core.dates import check_date_range

LOCALE = "fr_FR"
CURRENCY_SYMBOLS = {"EUR": "€", "MAD": "DH"}


def cents_to_decimal(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def format_money(cents: int, currency: str = "EUR") -> str:
    """1234550, "EUR" -> "12 345,50 €"; "MAD" -> "12 345,50 DH" (Moroccan usage)."""
    amount = cents_to_decimal(cents)
    if currency == "EUR":
        return format_currency(amount, "EUR", locale=LOCALE)
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    return f"{format_decimal(amount, format='#,##0.00', locale=LOCALE)}\u00a0{symbol}"


def format_number(value: float | int | Decimal, decimals: int = 1) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def format_percent(value: float | None, decimals: int = 1) -> str:
    """2.5 -> "2,5 %"; None (no denominator) -> "—"."""
    if value is None:
        return "—"
    return f"{format_number(value, decimals)}\u00a0%"


def format_date(value: date | datetime | None) -> str:
    """A date as dd/mm/yyyy, the form French users type and read."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return _babel_date(value, format="dd/MM/yyyy", locale=LOCALE)


def format_long_date(value: date) -> str:
    """24 novembre 2026, 1er décembre 2026 (letters and reports)."""
    text = _babel_date(value, format="d MMMM y", locale=LOCALE)
    return "1er" + text[1:] if value.day == 1 else text


_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_user_date(text: str) -> date:
    """A date typed by a user or found in a file: 24/11/2026, 24-11-2026, 24.11.2026, 2026-11-24.

    Raises ValueError with a French message, for an impossible date and for one outside
    1900-2100 (core.dates)."""
    value = (text or "").strip()
    quick = _DMY.fullmatch(value)  # the common case, without strptime's cost (imports)
    if quick:
        day, month, year = map(int, quick.groups())
        try:
            parsed = date(year, month, day)
        except ValueError:
            raise ValueError(f"Date invalide : « {value} » (attendu JJ/MM/AAAA).") from None
        return check_date_range(parsed)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"):
        try:
            parsed = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        return check_date_range(parsed)
    raise ValueError(f"Date invalide : « {value} » (attendu JJ/MM/AAAA).")


def format_signed(value: float | int, decimals: int = 0) -> str:
    """An evolution: "+2", "−1" (a true minus sign), "0"."""
    if not value:
        return format_number(0, decimals)
    text = format_number(abs(value), decimals)
    return f"+{text}" if value > 0 else f"\u2212{text}"
