"""Quality action plan (PAQ): actions with the white paper's columns, linked to complaints."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from rcdesk.core.dates import validate_date_range
from rcdesk.core.errors import ServiceError, StaleRecordError, ValidationError
from rcdesk.core.text import clean_text
from rcdesk.models.actions import ActionComplaint, QualityAction
from rcdesk.models.base import utcnow, write_transaction
from rcdesk.models.complaints import Complaint, ComplaintEvent
from rcdesk.services.settings import current_operator
from rcdesk.services.versions import changes, save_version

ORIGINS = ("réclamation", "enquête de satisfaction", "audit", "visite mystère",
           "contrôle interne", "remontée terrain", "revue d'indicateurs")
FIVE_M = ("main d'œuvre", "méthode", "matériel", "milieu", "matière")
RESULTS = ("", "C", "NC")  # effectiveness measured: conforme / non conforme
PAQ_COLUMNS: list[tuple[str, str]] = [
    ("origin", "Origine"),
    ("nc", "NC"),
    ("causes", "Analyse des causes"),
    ("action", "Action à mettre en place et quand ?"),
    ("documents", "Documents internes liés"),
    ("pilot", "Pilote de l'action"),
    ("actors", "Acteurs"),
    ("check", "Vérification de l'efficacité (comment et quand ?)"),
    ("progress", "Avancée de l'action (%)"),
    ("effect", "Mesure de l'efficacité — date et C/NC"),
]


@dataclass
class ActionInput:
    origin: str = "réclamation"
    nc: str = ""
    causes_5m: list[str] = field(default_factory=list)
    cause_analysis: str = ""
    action: str = ""
    planned_date: date | None = None
    documents: str = ""
    pilot: str = ""
    actors: str = ""
    check_how: str = ""
    check_date: date | None = None
    progress_pct: int = 0
    progress_date: date | None = None
    effect_date: date | None = None
    effect_result: str = ""
    version: int | None = None  # edits: the action's version the form started from


@dataclass
class ActionRow:
    id: int
    origin: str
    nc: str
    causes_5m: list[str]
    cause_analysis: str
    action: str
    planned_date: date | None
    documents: str
    pilot: str
    actors: str
    check_how: str
    check_date: date | None
    progress_pct: int
    progress_date: date | None
    effect_date: date | None
    effect_result: str
    created_at: datetime
    complaint_numbers: list[str]
    complaint_ids: list[int]
    overdue: bool
    version: int = 1


# What a stale save's message calls each field of an action (the form's labels).
FIELD_LABELS = {
    "origin": "Origine", "nc": "Non-conformité constatée", "causes_5m": "Causes (5M)",
    "cause_analysis": "Analyse des causes", "action": "Action", "planned_date": "Quand",
    "documents": "Documents liés", "pilot": "Pilote", "actors": "Acteurs",
    "check_how": "Vérification (comment)", "check_date": "Vérification (quand)",
    "progress_pct": "Avancement", "progress_date": "Avancement au",
    "effect_result": "Efficacité mesurée", "effect_date": "Efficacité mesurée le",
}
_SHOW = {"progress_pct": lambda v: f"{v or 0} %",
         "effect_result": lambda v: {"C": "C — conforme", "NC": "NC — non conforme"}.get(
             v, "non mesurée")}


def is_overdue(planned_date: date | None, progress_pct: int, check_date: date | None,
               effect_result: str, today: date | None = None) -> bool:
    """Late action: its date passed before reaching 100 %, or its effectiveness check date
    passed with no C/NC measured."""
    today = today or date.today()
    if planned_date is not None and planned_date < today and progress_pct < 100:
        return True
    return check_date is not None and check_date < today and not effect_result


def _text(value: str, name: str, label: str, *, required=False, limit=5000) -> str:
    value = clean_text(value).strip()
    if required and not value:
        raise ValidationError(name, f"{label} est obligatoire.")
    if len(value) > limit:
        raise ValidationError(name, f"{label} dépasse {limit} caractères.")
    return value


def _summary(text: str, limit: int = 80) -> str:
    """text cut at a word boundary: a name is copied whole or not at all (GDPR erasure
    redacts whole words; half a surname would stay)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else ""
    return (cut or text[:limit]).rstrip() + "…"


def validate_action(data: ActionInput) -> dict:
    """The action as column values; ValidationError naming the field otherwise."""
    if data.origin not in ORIGINS:
        raise ValidationError("origin", f"Origine inconnue : « {data.origin} » (attendu : "
                              f"{', '.join(ORIGINS)}).")
    unknown = [c for c in data.causes_5m if c not in FIVE_M]
    if unknown:
        raise ValidationError("causes_5m", f"Cause inconnue : « {unknown[0]} » (5M : "
                              f"{', '.join(FIVE_M)}).")
    progress = data.progress_pct
    if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
        raise ValidationError("progress_pct", "L'avancement est un pourcentage entre 0 et 100.")
    for name in ("planned_date", "check_date", "progress_date", "effect_date"):
        value = getattr(data, name)
        if value is not None and not isinstance(value, date):
            raise ValidationError(name, "Date invalide.")
        validate_date_range(value, name)
    if data.effect_result not in RESULTS:
        raise ValidationError("effect_result", "La mesure de l'efficacité vaut C (conforme) ou "
                              "NC (non conforme).")
    if data.effect_result and data.effect_date is None:
        raise ValidationError("effect_date", "Indiquez la date de la mesure de l'efficacité.")
    if data.effect_date and data.effect_date > date.today():
        raise ValidationError("effect_date", "La mesure de l'efficacité ne peut pas être datée "
                              "dans le futur.")
    return dict(
        origin=data.origin, nc=_text(data.nc, "nc", "La non-conformité", required=True),
        causes_5m=",".join(c for c in FIVE_M if c in data.causes_5m),
        cause_analysis=_text(data.cause_analysis, "cause_analysis", "L'analyse des causes"),
        action=_text(data.action, "action", "L'action", required=True),
        planned_date=data.planned_date,
        documents=_text(data.documents, "documents", "Les documents"),
        pilot=_text(data.pilot, "pilot", "Le pilote", required=True, limit=200),
        actors=_text(data.actors, "actors", "Les acteurs"),
        check_how=_text(data.check_how, "check_how", "La vérification de l'efficacité"),
        check_date=data.check_date, progress_pct=progress,
        progress_date=data.progress_date or (date.today() if progress else None),
        effect_date=data.effect_date, effect_result=data.effect_result)


def _check_complaints(ids) -> list[int]:
    ids = sorted(set(ids))
    found = {i for (i,) in Complaint.select(Complaint.id).where(Complaint.id.in_(ids)).tuples()}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError("complaint_ids", f"Réclamation inconnue (n° {missing[0]}).")
    return ids


def create_action(data: ActionInput, complaint_ids=()) -> int:
    """A PAQ action, linked to the complaints it comes from (their timelines say so)."""
    values = validate_action(data)
    with write_transaction():
        ids = _check_complaints(complaint_ids)
        if data.origin == "réclamation" and not ids:
            raise ValidationError("complaint_ids", "Une action d'origine « réclamation » se crée "
                                  "depuis une ou plusieurs réclamations.")
        action = QualityAction.create(**values, created_at=utcnow(), updated_at=utcnow(),
                                      created_by=current_operator())
        for cid in ids:
            ActionComplaint.create(action=action.id, complaint=cid)
            ComplaintEvent.create(complaint=cid, at=utcnow(), who=current_operator(),
                                  what=f"Action du plan qualité n° {action.id} : "
                                       f"{_summary(values['action'])}", comment="")
    return action.id


def update_action(action_id: int, data: ActionInput, complaint_ids=None, *,
                  overwrite: bool = False, original: ActionRow | None = None) -> None:
    """Change an action; complaint_ids (when given) replaces its links.

    data.version: the version the form started from (None: not checked); when the action
    changed since, StaleRecordError lists what changed since original (the ActionRow the form
    loaded) and nothing is written; overwrite=True saves over it knowingly."""
    with write_transaction():
        if not QualityAction.select().where(QualityAction.id == action_id).exists():
            raise ServiceError(f"L'action n° {action_id} n'existe pas.")
        values = validate_action(data)
        ids = _check_complaints(complaint_ids) if complaint_ids is not None else None
        if not save_version(QualityAction, action_id, data.version,
                            {**values, "updated_at": utcnow()}, overwrite=overwrite):
            current = get_action(action_id)
            raise StaleRecordError("Cette action", changes(
                FIELD_LABELS, original or data, current, show=_SHOW), current, feminine=True)
        if ids is not None:
            ActionComplaint.delete().where(ActionComplaint.action == action_id).execute()
            for cid in ids:
                ActionComplaint.create(action=action_id, complaint=cid)


def delete_action(action_id: int) -> None:
    with write_transaction():
        QualityAction.delete().where(QualityAction.id == action_id).execute()


def _rows(select) -> list[ActionRow]:
    actions = list(select.tuples())
    links: dict[int, list[tuple[int, str]]] = {}
    if actions:
        ids = [a[0] for a in actions]
        for aid, cid, number in (ActionComplaint.select(
                ActionComplaint.action, Complaint.id, Complaint.number)
                .join(Complaint).where(ActionComplaint.action.in_(ids))
                .order_by(Complaint.number).tuples()):
            links.setdefault(aid, []).append((cid, number))
    today = date.today()
    rows = []
    for (aid, origin, nc, causes, analysis, action, planned, documents, pilot, actors,
         check_how, check_date, progress, progress_date, effect_date, result, created,
         version) in actions:
        linked = links.get(aid, [])
        rows.append(ActionRow(
            aid, origin, nc, [c for c in causes.split(",") if c], analysis, action, planned,
            documents, pilot, actors, check_how, check_date, progress, progress_date,
            effect_date, result, created, [n for _, n in linked], [c for c, _ in linked],
            is_overdue(planned, progress, check_date, result, today), version))
    return rows


def _select():
    q = QualityAction
    return q.select(q.id, q.origin, q.nc, q.causes_5m, q.cause_analysis, q.action,
                    q.planned_date, q.documents, q.pilot, q.actors, q.check_how, q.check_date,
                    q.progress_pct, q.progress_date, q.effect_date, q.effect_result, q.created_at,
                    q.version)


def list_actions(only_overdue: bool = False) -> list[ActionRow]:
    """Every PAQ action, the earliest planned first (undated last)."""
    rows = _rows(_select().order_by(QualityAction.planned_date.is_null(),
                                    QualityAction.planned_date, QualityAction.id))
    return [r for r in rows if r.overdue] if only_overdue else rows


def get_action(action_id: int) -> ActionRow:
    rows = _rows(_select().where(QualityAction.id == action_id))
    if not rows:
        raise ServiceError(f"L'action n° {action_id} n'existe pas.")
    return rows[0]


def actions_for_complaint(complaint_id: int) -> list[ActionRow]:
    return _rows(_select().join(ActionComplaint).where(
        ActionComplaint.complaint == complaint_id).order_by(QualityAction.id))
