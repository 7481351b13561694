"""The GDPR access export holds complaints, journey steps and names, in JSON and PDF."""

from datetime import date, datetime

from pypdf import PdfReader

from rcdesk.reports.customer_data import write_customer_data_pdf
from rcdesk.services.complaints import (
    AnswerInput,
    ComplaintInput,
    Qualification,
    qualify,
    record_answer,
    register_complaint,
)
from rcdesk.services.customers import (
    CustomerData,
    InteractionData,
    add_interaction,
    add_purchase,
    create_customer,
    update_purchase,
)
from rcdesk.services.gdpr import export_customer_data
from rcdesk.services.settings import (
    CompanyProfile,
    ensure_operator,
    save_company,
    set_current_operator,
)


def _file():
    save_company(CompanyProfile(name="Maison Lambert", country="FR", currency="EUR"))
    ensure_operator("zoe", "Zoé Müller")
    set_current_operator("zoe")
    marraine = create_customer(CustomerData(first_name="Hélène", last_name="Lefèvre"))
    karima = create_customer(CustomerData(first_name="Karima", last_name="Benali",
                                          referred_by_id=marraine))
    filleul = create_customer(CustomerData(first_name="Omar", last_name="Alaoui",
                                           referred_by_id=karima))
    assert filleul
    add_interaction(karima, InteractionData(at=datetime(2026, 2, 1, 10, 0), channel="téléphone",
                                            step="service après-vente", subject="Tasse fendue"))
    update_purchase(add_purchase(karima, date(2026, 1, 5), 1250), date(2026, 1, 5), 2150)
    s = register_complaint(ComplaintInput(
        customer_id=karima, channel="courrier", product="Service à thé",
        description="Théière fêlée à l'ouverture", expectation="Un échange"),
        received_on=date(2026, 3, 2))
    qualify(s.id, Qualification(1, "bonne foi", True))
    record_answer(s.id, AnswerInput("Échange accepté en magasin", date(2026, 3, 4), "échange",
                                    900))
    return karima


def test_access_json_holds_complaints_steps_and_names(database):
    karima = _file()
    data = export_customer_data(karima)
    assert data["customer"]["referred_by"] == "Hélène Lefèvre"
    assert data["customer"]["referrals"] == ["Omar Alaoui"]
    assert "referred_by_id" not in data["customer"]
    [contact] = data["interactions"]
    assert (contact["step"], contact["operator"]) == ("service après-vente", "Zoé Müller")
    [complaint] = data["complaints"]
    assert complaint["description"] == "Théière fêlée à l'ouverture"
    assert complaint["expectation"] == "Un échange"
    assert complaint["answer"] == "Échange accepté en magasin"
    assert complaint["answer_date"] == "2026-03-04"
    assert {e["who"] for e in complaint["events"]} == {"Zoé Müller"}  # names, not logins
    assert "Réclamation enregistrée (courrier)" in complaint["events"][0]["what"]
    assert data["history"][0]["who"] == "Zoé Müller"
    assert "montant 12,50" in data["history"][0]["what"]


def test_access_pdf_holds_complaints_steps_and_names(database, tmp_path):
    karima = _file()
    path = write_customer_data_pdf(karima, tmp_path / "acces.pdf")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())
    for piece in ("Parrainé par Hélène Lefèvre", "Filleuls Omar Alaoui",
                  "service après-vente", "Zoé Müller", "Réclamations (1)",
                  "REC-2026-0001 — reçue le 02/03/2026", "Théière fêlée à l'ouverture",
                  "Un échange", "Échange accepté en magasin", "04/03/2026",
                  "Réclamation enregistrée (courrier)", "Corrections de la fiche (1)"):
        assert piece in text, piece
    assert "(n°)" not in text
