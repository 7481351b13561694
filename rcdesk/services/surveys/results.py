"""What a campaign says: NPS with its margin, criteria and the mapping, the other questions,
the "Pourquoi ?" verbatims, trends, comparisons (before/after, staff vs customers)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from peewee import JOIN, Case, fn

from rcdesk.core.satisfaction import (
    CUT_MIDDLE,
    PASSIVE_MIN,
    CriterionResult,
    CriterionScores,
    Mapping2D,
    Nps,
    NpsDifference,
    mapping,
    mean,
    nps_category,
    nps_difference,
    nps_from_distribution,
)
from rcdesk.core.text import fold
from rcdesk.models.customers import Customer
from rcdesk.models.surveys import SurveyAnswer, SurveyCampaign, SurveyResponse
from rcdesk.services.surveys.campaigns import CampaignRow, get_campaign, list_campaigns
from rcdesk.services.surveys.questionnaires import (
    CRITERION,
    MULTIPLE,
    NPS,
    RATING,
    SINGLE,
    TEXT,
    YESNO,
    QuestionnaireRow,
    QuestionRow,
    get_questionnaire,
)


@dataclass(frozen=True)
class QuestionSummary:
    """A question other than NPS and criteria: counts per choice / yes-no, a rating's mean."""

    question: QuestionRow
    answers: int
    counts: dict[str, int] = field(default_factory=dict)
    mean: float | None = None


@dataclass(frozen=True)
class CampaignResults:
    campaign: CampaignRow
    questionnaire: QuestionnaireRow
    responses: int
    nps: Nps | None
    nps_distribution: dict[int, int]  # 0..10 -> count
    mapping: Mapping2D
    others: list[QuestionSummary]

    def as_dict(self) -> dict:
        m = self.mapping
        return {
            "campaign": self.campaign.id, "title": self.campaign.title,
            "audience": self.campaign.audience, "responses": self.responses,
            "asked": self.campaign.asked,
            "response_rate": None if self.campaign.response_rate is None
            else round(self.campaign.response_rate, 1),
            "nps": self.nps.as_dict() if self.nps else None,
            "nps_approximate": bool(self.nps and self.nps.approximate),
            "criteria": [c.as_dict() for c in m.criteria],
            "cut": {"method": m.cut,
                    "satisfaction": None if m.cut_satisfaction is None
                    else round(m.cut_satisfaction, 2),
                    "importance": None if m.cut_importance is None
                    else round(m.cut_importance, 2)},
        }


def _joint_counts(campaign_id: int):
    """(question, value, importance, has text, count) over the campaign's answers: one pass
    gives the scores' distributions and the number of written answers."""
    has_text = Case(None, [(SurveyAnswer.text != "", 1)], 0)
    return (SurveyAnswer.select(SurveyAnswer.question, SurveyAnswer.value,
                                SurveyAnswer.importance, has_text, fn.COUNT(SurveyAnswer.id))
            .join(SurveyResponse)
            .where(SurveyResponse.campaign == campaign_id)
            .group_by(SurveyAnswer.question, SurveyAnswer.value, SurveyAnswer.importance,
                      has_text)
            .tuples())


def campaign_results(campaign_id: int, cut: str = CUT_MIDDLE) -> CampaignResults:
    campaign = get_campaign(campaign_id)
    questionnaire = get_questionnaire(campaign.questionnaire_id, counts=False)
    values: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    importances: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    written: dict[int, int] = defaultdict(int)
    for qid, value, importance, has_text, count in _joint_counts(campaign_id):
        if value is not None:
            values[qid][value] += count
        if importance is not None:
            importances[qid][importance] += count
        if has_text:
            written[qid] += count
    nps_q = questionnaire.nps_question()
    nps_dist = {s: 0 for s in range(11)}
    nps = None
    if nps_q is not None:
        nps_dist.update(values.get(nps_q.id, {}))
        nps = nps_from_distribution(nps_dist)
    criteria = [CriterionScores(q.number, q.label, dict(values.get(q.id, {})),
                                dict(importances.get(q.id, {})), q.scale)
                for q in questionnaire.criteria()]
    others = _others(campaign_id, questionnaire, values, written)
    return CampaignResults(campaign, questionnaire, campaign.responses, nps, nps_dist,
                           mapping(criteria, cut), others)


def _others(campaign_id: int, questionnaire: QuestionnaireRow,
            values: dict[int, dict[int, int]], written: dict[int, int]) -> list[QuestionSummary]:
    result = []
    multiple = [q for q in questionnaire.questions if q.kind == MULTIPLE]
    texts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    if multiple:
        for qid, text, count in (SurveyAnswer.select(SurveyAnswer.question, SurveyAnswer.text,
                                                     fn.COUNT(SurveyAnswer.id))
                                 .join(SurveyResponse)
                                 .where((SurveyResponse.campaign == campaign_id)
                                        & SurveyAnswer.question.in_([q.id for q in multiple]))
                                 .group_by(SurveyAnswer.question, SurveyAnswer.text).tuples()):
            for choice in text.split("\n"):
                if choice:
                    texts[qid][choice] += count
    for q in questionnaire.questions:
        dist = values.get(q.id, {})
        if q.kind == SINGLE:
            counts = {c: dist.get(i, 0) for i, c in enumerate(q.choices, start=1)}
            result.append(QuestionSummary(q, sum(counts.values()), counts))
        elif q.kind == MULTIPLE:
            counts = {c: texts[q.id].get(c, 0) for c in q.choices}
            result.append(QuestionSummary(q, sum(dist.values()), counts))
        elif q.kind == YESNO:
            counts = {"oui": dist.get(1, 0), "non": dist.get(0, 0)}
            result.append(QuestionSummary(q, sum(counts.values()), counts))
        elif q.kind == RATING:
            counts = {str(v): dist.get(v, 0) for v in range(q.scale[0], q.scale[1] + 1)}
            result.append(QuestionSummary(q, sum(dist.values()), counts, mean(dist)))
        elif q.kind == TEXT:
            result.append(QuestionSummary(q, written.get(q.id, 0)))
    return result


# --- verbatims and the loop back to the customer ---------------------------------------------


@dataclass(frozen=True)
class Verbatim:
    response_id: int
    answered_at: datetime
    score: int | None
    category: str  # "promoter", "passive", "detractor" or ""
    text: str
    customer_id: int | None
    customer_name: str


def _customer_name(first, last, company, kind) -> str:
    if kind == "professionnel" and company:
        return company
    return " ".join(p for p in (first, last) if p) or company or ""


def verbatims(campaign_id: int, *, only_detractors: bool = False,
              limit: int | None = 500) -> list[Verbatim]:
    """The NPS "Pourquoi ?" answers (with the score) and the free texts, detractors first."""
    campaign = get_campaign(campaign_id)
    questionnaire = get_questionnaire(campaign.questionnaire_id, counts=False)
    nps_q = questionnaire.nps_question()
    if nps_q is None:
        return []
    query = (SurveyAnswer.select(SurveyResponse.id, SurveyResponse.answered_at, SurveyAnswer.value,
                                 SurveyAnswer.text, Customer.id, Customer.first_name,
                                 Customer.last_name, Customer.company_name, Customer.kind)
             .join(SurveyResponse)
             .join(Customer, JOIN.LEFT_OUTER, on=SurveyResponse.customer == Customer.id)
             .where((SurveyResponse.campaign == campaign_id) & (SurveyAnswer.question == nps_q.id)
                    & (SurveyAnswer.value.is_null(False))))
    if only_detractors:
        query = query.where(SurveyAnswer.value < PASSIVE_MIN)  # 0–6
    else:
        query = query.where(SurveyAnswer.text != "")
    query = query.order_by(SurveyAnswer.value, SurveyResponse.answered_at.desc())
    if limit:
        query = query.limit(limit)
    return [Verbatim(rid, at, value, nps_category(value), text, cid,
                     _customer_name(first, last, company, kind) if cid else "")
            for rid, at, value, text, cid, first, last, company, kind in query.tuples()]


# --- trends and comparisons ------------------------------------------------------------------


def nps_of_campaign(campaign_id: int) -> Nps | None:
    return campaign_results(campaign_id).nps


def campaigns_nps(audience: str | None = None) -> list[tuple[CampaignRow, Nps | None]]:
    """Every campaign with its NPS, the oldest first (one query for all of them)."""
    rows = [c for c in reversed(list_campaigns()) if audience in (None, c.audience)]
    dist = _nps_counts_by(SurveyResponse.campaign)
    return [(c, nps_from_distribution(dist.get(c.id, {}))) for c in rows]


def _nps_counts_by(key, where=None) -> dict:
    from rcdesk.models.surveys import SurveyQuestion

    query = (SurveyAnswer.select(key, SurveyAnswer.value, fn.COUNT(SurveyAnswer.id))
             .join(SurveyQuestion).switch(SurveyAnswer).join(SurveyResponse)
             .where((SurveyQuestion.kind == NPS) & SurveyAnswer.value.is_null(False)))
    if where is not None:
        query = query.where(where)
    result: dict = defaultdict(dict)
    for k, value, count in query.group_by(key, SurveyAnswer.value).tuples():
        result[k][value] = count
    return result


def nps_by_month(start: date | None = None, end: date | None = None,
                 audience: str = "clients") -> list[tuple[str, Nps | None]]:
    """("2026-03", NPS) for each month that has answers, customers' campaigns by default."""
    from rcdesk.models.surveys import Questionnaire

    month = fn.strftime("%Y-%m", SurveyResponse.answered_at) if _sqlite() else \
        fn.to_char(SurveyResponse.answered_at, "YYYY-MM")
    ids = [i for (i,) in SurveyCampaign.select(SurveyCampaign.id).join(Questionnaire)
           .where(Questionnaire.audience == audience).tuples()]
    where = SurveyResponse.campaign.in_(ids) if ids else (SurveyResponse.id < 0)
    if start:
        where &= SurveyResponse.answered_at >= datetime.combine(start, datetime.min.time())
    if end:
        where &= SurveyResponse.answered_at <= datetime.combine(end, datetime.max.time())
    counts = _nps_counts_by(month.alias("month"), where)
    return [(m, nps_from_distribution(counts[m])) for m in sorted(counts)]


def _sqlite() -> bool:
    from peewee import SqliteDatabase

    from rcdesk.models.base import database_proxy

    return isinstance(database_proxy.obj, SqliteDatabase)


@dataclass(frozen=True)
class CriterionGap:
    label: str
    a_satisfaction: float | None
    b_satisfaction: float | None
    a_importance: float | None
    b_importance: float | None

    @property
    def gap(self) -> float | None:
        if self.a_satisfaction is None or self.b_satisfaction is None:
            return None
        return self.b_satisfaction - self.a_satisfaction


@dataclass(frozen=True)
class Comparison:
    a: CampaignResults
    b: CampaignResults
    nps: NpsDifference | None
    criteria: list[CriterionGap]

    @property
    def mirror(self) -> bool:
        """Staff vs customers (symétrie des attentions) rather than before / after."""
        return self.a.campaign.audience != self.b.campaign.audience

    def as_dict(self) -> dict:
        return {
            "a": self.a.as_dict(), "b": self.b.as_dict(),
            "kind": "personnel/clients" if self.mirror else "avant/après",
            "nps_difference": self.nps.as_dict() if self.nps else None,
            "criteria": [{"label": g.label,
                          "a_satisfaction": _r(g.a_satisfaction),
                          "b_satisfaction": _r(g.b_satisfaction),
                          "a_importance": _r(g.a_importance),
                          "b_importance": _r(g.b_importance),
                          "gap": _r(g.gap)} for g in self.criteria],
        }


def _r(value):
    return None if value is None else round(value, 2)


def compare(campaign_a: int, campaign_b: int, cut: str = CUT_MIDDLE) -> Comparison:
    """B against A: the NPS difference and whether it is significant, and per criterion
    (matched by wording, accents and case ignored) the satisfaction of each and the gap."""
    a, b = campaign_results(campaign_a, cut), campaign_results(campaign_b, cut)
    b_by = {fold(c.label): c for c in b.mapping.criteria}
    gaps = []
    for c in a.mapping.criteria:
        other = b_by.pop(fold(c.label), None)
        gaps.append(CriterionGap(c.label, c.satisfaction, other and other.satisfaction,
                                 c.importance, other and other.importance))
    for c in b_by.values():
        gaps.append(CriterionGap(c.label, None, c.satisfaction, None, c.importance))
    return Comparison(a, b, nps_difference(a.nps, b.nps), gaps)


def mirror_campaign(campaign_id: int) -> int | None:
    """The campaign of the other audience closest in time that asks at least one of the same
    criteria (staff for a customers' campaign, and back), for the symmetry of attention."""
    me = get_campaign(campaign_id)
    mine = {fold(q.label)
            for q in get_questionnaire(me.questionnaire_id, counts=False).criteria()}
    if not mine:
        return None
    best = None
    for c in list_campaigns():
        if c.audience == me.audience or not c.responses:
            continue
        theirs = {fold(q.label)
                  for q in get_questionnaire(c.questionnaire_id, counts=False).criteria()}
        if mine & theirs:
            distance = abs((c.start_date - me.start_date).days)
            if best is None or distance < best[0]:
                best = (distance, c.id)
    return best[1] if best else None


# --- a customer's file -----------------------------------------------------------------------


@dataclass(frozen=True)
class CustomerAnswer:
    response_id: int
    answered_at: datetime
    campaign: str
    question: str
    kind: str
    answer: str


def format_answer(kind: str, value, importance, text: str) -> str:
    if kind == NPS:
        return f"{value}/10" + (f" — {text}" if text else "") if value is not None else text
    if kind == CRITERION:
        parts = []
        if value is not None:
            parts.append(f"satisfaction {value}")
        if importance is not None:
            parts.append(f"importance {importance}")
        return ", ".join(parts)
    if kind == YESNO:
        return {1: "oui", 0: "non"}.get(value, "")
    if kind == RATING:
        return "" if value is None else str(value)
    return text.replace("\n", ", ")


def customer_answers(customer_id: int) -> list[CustomerAnswer]:
    """The customer's answers, the latest response first, in question order."""
    from rcdesk.models.surveys import SurveyQuestion

    query = (SurveyAnswer.select(SurveyResponse.id, SurveyResponse.answered_at,
                                 SurveyCampaign.title, SurveyQuestion.label, SurveyQuestion.kind,
                                 SurveyAnswer.value, SurveyAnswer.importance, SurveyAnswer.text)
             .join(SurveyResponse).join(SurveyCampaign)
             .switch(SurveyAnswer).join(SurveyQuestion)
             .where(SurveyResponse.customer == customer_id)
             .order_by(SurveyResponse.answered_at.desc(), SurveyResponse.id.desc(),
                       SurveyQuestion.position))
    return [CustomerAnswer(rid, at, title, label, kind, format_answer(kind, v, i, t))
            for rid, at, title, label, kind, v, i, t in query.tuples()]


def zone2_criteria(start: date | None, end: date | None,
                   cut: str = CUT_MIDDLE) -> list[tuple[CampaignRow, CriterionResult]]:
    """The criteria in zone 2 (important, not satisfying: to improve first) of each campaign
    answered between start and end, campaign by campaign, the least satisfying first."""
    cond = SurveyResponse.id.is_null(False)
    if start:
        cond &= SurveyResponse.answered_at >= datetime.combine(start, datetime.min.time())
    if end:
        cond &= SurveyResponse.answered_at <= datetime.combine(end, datetime.max.time())
    ids = [cid for (cid,) in SurveyResponse.select(SurveyResponse.campaign).where(cond)
           .distinct().tuples()]
    found = []
    for campaign_id in sorted(ids):
        results = campaign_results(campaign_id, cut)
        zone = sorted(results.mapping.in_zone(2), key=lambda c: c.satisfaction or 0)
        found.extend((results.campaign, c) for c in zone)
    return found
