"""Survey criteria carry a step of the customer journey (schema step 11); the journey map
shows, per step, the satisfaction of the criteria attached to it over the period's answers."""

import os
import shutil
from datetime import date, datetime

import pytest

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.periods import Period
from rcdesk.models.surveys import SurveyQuestion, SurveyResponse
from rcdesk.reports.pilotage_journey import write_journey_report
from rcdesk.services.pilotage.journey import delete_step, journey_map, list_steps, rename_step
from rcdesk.services.surveys import (
    CRITERION,
    NPS,
    QuestionInput,
    ResponseInput,
    create_campaign,
    create_questionnaire,
    get_questionnaire,
    parse_answer,
    record_response,
    update_question,
)

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture
def survey(company):
    """Three criteria on 1–5: Délai (livraison), État du colis (livraison), Conseil (devis)."""
    qid = create_questionnaire("Après livraison", [
        QuestionInput(NPS, "Recommanderiez-vous ?", True),
        QuestionInput(CRITERION, "Délai de livraison", True, scale=(1, 5),
                      journey_step="livraison"),
        QuestionInput(CRITERION, "État du colis", True, scale=(1, 5), journey_step="livraison"),
        QuestionInput(CRITERION, "Conseil du vendeur", True, scale=(1, 5), journey_step="devis"),
    ])
    return qid, create_campaign(qid, "Mars 2026", channel="web")


def _answer(qid, cid, scores, at=datetime(2026, 3, 10, 12)):
    q = get_questionnaire(qid)
    for delay, state, advice in scores:
        rid = record_response(cid, ResponseInput({
            q.questions[0].id: parse_answer(q.questions[0], value=8),
            q.questions[1].id: parse_answer(q.questions[1], value=delay, importance=5),
            q.questions[2].id: parse_answer(q.questions[2], value=state, importance=5),
            q.questions[3].id: parse_answer(q.questions[3], value=advice, importance=4)}))
        SurveyResponse.update(answered_at=at).where(SurveyResponse.id == rid).execute()


def test_criteria_keep_their_step(survey):
    qid, _ = survey
    steps = [(x.label, x.journey_step) for x in get_questionnaire(qid).questions]
    assert steps == [("Recommanderiez-vous ?", ""), ("Délai de livraison", "livraison"),
                     ("État du colis", "livraison"), ("Conseil du vendeur", "devis")]


def test_the_map_shows_the_satisfaction_of_each_steps_criteria(survey):
    qid, cid = survey
    # livraison: delays 2 and 3, states 1 and 2 on 1–5 -> (1+2+0+1)/4 ÷ 4 = 25 %;
    # devis: advice 5 and 4 -> (4+3)/2 ÷ 4 = 87.5 %
    _answer(qid, cid, [(2, 1, 5), (3, 2, 4)])
    _answer(qid, cid, [(5, 5, 5)], at=datetime(2026, 4, 2, 9))  # April: not in March's map
    by_name = {m.step.name: m for m in journey_map(MARCH).steps}
    assert by_name["livraison"].satisfaction == pytest.approx(25.0)
    assert by_name["livraison"].satisfaction_answers == 4
    assert by_name["devis"].satisfaction == pytest.approx(87.5)
    assert by_name["devis"].satisfaction_answers == 2
    assert by_name["commande"].satisfaction is None
    assert by_name["commande"].satisfaction_text == "—"
    assert by_name["livraison"].satisfaction_text == "25\u00a0% (4 réponses)"
    assert [n for n, m in by_name.items() if m.least_satisfying] == ["livraison"]


def test_the_map_pdf_has_the_satisfaction_row(survey, tmp_path):
    from pypdf import PdfReader

    qid, cid = survey
    _answer(qid, cid, [(2, 1, 5), (3, 2, 4)])
    path = write_journey_report(tmp_path / "parcours.pdf", MARCH)
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert "Satisfaction des critères" in text
    assert "88 % (2 réponses)" in text.replace("\u00a0", " ")
    assert "25 % (4 réponses)" in text.replace("\u00a0", " ")
    if os.environ.get("RCDESK_SHOTS"):
        shutil.copy(path, os.path.join(os.environ["RCDESK_SHOTS"], "journey-map.pdf"))


def test_a_step_renamed_carries_its_criteria_and_one_in_use_is_not_deleted(survey):
    step = next(s for s in list_steps() if s.name == "devis")
    with pytest.raises(ServiceError, match="1 critère"):
        delete_step(step.id)
    rename_step(step.id, "Devis et conseil")
    assert SurveyQuestion.select().where(
        SurveyQuestion.journey_step == "Devis et conseil").count() == 1
    assert SurveyQuestion.select().where(SurveyQuestion.journey_step == "devis").count() == 0


def test_a_step_is_attached_after_answers_but_nothing_else_changes(survey):
    qid, cid = survey
    _answer(qid, cid, [(4, 4, 4)])
    criterion = get_questionnaire(qid).questions[3]
    update_question(criterion.id, QuestionInput(CRITERION, "Conseil du vendeur", True,
                                                scale=(1, 5), journey_step="information"))
    assert get_questionnaire(qid).questions[3].journey_step == "information"
    with pytest.raises(ServiceError):
        update_question(criterion.id, QuestionInput(CRITERION, "Conseil du vendeur", True,
                                                    scale=(0, 10), journey_step="information"))
    with pytest.raises(ValidationError, match="100 caractères"):
        update_question(criterion.id, QuestionInput(CRITERION, "Conseil", True, scale=(1, 5),
                                                    journey_step="x" * 101))
    assert get_questionnaire(qid).questions[3].label == "Conseil du vendeur"
