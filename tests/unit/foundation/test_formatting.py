"""Numbers, money and dates as French users read and type them."""

from datetime import date, datetime

import pytest

from rcdesk.core.formatting import (
    format_date,
    format_long_date,
    format_money,
    format_percent,
    parse_user_date,
)

NNBSP, NBSP = "\u202f", "\u00a0"


def test_money_in_euros_and_dirhams():
    assert format_money(123456, "EUR") == f"1{NNBSP}234,56{NBSP}€"
    assert format_money(123456, "MAD") == f"1{NNBSP}234,56{NBSP}DH"
    assert format_money(-500, "EUR") == f"-5,00{NBSP}€"


def test_percent_and_dates():
    assert format_percent(2.5) == f"2,5{NBSP}%"
    assert format_date(date(2026, 1, 5)) == "05/01/2026"
    assert format_date(datetime(2026, 11, 24, 15, 30)) == "24/11/2026"
    assert format_date(None) == ""


def test_long_date_says_premier_on_the_first():
    assert format_long_date(date(2026, 11, 24)) == "24 novembre 2026"
    assert format_long_date(date(2026, 12, 1)) == "1er décembre 2026"
    assert format_long_date(date(2027, 2, 11)) == "11 février 2027"


@pytest.mark.parametrize("text, expected", [
    ("24/11/2026", date(2026, 11, 24)),
    ("1/2/2026", date(2026, 2, 1)),
    (" 2026-11-24 ", date(2026, 11, 24)),
    ("24-11-2026", date(2026, 11, 24)),
    ("24.11.2026", date(2026, 11, 24)),
    ("24/11/26", date(2026, 11, 24)),
])
def test_dates_users_type(text, expected):
    assert parse_user_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2026", "32/01/2026", "00/01/2026", "12/13/2026",
                                  "demain", "", "2026/11/24"])
def test_impossible_dates_are_refused_in_french(text):
    with pytest.raises(ValueError, match="Date invalide"):
        parse_user_date(text)
