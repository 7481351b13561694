"""Closing the loop: a detractor becomes a complaint or a follow-up call, a zone 2 criterion
becomes a PAQ action (origin « enquête de satisfaction »). Through the other areas' public
functions, never their tables."""

from __future__ import annotations

from datetime import date

from rcdesk.core.errors import ServiceError
from rcdesk.core.formatting import format_number
from rcdesk.core.satisfaction import CUT_MIDDLE, CUTS, ZONES
from rcdesk.models.surveys import SurveyAnswer, SurveyQuestion, SurveyResponse
from rcdesk.services.actions import ActionInput, create_action
from rcdesk.services.complaints.workflow import ComplaintInput, register_complaint
from rcdesk.services.customers.activity import InteractionData, add_interaction
from rcdesk.services.surveys.campaigns import get_campaign
from rcdesk.services.surveys.questionnaires import NPS
from rcdesk.services.surveys.results import campaign_results

_COMPLAINT_CHANNELS = {"papier": "courrier", "e-mail": "e-mail", "téléphone": "téléphone",
                       "comptoir": "comptoir", "web": "site web"}


def _detractor(response_id: int) -> tuple[SurveyResponse, int, str]:
    response = SurveyResponse.get_or_none(SurveyResponse.id == response_id)
    if response is None:
        raise ServiceError(f"La réponse n° {response_id} n'existe pas.")
    if response.customer_id is None:
        raise ServiceError("Cette réponse est anonyme : elle n'est liée à aucun client.")
    row = (SurveyAnswer.select(SurveyAnswer.value, SurveyAnswer.text).join(SurveyQuestion)
           .where((SurveyAnswer.response == response_id) & (SurveyQuestion.kind == NPS))
           .tuples().first())
    if row is None or row[0] is None:
        raise ServiceError("Cette réponse n'a pas de note NPS.")
    return response, row[0], row[1]


def _story(response: SurveyResponse, score: int, why: str) -> str:
    campaign = get_campaign(response.campaign_id)
    text = (f"Enquête de satisfaction « {campaign.title} » du "
            f"{response.answered_at:%d/%m/%Y} : note de recommandation {score}/10.")
    return text + (f" Pourquoi : {why}" if why else "")


def detractor_to_complaint(response_id: int) -> str:
    """A complaint of the response's customer, its description the score and the "Pourquoi ?";
    returns its number REC-AAAA-NNNN."""
    response, score, why = _detractor(response_id)
    campaign = get_campaign(response.campaign_id)
    summary = register_complaint(ComplaintInput(
        customer_id=response.customer_id,
        channel=_COMPLAINT_CHANNELS.get(campaign.channel, "comptoir"),
        description=_story(response, score, why),
        expectation=""))
    return summary.number


def detractor_follow_up(response_id: int, follow_up: date) -> int:
    """An outgoing call to make on follow_up (an interaction with a follow-up date)."""
    response, score, why = _detractor(response_id)
    return add_interaction(response.customer_id, InteractionData(
        channel="téléphone", direction="sortant", step="fidélisation",
        subject="Rappel après l'enquête de satisfaction (détracteur)",
        outcome=_story(response, score, why), follow_up=follow_up))


def zone2_to_action(campaign_id: int, question_number: int, *, pilot: str,
                    planned: date | None = None, cut: str = CUT_MIDDLE) -> int:
    """A PAQ action for a zone 2 criterion (important, unsatisfied); refused for another zone."""
    results = campaign_results(campaign_id, cut)
    found = next((c for c in results.mapping.criteria if c.number == question_number), None)
    if found is None:
        raise ServiceError(f"La question {question_number} n'est pas un critère de cette "
                           "campagne.")
    if found.zone != 2:
        name = ZONES[found.zone][0].lower() if found.zone else "sans réponse"
        raise ServiceError(f"« {found.label} » n'est pas en zone 2 ({name}) : seule la zone 2 "
                           "appelle une action urgente.")
    nc = (f"Enquête « {results.campaign.title} » : critère « {found.label} » important "
          f"(importance {format_number(found.importance, 2)}) mais insatisfaisant "
          f"(satisfaction {format_number(found.satisfaction, 2)} sur "
          f"{results.mapping.scale[0]}–{results.mapping.scale[1]}, coupure au "
          f"{CUTS[results.mapping.cut]}) : zone 2, points à améliorer.")
    return create_action(ActionInput(
        origin="enquête de satisfaction", nc=nc,
        action=f"Améliorer « {found.label} » (à préciser)", pilot=pilot,
        planned_date=planned,
        check_how="Satisfaction du critère à la prochaine campagne"))
