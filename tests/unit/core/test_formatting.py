"""Numbers, money and dates as French users read and type them."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from rcdesk.core.formatting import (
    CURRENCY_SYMBOLS,
    LOCALE,
    cents_to_decimal,
    format_date,
    format_long_date,
    format_money,
    format_number,
    format_percent,
    format_signed,
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


MINUS = "\u2212"


def test_french_locale_and_symbols():
    assert LOCALE == "fr_FR"
    assert CURRENCY_SYMBOLS == {"EUR": "€", "MAD": "DH"}


@pytest.mark.parametrize("cents, amount", [
    (123456, "1234.56"), (5, "0.05"), (0, "0.00"), (-1, "-0.01"), (100, "1.00"),
    (10**13, "100000000000.00"),
])
def test_cents_to_decimal_keeps_two_places(cents, amount):
    assert cents_to_decimal(cents) == Decimal(amount)
    assert str(cents_to_decimal(cents)) == amount


def test_money_default_currency_small_amounts_and_other_codes():
    assert format_money(5) == f"0,05{NBSP}€"
    assert format_money(0, "EUR") == f"0,00{NBSP}€"
    assert format_money(100000000, "EUR") == f"1{NNBSP}000{NNBSP}000,00{NBSP}€"
    assert format_money(-123456, "MAD") == f"-1{NNBSP}234,56{NBSP}DH"
    assert format_money(7, "MAD") == f"0,07{NBSP}DH"
    assert format_money(123456, "USD") == f"1{NNBSP}234,56{NBSP}USD"
    # a code without a symbol of ours is shown as it is, not as babel's "$CA"
    assert format_money(123456, "CAD") == f"1{NNBSP}234,56{NBSP}CAD"


@pytest.mark.parametrize("value, decimals, text", [
    (1234.5, 1, f"1{NNBSP}234,5"), (1234.56, 2, f"1{NNBSP}234,56"), (1234, 0, f"1{NNBSP}234"),
    (3, 2, "3,00"), (-3, 1, "-3,0"), (0, 0, "0"), (0.06, 1, "0,1"), (Decimal("7.25"), 2, "7,25"),
    (1000000, 0, f"1{NNBSP}000{NNBSP}000"), (2.5, 3, "2,500"),
])
def test_numbers_french_style(value, decimals, text):
    assert format_number(value, decimals) == text


def test_numbers_have_one_decimal_by_default():
    assert format_number(6) == "6,0"
    assert format_number(6.04) == "6,0"
    assert format_number(6.06) == "6,1"


def test_percent_decimals_and_no_rate():
    assert format_percent(33.333333) == f"33,3{NBSP}%"
    assert format_percent(87.6, 0) == f"88{NBSP}%"
    assert format_percent(2.0, 2) == f"2,00{NBSP}%"
    assert format_percent(0) == f"0,0{NBSP}%"
    assert format_percent(0.0) == f"0,0{NBSP}%"
    assert format_percent(None) == "—"
    assert format_percent(None, 0) == "—"


def test_long_dates_of_every_first_and_other_days():
    assert format_long_date(date(2026, 1, 1)) == "1er janvier 2026"
    assert format_long_date(date(2026, 5, 10)) == "10 mai 2026"
    assert format_long_date(date(2026, 8, 2)) == "2 août 2026"
    assert format_long_date(date(2026, 10, 31)) == "31 octobre 2026"
    assert format_long_date(datetime(2026, 3, 1, 23, 59)) == "1er mars 2026"


@pytest.mark.parametrize("text, expected", [
    ("29/02/2024", date(2024, 2, 29)), ("05/01/2026", date(2026, 1, 5)),
    (" 5/1/2026 ", date(2026, 1, 5)), ("2024-02-29", date(2024, 2, 29)),
    ("29.02.2024", date(2024, 2, 29)), ("31-12-2026", date(2026, 12, 31)),
    ("01/01/99", date(1999, 1, 1)),
])
def test_more_dates_users_type(text, expected):
    assert parse_user_date(text) == expected


@pytest.mark.parametrize("text, shown", [
    ("29/02/2026", "29/02/2026"), ("2026-02-30", "2026-02-30"), ("  31/04/2026 ", "31/04/2026"),
    ("24/11/2026 10:00", "24/11/2026 10:00"), ("123/11/2026", "123/11/2026"), (None, ""),
    ("24/11/20266", "24/11/20266"),
])
def test_refused_dates_say_which_and_the_expected_form(text, shown):
    with pytest.raises(ValueError) as info:
        parse_user_date(text)
    assert str(info.value) == f"Date invalide : « {shown} » (attendu JJ/MM/AAAA)."


@pytest.mark.parametrize("value, decimals, text", [
    (2, 0, "+2"), (-1, 0, f"{MINUS}1"), (0, 0, "0"), (0.0, 1, "0,0"), (1.5, 1, "+1,5"),
    (-2.5, 1, f"{MINUS}2,5"), (1234, 0, f"+1{NNBSP}234"), (-1234, 0, f"{MINUS}1{NNBSP}234"),
    (0.3, 1, "+0,3"), (-0.3, 1, f"{MINUS}0,3"), (3, 2, "+3,00"), (0, 2, "0,00"),
])
def test_signed_evolutions(value, decimals, text):
    assert format_signed(value, decimals) == text


def test_signed_evolutions_are_whole_numbers_by_default():
    assert format_signed(2) == "+2"
    assert format_signed(-3) == f"{MINUS}3"
    assert format_signed(0) == "0"
