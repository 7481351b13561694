"""Questionnaires, their ordered questions and the templates (NPS, hôtel, comptoir, personnel).

Questions can be reordered and changed freely until the questionnaire has responses; after
that only their wording changes, new questions go at the end, and a question that has answers
cannot be deleted."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from peewee import fn

from rcdesk.core.errors import ServiceError, StaleRecordError, ValidationError
from rcdesk.core.satisfaction import DEFAULT_CRITERION_SCALE, NPS_SCALE
from rcdesk.core.text import clean_text, fold
from rcdesk.models.base import utcnow, write_transaction
from rcdesk.models.surveys import (
    Questionnaire,
    SurveyAnswer,
    SurveyCampaign,
    SurveyQuestion,
    SurveyResponse,
)
from rcdesk.services.versions import changes, save_version

NPS, CRITERION, SINGLE, MULTIPLE, YESNO, RATING, TEXT = (
    "nps", "critère", "choix unique", "choix multiple", "oui/non", "note", "texte libre")
KINDS = {
    NPS: "NPS (0 à 10, puis « Pourquoi ? »)",
    CRITERION: "Critère (satisfaction et importance)",
    SINGLE: "Choix unique",
    MULTIPLE: "Choix multiple",
    YESNO: "Oui / non",
    RATING: "Note de 1 à 5",
    TEXT: "Texte libre",
}
AUDIENCES = {"clients": "Clients", "personnel": "Personnel"}
NPS_LABEL = "Recommanderiez-vous notre entreprise à votre entourage ?"
MAX_QUESTIONS = 100


@dataclass
class QuestionInput:
    kind: str
    label: str
    required: bool = False
    choices: list[str] = field(default_factory=list)
    scale: tuple[int, int] | None = None  # criterion and rating; default per kind
    journey_step: str = ""  # a criterion's step of the customer journey (pilotage's list)


@dataclass(frozen=True)
class QuestionRow:
    id: int
    number: int  # 1-based position
    kind: str
    label: str
    required: bool
    choices: tuple[str, ...]
    scale: tuple[int, int]
    answers: int = 0
    journey_step: str = ""


@dataclass(frozen=True)
class QuestionnaireRow:
    id: int
    title: str
    audience: str
    intro: str
    questions: tuple[QuestionRow, ...]
    campaigns: int
    responses: int
    version: int = 1

    def criteria(self) -> list[QuestionRow]:
        return [q for q in self.questions if q.kind == CRITERION]

    def nps_question(self) -> QuestionRow | None:
        return next((q for q in self.questions if q.kind == NPS), None)


def default_scale(kind: str) -> tuple[int, int]:
    return {NPS: NPS_SCALE, RATING: (1, 5), YESNO: (0, 1)}.get(kind, DEFAULT_CRITERION_SCALE)


def validate_question(q: QuestionInput) -> QuestionInput:
    if q.kind not in KINDS:
        raise ValidationError("kind", f"Type de question inconnu : « {q.kind} » (attendu : "
                              f"{', '.join(KINDS)}).")
    label = clean_text(q.label, multiline=False).strip()
    if not label:
        raise ValidationError("label", "Le libellé de la question est obligatoire.")
    if len(label) > 500:
        raise ValidationError("label", "Le libellé dépasse 500 caractères.")
    choices = [clean_text(c, multiline=False).strip() for c in q.choices]
    choices = [c for c in choices if c]
    if q.kind in (SINGLE, MULTIPLE):
        if len(choices) < 2:
            raise ValidationError("choices", f"« {label[:60]} » : donnez au moins deux choix.")
        folded = [fold(c) for c in choices]
        if len(set(folded)) != len(folded):
            raise ValidationError("choices", f"« {label[:60]} » : un choix est en double.")
    else:
        choices = []
    scale = default_scale(q.kind) if q.kind in (NPS, YESNO, SINGLE, MULTIPLE, TEXT) \
        else (q.scale or default_scale(q.kind))
    low, high = scale
    if q.kind in (CRITERION, RATING) and not (low in (0, 1) and low < high <= 10):
        raise ValidationError("scale", f"« {label[:60]} » : échelle {low}-{high} invalide (de 0 "
                              "ou 1 jusqu'à 10 au plus).")
    step = " ".join(clean_text(q.journey_step or "", multiline=False).split())
    if len(step) > 100:
        raise ValidationError("journey_step", "L'étape du parcours dépasse 100 caractères.")
    return QuestionInput(q.kind, label, bool(q.required), choices, (low, high),
                         step if q.kind == CRITERION else "")


def _clean_header(title: str, audience: str, intro: str) -> tuple[str, str, str]:
    title = clean_text(title, multiline=False).strip()
    if not title:
        raise ValidationError("title", "Le titre du questionnaire est obligatoire.")
    if len(title) > 200:
        raise ValidationError("title", "Le titre dépasse 200 caractères.")
    if audience not in AUDIENCES:
        raise ValidationError("audience", f"Public inconnu : « {audience} » (clients ou "
                              "personnel).")
    intro = clean_text(intro).strip()
    if len(intro) > 5000:
        raise ValidationError("intro", "Le texte d'introduction dépasse 5 000 caractères.")
    return title, audience, intro


def _question_values(q: QuestionInput) -> dict:
    return dict(kind=q.kind, label=q.label, required=q.required, choices="\n".join(q.choices),
                scale_min=q.scale[0], scale_max=q.scale[1], journey_step=q.journey_step)


def create_questionnaire(title: str, questions: list[QuestionInput], *,
                         audience: str = "clients", intro: str = "") -> int:
    title, audience, intro = _clean_header(title, audience, intro)
    checked = [validate_question(q) for q in questions]
    if not checked:
        raise ValidationError("questions", "Un questionnaire a au moins une question.")
    if len(checked) > MAX_QUESTIONS:
        raise ValidationError("questions", f"Au plus {MAX_QUESTIONS} questions.")
    if sum(q.kind == NPS for q in checked) > 1:
        raise ValidationError("questions", "Un questionnaire n'a qu'une question NPS.")
    with write_transaction():
        row = Questionnaire.create(title=title, audience=audience, intro=intro,
                                   created_at=utcnow())
        for position, q in enumerate(checked, start=1):
            SurveyQuestion.create(questionnaire=row.id, position=position, **_question_values(q))
    return row.id


HEADER_LABELS = {"title": "Titre", "audience": "Public", "intro": "Introduction"}


def update_questionnaire(questionnaire_id: int, title: str, audience: str, intro: str, *,
                         version: int | None = None, overwrite: bool = False,
                         original: QuestionnaireRow | None = None) -> None:
    """version: as update_campaign (StaleRecordError when another counter saved it since)."""
    title, audience, intro = _clean_header(title, audience, intro)
    with write_transaction():
        _require(questionnaire_id)
        if audience != Questionnaire.get_by_id(questionnaire_id).audience \
                and has_responses(questionnaire_id):
            raise ServiceError("Ce questionnaire a déjà des réponses : son public ne change plus.")
        if not save_version(Questionnaire, questionnaire_id, version,
                            dict(title=title, audience=audience, intro=intro),
                            overwrite=overwrite):
            current = get_questionnaire(questionnaire_id, counts=False)
            raise StaleRecordError("Ce questionnaire", changes(
                HEADER_LABELS, original or current, current), current)


def _require(questionnaire_id: int) -> Questionnaire:
    row = Questionnaire.get_or_none(Questionnaire.id == questionnaire_id)
    if row is None:
        raise ServiceError(f"Le questionnaire n° {questionnaire_id} n'existe pas.")
    return row


def has_responses(questionnaire_id: int) -> bool:
    return (SurveyResponse.select().join(SurveyCampaign)
            .where(SurveyCampaign.questionnaire == questionnaire_id).exists())


def _question(question_id: int) -> SurveyQuestion:
    row = SurveyQuestion.get_or_none(SurveyQuestion.id == question_id)
    if row is None:
        raise ServiceError(f"La question n° {question_id} n'existe pas.")
    return row


def add_question(questionnaire_id: int, q: QuestionInput) -> int:
    """At the end; allowed after responses too (earlier respondents simply did not see it)."""
    q = validate_question(q)
    with write_transaction(SurveyQuestion):
        _require(questionnaire_id)
        rows = SurveyQuestion.select().where(SurveyQuestion.questionnaire == questionnaire_id)
        if rows.count() >= MAX_QUESTIONS:
            raise ServiceError(f"Au plus {MAX_QUESTIONS} questions.")
        if q.kind == NPS and rows.where(SurveyQuestion.kind == NPS).exists():
            raise ServiceError("Ce questionnaire a déjà sa question NPS.")
        last = rows.select(fn.MAX(SurveyQuestion.position)).scalar() or 0
        return SurveyQuestion.insert(questionnaire=questionnaire_id, position=last + 1,
                                     **_question_values(q)).execute()


def update_question(question_id: int, q: QuestionInput) -> None:
    """Anything until the questionnaire has responses; then only the wording."""
    q = validate_question(q)
    with write_transaction():
        row = _question(question_id)
        if has_responses(row.questionnaire_id):
            current = validate_question(QuestionInput(
                row.kind, row.label, row.required, row.choices.split("\n") if row.choices else [],
                (row.scale_min, row.scale_max)))
            # the wording and a criterion's journey step may still change
            if replace(current, label=q.label, journey_step=q.journey_step) != q:
                raise ServiceError("Ce questionnaire a déjà des réponses : seul le libellé des "
                                   "questions peut encore changer (pas le type, l'échelle, les "
                                   "choix ni le caractère obligatoire).")
        SurveyQuestion.update(**_question_values(q)).where(
            SurveyQuestion.id == question_id).execute()


def move_question(question_id: int, offset: int) -> None:
    """Up (−1) or down (+1) by swapping with its neighbour; refused once there are responses."""
    with write_transaction(SurveyQuestion):
        row = _question(question_id)
        if has_responses(row.questionnaire_id):
            raise ServiceError("Ce questionnaire a déjà des réponses : l'ordre des questions ne "
                               "change plus.")
        ids = [i for (i,) in SurveyQuestion.select(SurveyQuestion.id).where(
            SurveyQuestion.questionnaire == row.questionnaire_id)
            .order_by(SurveyQuestion.position).tuples()]
        index = ids.index(question_id)
        target = index + offset
        if not 0 <= target < len(ids):
            return
        ids[index], ids[target] = ids[target], ids[index]
        for position, qid in enumerate(ids, start=1):
            SurveyQuestion.update(position=position).where(SurveyQuestion.id == qid).execute()


def delete_question(question_id: int) -> None:
    with write_transaction(SurveyQuestion):
        row = _question(question_id)
        count = SurveyAnswer.select().where(SurveyAnswer.question == question_id).count()
        if count:
            raise ServiceError(f"La question « {row.label[:60]} » a {count} réponse(s) : elle ne "
                               "peut pas être supprimée (son libellé peut encore changer).")
        SurveyQuestion.delete().where(SurveyQuestion.id == question_id).execute()
        ids = [i for (i,) in SurveyQuestion.select(SurveyQuestion.id).where(
            SurveyQuestion.questionnaire == row.questionnaire_id)
            .order_by(SurveyQuestion.position).tuples()]
        for position, qid in enumerate(ids, start=1):
            SurveyQuestion.update(position=position).where(SurveyQuestion.id == qid).execute()


def delete_questionnaire(questionnaire_id: int) -> None:
    with write_transaction():
        _require(questionnaire_id)
        if SurveyCampaign.select().where(SurveyCampaign.questionnaire == questionnaire_id).exists():
            raise ServiceError("Ce questionnaire a des campagnes : supprimez-les d'abord.")
        Questionnaire.delete().where(Questionnaire.id == questionnaire_id).execute()


def get_questionnaire(questionnaire_id: int, *, counts: bool = True) -> QuestionnaireRow:
    """The questionnaire and its questions; counts=False skips counting the answers of each
    question and the responses (what the editor shows; an analysis does not need it)."""
    row = _require(questionnaire_id)
    counts = dict(SurveyAnswer.select(SurveyAnswer.question, fn.COUNT(SurveyAnswer.id))
                  .join(SurveyQuestion)
                  .where(SurveyQuestion.questionnaire == questionnaire_id)
                  .group_by(SurveyAnswer.question).tuples()) if counts else {}
    questions = tuple(
        QuestionRow(q.id, n, q.kind, q.label, bool(q.required),
                    tuple(q.choices.split("\n")) if q.choices else (),
                    (q.scale_min, q.scale_max), counts.get(q.id, 0), q.journey_step or "")
        for n, q in enumerate(SurveyQuestion.select().where(
            SurveyQuestion.questionnaire == questionnaire_id)
            .order_by(SurveyQuestion.position), start=1))
    campaigns = SurveyCampaign.select().where(
        SurveyCampaign.questionnaire == questionnaire_id).count()
    responses = (SurveyResponse.select().join(SurveyCampaign)
                 .where(SurveyCampaign.questionnaire == questionnaire_id).count()
                 if counts else int(has_responses(questionnaire_id)))
    return QuestionnaireRow(row.id, row.title, row.audience, row.intro, questions, campaigns,
                            responses, row.version)


def list_questionnaires() -> list[QuestionnaireRow]:
    ids = [i for (i,) in Questionnaire.select(Questionnaire.id).order_by(Questionnaire.id)
           .tuples()]
    return [get_questionnaire(i) for i in ids]


# --- templates ----------------------------------------------------------------------------

HOTEL_CRITERIA = ("Accueil du personnel", "Chambre", "Propreté", "Restauration",
                  "Rapport qualité-prix", "Calme")
SHOP_CRITERIA = ("Accueil", "Conseil du vendeur", "Choix des produits", "Attente en caisse",
                 "Prix", "Service après-vente")
TEMPLATES = {
    "nps": "NPS seul",
    "hotel": "Clientèle d'un hôtel (exemple du livre blanc)",
    "comptoir": "Visite en boutique (comptoir)",
    "personnel": "Personnel : les mêmes critères (symétrie des attentions)",
}


def template_questions(template: str, criteria: list[str] | None = None,
                       scale: tuple[int, int] | None = None) -> tuple[str, list[QuestionInput]]:
    """(audience, questions) of a template; the staff template asks the same criteria as the
    counter survey (or those given), as the personnel sees them."""
    if template not in TEMPLATES:
        raise ValidationError("template", f"Modèle inconnu : « {template} » (attendu : "
                              f"{', '.join(TEMPLATES)}).")
    scale = scale or DEFAULT_CRITERION_SCALE
    nps = QuestionInput(NPS, NPS_LABEL, True)
    if template == "nps":
        return "clients", [nps]
    if template == "hotel":
        names = criteria or list(HOTEL_CRITERIA)
        return "clients", [nps, *[QuestionInput(CRITERION, n, True, scale=scale) for n in names],
                           QuestionInput(TEXT, "Que pourrions-nous améliorer ?")]
    if template == "comptoir":
        names = criteria or list(SHOP_CRITERIA)
        return "clients", [
            nps, *[QuestionInput(CRITERION, n, True, scale=scale) for n in names],
            QuestionInput(SINGLE, "Comment nous avez-vous connus ?",
                          choices=["Bouche à oreille", "Passage devant la boutique",
                                   "Internet", "Publicité", "Autre"]),
            QuestionInput(YESNO, "Reviendrez-vous chez nous ?"),
            QuestionInput(TEXT, "Un commentaire ?")]
    names = criteria or list(SHOP_CRITERIA)
    return "personnel", [
        QuestionInput(NPS, "Recommanderiez-vous l'entreprise comme employeur à un proche ?",
                      True),
        *[QuestionInput(CRITERION, n, True, scale=scale) for n in names],
        QuestionInput(TEXT, "Qu'est-ce qui vous empêche de bien servir nos clients ?")]


def create_from_template(title: str, template: str, *, criteria: list[str] | None = None,
                         scale: tuple[int, int] | None = None, intro: str = "") -> int:
    audience, questions = template_questions(template, criteria, scale)
    return create_questionnaire(title, questions, audience=audience, intro=intro)
