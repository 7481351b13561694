"""parse_money: amounts as users type them or files hold them, to integer cents (pure)."""

from decimal import Decimal

import pytest

from rcdesk.core.money import MAX_CENTS, parse_money


@pytest.mark.parametrize("text, cents", [
    ("1 234,56 €", 123456), ("1234.5", 123450), ("12,5", 1250), ("1.234,56", 123456),
    ("1,234.56", 123456), ("1.234.567,89", 123456789), ("1,234,567.89", 123456789),
    ("49,90 EUR", 4990), ("49,90 eur", 4990), ("12 euros", 1200), ("12 euro", 1200),
    ("12€", 1200), ("300 DH", 30000), ("300 dhs", 30000), ("300 MAD", 30000),
    ("300 dirhams", 30000), ("1 dirham", 100), ("1\u202f000,00", 100000),
    ("1\u00a0000,00", 100000), ("1\u2009000", 100000), ("1'234.50", 123450),
    ("+12", 1200), (".5", 50), ("5.", 500), ("0", 0), ("0,00 €", 0), ("0,01", 1),
    ("  7 ", 700), ("007,10", 710),
])
def test_amounts_typed_by_users(text, cents):
    assert parse_money(text) == cents


@pytest.mark.parametrize("value, cents", [
    (7, 700), (0, 0), (12.5, 1250), (12.35, 1235), (0.1 + 0.2, 30),
    (2.675, 268),  # a spreadsheet's 2.675 is rounded half up to the cent
    (12.345, 1235), (0.005, 1), (0.004, 0), (Decimal("19.99"), 1999),
    (Decimal("1.005"), 101),
])
def test_number_cells_are_rounded_to_the_cent(value, cents):
    assert parse_money(value) == cents


@pytest.mark.parametrize("value", [None, "", "   ", "€", " DH "])
def test_nothing_is_zero(value):
    assert parse_money(value) == 0


@pytest.mark.parametrize("text", ["dix euros", "1e3", "12,5,3", "1,234,567", "1.234.567",
                                  "12-5", "€12", "--5", "12 $", "1 2 3,4x"])
def test_unreadable_amounts_are_refused_in_french(text):
    with pytest.raises(ValueError) as info:
        parse_money(text)
    assert str(info.value) == f"Montant invalide : « {text.strip()} » (exemple : 12,50)."


@pytest.mark.parametrize("text", ["12,345", "0,001", "1.234,567", "12.3456"])
def test_more_than_two_decimals_is_refused(text):
    with pytest.raises(ValueError) as info:
        parse_money(text)
    assert str(info.value) == f"Montant invalide : « {text} » (au plus deux décimales)."


def test_negative_amounts_only_when_allowed():
    for value in ("-10,00", "-0,01", -5, -0.5):
        with pytest.raises(ValueError) as info:
            parse_money(value)
        assert str(info.value) == (f"Montant invalide : « {value} » (un montant ne peut pas être "
                                   "négatif).")
    assert parse_money("-10,00", allow_negative=True) == -1000
    assert parse_money("-.5", allow_negative=True) == -50
    assert parse_money(-5, allow_negative=True) == -500
    assert parse_money("-0", allow_negative=False) == 0


def test_bound_of_one_hundred_billion():
    assert MAX_CENTS == 10**13
    assert parse_money("100 000 000 000,00") == MAX_CENTS
    assert parse_money(10**11) == MAX_CENTS
    assert parse_money("-100000000000", allow_negative=True) == -MAX_CENTS
    for value, shown in (("100 000 000 000,01", "100 000 000 000,01"), (10**11 + 1, "100000000001"),
                         ("99999999999999999999", "99999999999999999999")):
        with pytest.raises(ValueError) as info:
            parse_money(value)
        assert str(info.value) == f"Montant invalide : « {shown} » (trop grand)."
    with pytest.raises(ValueError, match="trop grand"):
        parse_money("-100000000000,01", allow_negative=True)


@pytest.mark.parametrize("value", [True, False, float("inf"), float("-inf"), float("nan")])
def test_yes_no_and_infinite_numbers_are_refused(value):
    with pytest.raises(ValueError) as info:
        parse_money(value)
    assert str(info.value) == f"Montant invalide : « {value} »."


def test_the_message_names_the_field_and_cuts_long_text():
    with pytest.raises(ValueError) as info:
        parse_money("beaucoup", field="Coût")
    assert str(info.value) == "Coût invalide : « beaucoup » (exemple : 12,50)."
    with pytest.raises(ValueError) as info:
        parse_money(True, field="Chiffre d'affaires")
    assert str(info.value) == "Chiffre d'affaires invalide : « True »."
    long = "x" * 39 + "yz"
    with pytest.raises(ValueError) as info:
        parse_money(long)
    assert str(info.value) == f"Montant invalide : « {'x' * 39}y » (exemple : 12,50)."
    with pytest.raises(ValueError) as info:
        parse_money("1," + "1" * 40)
    assert str(info.value) == f"Montant invalide : « 1,{'1' * 38} » (au plus deux décimales)."
    with pytest.raises(ValueError) as info:
        parse_money("-" + "0" * 40 + "1,00")
    assert str(info.value) == (f"Montant invalide : « -{'0' * 39} » (un montant ne peut pas être "
                               "négatif).")
    with pytest.raises(ValueError) as info:
        parse_money("9" * 45)
    assert str(info.value) == f"Montant invalide : « {'9' * 40} » (trop grand)."


def test_options_are_keywords_only():
    with pytest.raises(TypeError):
        parse_money("-5", True)


@pytest.mark.parametrize("value, shown", [
    (1e308, "1e+308"), (-1e308, "-1e+308"), (1e30, "1e+30"),
    (10**45, "1" + "0" * 39), (-(10**45), "-1" + "0" * 38),
    (Decimal("9" * 45), "9" * 40), (Decimal("1e400"), "1E+400"),
])
def test_number_cells_too_large_for_the_cents_are_refused_before_rounding(value, shown):
    """A spreadsheet number far beyond the bound (1e308 would overflow the rounding to the
    cent): the same French refusal, the number cut at 40 characters, never an ArithmeticError."""
    with pytest.raises(ValueError) as info:
        parse_money(value, allow_negative=True)
    assert str(info.value) == f"Montant invalide : « {shown} » (trop grand)."
