"""Cells as French spreadsheets write them: amounts, dates, yes/no, separators (no database)."""

from datetime import date, datetime

import pytest

from rcdesk.core.errors import ServiceError
from rcdesk.core.text import fold
from rcdesk.services.customers.search import search_terms
from rcdesk.services.tabular import (
    cell_text,
    detect_encoding,
    detect_separator,
    parse_amount_cents,
    parse_bool_cell,
    parse_date_cell,
)


@pytest.mark.parametrize("text, cents", [
    ("1 234,56 €", 123456), ("1234.5", 123450), ("12,5", 1250), ("1.234,56", 123456),
    ("1,234.56", 123456), ("-10,00", -1000), ("49,90 EUR", 4990), ("300 DH", 30000),
    ("1\u202f000,00", 100000), (12.5, 1250), (7, 700),
])
def test_amounts_with_decimal_comma_and_thousands(text, cents):
    assert parse_amount_cents(text) == cents


@pytest.mark.parametrize("text", ["dix euros", "12,345", "1e3", "", "12,5,3"])
def test_bad_amounts_are_refused_in_french(text):
    with pytest.raises(ValueError) as info:
        parse_amount_cents(text)
    assert "Montant invalide" in str(info.value)


def test_dates_from_text_and_spreadsheet_cells():
    assert parse_date_cell("05/03/1980") == date(1980, 3, 5)
    assert parse_date_cell("2026-11-24 00:00:00") == date(2026, 11, 24)
    assert parse_date_cell(datetime(2026, 1, 2, 10, 0)) == date(2026, 1, 2)
    assert parse_date_cell("") is None
    with pytest.raises(ValueError):
        parse_date_cell("31/02/2026")


def test_cells_yes_no_and_numbers():
    assert cell_text(612345678.0) == "612345678"
    assert cell_text(date(2026, 1, 5)) == "05/01/2026"
    assert (parse_bool_cell("Oui"), parse_bool_cell("x"), parse_bool_cell("")) == (True, True,
                                                                                    False)


def test_separator_and_encoding_detection():
    assert detect_separator("Nom;Ville\nDupont;Lille, Nord\n") == ";"
    assert detect_separator("Nom,Ville\nDupont,Lille\n") == ","
    assert detect_separator("Nom\tVille\nDupont\tLille\n") == "\t"
    assert detect_encoding("Nom;Prénom".encode("cp1252")) == "cp1252"
    assert detect_encoding("\ufeffNom".encode("utf-8")) == "utf-8-sig"
    with pytest.raises(ServiceError):
        detect_encoding(b"\x00\x01binary")


def test_search_terms_fold_accents_and_join_phone_pieces():
    assert fold("Hélène LŒUF") == "helene lœuf"
    assert search_terms("Hélène 06 12 34") == ["helene", "061234"]
    assert search_terms("+33 6 12") == ["33612"]
    assert search_terms("0033 6 12") == ["33612"]
    assert search_terms("jean.dupont@gmail.com") == ["jean", "dupont", "gmail", "com"]
    assert search_terms(" - ") == []
    assert search_terms("59000 06 12") == ["59000", "0612"]
    assert search_terms("+33 6 12 05") == ["3361205"]
    assert search_terms("06 12 34 56 08") == ["0612345608"]
    assert search_terms("0612 +33 7") == ["0612", "337"]
