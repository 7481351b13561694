"""Campaigns (a questionnaire asked over a period through a channel) and their responses:
the one validation of an answer, used by the entry screen, the CLI and the import."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from peewee import fn

from rcdesk.core.dates import validate_date_range
from rcdesk.core.errors import ServiceError, StaleRecordError, ValidationError
from rcdesk.core.text import clean_text, fold
from rcdesk.models.base import utcnow, write_transaction
from rcdesk.models.customers import Customer
from rcdesk.models.surveys import Questionnaire, SurveyAnswer, SurveyCampaign, SurveyResponse
from rcdesk.services.customers import touch_last_contact
from rcdesk.services.surveys.questionnaires import (
    CRITERION,
    MULTIPLE,
    NPS,
    RATING,
    SINGLE,
    TEXT,
    YESNO,
    QuestionRow,
    get_questionnaire,
)
from rcdesk.services.versions import changes, save_version

CHANNELS = ("papier", "e-mail", "téléphone", "comptoir", "web")
MAX_ANSWER_TEXT = 5000


@dataclass(frozen=True)
class CampaignRow:
    id: int
    questionnaire_id: int
    questionnaire_title: str
    audience: str
    title: str
    start_date: date
    end_date: date | None
    channel: str
    asked: int | None
    responses: int
    version: int = 1

    @property
    def response_rate(self) -> float | None:
        """% of the people asked who answered (None without a target)."""
        return self.responses * 100.0 / self.asked if self.asked else None


def _clean_campaign(title: str, start: date | None, end: date | None, channel: str,
                    asked: int | None) -> tuple:
    title = clean_text(title, multiline=False).strip()
    if not title:
        raise ValidationError("title", "Le titre de la campagne est obligatoire.")
    if len(title) > 200:
        raise ValidationError("title", "Le titre dépasse 200 caractères.")
    start = start or date.today()
    validate_date_range(start, "start_date")
    validate_date_range(end, "end_date")
    if end is not None and end < start:
        raise ValidationError("end_date", f"La campagne finit le {end:%d/%m/%Y}, avant de "
                              f"commencer le {start:%d/%m/%Y}.")
    if channel not in CHANNELS:
        raise ValidationError("channel", f"Canal inconnu : « {channel} » (attendu : "
                              f"{', '.join(CHANNELS)}).")
    if asked is not None and (isinstance(asked, bool) or not isinstance(asked, int)
                              or asked < 1 or asked > 10_000_000):
        raise ValidationError("asked", "Le nombre de personnes sollicitées est un entier positif.")
    return title, start, end, channel, asked


def create_campaign(questionnaire_id: int, title: str, *, start: date | None = None,
                    end: date | None = None, channel: str = "comptoir",
                    asked: int | None = None) -> int:
    values = _clean_campaign(title, start, end, channel, asked)
    with write_transaction():
        if not Questionnaire.select().where(Questionnaire.id == questionnaire_id).exists():
            raise ServiceError(f"Le questionnaire n° {questionnaire_id} n'existe pas.")
        title, start, end, channel, asked = values
        return SurveyCampaign.insert(questionnaire=questionnaire_id, title=title,
                                     start_date=start, end_date=end, channel=channel,
                                     asked=asked, created_at=utcnow()).execute()


FIELD_LABELS = {"title": "Titre", "start_date": "Début", "end_date": "Fin", "channel": "Canal",
                "asked": "Personnes sollicitées"}


def update_campaign(campaign_id: int, title: str, *, start: date | None, end: date | None,
                    channel: str, asked: int | None, version: int | None = None,
                    overwrite: bool = False, original: CampaignRow | None = None) -> None:
    """version: the campaign's version the form started from (None: not checked); when it
    changed since, StaleRecordError lists what changed since original and nothing is
    written; overwrite=True saves over it knowingly."""
    title, start, end, channel, asked = _clean_campaign(title, start, end, channel, asked)
    with write_transaction():
        get_campaign(campaign_id)
        if not save_version(SurveyCampaign, campaign_id, version,
                            dict(title=title, start_date=start, end_date=end, channel=channel,
                                 asked=asked), overwrite=overwrite):
            current = get_campaign(campaign_id)
            raise StaleRecordError("Cette campagne", changes(FIELD_LABELS, original or current,
                                                             current), current, feminine=True)


def delete_campaign(campaign_id: int) -> int:
    """Deletes the campaign and its responses; returns how many responses went with it."""
    with write_transaction():
        get_campaign(campaign_id)
        count = SurveyResponse.select().where(SurveyResponse.campaign == campaign_id).count()
        SurveyCampaign.delete().where(SurveyCampaign.id == campaign_id).execute()
    return count


def _campaign_rows(where=None) -> list[CampaignRow]:
    counted = SurveyResponse.select(SurveyResponse.campaign, fn.COUNT(SurveyResponse.id))
    if where is not None:
        counted = counted.join(SurveyCampaign).where(where)
    counts = dict(counted.group_by(SurveyResponse.campaign).tuples())
    query = (SurveyCampaign.select(SurveyCampaign, Questionnaire.title.alias("qtitle"),
                                   Questionnaire.audience.alias("qaudience"))
             .join(Questionnaire))
    if where is not None:
        query = query.where(where)
    query = query.order_by(SurveyCampaign.start_date.desc(), SurveyCampaign.id.desc())
    return [CampaignRow(c.id, c.questionnaire_id, c.qtitle, c.qaudience, c.title,
                        c.start_date, c.end_date, c.channel, c.asked, counts.get(c.id, 0),
                        c.version)
            for c in query.objects()]


def list_campaigns(questionnaire_id: int | None = None) -> list[CampaignRow]:
    """The most recent first."""
    where = None if questionnaire_id is None else \
        SurveyCampaign.questionnaire == questionnaire_id
    return _campaign_rows(where)


def get_campaign(campaign_id: int) -> CampaignRow:
    rows = _campaign_rows(SurveyCampaign.id == campaign_id)
    if not rows:
        raise ServiceError(f"La campagne n° {campaign_id} n'existe pas.")
    return rows[0]


# --- answers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    value: int | None = None
    importance: int | None = None
    text: str = ""

    @property
    def empty(self) -> bool:
        return self.value is None and self.importance is None and not self.text


def parse_score(text, low: int, high: int, what: str) -> int | None:
    """"8", "8.0", 8 -> 8; "" -> None; ValueError (French) outside [low, high]."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    else:
        raw = str(text).strip().replace(",", ".")
        if raw.endswith(".0"):
            raw = raw[:-2]
        # "9 - Très satisfait", "10 (extrêmement probable)": the number first
        head = raw.split()[0].rstrip("-–(:") if raw.split() else raw
        if not head.lstrip("-").isdigit():
            raise ValueError(f"{what} : « {str(text)[:40]} » n'est pas une note entière.")
        value = int(head)
    if not low <= value <= high:
        raise ValueError(f"{what} : {value} est hors de l'échelle {low} à {high}.")
    return value


_YES = {"oui", "o", "yes", "y", "1", "vrai", "true", "x"}
_NO = {"non", "n", "no", "0", "faux", "false"}


_MISS = object()


def _quick_score(value, low: int, high: int):
    """The usual cell ("8", 8, "") read without building any message; _MISS otherwise."""
    if type(value) is str:
        if not value:
            return None
        if value.isdigit():
            number = int(value)
            if low <= number <= high:
                return number
    elif value is None:
        return None
    elif type(value) is int and low <= value <= high:
        return value
    return _MISS


def parse_answer(q: QuestionRow, *, value=None, importance=None, text="") -> Answer:
    """The answer to q from what was typed or read: scores as numbers or text, choices by
    their wording (accents and case ignored). ValueError with a French reason otherwise."""
    low, high = q.scale
    text = clean_text("" if text is None else str(text)).strip() if text else ""
    if len(text) > MAX_ANSWER_TEXT:
        raise ValueError(f"Q{q.number} « {q.label[:40]} » : la réponse dépasse "
                         f"{MAX_ANSWER_TEXT} caractères.")
    if q.kind in (NPS, CRITERION, RATING):
        if q.kind == NPS:
            low, high = 0, 10
        score = _quick_score(value, low, high)
        if score is _MISS:
            part = " (satisfaction)" if q.kind == CRITERION else ""
            score = parse_score(value, low, high, f"Q{q.number} « {q.label[:40]} »{part}")
        if q.kind == NPS:
            return Answer(score, None, text)
        if q.kind == RATING:
            return Answer(score)
        weight = _quick_score(importance, low, high)
        if weight is _MISS:
            weight = parse_score(importance, low, high,
                                 f"Q{q.number} « {q.label[:40]} » (importance)")
        return Answer(score, weight)
    name = f"Q{q.number} « {q.label[:40]} »"
    if q.kind == YESNO:
        raw = fold(str(value if value is not None else text)).strip()
        if not raw:
            return Answer()
        if raw in _YES:
            return Answer(1)
        if raw in _NO:
            return Answer(0)
        raise ValueError(f"{name} : « {raw[:40]} » n'est ni oui ni non.")
    if q.kind == TEXT:
        return Answer(None, None, text or clean_text(str(value or "")).strip())
    raw = text or ("" if value is None else str(value).strip())
    if not raw:
        return Answer()
    by_fold = {fold(c): (i, c) for i, c in enumerate(q.choices, start=1)}
    if q.kind == SINGLE:
        found = by_fold.get(fold(raw))
        if found is None and raw.isdigit() and 1 <= int(raw) <= len(q.choices):
            found = (int(raw), q.choices[int(raw) - 1])
        if found is None:
            raise ValueError(f"{name} : « {raw[:40]} » n'est pas un des choix proposés.")
        return Answer(found[0], None, found[1])
    assert q.kind == MULTIPLE
    taken = _split_choices(raw, by_fold)
    if taken is None:
        raise ValueError(f"{name} : « {raw[:40]} » ne correspond pas aux choix proposés.")
    return Answer(len(taken), None, "\n".join(q.choices[i - 1] for i in sorted(taken)))


def _split_choices(raw: str, by_fold: dict) -> set[int] | None:
    """Google Forms writes "A, B", Microsoft Forms "A;B;", LimeSurvey one per line."""
    for separator in ("\n", ";", ", ", ","):
        parts = [p.strip() for p in raw.split(separator) if p.strip()]
        found = [by_fold.get(fold(p)) for p in parts]
        if parts and all(found):
            return {f[0] for f in found}
    found = by_fold.get(fold(raw))
    return {found[0]} if found else None


def check_required(questions: tuple[QuestionRow, ...], answers: dict[int, Answer]) -> None:
    for q in questions:
        if not q.required:
            continue
        a = answers.get(q.id, Answer())
        missing = a.value is None if q.kind in (NPS, CRITERION, RATING, YESNO, SINGLE) \
            else not a.text
        if q.kind == CRITERION and a.importance is None:
            missing = True
        if missing:
            raise ValueError(f"Q{q.number} « {q.label[:40]} » est obligatoire et n'a pas de "
                             "réponse.")


@dataclass
class ResponseInput:
    answers: dict[int, Answer] = field(default_factory=dict)  # question id -> answer
    customer_id: int | None = None
    answered_at: datetime | None = None


def record_response(campaign_id: int, data: ResponseInput, *, source: str = "saisie") -> int:
    """One respondent's answers, checked whole before anything is written. A response tied to
    a customer moves his last contact forward (customers' public function)."""
    campaign = get_campaign(campaign_id)
    questionnaire = get_questionnaire(campaign.questionnaire_id, counts=False)
    known = {q.id for q in questionnaire.questions}
    unknown = [qid for qid in data.answers if qid not in known]
    if unknown:
        raise ServiceError(f"La question n° {unknown[0]} n'est pas dans le questionnaire de "
                           "cette campagne.")
    try:
        check_required(questionnaire.questions, data.answers)
    except ValueError as exc:
        raise ValidationError("answers", str(exc)) from exc
    answers = {qid: a for qid, a in data.answers.items() if not a.empty}
    if not answers:
        raise ValidationError("answers", "Aucune réponse saisie.")
    at = data.answered_at or utcnow().replace(microsecond=0)
    validate_date_range(at, "answered_at")
    with write_transaction():
        if data.customer_id is not None and not Customer.select().where(
                Customer.id == data.customer_id).exists():
            raise ServiceError(f"Le client n° {data.customer_id} n'existe pas.")
        rid = SurveyResponse.insert(campaign=campaign_id, customer=data.customer_id,
                                    answered_at=at, source=source).execute()
        for qid, a in answers.items():
            SurveyAnswer.insert(response=rid, question=qid, value=a.value,
                                importance=a.importance, text=a.text).execute()
        if data.customer_id is not None:
            touch_last_contact(data.customer_id, at)
    return rid


def response_contacts(customer_ids: list[int]) -> dict[int, datetime]:
    """The surveys area's part of « Dernier contact »: each customer's latest answer."""
    found: dict[int, datetime] = {}
    ids = sorted(set(customer_ids))
    for start in range(0, len(ids), 500):
        for cid, at in (SurveyResponse.select(SurveyResponse.customer,
                                              fn.MAX(SurveyResponse.answered_at))
                        .where(SurveyResponse.customer.in_(ids[start:start + 500]))
                        .group_by(SurveyResponse.customer).tuples()):
            found[cid] = datetime.fromisoformat(at) if isinstance(at, str) else at
    return found


def delete_response(response_id: int) -> int | None:
    """Delete a response; returns its customer (None: anonymous or gone). « Dernier contact »
    is recomputed by the caller (services.last_contact.delete_response asks every area)."""
    with write_transaction():
        customer = SurveyResponse.select(SurveyResponse.customer).where(
            SurveyResponse.id == response_id).scalar()
        SurveyResponse.delete().where(SurveyResponse.id == response_id).execute()
    return customer
