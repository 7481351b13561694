"""Recording, reading and comparing assessments on SQLite and PostgreSQL."""

from datetime import date, timedelta

import pytest

from rcdesk.core.errors import ValidationError
from rcdesk.core.periods import Period
from rcdesk.models.assessment import Assessment, AssessmentScore, Organisation
from rcdesk.services.assessment import (
    AssessmentInput,
    comparison,
    create_organisation,
    delete_assessment,
    get_assessment,
    history,
    list_organisations,
    own_organisation,
    record_assessment,
    save_assessment,
    stats,
)
from rcdesk.services.assessment.rules import RECOMMENDATIONS
from rcdesk.services.settings import CompanyProfile, save_company

EXAMPLE = [7, 5, 6, 8, 4, 6, 7, 5]


def counts():
    return (Organisation.select().count(), Assessment.select().count(),
            AssessmentScore.select().count())


def test_record_example_gives_6_0_to_consolidate(database):
    save_company(CompanyProfile(name="Maison Lambert"))
    assessment_id = save_assessment(AssessmentInput(
        date=date(2026, 3, 2), assessor="Estelle", scores=EXAMPLE,
        comments=["Pas de charte"] + [""] * 7))
    view = get_assessment(assessment_id)
    assert view.organisation == "Maison Lambert" and view.is_own
    assert view.scores == tuple(EXAMPLE)
    assert view.average == 6.0
    assert view.level.label == "Relation Client à consolider"
    assert view.comments[0] == "Pas de charte"
    # themes under 7: 2 (5), 3 (6), 5 (4), 6 (6), 8 (5)
    assert sorted(view.recommendations) == [2, 3, 5, 6, 8]
    assert view.recommendations[2] == RECOMMENDATIONS[2]


def test_recommendation_edits_are_kept_per_assessment(database):
    first = save_assessment(AssessmentInput(scores=EXAMPLE, recommendations={8: "Carte fidélité"}))
    second = save_assessment(AssessmentInput(scores=EXAMPLE))
    assert get_assessment(first).recommendations[8] == "Carte fidélité"
    assert get_assessment(first).edited == frozenset({8})
    assert get_assessment(second).recommendations[8] == RECOMMENDATIONS[8]
    # editing again keeps the text when the recommendations are not resubmitted
    save_assessment(AssessmentInput(scores=[7] * 7 + [4], comments=["ok"]), first)
    assert get_assessment(first).recommendations == {8: "Carte fidélité"}


@pytest.mark.parametrize("scores, date_value, field", [
    (EXAMPLE[:7], None, "score_8"),
    (EXAMPLE[:7] + [11], None, "score_8"),
    (["x"] + EXAMPLE[1:], None, "score_1"),
    (EXAMPLE, date.today() + timedelta(days=1), "date"),
    (EXAMPLE, "31/02/2026", "date"),
])
def test_bad_input_saves_nothing(database, scores, date_value, field):
    own_organisation()
    before = counts()
    with pytest.raises(ValidationError) as info:
        save_assessment(AssessmentInput(scores=scores, date=date_value))
    assert info.value.field == field
    assert counts() == before


def test_cli_record_with_bad_scores_creates_no_organisation(database):
    before = counts()
    with pytest.raises(ValidationError):
        record_assessment("Nouvelle SARL", "7,5,6,8,4,6,7,12")
    with pytest.raises(ValidationError):
        record_assessment("Nouvelle SARL", "7,5,6,8,4,6,7,5", "01/01/2999")
    assert counts() == before


def test_consultant_keeps_several_organisations(database):
    save_company(CompanyProfile(name="Cabinet Conseil"))
    client = create_organisation("Boulangerie Dupont")
    with pytest.raises(ValidationError) as info:
        create_organisation("boulangerie dupont")
    assert "existe déjà" in info.value.message
    with pytest.raises(ValidationError):
        create_organisation("  ")
    save_assessment(AssessmentInput(organisation_id=client.id, scores=[9] * 8))
    names = [(o.name, o.is_own, o.assessments) for o in list_organisations()]
    assert names == [("Cabinet Conseil", True, 0), ("Boulangerie Dupont", False, 1)]
    assessment_id, created = record_assessment("BOULANGERIE DUPONT", "7,7,7,7,7,7,7,7")
    assert not created
    assert get_assessment(assessment_id).organisation_id == client.id


def test_history_and_comparison_give_per_theme_deltas(database):
    org = create_organisation("Client A")
    old = save_assessment(AssessmentInput(organisation_id=org.id, date=date(2025, 1, 10),
                                          scores=[5, 4, 5, 6, 4, 5, 6, 3]))
    new = save_assessment(AssessmentInput(organisation_id=org.id, date=date(2026, 1, 12),
                                          scores=[7, 6, 6, 8, 6, 7, 7, 5]))
    save_assessment(AssessmentInput(date=date(2025, 6, 1), scores=[9] * 8))  # another org
    assert [(h.id, h.average) for h in history(org.id)] == [(old, 4.8), (new, 6.5)]
    result = comparison(new)
    assert result.previous.id == old
    assert result.deltas == (2, 2, 1, 2, 2, 2, 1, 2)
    assert result.average_delta == 1.7
    first = comparison(old)
    assert first.previous is None and first.deltas is None


def test_stats_latest_and_null_when_none(database):
    assert stats(Period()) == {"assessment": {"latest": None}}
    org = create_organisation("Client B")
    save_assessment(AssessmentInput(organisation_id=org.id, date=date(2026, 2, 1), scores=EXAMPLE))
    later = save_assessment(AssessmentInput(organisation_id=org.id, date=date(2026, 5, 1),
                                            scores=[9] * 8))
    assert stats(Period()) == {"assessment": {"latest": {
        "id": later, "org": "Client B", "date": "2026-05-01", "average": 9.0,
        "level": "Excellence en Relation Client"}}}
    march = stats(Period(date(2026, 1, 1), date(2026, 3, 31)))["assessment"]["latest"]
    assert march["average"] == 6.0 and march["level"] == "Relation Client à consolider"


def test_delete_removes_scores(database):
    assessment_id = save_assessment(AssessmentInput(scores=EXAMPLE))
    delete_assessment(assessment_id)
    assert Assessment.select().count() == 0 and AssessmentScore.select().count() == 0


def test_demo_adds_two_assessments_a_year_apart_for_the_demo_company(sqlite_database):
    from rcdesk.services.area_types import DemoOptions
    from rcdesk.services.demo import make_demo

    make_demo(DemoOptions(customers=5, seed=7))
    own = own_organisation()
    assert own.name == "Maison Lambert — Arts de la table"
    first, second = history(own.id)
    assert (second.date - first.date).days == 365
    assert (first.average, second.average) == (4.8, 6.5)
    assert second.level.label == "Relation Client à consolider"
    assert comparison(second.id).deltas == (2, 2, 1, 2, 2, 2, 1, 2)
    assert get_assessment(second.id).swot["threats"].startswith("Concurrence")


def test_one_recommendation_edited_then_back_to_the_white_paper(database):
    from rcdesk.services.assessment import save_recommendation

    assessment_id = save_assessment(AssessmentInput(scores=EXAMPLE))
    save_recommendation(assessment_id, 5, "Compléter les fiches au comptoir")
    assert get_assessment(assessment_id).recommendations[5] == "Compléter les fiches au comptoir"
    save_recommendation(assessment_id, 5, "")
    assert get_assessment(assessment_id).recommendations[5] == RECOMMENDATIONS[5]
    assert get_assessment(assessment_id).edited == frozenset()


def test_rename_client_organisation_but_not_the_own_company(database):
    from rcdesk.core.errors import ServiceError
    from rcdesk.services.assessment.orgs import rename_organisation

    save_company(CompanyProfile(name="Cabinet"))
    first = create_organisation("Client A")
    create_organisation("Client B")
    assert rename_organisation(first.id, "Client A bis").name == "Client A bis"
    with pytest.raises(ValidationError):
        rename_organisation(first.id, "client b")
    with pytest.raises(ServiceError):
        rename_organisation(own_organisation().id, "Autre")
