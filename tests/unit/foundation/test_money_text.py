"""core.money and core.text: the one money parser and the one text cleaner."""

from decimal import Decimal

import pytest

from rcdesk.core.money import MAX_CENTS, parse_money
from rcdesk.core.text import clean_text


@pytest.mark.parametrize("value", [1e308, -1e308, 10**400, Decimal("1e30"), 1e12])
def test_a_huge_number_cell_is_refused_in_french_not_crashed(value):
    with pytest.raises(ValueError) as info:
        parse_money(value, allow_negative=True)
    assert "trop grand" in str(info.value)


def test_numbers_at_the_bound_still_read():
    assert parse_money(MAX_CENTS / 100) == MAX_CENTS
    assert parse_money(12.35) == 1235
    assert parse_money("1 234,56 €") == 123456


@pytest.mark.parametrize("text, multiline, expected", [
    ("Dupont", False, "Dupont"),
    ("Du\x0bpont\x00", False, "Dupont"),
    ("ligne 1\r\nligne 2\t!", True, "ligne 1\nligne 2\t!"),
    ("ligne 1\nligne 2\tfin", False, "ligne 1 ligne 2 fin"),
    ("photo_\u202egpj.exe", False, "photo_gpj.exe"),
    ("Li\ufffelle\x85", True, "Lille"),
    ("", True, ""),
    (None, True, ""),
])
def test_clean_text(text, multiline, expected):
    assert clean_text(text, multiline=multiline) == expected
