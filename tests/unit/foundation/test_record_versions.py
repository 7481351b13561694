"""Two counters editing the same record: the later save from an older version is refused.

PC 1 opens a record, PC 2 changes it and saves, PC 1 saves: PC 1's save must not silently undo
PC 2's change. It is refused (StaleRecordError, nothing written) with a French message naming
what changed and the stored record; PC 1 then reloads (saves with the stored version) or saves
over it knowingly (overwrite=True). Customer, complaint, action, commitment, company profile;
on SQLite and on PostgreSQL."""

from dataclasses import replace
from datetime import date

import pytest

from rcdesk.core.errors import StaleRecordError
from rcdesk.models.customers import Customer
from rcdesk.services import customers
from rcdesk.services.actions import ActionInput, create_action, get_action, update_action
from rcdesk.services.charter.commitments import (
    CommitmentInput,
    add_commitment,
    get_commitment,
    move_commitment,
    update_commitment,
)
from rcdesk.services.complaints import (
    AnswerInput,
    ComplaintInput,
    Qualification,
    edit_complaint,
    get_complaint,
    list_categories,
    move,
    qualify,
    record_answer,
    register_complaint,
)
from rcdesk.services.settings import CompanyProfile, get_company, save_company

RELOAD_OR_OVERWRITE = ("Rechargez la fiche, ou enregistrez quand même pour remplacer ces "
                       "changements.")


@pytest.fixture
def company(database):
    return save_company(CompanyProfile(name="Maison Test", country="FR"))


# --- customer -----------------------------------------------------------------------------


@pytest.fixture
def customer_id(company):
    return customers.create_customer(customers.CustomerData(
        first_name="Hélène", last_name="Dupont", phone="06 11 22 33 44"))


def test_customer_saved_from_an_older_version_is_refused_with_what_changed(customer_id):
    pc1 = customers.get_customer(customer_id)
    pc2 = customers.get_customer(customer_id)
    assert pc1.version == 1
    pc2.phone = "06 22 33 44 55"
    customers.update_customer(customer_id, pc2)
    typed = replace(pc1, email="helene@exemple.fr")

    with pytest.raises(StaleRecordError) as refused:
        customers.update_customer(customer_id, typed, original=pc1)

    assert str(refused.value) == (
        "Ce client a été modifié sur un autre poste depuis que vous l'avez ouvert : "
        "Téléphone (06 11 22 33 44 → 06 22 33 44 55). " + RELOAD_OR_OVERWRITE)
    assert refused.value.changes == [("Téléphone", "06 11 22 33 44", "06 22 33 44 55")]
    stored = customers.get_customer(customer_id)
    assert (stored.phone, stored.email, stored.version) == ("+33622334455", "", 2)
    assert refused.value.current == stored


def test_customer_reloaded_or_overwritten_knowingly(customer_id):
    pc1 = customers.get_customer(customer_id)
    pc2 = replace(pc1, phone="06 22 33 44 55")
    customers.update_customer(customer_id, pc2)
    with pytest.raises(StaleRecordError) as refused:
        customers.update_customer(customer_id, replace(pc1, city="Lille"), original=pc1)
    # reloaded: the form now holds the stored customer, its changes are kept
    reloaded = replace(refused.value.current, city="Lille")
    customers.update_customer(customer_id, reloaded, original=refused.value.current)
    stored = customers.get_customer(customer_id)
    assert (stored.phone, stored.city, stored.version) == ("+33622334455", "Lille", 3)
    # overwritten knowingly: PC 1's form as it was, over whatever is stored
    customers.update_customer(customer_id, replace(pc1, email="h@exemple.fr"), overwrite=True)
    stored = customers.get_customer(customer_id)
    assert (stored.phone, stored.city, stored.email, stored.version) == (
        "+33611223344", "", "h@exemple.fr", 4)


def test_customer_without_original_lists_what_differs_from_the_save(customer_id):
    pc1 = customers.get_customer(customer_id)
    customers.update_customer(customer_id, replace(pc1, phone="06 22 33 44 55"))
    with pytest.raises(StaleRecordError) as refused:
        customers.update_customer(customer_id, replace(pc1, city="Lille"))
    assert refused.value.changes == [("Téléphone", "06 11 22 33 44", "06 22 33 44 55"),
                                     ("Ville", "Lille", "vide")]


def test_a_purchase_that_makes_a_prospect_a_client_changes_its_version(customer_id):
    pc1 = customers.get_customer(customer_id)
    customers.add_purchase(customer_id, date(2026, 3, 2), 1250)
    with pytest.raises(StaleRecordError) as refused:
        customers.update_customer(customer_id, replace(pc1, notes="Rappeler"), original=pc1)
    assert refused.value.changes == [("Statut", "prospect", "client")]
    assert Customer.get_by_id(customer_id).status == "client"


def test_version_none_is_not_checked(customer_id):
    pc1 = customers.get_customer(customer_id)
    customers.update_customer(customer_id, replace(pc1, city="Lille"))
    customers.update_customer(customer_id, replace(pc1, city="Lyon", version=None))
    assert (customers.get_customer(customer_id).city,
            customers.get_customer(customer_id).version) == ("Lyon", 3)


# --- complaint ----------------------------------------------------------------------------


@pytest.fixture
def complaint_id(company):
    return register_complaint(ComplaintInput(
        walk_in_name="Gérard Lemaître", walk_in_contact="06 98 76 54 32", product="Nappe",
        place="Lille", description="Nappe tachée"), received_on=date(2026, 3, 2)).id


def _intake(detail, **changes) -> ComplaintInput:
    values = dict(customer_id=detail.customer_id, walk_in_name=detail.walk_in_name,
                  walk_in_contact=detail.walk_in_contact, channel=detail.channel,
                  product=detail.product, place=detail.place, description=detail.description,
                  expectation=detail.expectation, version=detail.version)
    return ComplaintInput(**{**values, **changes})


def test_complaint_edit_from_an_older_version_is_refused(complaint_id):
    pc1 = get_complaint(complaint_id)
    pc2 = get_complaint(complaint_id)
    edit_complaint(complaint_id, _intake(pc2, product="Nappe lin"))
    with pytest.raises(StaleRecordError) as refused:
        edit_complaint(complaint_id, _intake(pc1, place="Roubaix"), original=pc1)
    assert str(refused.value) == (
        "Cette réclamation a été modifiée sur un autre poste depuis que vous l'avez ouverte : "
        "Produit / service (Nappe → Nappe lin). " + RELOAD_OR_OVERWRITE)
    stored = get_complaint(complaint_id)
    assert (stored.product, stored.place, stored.version) == ("Nappe lin", "Lille", 2)
    assert refused.value.current.version == 2
    edit_complaint(complaint_id, _intake(pc1, place="Roubaix"), overwrite=True)
    stored = get_complaint(complaint_id)
    assert (stored.product, stored.place, stored.version) == ("Nappe", "Roubaix", 3)


def test_qualification_and_answer_from_an_older_version_are_refused(complaint_id):
    category = list_categories()[1][0]  # Livraison
    pc1 = get_complaint(complaint_id)
    qualify(complaint_id, Qualification(category, "bonne foi", True, version=pc1.version))
    with pytest.raises(StaleRecordError) as refused:
        qualify(complaint_id, Qualification(category, "mauvaise foi", version=pc1.version),
                original=pc1)
    assert refused.value.changes == [("Statut", "Reçue", "Qualifiée"),
                                     ("Catégorie", "aucune", "Livraison"),
                                     ("Type", "vide", "bonne foi"),
                                     ("Fondée", "à déterminer", "fondée")]
    pc1 = get_complaint(complaint_id)
    move(complaint_id, "En traitement")  # a move changes the version too
    answer = AnswerInput("Nous vous remboursons.", date(2026, 3, 3), "geste commercial", 500,
                         version=pc1.version)
    with pytest.raises(StaleRecordError) as refused:
        record_answer(complaint_id, answer, original=pc1)
    assert refused.value.changes == [("Statut", "Qualifiée", "En traitement")]
    assert get_complaint(complaint_id).answer_text == ""
    answer.version = refused.value.current.version
    record_answer(complaint_id, answer, original=refused.value.current)
    stored = get_complaint(complaint_id)
    assert (stored.status, stored.cost_cents) == ("Réponse envoyée", 500)


# --- action -------------------------------------------------------------------------------


def _action_input(row, **changes) -> ActionInput:
    names = ("origin", "nc", "causes_5m", "cause_analysis", "action", "planned_date",
             "documents", "pilot", "actors", "check_how", "check_date", "progress_pct",
             "progress_date", "effect_date", "effect_result", "version")
    return ActionInput(**{**{n: getattr(row, n) for n in names}, **changes})


def test_action_saved_from_an_older_version_is_refused(company):
    action_id = create_action(ActionInput(origin="audit", nc="Vitrine sale", action="Nettoyer",
                                          pilot="Zoé"))
    pc1 = get_action(action_id)
    update_action(action_id, _action_input(get_action(action_id), pilot="Marc",
                                           progress_pct=50))
    with pytest.raises(StaleRecordError) as refused:
        update_action(action_id, _action_input(pc1, action="Nettoyer chaque soir"),
                      original=pc1)
    assert str(refused.value) == (
        "Cette action a été modifiée sur un autre poste depuis que vous l'avez ouverte : "
        f"Pilote (Zoé → Marc), Avancement (0 % → 50 %), Avancement au (vide → "
        f"{date.today():%d/%m/%Y}). " + RELOAD_OR_OVERWRITE)
    assert (get_action(action_id).action, get_action(action_id).pilot) == ("Nettoyer", "Marc")
    update_action(action_id, _action_input(pc1, action="Nettoyer chaque soir"), overwrite=True)
    stored = get_action(action_id)
    assert (stored.action, stored.pilot, stored.progress_pct, stored.version) == (
        "Nettoyer chaque soir", "Zoé", 0, 3)


# --- commitment ---------------------------------------------------------------------------


def _commitment_input(c, **changes) -> CommitmentInput:
    values = dict(wording=c.wording, indicator=c.indicator, target=c.target_value,
                  unit=c.target_unit, comparison=c.comparison, measured_how=c.measured_how,
                  owner=c.owner, review_date=c.review_date, source=c.source, version=c.version)
    return CommitmentInput(**{**values, **changes})


def test_commitment_saved_from_an_older_version_is_refused(company):
    first = add_commitment(CommitmentInput("Nous répondons sous 5 jours ouvrés.", target="5",
                                           unit="jours ouvrés"))
    add_commitment(CommitmentInput("Nous vous accueillons avec le sourire."))
    pc1 = get_commitment(first.id)
    move_commitment(first.id, 1)  # the order is not the form's: no conflict for it
    update_commitment(first.id, _commitment_input(get_commitment(first.id), owner="Zoé",
                                                  target="3"))
    with pytest.raises(StaleRecordError) as refused:
        update_commitment(first.id, _commitment_input(pc1, wording="Réponse sous 5 jours."),
                          original=pc1)
    assert str(refused.value) == (
        "Cet engagement a été modifié sur un autre poste depuis que vous l'avez ouvert : "
        "Cible (5 → 3), Pilote (vide → Zoé). " + RELOAD_OR_OVERWRITE)
    assert refused.value.current.owner == "Zoé"
    saved = update_commitment(first.id, _commitment_input(pc1, wording="Réponse sous 5 jours."),
                              overwrite=True)
    assert (saved.wording, saved.owner, saved.target_value, saved.position, saved.version) == (
        "Réponse sous 5 jours.", "", 5.0, 2, 3)


# --- company profile ----------------------------------------------------------------------


def test_company_profile_saved_from_an_older_version_is_refused(company):
    pc1 = get_company()
    assert pc1.version == company.version == 2  # the new file's profile was saved once
    stored = save_company(get_company().with_changes(phone="03 20 12 34 56"))
    assert stored.version == 3
    with pytest.raises(StaleRecordError) as refused:
        save_company(pc1.with_changes(city="Lille"), original=pc1)
    assert str(refused.value) == (
        "Le profil de l'entreprise a été modifié sur un autre poste depuis que vous l'avez "
        "ouvert : Téléphone (vide → 03 20 12 34 56). " + RELOAD_OR_OVERWRITE)
    assert (get_company().city, get_company().phone) == ("", "+33320123456")
    saved = save_company(pc1.with_changes(city="Lille"), overwrite=True)
    assert (saved.version, get_company().city, get_company().phone) == (4, "Lille", "")
    # reloaded: saved with the stored version
    again = save_company(get_company().with_changes(email="contact@maison.fr"))
    assert again.version == 5
