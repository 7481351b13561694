"""A NUL, a control character or a bidi override typed or pasted into a free text is removed
the same way on both engines (PostgreSQL refuses NUL outright), and the XLSX export of rows
that already hold one does not give up."""

from datetime import date

import pytest

from rcdesk.core.errors import ValidationError
from rcdesk.models.actions import QualityAction
from rcdesk.models.complaints import Complaint, ComplaintCategory, ComplaintEvent
from rcdesk.models.customers import Customer, Interaction, Purchase

NUL, ESC, RLO = "\x00", "\x1b", "\u202e"


@pytest.fixture
def company(database):
    from rcdesk.services.settings import CompanyProfile, get_company, save_company

    save_company(CompanyProfile(name=f"Maison{NUL} Test{ESC}", address=f"1 rue{NUL}\nLille",
                                country="FR", currency="EUR", complaint_deadline_days=5))
    return get_company()


@pytest.fixture
def customer(company):
    from rcdesk.services.customers import CustomerData, create_customer

    return create_customer(CustomerData(
        first_name=f"Hé{NUL}lène", last_name=f"Du{RLO}pont{ESC}", city=f"Lil{NUL}le",
        notes=f"Ligne 1{NUL}\r\nLigne 2", segments=[f"VIP{NUL}", f"fid{ESC}èle", NUL]))


def test_company_and_customer_fields(company, customer):
    assert (company.name, company.address) == ("Maison Test", "1 rue\nLille")
    row = Customer.get_by_id(customer)
    assert (row.first_name, row.last_name, row.city) == ("Hélène", "Dupont", "Lille")
    assert row.notes == "Ligne 1\nLigne 2"
    assert row.segments == "VIP,fidèle"


def test_purchase_and_interaction_texts(customer):
    from rcdesk.services.customers import InteractionData, add_interaction, add_purchase
    from rcdesk.services.customers.activity import check_purchase

    add_purchase(customer, date(2026, 3, 2), 1000, f"comp{NUL}toir", f"T-{NUL}42{RLO}")
    assert Purchase.select(Purchase.channel, Purchase.reference).tuples()[:] == [
        ("comptoir", "T-42")]
    with pytest.raises(ValidationError) as info:  # an import row is refused, never stored
        check_purchase(date(2026, 3, 2), 1000, "", f"T-{NUL}42")
    assert info.value.field == "reference"
    add_interaction(customer, InteractionData(channel=f"télé{NUL}phone", step=f"achat{ESC}",
                                              subject=f"Appel{NUL} de\nMme Dupont",
                                              outcome=f"Rappel{NUL}\nprévu"))
    row = Interaction.get()
    assert (row.channel, row.step, row.subject, row.outcome) == (
        "téléphone", "achat", "Appel de Mme Dupont", "Rappel\nprévu")
    with pytest.raises(ValidationError) as info:
        add_interaction(customer, InteractionData(channel="téléphone", subject=NUL * 3))
    assert info.value.field == "subject"


def test_complaint_intake_edit_answer_comments(customer):
    from rcdesk.services.complaints import (
        AnswerInput,
        ComplaintInput,
        Qualification,
        add_category,
        add_comment,
        edit_complaint,
        move,
        qualify,
        record_answer,
        register_complaint,
    )

    walk_in = register_complaint(ComplaintInput(
        walk_in_name=f"Paul{NUL} Martin", walk_in_contact=f"06{ESC} 12", product=f"Thé{NUL}",
        place=f"Lille{RLO}", description=f"Théière{NUL} fêlée", expectation=f"Échange{NUL}"))
    row = Complaint.get_by_id(walk_in.id)
    assert (row.walk_in_name, row.walk_in_contact, row.product, row.place, row.description,
            row.expectation) == ("Paul Martin", "06 12", "Thé", "Lille", "Théière fêlée",
                                 "Échange")
    edit_complaint(walk_in.id, ComplaintInput(customer_id=customer,
                                              description=f"Théière{NUL} cassée"),
                   f"Client{NUL} retrouvé")
    assert Complaint.get_by_id(walk_in.id).description == "Théière cassée"
    category = add_category(f"Casse{NUL} {ESC}")
    assert ComplaintCategory.get_by_id(category).name == "Casse"
    qualify(walk_in.id, Qualification(category, "bonne foi", True, "moyenne", f"Maga{NUL}sin"),
            f"Vu{NUL}")
    add_comment(walk_in.id, f"Rappel{NUL} demain")
    record_answer(walk_in.id, AnswerInput(f"Nous{NUL} remboursons.", date.today(),
                                          "aucune", 0), f"Envoi{ESC}")
    move(walk_in.id, "En traitement", f"Reprise{NUL}")
    assert Complaint.get_by_id(walk_in.id).answer_text == "Nous remboursons."
    with pytest.raises(ValidationError):
        add_comment(walk_in.id, NUL)
    texts = " ".join(f"{e.what} {e.comment}" for e in ComplaintEvent.select())
    assert NUL not in texts and ESC not in texts
    assert "Client retrouvé" in texts and "Rappel demain" in texts and "Reprise" in texts


def test_action_charter_assessment_texts(customer):
    from rcdesk.services.actions import ActionInput, create_action
    from rcdesk.services.assessment import (
        AssessmentInput,
        create_organisation,
        get_assessment,
        save_assessment,
    )
    from rcdesk.services.charter.commitments import (
        CommitmentInput,
        ReadingInput,
        add_commitment,
        add_reading,
        jargon_terms,
        list_readings,
        set_jargon_terms,
    )

    create_action(ActionInput(origin="audit", nc=f"Casse{NUL}", action=f"Former{ESC}",
                              pilot=f"Ka{NUL}rim", actors=f"Équipe{RLO}"))
    action = QualityAction.get()
    assert (action.nc, action.action, action.pilot, action.actors) == (
        "Casse", "Former", "Karim", "Équipe")
    commitment = add_commitment(CommitmentInput(f"Nous répondons{NUL} sous 48 h.",
                                                indicator=f"Délai{NUL}", owner=f"Sophie{ESC}",
                                                target="90", unit="%",
                                                measured_how=f"Registre{NUL}"))
    assert (commitment.wording, commitment.indicator, commitment.owner,
            commitment.measured_how) == ("Nous répondons sous 48 h.", "Délai", "Sophie",
                                         "Registre")
    add_reading(commitment.id, ReadingInput(date(2026, 1, 1), date(2026, 1, 31), "95",
                                            f"Relevé{NUL}"))
    assert list_readings(commitment.id)[0].note == "Relevé"
    set_jargon_terms([f"top{NUL}", "ok"])
    assert jargon_terms() == ["top", "ok"]
    org = create_organisation(f"Client{NUL} A")
    assert org.name == "Client A"
    aid = save_assessment(AssessmentInput(organisation_id=org.id, scores=[5] * 8,
                                          assessor=f"Ana{NUL}",
                                          comments=[f"Bien{NUL}"] + [""] * 7,
                                          recommendations={1: f"Former{ESC}"},
                                          swot={"strengths": f"Accueil{NUL}"}))
    view = get_assessment(aid)
    assert (view.assessor, view.comments[0], view.recommendations[1],
            view.swot["strengths"]) == ("Ana", "Bien", "Former", "Accueil")


def test_xlsx_export_survives_control_characters_already_stored(customer, tmp_path):
    from openpyxl import load_workbook

    from rcdesk.services.customers import CustomerQuery
    from rcdesk.services.customers.export import export_customers

    # A row written by another program (PostgreSQL refuses NUL itself, not the others).
    Customer.update(notes="a\x01b\x1bc\x7f\u202ed\x0b", company_name="\x08Dupont SA").where(
        Customer.id == customer).execute()
    path = tmp_path / "clients.xlsx"
    assert export_customers(CustomerQuery(), path) == 1
    sheet = load_workbook(path).active
    headers = [c.value for c in next(sheet.iter_rows())]
    values = dict(zip(headers, [c.value for c in list(sheet.iter_rows())[1]]))
    assert values["Notes"] == "abcd"
    assert values["Raison sociale"] == "Dupont SA"
