"""Use cases of the maturity self-assessment: record, read, history and comparison, stats, demo."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from rcdesk.core.dates import validate_date_range
from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.formatting import format_date, parse_user_date
from rcdesk.core.text import clean_text
from rcdesk.models.assessment import Assessment, AssessmentScore, Organisation
from rcdesk.models.base import database_proxy, utcnow, write_transaction
from rcdesk.services.assessment.orgs import (
    OrganisationInfo,
    create_organisation,
    get_organisation,
    list_organisations,
    own_organisation,
    resolve_organisation,
)
from rcdesk.services.assessment.rules import (
    SWOT_FIELDS,
    THEME_COUNT,
    THEMES,
    MaturityLevel,
    average,
    default_recommendation,
    maturity_level,
    needs_recommendation,
    parse_scores,
    score_deltas,
    validate_scores,
)
from rcdesk.services.settings import current_operator, operator_name

__all__ = [
    "AssessmentInput", "AssessmentSummary", "AssessmentView", "Comparison", "OrganisationInfo",
    "comparison", "create_organisation", "delete_assessment", "get_assessment", "history",
    "latest_assessment", "list_organisations", "own_organisation", "populate_demo",
    "previous_assessment",
    "record_assessment", "resolve_organisation", "save_assessment", "stats",
]

MAX_COMMENT = 1000  # characters of a theme's comment (one row of the PDF table)
MAX_TEXT = 5000  # characters of a SWOT box or a recommendation


@dataclass
class AssessmentInput:
    """What a form or the command line submits; validated by save_assessment."""

    organisation_id: int | None = None  # None: the user's own company
    date: date | str | None = None  # None: today
    assessor: str = ""  # "": the current operator
    scores: Sequence[object] = ()
    comments: Sequence[str] = ()
    recommendations: Mapping[int, str] = field(default_factory=dict)  # edited texts by theme
    swot: Mapping[str, str] = field(default_factory=dict)  # strengths, weaknesses, ...


@dataclass(frozen=True)
class AssessmentSummary:
    id: int
    organisation_id: int
    organisation: str
    date: date
    assessor: str
    scores: tuple[int, ...]
    average: float
    level: MaturityLevel


@dataclass(frozen=True)
class AssessmentView:
    """One assessment as every screen, report and command shows it."""

    id: int
    organisation_id: int
    organisation: str
    is_own: bool
    date: date
    assessor: str
    scores: tuple[int, ...]
    comments: tuple[str, ...]
    # themes under 7 -> the recommendation (edited text, or the white paper's)
    recommendations: dict[int, str]
    edited: frozenset[int]  # themes whose recommendation was edited
    swot: dict[str, str]
    average: float
    level: MaturityLevel


@dataclass(frozen=True)
class Comparison:
    """An assessment beside the previous one of the same organisation."""

    current: AssessmentSummary
    previous: AssessmentSummary | None
    deltas: tuple[int, ...] | None  # per theme, current - previous
    average_delta: float | None


# --- validation and writes ---------------------------------------------------------------


def _validate_date(value: date | str | None) -> date:
    if value is None or (isinstance(value, str) and not value.strip()):
        return date.today()
    if isinstance(value, str):
        try:
            value = parse_user_date(value)
        except ValueError as exc:
            raise ValidationError("date", str(exc)) from exc
    validate_date_range(value, "date")
    if value > date.today():
        raise ValidationError("date", f"La date de l'évaluation ({format_date(value)}) est dans le "
                                      "futur : une auto-évaluation porte sur la situation "
                                      "d'aujourd'hui ou d'une date passée.")
    return value


def _validate(data: AssessmentInput) -> tuple:
    org = (get_organisation(data.organisation_id) if data.organisation_id is not None
           else own_organisation())
    when = _validate_date(data.date)
    assessor = (clean_text(data.assessor, multiline=False).strip()
                or operator_name(current_operator()))
    if len(assessor) > 200:
        raise ValidationError("assessor", "Le nom de l'évaluateur dépasse 200 caractères.")
    scores = validate_scores(data.scores)
    comments = [clean_text(text).strip() for text in data.comments]
    if len(comments) > THEME_COUNT:
        raise ValidationError("comments", f"Un commentaire par thème au plus ({THEME_COUNT}).")
    for number, text in enumerate(comments, start=1):
        if len(text) > MAX_COMMENT:
            raise ValidationError(f"comment_{number}", f"Le commentaire du thème {number} dépasse "
                                                       f"{MAX_COMMENT} caractères.")
    comments += [""] * (THEME_COUNT - len(comments))
    recommendations = {}
    for number, text in data.recommendations.items():
        if not isinstance(number, int) or not 1 <= number <= THEME_COUNT:
            raise ValidationError("recommendations", f"Thème de recommandation inconnu : {number}.")
        text = clean_text(text).strip()
        recommendations[number] = "" if text == default_recommendation(number) else text
    for number, text in recommendations.items():
        if len(text) > MAX_TEXT:
            raise ValidationError(f"recommendation_{number}", f"La recommandation du thème {number} "
                                                              f"dépasse {MAX_TEXT} caractères.")
    unknown = set(data.swot) - {key for key, _ in SWOT_FIELDS}
    if unknown:
        raise ValidationError("swot", f"Rubrique SWOT inconnue : {', '.join(sorted(unknown))}.")
    swot = {key: clean_text(data.swot.get(key)).strip() for key, _ in SWOT_FIELDS}
    for key, label in SWOT_FIELDS:
        if len(swot[key]) > MAX_TEXT:
            raise ValidationError(f"swot_{key}", f"La rubrique « {label} » du SWOT dépasse "
                                                 f"{MAX_TEXT} caractères.")
    return org, when, assessor, scores, comments, recommendations, swot


def save_assessment(data: AssessmentInput, assessment_id: int | None = None) -> int:
    """Record a new assessment (or replace one) after validating everything; returns its id.

    A missing score, one outside 0-10 or not a whole number, a future date: ValidationError,
    nothing written."""
    with write_transaction():
        existing = None
        if assessment_id is not None:
            existing = Assessment.get_or_none(Assessment.id == assessment_id)
            if existing is None:
                raise ServiceError(f"L'évaluation n° {assessment_id} n'existe pas.")
        org, when, assessor, scores, comments, recommendations, swot = _validate(data)
        if existing is None:
            row = Assessment.create(organisation=org.id, date=when, assessor=assessor,
                                    created_by=current_operator(), **swot)
            kept = {}
        else:
            row = existing
            kept = {s.theme: s.recommendation for s in
                    AssessmentScore.select().where(AssessmentScore.assessment == row.id)}
            Assessment.update(organisation=org.id, date=when, assessor=assessor,
                              updated_at=utcnow(), **swot).where(
                Assessment.id == row.id).execute()
            AssessmentScore.delete().where(AssessmentScore.assessment == row.id).execute()
        AssessmentScore.insert_many([
            {"assessment": row.id, "theme": number, "score": scores[number - 1],
             "comment": comments[number - 1],
             "recommendation": recommendations.get(number, kept.get(number, ""))}
            for number in range(1, THEME_COUNT + 1)
        ]).execute()
    return row.id


def record_assessment(org_name: str | None, scores_text: str, when: str | None = None,
                      assessor: str = "") -> tuple[int, bool]:
    """The command line's `assess`: scores typed as "7,5,6,8,4,6,7,5"; a new organisation name
    creates it. Returns (assessment id, organisation created); refused input writes nothing."""
    scores = parse_scores(scores_text)
    _validate_date(when)
    with write_transaction():
        org, created = resolve_organisation(org_name)
        assessment_id = save_assessment(AssessmentInput(
            organisation_id=org.id, date=when, assessor=assessor, scores=scores))
    return assessment_id, created


def save_recommendation(assessment_id: int, theme_number: int, text: str) -> None:
    """Edit one theme's recommendation; an empty text goes back to the white paper's."""
    if not 1 <= theme_number <= THEME_COUNT:
        raise ValidationError("recommendations", f"Thème inconnu : {theme_number}.")
    text = (text or "").strip()
    if text == default_recommendation(theme_number):
        text = ""
    updated = (AssessmentScore.update(recommendation=text)
               .where((AssessmentScore.assessment == assessment_id)
                      & (AssessmentScore.theme == theme_number)).execute())
    if not updated:
        raise ServiceError(f"L'évaluation n° {assessment_id} n'existe pas.")


def delete_assessment(assessment_id: int) -> None:
    with write_transaction():
        AssessmentScore.delete().where(AssessmentScore.assessment == assessment_id).execute()
        if not Assessment.delete().where(Assessment.id == assessment_id).execute():
            raise ServiceError(f"L'évaluation n° {assessment_id} n'existe pas.")


# --- reads -------------------------------------------------------------------------------


def _score_rows(assessment_ids: Sequence[int]) -> dict[int, list[tuple]]:
    rows: dict[int, list[tuple]] = {}
    if not assessment_ids:
        return rows
    query = (AssessmentScore
             .select(AssessmentScore.assessment, AssessmentScore.theme, AssessmentScore.score,
                     AssessmentScore.comment, AssessmentScore.recommendation)
             .where(AssessmentScore.assessment.in_(list(assessment_ids)))
             .order_by(AssessmentScore.assessment, AssessmentScore.theme).tuples())
    for assessment_id, number, score, comment, recommendation in query:
        rows.setdefault(assessment_id, []).append((number, score, comment, recommendation))
    return rows


def _score_tuples(assessment_ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
    """Assessment id -> its 8 scores in theme order, read without per-value conversion (the
    history of a consultant's client can hold hundreds of assessments)."""
    scores: dict[int, list[int]] = {}
    if not assessment_ids:
        return {}
    query = (AssessmentScore.select(AssessmentScore.assessment, AssessmentScore.score)
             .where(AssessmentScore.assessment.in_(list(assessment_ids)))
             .order_by(AssessmentScore.assessment, AssessmentScore.theme))
    for assessment_id, score in database_proxy.execute(query).fetchall():
        scores.setdefault(assessment_id, []).append(int(score))
    return {key: tuple(values) for key, values in scores.items()}


def _summaries(query) -> list[AssessmentSummary]:
    heads = list(query.select(Assessment.id, Assessment.organisation, Assessment.date,
                              Assessment.assessor, Organisation.name, Organisation.is_own)
                 .join(Organisation).tuples())
    scores = _score_tuples([head[0] for head in heads])
    own_name = own_organisation().name if any(head[5] for head in heads) else ""
    result = []
    for assessment_id, org_id, when, assessor, org_name, is_own in heads:
        values = scores.get(assessment_id, ())
        if len(values) != THEME_COUNT:
            continue  # never written half-way; skip defensively
        avg = average(values)
        result.append(AssessmentSummary(assessment_id, org_id, own_name if is_own else org_name,
                                        when, assessor, values, avg, maturity_level(avg)))
    return result


def get_assessment(assessment_id: int) -> AssessmentView:
    row = Assessment.get_or_none(Assessment.id == assessment_id)
    if row is None:
        raise ServiceError(f"L'évaluation n° {assessment_id} n'existe pas.")
    org = get_organisation(row.organisation_id)
    rows = _score_rows([row.id]).get(row.id, [])
    scores = tuple(score for _, score, _, _ in rows)
    comments = tuple(comment for _, _, comment, _ in rows)
    recommendations = {}
    edited = set()
    for number, score, _, text in rows:
        if text:
            edited.add(number)
        if needs_recommendation(score):
            recommendations[number] = text or default_recommendation(number)
    avg = average(scores)
    return AssessmentView(
        id=row.id, organisation_id=org.id, organisation=org.name, is_own=org.is_own,
        date=row.date, assessor=row.assessor, scores=scores, comments=comments,
        recommendations=recommendations, edited=frozenset(edited),
        swot={key: getattr(row, key) for key, _ in SWOT_FIELDS},
        average=avg, level=maturity_level(avg))


def history(organisation_id: int) -> list[AssessmentSummary]:
    """Every assessment of the organisation, oldest first."""
    return _summaries(Assessment.select().where(Assessment.organisation == organisation_id)
                      .order_by(Assessment.date, Assessment.id))


def previous_assessment(organisation_id: int, when: date,
                        assessment_id: int | None = None) -> AssessmentSummary | None:
    """The assessment an assessment of `when` compares with: the organisation's latest one
    before it (same day: entered before it; a new, unsaved one: any of that day)."""
    earlier = Assessment.date < when
    if assessment_id is None:
        earlier = Assessment.date <= when
    else:
        earlier = earlier | ((Assessment.date == when) & (Assessment.id < assessment_id))
    found = _summaries(Assessment.select()
                       .where((Assessment.organisation == organisation_id) & earlier)
                       .order_by(Assessment.date.desc(), Assessment.id.desc()).limit(1))
    return found[0] if found else None


def comparison(assessment_id: int) -> Comparison:
    """The assessment beside the previous one of its organisation (by date, then entry order)."""
    row = Assessment.get_or_none(Assessment.id == assessment_id)
    if row is None:
        raise ServiceError(f"L'évaluation n° {assessment_id} n'existe pas.")
    current = _summaries(Assessment.select().where(Assessment.id == assessment_id))[0]
    previous = previous_assessment(row.organisation_id, row.date, row.id)
    if previous is None:
        return Comparison(current, None, None, None)
    return Comparison(current, previous, tuple(score_deltas(previous.scores, current.scores)),
                      round(current.average - previous.average, 1))


def latest_assessment(start: date | None = None, end: date | None = None) -> AssessmentSummary | None:
    """The most recent assessment (any organisation) dated within [start, end]."""
    query = Assessment.select()
    if start is not None:
        query = query.where(Assessment.date >= start)
    if end is not None:
        query = query.where(Assessment.date <= end)
    found = _summaries(query.order_by(Assessment.date.desc(), Assessment.id.desc()).limit(1))
    return found[0] if found else None


def stats(period) -> dict:
    """assessment.latest = {id, org, date, average, level} of the period, null when none."""
    latest = latest_assessment(period.start, period.end)
    if latest is None:
        return {"assessment": {"latest": None}}
    return {"assessment": {"latest": {
        "id": latest.id, "org": latest.organisation, "date": latest.date.isoformat(),
        "average": latest.average, "level": latest.level.label}}}


# --- demo --------------------------------------------------------------------------------

DEMO_ASSESSMENTS = (
    # days before today, scores, comments, SWOT
    (400, (5, 4, 5, 6, 4, 5, 6, 3), {
        1: "Pas de charte écrite ; des promesses orales différentes selon les vendeurs.",
        5: "Fichier client incomplet, tenu à la main au comptoir.",
        8: "Aucun programme de fidélité.",
    }, {}),
    (35, (7, 6, 6, 8, 6, 7, 7, 5), {
        1: "Charte d'engagements rédigée avec l'équipe et affichée en boutique.",
        4: "Enquête de satisfaction trimestrielle avec la question NPS.",
        8: "Carte de fidélité à l'étude.",
    }, {
        "strengths": "Équipe stable et connue des clients ; conseil personnalisé en boutique.",
        "weaknesses": "Fidélisation peu outillée ; points de contact web mal suivis.",
        "opportunities": "Listes de mariage et cadeaux d'entreprise en croissance à Lille.",
        "threats": "Concurrence des sites en ligne et des grandes enseignes de décoration.",
    }),
)


def populate_demo(today: date) -> None:
    """Two assessments of the demo company a year apart."""
    own = own_organisation()
    for days, scores, comments, swot in DEMO_ASSESSMENTS:
        save_assessment(AssessmentInput(
            organisation_id=own.id, date=today - timedelta(days=days),
            assessor="Sophie Martin", scores=scores,
            comments=[comments.get(number, "") for number in range(1, THEME_COUNT + 1)],
            swot=swot))


def theme_rows(view: AssessmentView) -> list[tuple]:
    """(number, wording, score, comment) per theme, for tables."""
    return [(t.number, t.wording, view.scores[t.number - 1], view.comments[t.number - 1])
            for t in THEMES]
