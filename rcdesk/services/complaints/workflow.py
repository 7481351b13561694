"""Complaint life cycle: intake, edits, qualification, moves, pause, answer, closure, reopening."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from peewee import SqliteDatabase

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.workdays import add_working_days, working_days_between
from rcdesk.models.base import database_proxy, utcnow
from rcdesk.models.complaints import Complaint, ComplaintCategory, ComplaintCounter, ComplaintEvent
from rcdesk.models.customers import Customer
from rcdesk.services.complaints.rules import (
    ALLOWED_MOVES,
    ANSWERED,
    CHANNELS,
    CLOSED,
    COMPENSATIONS,
    FINAL_STATUSES,
    QUALIFIED,
    RECEIVED,
    REJECTED,
    REOPEN_TO,
    RESATISFACTION,
    SEVERITIES,
    STATUSES,
    TYPES,
    WAITING,
    format_number_label,
)
from rcdesk.services.settings import current_operator, get_company

MAX_TEXT = 10_000
# cost_cents is an INTEGER column: 32 bits on PostgreSQL, so 21 474 836,47 at most. A larger
# cost passed the check before and then failed in the database with psycopg2's English error.
MAX_COST_CENTS = 2**31 - 1


@dataclass
class ComplaintInput:
    """What the counter types at intake (and edits later)."""

    customer_id: int | None = None
    walk_in_name: str = ""
    walk_in_contact: str = ""
    channel: str = "comptoir"
    product: str = ""
    place: str = ""
    description: str = ""
    expectation: str = ""


@dataclass(frozen=True)
class ComplaintSummary:
    id: int
    number: str
    received_at: datetime  # UTC
    due_date: date


@dataclass
class Qualification:
    category_id: int | None
    type: str = "à déterminer"
    founded: bool | None = None
    severity: str = ""
    entity: str = ""


@dataclass
class AnswerInput:
    answer_text: str
    answer_date: date
    compensation: str = "aucune"
    cost_cents: int = 0


# --- helpers ------------------------------------------------------------------------------


def customer_display(first_name: str, last_name: str, company_name: str, kind: str) -> str:
    """The customer's name as the customers area shows it."""
    try:
        from rcdesk.services.customers import display_name
    except ImportError:  # customers area not there yet: same rule, simplest form
        person = " ".join(p for p in (first_name, last_name) if p)
        return company_name if kind == "professionnel" and company_name else person or company_name
    return display_name(first_name, last_name, company_name, kind)


def write_transaction():
    """A transaction that takes the write lock at once on SQLite (BEGIN IMMEDIATE), so two
    counters saving together wait for each other instead of failing on a stale snapshot."""
    db = database_proxy.obj
    if isinstance(db, SqliteDatabase) and db.transaction_depth() == 0:
        return db.atomic(lock_type="IMMEDIATE")
    return database_proxy.atomic()


def _today() -> date:
    return date.today()


def load_row(complaint_id: int) -> Complaint:
    row = Complaint.get_or_none(Complaint.id == complaint_id)
    if row is None:
        raise ServiceError(f"La réclamation n° {complaint_id} n'existe pas.")
    return row


def _log(complaint_id: int, what: str, comment: str = "") -> None:
    ComplaintEvent.create(complaint=complaint_id, at=utcnow(), who=current_operator(), what=what,
                          comment=comment.strip())


def _text(value: str, field_name: str, label: str, *, required: bool = False,
          limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(field_name, f"{label} est obligatoire.")
    if len(value) > limit:
        raise ValidationError(field_name, f"{label} dépasse {limit} caractères.")
    return value


def validate_input(data: ComplaintInput) -> ComplaintInput:
    """The intake normalised; ValidationError naming the field otherwise."""
    customer_id = data.customer_id
    walk_in = _text(data.walk_in_name, "walk_in_name", "Le nom du réclamant", limit=200)
    contact = _text(data.walk_in_contact, "walk_in_contact", "Le contact du réclamant", limit=200)
    if customer_id is not None:
        if isinstance(customer_id, bool) or not isinstance(customer_id, int) or \
                not Customer.select().where(Customer.id == customer_id).exists():
            raise ValidationError("customer_id", f"Client inconnu (n° {customer_id}) : "
                                  "choisissez un client existant ou saisissez un réclamant.")
    elif not walk_in:
        raise ValidationError("walk_in_name", "Choisissez un client ou saisissez le nom du "
                              "réclamant.")
    elif not contact:
        raise ValidationError("walk_in_contact", "Saisissez un moyen de contacter le réclamant "
                              "(téléphone ou e-mail).")
    if data.channel not in CHANNELS:
        raise ValidationError("channel", f"Canal inconnu : « {data.channel} » (attendu : "
                              f"{', '.join(CHANNELS)}).")
    return ComplaintInput(
        customer_id=customer_id, walk_in_name=walk_in, walk_in_contact=contact,
        channel=data.channel,
        product=_text(data.product, "product", "Le produit ou service", limit=200),
        place=_text(data.place, "place", "Le magasin ou lieu", limit=200),
        description=_text(data.description, "description", "La description", required=True),
        expectation=_text(data.expectation, "expectation", "L'attente du client"),
    )


def next_number(year: int) -> str:
    """Take the next number of year: the counter row is bumped in the caller's transaction,
    so a rolled-back save gives its number back and two writers never get the same one."""
    ComplaintCounter.insert(year=year, last=1).on_conflict(
        conflict_target=[ComplaintCounter.year],
        update={ComplaintCounter.last: ComplaintCounter.last + 1},
    ).execute()
    last = ComplaintCounter.select(ComplaintCounter.last).where(
        ComplaintCounter.year == year).scalar()
    return format_number_label(year, last)


# --- intake -------------------------------------------------------------------------------


def register_complaint(data: ComplaintInput, *, received_at: datetime | None = None,
                       received_on: date | None = None) -> ComplaintSummary:
    """Save a new complaint: number REC-YYYY-NNNN, received now, due after N working days
    (company setting) skipping weekends and public holidays of the company country."""
    clean = validate_input(data)
    company = get_company()
    if received_at is None and received_on is not None:  # imports and demo: a known day
        received_at = datetime.combine(received_on, time(9, 0))
    at = received_at or utcnow()
    on = received_on or (datetime.now().date() if received_at is None else received_at.date())
    due = add_working_days(on, company.complaint_deadline_days, company.country)
    with write_transaction():
        number = next_number(on.year)
        row = Complaint.create(
            number=number, received_at=at, received_on=on, due_date=due,
            customer=clean.customer_id, walk_in_name=clean.walk_in_name,
            walk_in_contact=clean.walk_in_contact, channel=clean.channel, product=clean.product,
            place=clean.place, description=clean.description, expectation=clean.expectation,
            status=RECEIVED, updated_at=utcnow())
        _log(row.id, f"Réclamation enregistrée ({clean.channel})",
             f"Réponse promise au plus tard le {due.strftime('%d/%m/%Y')}")
    return ComplaintSummary(row.id, number, at, due)


_EDIT_LABELS = {"customer_id": "client", "walk_in_name": "nom du réclamant",
                "walk_in_contact": "contact", "channel": "canal", "product": "produit",
                "place": "lieu", "description": "description", "expectation": "attente"}


def edit_complaint(complaint_id: int, data: ComplaintInput, comment: str = "") -> list[str]:
    """Change what intake recorded; the timeline names the fields changed. Returns them."""
    row = load_row(complaint_id)
    clean = validate_input(data)
    changed = []
    for name, label in _EDIT_LABELS.items():
        current = row.customer_id if name == "customer_id" else getattr(row, name)
        if current != getattr(clean, name):
            changed.append(label)
    if not changed:
        return []
    with database_proxy.atomic():
        Complaint.update(customer=clean.customer_id, walk_in_name=clean.walk_in_name,
                         walk_in_contact=clean.walk_in_contact, channel=clean.channel,
                         product=clean.product, place=clean.place,
                         description=clean.description, expectation=clean.expectation,
                         updated_at=utcnow()).where(Complaint.id == complaint_id).execute()
        _log(complaint_id, "Modification : " + ", ".join(changed), comment)
    return changed


# --- qualification and moves --------------------------------------------------------------


def qualify(complaint_id: int, q: Qualification, comment: str = "") -> None:
    """Record category, type, founded, severity and entity; a received complaint becomes
    Qualifiée. A final complaint must be reopened first."""
    row = load_row(complaint_id)
    if row.status in FINAL_STATUSES:
        raise ServiceError(f"La réclamation {row.number} est « {row.status} » : rouvrez-la "
                           "avant de la requalifier.")
    if q.category_id is None or not ComplaintCategory.select().where(
            ComplaintCategory.id == q.category_id).exists():
        raise ValidationError("category_id", "Choisissez une catégorie de la liste.")
    if q.type not in TYPES:
        raise ValidationError("type", f"Type inconnu : « {q.type} » (attendu : "
                              f"{', '.join(TYPES)}).")
    if q.severity and q.severity not in SEVERITIES:
        raise ValidationError("severity", f"Gravité inconnue : « {q.severity} » (attendu : "
                              f"{', '.join(SEVERITIES)}).")
    if q.founded not in (None, True, False):
        raise ValidationError("founded", "« Fondée » vaut oui, non ou à déterminer.")
    entity = _text(q.entity, "entity", "L'entité en charge", limit=200)
    category = ComplaintCategory.get_by_id(q.category_id).name
    founded = {True: "fondée", False: "non fondée", None: "fondement à déterminer"}[q.founded]
    with database_proxy.atomic():
        changes = dict(category=q.category_id, type=q.type, founded=q.founded,
                       severity=q.severity, entity=entity, updated_at=utcnow())
        if row.status == RECEIVED:
            changes["status"] = QUALIFIED
        Complaint.update(**changes).where(Complaint.id == complaint_id).execute()
        _log(complaint_id, f"Qualification : {category}, {q.type}, {founded}"
             + (f", gravité {q.severity}" if q.severity else "")
             + (f", confiée à {entity}" if entity else ""), comment)
        if row.status == RECEIVED:
            _log(complaint_id, f"Statut : {RECEIVED} → {QUALIFIED}")


def _check_move(row: Complaint, new_status: str) -> None:
    if new_status not in STATUSES:
        raise ValidationError("status", f"Statut inconnu : « {new_status} ».")
    if new_status not in ALLOWED_MOVES[row.status]:
        if row.status in FINAL_STATUSES:
            raise ServiceError(f"La réclamation {row.number} est « {row.status} » : rouvrez-la "
                               "pour la modifier.")
        allowed = ", ".join(sorted(ALLOWED_MOVES[row.status])) or "aucun"
        raise ServiceError(f"Passage interdit de « {row.status} » à « {new_status} » pour "
                           f"{row.number} (possibles : {allowed}).")
    if new_status == QUALIFIED and row.category_id is None:
        raise ServiceError(f"Qualifiez {row.number} (catégorie, type) avant de la marquer "
                           "« Qualifiée ».")
    if new_status == ANSWERED and not row.answer_text:
        raise ServiceError(f"Enregistrez d'abord la réponse apportée à {row.number}.")
    if new_status == CLOSED:
        raise ServiceError("La clôture demande la date de réponse et la re-satisfaction du "
                           "client : utilisez « Clôturer ».")


def _apply_move(row: Complaint, new_status: str, comment: str, on: date,
                extra: dict | None = None) -> None:
    """Write a status change (inside the caller's transaction) and handle the pause clock."""
    changes = {"status": new_status, "updated_at": utcnow(), **(extra or {})}
    note = ""
    if new_status == WAITING:
        changes.update(paused_on=on, paused_from=row.status)
    elif row.status == WAITING and row.paused_on is not None:
        country = get_company().country
        waited = max(0, working_days_between(row.paused_on, on, country))
        new_due = add_working_days(row.due_date, waited, country)
        changes.update(paused_on=None, paused_from="", waited_days=row.waited_days + waited,
                       due_date=new_due)
        note = (f" ; attente de {waited} jour(s) ouvré(s), échéance reportée au "
                f"{new_due.strftime('%d/%m/%Y')}")
    Complaint.update(**changes).where(Complaint.id == row.id).execute()
    _log(row.id, f"Statut : {row.status} → {new_status}{note}", comment)


def move(complaint_id: int, new_status: str, comment: str = "", *, on: date | None = None) -> None:
    """Change the status along ALLOWED_MOVES. "En attente du client" stops the deadline clock;
    leaving it moves the due date by the working days spent waiting."""
    row = load_row(complaint_id)
    _check_move(row, new_status)
    if new_status == REJECTED and not (comment or "").strip():
        raise ValidationError("comment", "Indiquez pourquoi la réclamation est non recevable.")
    with database_proxy.atomic():
        _apply_move(row, new_status, comment or "", on or _today())


def _check_answer_date(row: Complaint, answer_date: date | None) -> date:
    if not isinstance(answer_date, date):
        raise ValidationError("answer_date", "La date de réponse est obligatoire.")
    if isinstance(answer_date, datetime):
        answer_date = answer_date.date()
    if answer_date < row.received_on:
        raise ValidationError("answer_date", f"La date de réponse ({answer_date:%d/%m/%Y}) "
                              f"précède la réception ({row.received_on:%d/%m/%Y}).")
    if answer_date > _today():
        raise ValidationError("answer_date", "La date de réponse ne peut pas être dans le futur.")
    return answer_date


def check_cost(value) -> int:
    """A compensation cost in cents: a whole number, zero or more."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("cost_cents", "Le coût doit être un montant numérique.")
    if value < 0:
        raise ValidationError("cost_cents", "Le coût ne peut pas être négatif.")
    if value > MAX_COST_CENTS:
        raise ValidationError("cost_cents", "Le coût est trop élevé.")
    return value


def record_answer(complaint_id: int, data: AnswerInput, comment: str = "") -> None:
    """Record the answer, compensation and cost; the complaint becomes Réponse envoyée."""
    row = load_row(complaint_id)
    text = _text(data.answer_text, "answer_text", "La réponse", required=True)
    answer_date = _check_answer_date(row, data.answer_date)
    if data.compensation not in COMPENSATIONS:
        raise ValidationError("compensation", f"Compensation inconnue : « {data.compensation} ».")
    cost = check_cost(data.cost_cents)
    if data.compensation == "aucune" and cost:
        raise ValidationError("cost_cents", "Un coût suppose une compensation : choisissez-la.")
    if row.status != ANSWERED:
        if row.status == RECEIVED:
            raise ServiceError(f"Qualifiez {row.number} avant d'y répondre.")
        if ANSWERED not in ALLOWED_MOVES[row.status]:
            raise ServiceError(f"Passage interdit de « {row.status} » à « {ANSWERED} » pour "
                               f"{row.number}.")
    values = dict(answer_text=text, answer_date=answer_date, compensation=data.compensation,
                  cost_cents=cost, updated_at=utcnow())
    with database_proxy.atomic():
        what = f"Réponse du {answer_date:%d/%m/%Y} ; compensation : {data.compensation}"
        if row.status == ANSWERED:
            Complaint.update(**values).where(Complaint.id == complaint_id).execute()
            _log(complaint_id, "Réponse modifiée : " + what, comment)
        else:
            _log(complaint_id, what, comment)
            _apply_move(row, ANSWERED, "", answer_date, values)


def close(complaint_id: int, answer_date: date, resatisfied: str, comment: str = "") -> None:
    """Closure needs an answer sent, its date and whether the customer is satisfied again."""
    row = load_row(complaint_id)
    if row.status != ANSWERED or not row.answer_text:
        raise ServiceError(f"{row.number} n'a pas de réponse enregistrée : répondez au client "
                           "avant de clôturer.")
    answer_date = _check_answer_date(row, answer_date)
    if resatisfied not in RESATISFACTION:
        raise ValidationError("resatisfied", "Indiquez si le client est de nouveau satisfait "
                              "(oui, non ou sans réponse).")
    with database_proxy.atomic():
        _apply_move(row, CLOSED, comment, _today(),
                    {"answer_date": answer_date, "resatisfied": resatisfied,
                     "closed_at": utcnow()})
        _log(complaint_id, f"Clôture : client re-satisfait : {resatisfied}")


def reopen(complaint_id: int, comment: str) -> None:
    """A closed or rejected complaint goes back to En traitement; the reason is required."""
    row = load_row(complaint_id)
    if row.status not in FINAL_STATUSES:
        raise ServiceError(f"{row.number} n'est ni clôturée ni non recevable : rien à rouvrir.")
    reason = _text(comment, "comment", "Le motif de réouverture", required=True)
    with database_proxy.atomic():
        Complaint.update(status=REOPEN_TO, resatisfied="", closed_at=None,
                         updated_at=utcnow()).where(Complaint.id == complaint_id).execute()
        _log(complaint_id, f"Réouverture : {row.status} → {REOPEN_TO}", reason)


def add_comment(complaint_id: int, comment: str) -> None:
    """A note in the timeline (call with the customer, progress given...)."""
    load_row(complaint_id)
    text = _text(comment, "comment", "Le commentaire", required=True)
    with database_proxy.atomic():
        _log(complaint_id, "Note", text)
