"""Questionnaires, campaigns, responses and results through the services."""

from datetime import date, datetime

import pytest

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.models.surveys import SurveyAnswer, SurveyQuestion, SurveyResponse
from rcdesk.services.surveys import (
    CRITERION,
    NPS,
    QuestionInput,
    ResponseInput,
    create_campaign,
    create_from_template,
    delete_question,
    get_questionnaire,
    move_question,
    parse_answer,
    record_response,
    update_question,
)
from rcdesk.services.surveys.results import campaign_results, compare


def answer_all(campaign_id, questionnaire_id, scores, criteria=((4, 5), (3, 5))):
    q = get_questionnaire(questionnaire_id)
    nps_q, c1, c2 = q.questions[0], q.questions[1], q.questions[2]
    for score in scores:
        record_response(campaign_id, ResponseInput({
            nps_q.id: parse_answer(nps_q, value=score),
            c1.id: parse_answer(c1, value=criteria[0][0], importance=criteria[0][1]),
            c2.id: parse_answer(c2, value=criteria[1][0], importance=criteria[1][1])}))


def test_results_of_the_seed_example(hotel):
    qid, cid = hotel
    answer_all(cid, qid, [10, 10, 9, 9, 9, 8, 7, 6, 3, 0])
    result = campaign_results(cid).as_dict()
    assert result["responses"] == 10
    assert result["nps"]["score"] == 20.0
    assert (result["nps"]["promoters"], result["nps"]["passives"],
            result["nps"]["detractors"]) == (5, 2, 3)
    assert result["nps_approximate"] is True
    assert result["criteria"][0] == {"number": 2, "label": "Accueil du personnel",
                                     "satisfaction": 4.0, "importance": 5.0,
                                     "satisfied_pct": 100.0, "zone": 1, "answers": 10}
    assert result["criteria"][1]["zone"] == 1  # 3 ≥ 2.5: satisfied at the middle cut
    assert result["cut"] == {"method": "milieu", "satisfaction": 2.5, "importance": 2.5}
    means = campaign_results(cid, "moyennes").as_dict()
    assert means["cut"]["satisfaction"] == 3.5
    assert [c["zone"] for c in means["criteria"]] == [1, 2]
    q = get_questionnaire(qid)
    free = q.questions[3]
    record_response(cid, ResponseInput({
        q.questions[0].id: parse_answer(q.questions[0], value=7, text="Correct"),
        q.questions[1].id: parse_answer(q.questions[1], value=4, importance=5),
        q.questions[2].id: parse_answer(q.questions[2], value=3, importance=5),
        free.id: parse_answer(free, text="Le petit-déjeuner")}))
    [summary] = campaign_results(cid).others
    assert (summary.question.id, summary.answers) == (free.id, 1)
    assert campaign_results(cid).nps.passives == 3  # the written "Pourquoi ?" counts once


def test_no_answer_no_nps(hotel):
    _, cid = hotel
    result = campaign_results(cid).as_dict()
    assert result["responses"] == 0 and result["nps"] is None
    assert result["criteria"][0]["zone"] is None


def test_score_outside_the_scale_and_required_answers_refused(hotel):
    qid, cid = hotel
    q = get_questionnaire(qid)
    with pytest.raises(ValueError, match="hors de l'échelle 0 à 10"):
        parse_answer(q.questions[0], value=11)
    with pytest.raises(ValueError, match="hors de l'échelle 0 à 5"):
        parse_answer(q.questions[1], value=6, importance=5)
    with pytest.raises(ValidationError, match="obligatoire"):
        record_response(cid, ResponseInput({q.questions[0].id: parse_answer(
            q.questions[0], value=9)}))
    assert SurveyResponse.select().count() == 0


def test_campaign_ending_before_it_starts_is_refused(hotel):
    qid, _ = hotel
    with pytest.raises(ValidationError, match="avant de commencer"):
        create_campaign(qid, "À l'envers", start=date(2026, 6, 1), end=date(2026, 5, 1))
    with pytest.raises(ValidationError, match="Canal inconnu"):
        create_campaign(qid, "Pigeon", channel="pigeon")


def test_questions_frozen_once_answered_and_deleting_an_answered_one_refused(hotel):
    qid, cid = hotel
    q = get_questionnaire(qid)
    move_question(q.questions[2].id, -1)  # free before any answer
    assert [x.label for x in get_questionnaire(qid).questions][1:3] == [
        "Propreté", "Accueil du personnel"]
    move_question(q.questions[2].id, 1)
    answer_all(cid, qid, [9])
    with pytest.raises(ServiceError, match="a 1 réponse"):
        delete_question(q.questions[1].id)
    with pytest.raises(ServiceError, match="seul le libellé"):
        update_question(q.questions[1].id, QuestionInput(CRITERION, "Accueil", True,
                                                         scale=(1, 10)))
    with pytest.raises(ServiceError, match="l'ordre"):
        move_question(q.questions[1].id, 1)
    update_question(q.questions[1].id, QuestionInput(CRITERION, "Accueil à la réception", True))
    assert get_questionnaire(qid).questions[1].label == "Accueil à la réception"
    delete_question(q.questions[3].id)  # the free text has no answer
    assert len(get_questionnaire(qid).questions) == 3
    assert SurveyAnswer.select().count() == 3


def test_templates_and_staff_mirror(company):
    shop = create_from_template("Boutique", "comptoir")
    staff = create_from_template("Équipe", "personnel")
    hotel = create_from_template("Hôtel", "hotel")
    assert get_questionnaire(staff).audience == "personnel"
    shop_criteria = [q.label for q in get_questionnaire(shop).criteria()]
    assert [q.label for q in get_questionnaire(staff).criteria()] == shop_criteria
    assert "Propreté" in [q.label for q in get_questionnaire(hotel).criteria()]
    assert get_questionnaire(hotel).questions[0].kind == NPS
    a = create_campaign(shop, "Clients")
    b = create_campaign(staff, "Équipe")
    for campaign, questionnaire, scores in ((a, shop, (9, 10, 3)), (b, staff, (7, 8))):
        q = get_questionnaire(questionnaire)
        for score in scores:
            answers = {}
            for x in q.questions:
                if x.kind == NPS:
                    answers[x.id] = parse_answer(x, value=score)
                elif x.kind == CRITERION:
                    value = 1 if x.label == "Attente en caisse" else 4
                    if campaign == b and x.label == "Accueil":
                        value = 2
                    answers[x.id] = parse_answer(x, value=value, importance=5)
            record_response(campaign, ResponseInput(answers))
    comparison = compare(a, b)
    assert comparison.mirror
    gaps = {g.label: g.gap for g in comparison.criteria}
    assert gaps["Accueil"] == pytest.approx(-2.0) and gaps["Attente en caisse"] == 0
    assert comparison.nps.difference == pytest.approx(0.0 - 100.0 / 3)
    assert not comparison.nps.significant


def test_customer_response_moves_last_contact(hotel, helene):
    qid, cid = hotel
    q = get_questionnaire(qid)
    at = datetime(2026, 4, 2, 10, 0)
    record_response(cid, ResponseInput({q.questions[0].id: parse_answer(
        q.questions[0], value=3, text="Chambre froide"),
        q.questions[1].id: parse_answer(q.questions[1], value=2, importance=5),
        q.questions[2].id: parse_answer(q.questions[2], value=2, importance=5)},
        customer_id=helene, answered_at=at))
    from rcdesk.models.customers import Customer

    assert Customer.get_by_id(helene).last_contact == at
    from rcdesk.services.surveys.results import customer_answers

    answers = customer_answers(helene)
    assert [a.answer for a in answers][:2] == ["3/10 — Chambre froide",
                                               "satisfaction 2, importance 5"]


def test_detractor_to_complaint_and_follow_up_and_zone2_to_action(hotel, helene):
    from rcdesk.services.actions import list_actions
    from rcdesk.services.complaints import get_complaint
    from rcdesk.services.customers import list_interactions
    from rcdesk.services.surveys.loop import (
        detractor_follow_up,
        detractor_to_complaint,
        zone2_to_action,
    )
    from rcdesk.services.surveys.results import verbatims

    qid, cid = hotel
    q = get_questionnaire(qid)
    record_response(cid, ResponseInput({
        q.questions[0].id: parse_answer(q.questions[0], value=2, text="Chambre sale"),
        q.questions[1].id: parse_answer(q.questions[1], value=4, importance=5),
        q.questions[2].id: parse_answer(q.questions[2], value=1, importance=5)},
        customer_id=helene))
    detractor = verbatims(cid, only_detractors=True)[0]
    assert (detractor.score, detractor.text, detractor.customer_name) == (
        2, "Chambre sale", "Hélène Dupont")
    number = detractor_to_complaint(detractor.response_id)
    complaint = get_complaint_by_number(number, get_complaint)
    assert "note de recommandation 2/10" in complaint.description
    assert "Chambre sale" in complaint.description
    detractor_follow_up(detractor.response_id, date(2030, 1, 15))
    assert list_interactions(helene)[0].follow_up == date(2030, 1, 15)
    with pytest.raises(ServiceError, match="pas en zone 2"):
        zone2_to_action(cid, 2, pilot="Zoé")
    action_id = zone2_to_action(cid, 3, pilot="Zoé")
    action = next(a for a in list_actions() if a.id == action_id)
    assert action.origin == "enquête de satisfaction"
    assert "Propreté" in action.nc and "zone 2" in action.nc


def get_complaint_by_number(number, get_complaint):
    from rcdesk.services.complaints import find_by_number

    return get_complaint(find_by_number(number))


def test_anonymous_detractor_cannot_become_a_complaint(hotel):
    from rcdesk.services.surveys.loop import detractor_to_complaint

    qid, cid = hotel
    answer_all(cid, qid, [1])
    with pytest.raises(ServiceError, match="anonyme"):
        detractor_to_complaint(SurveyResponse.select().first().id)


def test_gdpr_erasure_keeps_scores_and_drops_texts(hotel, helene):
    from rcdesk.services.gdpr import anonymise_customer, delete_impact, export_customer_data

    qid, cid = hotel
    q = get_questionnaire(qid)
    record_response(cid, ResponseInput({
        q.questions[0].id: parse_answer(q.questions[0], value=4, text="Hélène, déçue"),
        q.questions[1].id: parse_answer(q.questions[1], value=3, importance=5),
        q.questions[2].id: parse_answer(q.questions[2], value=3, importance=5),
        q.questions[3].id: parse_answer(q.questions[3], text="Appelez-moi au 06 12 34 56 78")},
        customer_id=helene))
    exported = export_customer_data(helene)["survey_responses"]
    assert exported[0]["answers"][0] == {"question": q.questions[0].label,
                                         "answer": "4/10 — Hélène, déçue"}
    assert delete_impact(helene).kept["réponse(s) d'enquête (anonymes)"] == 1
    anonymise_customer(helene)
    assert SurveyResponse.get().customer_id is None
    assert [a.text for a in SurveyAnswer.select().order_by(SurveyAnswer.id)] == ["", "", "", ""]
    assert campaign_results(cid).nps.detractors == 1  # the score stays, anonymous


def test_indicators_measure_and_evidence(hotel):
    from rcdesk.core.periods import Period
    from rcdesk.services.indicators import definitions, measure
    from rcdesk.services.surveys.area import area

    qid, cid = hotel
    defs = definitions()
    assert defs["nps"].unit == "points" and defs["nps"].direction == "min"
    assert defs["nps_margin"].direction == "max"
    assert measure("nps", Period()).value is None
    answer_all(cid, qid, [10, 10, 9, 9, 9, 8, 7, 6, 3, 0])
    values = area.measure(Period())
    assert values["nps"] == pytest.approx(20.0)
    assert values["satisfaction_mean"] == pytest.approx(70.0)  # (4+3)/2 on 0–5
    assert values["satisfied_pct"] == pytest.approx(50.0)
    assert values["survey_responses"] == 10
    hint = area.evidence(date.today())[0]
    assert hint.theme == 4 and hint.has_data
    assert "10 réponse(s)" in hint.text and "dernier NPS 20 ± 54" in hint.text
    stats = area.stats(Period())["satisfaction"]["campaigns"][0]
    assert (stats["nps"], stats["margin"], stats["promoters"]) == (20.0, 54.0, 5)  # √(0.76 / 10) × 196


def test_response_rate(hotel):
    from rcdesk.core.periods import Period
    from rcdesk.services.surveys import get_campaign
    from rcdesk.services.surveys.area import response_rate

    qid, _ = hotel
    cid = create_campaign(qid, "Par e-mail", channel="e-mail", asked=40)
    answer_all(cid, qid, [9, 9, 5, 8, 10])
    assert get_campaign(cid).response_rate == pytest.approx(12.5)
    assert response_rate(Period()) == pytest.approx(12.5)


def test_unknown_question_in_a_response_refused(hotel):
    qid, cid = hotel
    other = create_from_template("Autre", "nps")
    foreign = get_questionnaire(other).questions[0]
    with pytest.raises(ServiceError, match="pas dans le questionnaire"):
        record_response(cid, ResponseInput({foreign.id: parse_answer(foreign, value=9)}))
    assert SurveyQuestion.select().count() == 5


def test_charter_commitment_measured_by_the_nps_indicator(hotel):
    from rcdesk.core.periods import Period
    from rcdesk.services.charter.commitments import CommitmentInput, add_commitment, measure_over

    qid, cid = hotel
    answer_all(cid, qid, [10, 10, 9, 9, 9, 8, 7, 6, 3, 0])
    commitment = add_commitment(CommitmentInput(
        "Nous visons un NPS d'au moins 30, mesuré chaque trimestre.", "NPS", 30, "points",
        review_date=date(2030, 1, 1), source="nps"))
    value = measure_over(commitment, Period())
    assert value.value == pytest.approx(20.0)


def test_nps_by_month_and_per_campaign(hotel):
    from rcdesk.services.surveys.results import campaigns_nps, nps_by_month

    qid, cid = hotel
    q = get_questionnaire(qid)
    for day, score in ((datetime(2026, 3, 2, 10), 10), (datetime(2026, 3, 30, 23, 59), 0),
                       (datetime(2026, 4, 1, 0, 1), 9)):
        record_response(cid, ResponseInput({
            q.questions[0].id: parse_answer(q.questions[0], value=score),
            q.questions[1].id: parse_answer(q.questions[1], value=3, importance=3),
            q.questions[2].id: parse_answer(q.questions[2], value=3, importance=3)},
            answered_at=day))
    months = [(m, n.score, n.n) for m, n in nps_by_month()]
    assert months == [("2026-03", 0.0, 2), ("2026-04", 100.0, 1)]
    assert nps_by_month(audience="personnel") == []
    [(campaign, nps)] = campaigns_nps()
    assert campaign.id == cid and round(nps.score, 1) == 33.3


def test_campaign_and_questionnaire_saved_from_a_stale_form_are_refused(hotel):
    from rcdesk.core.errors import StaleRecordError
    from rcdesk.services.surveys import get_campaign, update_campaign, update_questionnaire

    qid, cid = hotel
    loaded = get_campaign(cid)
    update_campaign(cid, "Printemps (salon)", start=loaded.start_date, end=None,
                    channel="web", asked=80, version=loaded.version, original=loaded)
    with pytest.raises(StaleRecordError) as info:  # a second counter, from the old form
        update_campaign(cid, "Printemps", start=loaded.start_date, end=None, channel="papier",
                        asked=None, version=loaded.version, original=loaded)
    assert "Titre (Printemps 2026 → Printemps (salon)), Personnes sollicitées (vide → 80)" \
        in str(info.value)
    assert get_campaign(cid).channel == "web" and get_campaign(cid).version == 2
    q = get_questionnaire(qid)
    update_questionnaire(qid, "Séjour", "clients", "Merci", version=q.version, original=q)
    with pytest.raises(StaleRecordError):
        update_questionnaire(qid, "Autre", "clients", "", version=q.version, original=q)
    assert get_questionnaire(qid).intro == "Merci"
