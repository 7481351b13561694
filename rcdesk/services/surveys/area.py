"""The satisfaction area as the rest of rcdesk sees it (the Area interface of services/areas.py)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

from peewee import fn

from rcdesk.core.formatting import format_number
from rcdesk.core.indicators import HIGHER, LOWER, MARGIN_POINTS, IndicatorDef
from rcdesk.core.periods import Period, last_12_months
from rcdesk.core.satisfaction import nps_from_distribution
from rcdesk.models import surveys as models
from rcdesk.models.surveys import (
    Questionnaire,
    SurveyAnswer,
    SurveyCampaign,
    SurveyQuestion,
    SurveyResponse,
)
from rcdesk.services.area_types import DeleteImpact, DemoContext, EvidenceHint, PersonalData
from rcdesk.services.redact import redact_model
from rcdesk.services.surveys.campaigns import response_contacts
from rcdesk.services.surveys.questionnaires import CRITERION, NPS, TEXT

NO_ANSWER = "aucune réponse d'enquête sur la période"
NO_DATA = "aucune donnée dans rcdesk"


def _in_period(period: Period):
    cond = SurveyResponse.id.is_null(False)
    if period.start:
        cond &= SurveyResponse.answered_at >= datetime.combine(period.start, datetime.min.time())
    if period.end:
        cond &= SurveyResponse.answered_at <= datetime.combine(period.end, datetime.max.time())
    return cond


def _audience_ids(audience: str) -> list[int]:
    return [i for (i,) in SurveyCampaign.select(SurveyCampaign.id).join(Questionnaire)
            .where(Questionnaire.audience == audience).tuples()]


def period_nps(period: Period, audience: str = "clients"):
    """The NPS of every answer of the period to the audience's campaigns (None: no answer)."""
    ids = _audience_ids(audience)
    if not ids:
        return None
    dist = dict(SurveyAnswer.select(SurveyAnswer.value, fn.COUNT(SurveyAnswer.id))
                .join(SurveyQuestion).switch(SurveyAnswer).join(SurveyResponse)
                .where((SurveyQuestion.kind == NPS) & SurveyAnswer.value.is_null(False)
                       & SurveyResponse.campaign.in_(ids) & _in_period(period))
                .group_by(SurveyAnswer.value).tuples())
    return nps_from_distribution(dist)


def period_criteria(period: Period) -> tuple[float | None, float | None]:
    """Customers' criteria over the period: (mean satisfaction as a % of each question's
    scale, % of answers in the top two boxes)."""
    ids = _audience_ids("clients")
    if not ids:
        return None, None
    rows = (SurveyAnswer.select(SurveyQuestion.scale_min, SurveyQuestion.scale_max,
                                SurveyAnswer.value, fn.COUNT(SurveyAnswer.id))
            .join(SurveyQuestion).switch(SurveyAnswer).join(SurveyResponse)
            .where((SurveyQuestion.kind == CRITERION) & SurveyAnswer.value.is_null(False)
                   & SurveyResponse.campaign.in_(ids) & _in_period(period))
            .group_by(SurveyQuestion.scale_min, SurveyQuestion.scale_max, SurveyAnswer.value)
            .tuples())
    n = top = 0
    share = 0.0
    for low, high, value, count in rows:
        n += count
        share += count * (value - low) / (high - low)
        top += count if value >= high - 1 else 0
    if not n:
        return None, None
    return share * 100.0 / n, top * 100.0 / n


def response_rate(period: Period) -> float | None:
    """Responses ÷ people asked, over the campaigns with a target that started in the period."""
    query = SurveyCampaign.select(SurveyCampaign.id, SurveyCampaign.asked).where(
        SurveyCampaign.asked.is_null(False))
    if period.start:
        query = query.where(SurveyCampaign.start_date >= period.start)
    if period.end:
        query = query.where(SurveyCampaign.start_date <= period.end)
    asked = dict(query.tuples())
    if not asked:
        return None
    answered = SurveyResponse.select().where(SurveyResponse.campaign.in_(list(asked))).count()
    return answered * 100.0 / sum(asked.values())


class SurveysArea:
    key = "satisfaction"
    label = "Satisfaction"
    models = tuple(models.MODELS)
    schema_steps = (8, 13)
    persist_figures = True  # its figures cached in the database (step 15's triggers)

    def stats(self, period: Period) -> dict:
        """satisfaction.campaigns: every campaign (started in the period) with its NPS."""
        from rcdesk.services.surveys.results import campaigns_nps

        campaigns = []
        for c, nps in campaigns_nps():
            if not period.contains(c.start_date):
                continue
            item = {"id": c.id, "title": c.title, "audience": c.audience,
                    "responses": c.responses, "nps": None, "margin": None,
                    "promoters": 0, "passives": 0, "detractors": 0}
            if nps is not None:
                item.update(nps=round(nps.score, 1), margin=round(nps.margin, 1),
                            promoters=nps.promoters, passives=nps.passives,
                            detractors=nps.detractors)
            campaigns.append(item)
        return {"satisfaction": {"campaigns": campaigns}}

    def populate_demo(self, ctx: DemoContext) -> None:
        from rcdesk.services.surveys.demo import populate

        populate(ctx)

    def indicators(self) -> list[IndicatorDef]:
        return [
            IndicatorDef("nps", "Net Promoter Score (clients)", "points", HIGHER, self.key,
                         "% de promoteurs (9–10) − % de détracteurs (0–6), de −100 à +100",
                         NO_ANSWER),
            IndicatorDef("nps_margin", "Marge d'erreur du NPS à 95 % (± points)", MARGIN_POINTS,
                         LOWER, self.key, "1,96 × √(variance ÷ n) × 100", NO_ANSWER),
            IndicatorDef("satisfaction_mean", "Satisfaction moyenne des critères (% de "
                         "l'échelle)", "%", HIGHER, self.key,
                         "moyenne des notes de satisfaction ramenée à l'échelle 0–100",
                         NO_ANSWER, drill_down="Critères en zone 2 (à améliorer en priorité)"),
            IndicatorDef("satisfied_pct", "Réponses satisfaites aux critères (%)", "%", HIGHER,
                         self.key, "notes dans les deux cases du haut de l'échelle", NO_ANSWER,
                         drill_down="Critères en zone 2 (à améliorer en priorité)"),
            IndicatorDef("survey_response_rate", "Taux de réponse aux enquêtes (%)", "%",
                         HIGHER, self.key, "réponses ÷ personnes sollicitées des campagnes "
                         "commencées sur la période", "aucune campagne avec un nombre de "
                         "personnes sollicitées sur la période"),
            IndicatorDef("survey_responses", "Réponses aux enquêtes de satisfaction", "",
                         HIGHER, self.key),
            IndicatorDef("staff_nps", "NPS du personnel (symétrie des attentions)", "points",
                         HIGHER, self.key, "même calcul, enquêtes auprès du personnel",
                         "aucune réponse du personnel sur la période"),
        ]

    def figures_valid_until(self, period: Period, today: date) -> date:
        """Nothing here depends on today: the figures hold until a write changes them."""
        return date(9999, 12, 31)

    def measure(self, period: Period) -> dict[str, float | None]:
        nps = period_nps(period)
        staff = period_nps(period, "personnel")
        mean, satisfied = period_criteria(period)
        return {
            "nps": None if nps is None else nps.score,
            "nps_margin": None if nps is None else nps.margin,
            "satisfaction_mean": mean, "satisfied_pct": satisfied,
            "survey_response_rate": response_rate(period),
            "survey_responses": float(SurveyResponse.select().where(_in_period(period)).count()),
            "staff_nps": None if staff is None else staff.score,
        }

    def evidence(self, today: date) -> list[EvidenceHint]:
        """Theme 4: answers of the last 12 months and the last NPS measured."""
        from rcdesk.services.surveys.results import campaigns_nps

        window = last_12_months(today)
        recent = SurveyResponse.select().where(_in_period(window)).count()
        measured = [(c, nps) for c, nps in campaigns_nps("clients") if nps is not None]
        if not recent and not measured:
            return [EvidenceHint(4, f"Enquêtes de satisfaction : {NO_DATA} (aucune réponse "
                                    "enregistrée).", False)]
        text = (f"Enquêtes de satisfaction : {format_number(recent, 0)} réponse(s) sur les 12 "
                "derniers mois")
        if measured:
            campaign, nps = measured[-1]
            text += (f" ; dernier NPS {format_number(round(nps.score), 0)} ± "
                     f"{format_number(round(nps.margin), 0)} (« {campaign.title} », "
                     f"{nps.n} réponses)")
        return [EvidenceHint(4, text + ".", bool(recent))]

    def anonymise(self, customer_ids: list[int], people: list[PersonalData]) -> list[Path] | None:
        """The customers' responses lose their link and their free texts (the scores stay,
        anonymous, so past NPS do not change); any other free text naming them is redacted."""
        ids = list(customer_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            mine = SurveyResponse.select(SurveyResponse.id).where(
                SurveyResponse.customer.in_(chunk))
            SurveyAnswer.update(text="").where(
                SurveyAnswer.response.in_(mine) & (SurveyAnswer.text != "")
                & SurveyAnswer.question.in_(SurveyQuestion.select(SurveyQuestion.id).where(
                    SurveyQuestion.kind.in_([NPS, TEXT])))).execute()
            SurveyResponse.update(customer=None).where(
                SurveyResponse.customer.in_(chunk)).execute()
        for person in people:
            redact_model(SurveyAnswer, [SurveyAnswer.text], person.needles())
        return None

    def delete_impact(self, customer_id: int) -> DeleteImpact:
        count = SurveyResponse.select().where(SurveyResponse.customer == customer_id).count()
        return DeleteImpact(kept={"réponse(s) d'enquête (anonymes)": count} if count else {})

    def export_customer(self, customer_id: int) -> dict:
        from rcdesk.services.surveys.results import customer_answers

        grouped: dict[int, dict] = defaultdict(dict)
        for a in customer_answers(customer_id):
            item = grouped[a.response_id]
            item.setdefault("answered_at", a.answered_at.isoformat())
            item.setdefault("campaign", a.campaign)
            item.setdefault("answers", []).append({"question": a.question, "answer": a.answer})
        return {"survey_responses": list(grouped.values())}

    def last_contacts(self, customer_ids: list[int]) -> dict[int, datetime]:
        return response_contacts(customer_ids)


area = SurveysArea()
