"""Renaming and deleting the organisations a consultant assesses, on SQLite and PostgreSQL."""

from datetime import date

import pytest

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.models.assessment import Assessment, AssessmentScore, Organisation
from rcdesk.services.assessment import AssessmentInput, history, save_assessment
from rcdesk.services.assessment.orgs import (
    create_organisation,
    delete_organisation,
    ensure_deletable,
    ensure_renamable,
    find_organisation,
    get_organisation,
    list_organisations,
    own_organisation,
    rename_organisation,
)
from rcdesk.services.settings import CompanyProfile, save_company

EXAMPLE = [7, 5, 6, 8, 4, 6, 7, 5]


@pytest.fixture
def cabinet(database):
    """The consultant's own company and two clients: A with two assessments, B with one."""
    save_company(CompanyProfile(name="Cabinet Conseil"))
    own = own_organisation()
    a = create_organisation("Boulangerie Dupont")
    b = create_organisation("Garage Martin")
    for when in (date(2025, 1, 10), date(2026, 1, 12)):
        save_assessment(AssessmentInput(organisation_id=a.id, date=when, scores=EXAMPLE))
    b_assessment = save_assessment(AssessmentInput(organisation_id=b.id, date=date(2026, 2, 1),
                                                   scores=[9] * 8))
    own_assessment = save_assessment(AssessmentInput(organisation_id=own.id,
                                                     date=date(2026, 3, 1), scores=[7] * 8))
    return own, a, b, b_assessment, own_assessment


def rows():
    return (Organisation.select().count(), Assessment.select().count(),
            AssessmentScore.select().count())


def test_get_organisation_counts_its_assessments(cabinet):
    own, a, b, _, _ = cabinet
    assert get_organisation(a.id).assessments == 2
    assert get_organisation(b.id).assessments == 1
    assert ensure_deletable(a.id).assessments == 2


def test_rename_keeps_the_assessments_and_resorts_the_list(cabinet):
    own, a, b, _, _ = cabinet
    renamed = rename_organisation(a.id, "  Pâtisserie Dupont & Fils  ")
    assert renamed.name == "Pâtisserie Dupont & Fils" and renamed.assessments == 2
    assert [o.name for o in list_organisations()] == [
        "Cabinet Conseil", "Garage Martin", "Pâtisserie Dupont & Fils"]
    assert [s.organisation for s in history(a.id)] == ["Pâtisserie Dupont & Fils"] * 2
    assert find_organisation("pâtisserie dupont & fils").id == a.id
    assert find_organisation("Boulangerie Dupont") is None


def test_rename_to_a_change_of_case_only_is_accepted(cabinet):
    _, a, _, _, _ = cabinet
    assert rename_organisation(a.id, "BOULANGERIE DUPONT").name == "BOULANGERIE DUPONT"


@pytest.mark.parametrize("name, words", [
    ("", "Le nom de l'organisation est obligatoire."),
    ("   ", "Le nom de l'organisation est obligatoire."),
    (" garage MARTIN ",
     "L'organisation « Garage Martin » existe déjà : choisissez un autre nom."),
    ("cabinet conseil", "L'organisation « Cabinet Conseil » existe déjà"),
    ("x" * 201, "Le nom de l'organisation dépasse 200 caractères."),
])
def test_rename_refused_by_the_name_field_changes_nothing(cabinet, name, words):
    _, a, _, _, _ = cabinet
    with pytest.raises(ValidationError) as refused:
        rename_organisation(a.id, name)
    assert refused.value.field == "name"
    assert words in refused.value.message
    assert Organisation.get_by_id(a.id).name == "Boulangerie Dupont"


def test_the_own_company_is_renamed_in_the_company_profile_only(cabinet):
    own = cabinet[0]
    with pytest.raises(ServiceError, match="Paramètres de l'entreprise"):
        ensure_renamable(own.id)
    with pytest.raises(ServiceError, match="« Cabinet Conseil » est votre entreprise"):
        rename_organisation(own.id, "Autre nom")
    assert own_organisation().name == "Cabinet Conseil"


def test_delete_takes_the_assessments_and_their_scores_and_nothing_else(cabinet):
    own, a, b, b_assessment, own_assessment = cabinet
    assert rows() == (3, 4, 32)
    assert delete_organisation(a.id, confirmed_assessments=2) == 2
    assert rows() == (2, 2, 16)
    assert [o.name for o in list_organisations()] == ["Cabinet Conseil", "Garage Martin"]
    assert {row.id for row in Assessment.select()} == {b_assessment, own_assessment}
    # no score left without its assessment, no assessment without its organisation
    assert set(AssessmentScore.select(AssessmentScore.assessment).tuples()) == {
        (b_assessment,), (own_assessment,)}
    assert {row.organisation_id for row in Assessment.select()} == {own.id, b.id}
    with pytest.raises(ValidationError, match="n'existe pas"):
        get_organisation(a.id)


def test_delete_an_organisation_without_assessment(database):
    empty = create_organisation("Prospect Lefèvre")
    assert delete_organisation(empty.id, confirmed_assessments=0) == 0
    assert find_organisation("Prospect Lefèvre") is None


def test_the_own_company_cannot_be_deleted(cabinet):
    own = cabinet[0]
    with pytest.raises(ServiceError) as refused:
        delete_organisation(own.id)
    assert str(refused.value).startswith("« Cabinet Conseil » est votre entreprise : elle ne "
                                         "peut pas être supprimée.")
    assert rows() == (3, 4, 32)


def test_delete_refused_when_the_count_changed_since_the_confirmation(cabinet):
    _, a, _, _, _ = cabinet
    save_assessment(AssessmentInput(organisation_id=a.id, date=date(2026, 4, 1), scores=EXAMPLE))
    with pytest.raises(ServiceError) as refused:
        delete_organisation(a.id, confirmed_assessments=2)
    assert "compte maintenant 3 évaluation(s) au lieu de 2 : rien n'a été supprimé" in str(
        refused.value)
    assert rows() == (3, 5, 40)
    assert get_organisation(a.id).assessments == 3


def test_delete_is_one_transaction(cabinet, monkeypatch):
    """A failure on the last step (the organisation row) leaves its assessments in place."""
    _, a, _, _, _ = cabinet

    def broken(*args, **kwargs):
        raise RuntimeError("disque plein")

    monkeypatch.setattr(Organisation, "delete", classmethod(broken))
    with pytest.raises(RuntimeError):
        delete_organisation(a.id, confirmed_assessments=2)
    monkeypatch.undo()
    assert rows() == (3, 4, 32)
    assert len(history(a.id)) == 2


def test_unknown_organisation_is_refused(database):
    with pytest.raises(ValidationError, match="L'organisation n° 999 n'existe pas."):
        delete_organisation(999)
    with pytest.raises(ValidationError, match="L'organisation n° 999 n'existe pas."):
        rename_organisation(999, "X")
