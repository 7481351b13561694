"""GDPR access (JSON, PDF), purge list, follow-ups, list export with formulas neutralised."""

import csv
import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from rcdesk.core.errors import ValidationError
from rcdesk.models.customers import Customer
from rcdesk.reports.customer_data import write_customer_data_pdf
from rcdesk.services.customers import (
    CustomerData,
    CustomerQuery,
    InteractionData,
    add_interaction,
    add_purchase,
    create_customer,
    due_follow_ups,
    list_interactions,
    mark_follow_up_done,
    purge_candidates,
    set_purge_years,
)
from rcdesk.services.customers.export import export_customers, neutralise
from rcdesk.services.gdpr import anonymise_customers, export_customer_data, write_customer_data_json
from rcdesk.services.settings import CompanyProfile, save_company


@pytest.fixture
def helene(database):
    save_company(CompanyProfile(name="Maison Lambert", country="FR", currency="EUR",
                                email="contact@lambert.fr"))
    cid = create_customer(CustomerData(first_name="Hélène", last_name="Dupont",
                                       email="helene@exemple.fr", phone="0612345678",
                                       city="Lille", segments=["VIP"], consent=True))
    add_purchase(cid, date(2026, 1, 5), 4990, "comptoir", "T-001")
    add_interaction(cid, InteractionData(at=datetime(2026, 1, 6, 10, 0), channel="téléphone",
                                         subject="Livraison du service en porcelaine",
                                         follow_up=date(2026, 1, 20)))
    return cid


def test_gdpr_export_holds_identity_purchases_and_contacts(helene, tmp_path):
    data = export_customer_data(helene)
    assert data["customer"]["first_name"] == "Hélène"
    assert data["customer"]["phone"] == "+33612345678"
    assert data["purchases"] == [{"id": 1, "date": "2026-01-05", "amount_cents": 4990,
                                  "channel": "comptoir", "reference": "T-001"}]
    assert data["interactions"][0]["subject"] == "Livraison du service en porcelaine"
    path = write_customer_data_json(helene, tmp_path / "helene.json")
    assert json.loads(path.read_text(encoding="utf-8"))["controller"]["name"] == "Maison Lambert"


def test_gdpr_pdf_reads_back(helene, tmp_path):
    path = write_customer_data_pdf(helene, tmp_path / "helene.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    assert "Données personnelles détenues" in text
    assert "Hélène" in text and "06 12 34 56 78" in text
    assert "49,90 €" in text and "T-001" in text
    assert "Livraison du service en porcelaine" in text


def test_follow_ups_due_until_done(helene):
    [due] = due_follow_ups(date(2026, 1, 20))
    assert (due.customer_id, due.customer_name, due.follow_up) == (
        helene, "Hélène Dupont", date(2026, 1, 20))
    assert due_follow_ups(date(2026, 1, 19)) == []
    mark_follow_up_done(due.interaction_id)
    assert due_follow_ups(date(2026, 2, 1)) == []
    assert Customer.get_by_id(helene).last_contact == datetime(2026, 1, 6, 10, 0)
    assert list_interactions(helene)[0].follow_up_done is True


def test_interaction_needs_channel_and_subject(helene):
    with pytest.raises(ValidationError) as info:
        add_interaction(helene, InteractionData(channel="", subject="x"))
    assert info.value.field == "channel"


def test_purge_lists_prospects_without_contact_for_three_years(database):
    today = date(2026, 11, 24)
    old = create_customer(CustomerData(last_name="Ancien prospect"))
    recent = create_customer(CustomerData(last_name="Prospect récent"))
    client = create_customer(CustomerData(last_name="Vieux client", status="client"))
    Customer.update(created_at=datetime(2023, 1, 1)).where(Customer.id.in_([old, client])).execute()
    Customer.update(created_at=datetime(2023, 1, 1), last_contact=datetime(2024, 6, 1)).where(
        Customer.id == recent).execute()
    assert [c.customer_id for c in purge_candidates(today=today)] == [old]
    set_purge_years(2)
    assert [c.customer_id for c in purge_candidates(today=today)] == [old, recent]
    assert anonymise_customers([old, recent]) == 2
    assert purge_candidates(today=today) == []
    with pytest.raises(ValidationError):
        set_purge_years(0)


def test_purge_delay_counts_whole_years_back_from_a_leap_day(database):
    """29/02/2028 less 3 years is 28/02/2025: a last contact that day is not yet 3 years old."""
    on_limit = create_customer(CustomerData(last_name="Contact le 28/02/2025"))
    before = create_customer(CustomerData(last_name="Contact le 27/02/2025"))
    Customer.update(last_contact=datetime(2025, 2, 28)).where(Customer.id == on_limit).execute()
    Customer.update(last_contact=datetime(2025, 2, 27, 18)).where(Customer.id == before).execute()
    assert [c.customer_id for c in purge_candidates(3, today=date(2028, 2, 29))] == [before]


def test_export_csv_for_french_excel_with_formulas_neutralised(database, tmp_path):
    create_customer(CustomerData(first_name="=1+1", last_name="@SOMME", notes="-2",
                                 phone="06 12 34 56 78", city="Lille", segments=["VIP"]))
    create_customer(CustomerData(first_name="Paul", last_name="Martin", city="Paris"))
    path = tmp_path / "clients.csv"
    assert export_customers(CustomerQuery(place="lille"), path) == 1
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    head = rows[0]
    row = dict(zip(head, rows[1]))
    assert (row["Prénom"], row["Nom"], row["Notes"], row["Téléphone"]) == (
        "'=1+1", "'@SOMME", "'-2", "06 12 34 56 78")
    xlsx = tmp_path / "clients.xlsx"
    assert export_customers(CustomerQuery(), xlsx) == 2
    sheet = load_workbook(xlsx).active
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0][:3] == ["N°", "Identifiant externe", "Type"]
    # a workbook's text cell never runs: the values as typed, no apostrophe added
    assert "=1+1" in values[1] + values[2] and "'=1+1" not in values[1] + values[2]
    assert "@SOMME" in values[1] + values[2] and "-2" in values[1] + values[2]
    assert {c.data_type for r in sheet.iter_rows() for c in r if c.value is not None} == {"s"}
    assert neutralise("+33") == "'+33" and neutralise("Lille") == "Lille"


def test_gdpr_pdf_names_the_country_and_shows_a_foreign_phone_whole(database, tmp_path):
    save_company(CompanyProfile(name="Atlas Déco", country="MA", currency="MAD"))
    cid = create_customer(CustomerData(first_name="Lucas", last_name="Peeters", country="BE",
                                       phone="+32 470 12 34 56", city="Bruxelles"))
    add_purchase(cid, date(2026, 5, 2), 1250000)
    path = write_customer_data_pdf(cid, tmp_path / "lucas.pdf")
    lines = [" ".join(line.replace("\u00a0", " ").split()) for page in PdfReader(path).pages
             for line in page.extract_text().splitlines()]
    assert lines[lines.index("Pays") + 1] == "Belgique"
    assert lines[lines.index("Téléphone") + 1] == "+32 470 12 34 56"
    assert any("12 500,00 DH" in line for line in lines)


def test_xlsx_export_shows_a_foreign_phone_without_an_apostrophe(database, tmp_path):
    save_company(CompanyProfile(name="Atlas Déco", country="MA", currency="MAD"))
    create_customer(CustomerData(first_name="Lucas", last_name="Peeters", country="BE",
                                 phone="+32 470 12 34 56"))
    create_customer(CustomerData(first_name="Karima", last_name="BENALI",
                                 phone="06 61 23 45 67"))
    xlsx = tmp_path / "clients.xlsx"
    assert export_customers(CustomerQuery(), xlsx) == 2
    rows = [[c.value for c in r] for r in load_workbook(xlsx).active.iter_rows()]
    phone = rows[0].index("Téléphone")
    assert sorted(r[phone] for r in rows[1:]) == ["+32 470 12 34 56", "06 61 23 45 67"]
    csv_path = tmp_path / "clients.csv"
    export_customers(CustomerQuery(), csv_path)  # French Excel would run « +32 … »: neutralised
    assert "'+32 470 12 34 56" in csv_path.read_text(encoding="utf-8-sig")
