"""Phones of another country than the company's read internationally everywhere."""

import csv
from pathlib import Path

import pytest
from pypdf import PdfReader

from rcdesk.reports.customer_data import write_customer_data_pdf
from rcdesk.services.customers import (
    CustomerData,
    CustomerQuery,
    create_customer,
    list_customers,
    quick_search,
)
from rcdesk.services.customers.export import export_customers
from rcdesk.services.settings import CompanyProfile, format_phone, save_company


def _customers():
    save_company(CompanyProfile(name="Maison Lambert", country="FR", currency="EUR"))
    karima = create_customer(CustomerData(first_name="Karima", last_name="Benali",
                                          phone="+212 661 23 45 67", phone2="+32 470 12 34 56",
                                          country="MA", city="Casablanca"))
    helene = create_customer(CustomerData(first_name="Hélène", last_name="Dupont",
                                          phone="06 12 34 56 78", city="Lille"))
    return karima, helene


def test_list_and_quick_search_show_foreign_numbers_internationally(database):
    karima, helene = _customers()
    rows = {row[0]: row for row in list_customers(CustomerQuery())}
    assert "+212 6 61 23 45 67" in rows[karima]
    assert "06 12 34 56 78" in rows[helene]
    hit = quick_search("Benali")[0]
    assert "+212 6 61 23 45 67" in hit.contact


def test_service_format_reads_the_company_country(database):
    _customers()
    assert format_phone("+212661234567") == "+212 6 61 23 45 67"
    save_company(CompanyProfile(name="Dar Salam", country="MA", currency="MAD"),
                 overwrite=True)
    assert format_phone("+212661234567") == "06 61 23 45 67"
    assert format_phone("+33612345678") == "+33 6 12 34 56 78"


def test_export_and_access_pdf_show_foreign_numbers_internationally(database, tmp_path):
    karima, helene = _customers()
    path = Path(tmp_path / "clients.csv")
    export_customers(CustomerQuery(), path)
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    assert "'+212 6 61 23 45 67" in rows[1] + rows[2]  # neutralised like any "+" cell
    assert "'+32 470 12 34 56" in rows[1] + rows[2]
    assert "06 12 34 56 78" in rows[1] + rows[2]
    pdf = write_customer_data_pdf(karima, tmp_path / "karima.pdf")
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages).split())
    assert "+212 6 61 23 45 67" in words and "+32 470 12 34 56" in words


def test_a_foreign_number_typed_without_its_code_says_how_to_write_it(database):
    from rcdesk.core.errors import ValidationError
    from rcdesk.services.settings import normalise_phone

    with pytest.raises(ValidationError) as err:
        normalise_phone("0470 12 34 56", "MA")  # a Belgian mobile keyed in a Moroccan shop
    assert str(err.value) == (
        "Le numéro « 0470 12 34 56 » n'est pas un numéro valide (pays : Maroc) ; un numéro "
        "d'un autre pays s'écrit avec son indicatif, ex. +32 470 12 34 56.")
    assert normalise_phone("+32 470 12 34 56", "MA") == "+32470123456"
    assert normalise_phone("0032 470 12 34 56", "MA") == "+32470123456"
    with pytest.raises(ValidationError) as err:
        normalise_phone("+32 12", "MA")
    assert str(err.value) == "Le numéro « +32 12 » n'est pas un numéro valide."
