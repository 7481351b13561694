"""Money typed by a user or read from a file, to integer cents: the one parser."""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# 100 billion in euros or dirhams: beyond, an amount is a typing slip or a hostile cell.
MAX_CENTS = 10**13
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")
_CURRENCY = re.compile(r"(€|eur|euros?|dh|dhs|mad|dirhams?)$", re.I)
_AMOUNT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_money(value, *, allow_negative: bool = False, field: str = "Montant") -> int:
    """"1 234,56 €", "1234.5", "12,5", "1.234,56", "1,234.56", "12 DH", 12.5 -> cents.

    "" and None give 0. Raises ValueError with a French message for anything unreadable,
    more than two decimals, a negative amount (unless allowed) or an amount beyond MAX_CENTS."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise ValueError(f"{field} invalide : « {value} ».")
    if isinstance(value, (int, float, Decimal)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{field} invalide : « {value} ».")
        if abs(value) * 100 > MAX_CENTS:  # before quantize, which 1e308 would overflow
            raise ValueError(f"{field} invalide : « {str(value)[:40]} » (trop grand).")
        # a spreadsheet's number cell (12.35 may be 12.350000000000001): rounded to the cent
        number = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        shown = str(value)
    else:
        shown = str(value).strip()
        text = shown.translate(_SPACES)
        text = _CURRENCY.sub("", text).strip()
        if not text:
            return 0
        if "," in text and "." in text:  # 1.234,56 or 1,234.56: the last mark is the decimal one
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        else:
            text = text.replace(",", ".")
        if not _AMOUNT.match(text):
            raise ValueError(f"{field} invalide : « {shown[:40]} » (exemple : 12,50).")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{field} invalide : « {shown[:40]} » (exemple : 12,50).") from None
    cents = number * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{field} invalide : « {shown[:40]} » (au plus deux décimales).")
    if number < 0 and not allow_negative:
        raise ValueError(f"{field} invalide : « {shown[:40]} » (un montant ne peut pas être négatif).")
    if abs(cents) > MAX_CENTS:
        raise ValueError(f"{field} invalide : « {shown[:40]} » (trop grand).")
    return int(cents)
