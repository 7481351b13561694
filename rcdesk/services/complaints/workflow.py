"""Complaint life cycle: intake, edits, qualification, moves, pause, answer, closure, reopening."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from rcdesk.core.dates import validate_date_range
from rcdesk.core.errors import ServiceError, StaleRecordError, ValidationError
from rcdesk.core.formatting import format_money
from rcdesk.core.text import clean_text
from rcdesk.core.workdays import add_working_days, working_days_between
from rcdesk.models.base import database_proxy, for_update, utcnow, write_transaction  # noqa: F401
from rcdesk.models.complaints import Complaint, ComplaintCategory, ComplaintCounter, ComplaintEvent
from rcdesk.models.customers import Customer
from rcdesk.services.complaints.detail import get_complaint
from rcdesk.services.complaints.rows import customer_display, load_row  # noqa: F401
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
    granted_days,
)
from rcdesk.services.customers import touch_last_contact
from rcdesk.services.settings import current_operator, get_company
from rcdesk.services.versions import changes as field_changes
from rcdesk.services.versions import save_version

MAX_TEXT = 10_000
MAX_COST_CENTS = 10**9  # 10 million: the column is a 32-bit integer on PostgreSQL


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
    version: int | None = None  # edits: the complaint's version the form started from
    # the customer journey step it arose at (one of pilotage's steps, which the form offers);
    # None: left as it is (an edit that does not show it), "" at intake
    journey_step: str | None = None


@dataclass(frozen=True)
class ComplaintSummary:
    id: int
    number: str
    received_at: datetime  # UTC: when it was keyed
    due_date: date
    received_on: date | None = None  # the day it arrived: its delay counts from this day


@dataclass
class Qualification:
    category_id: int | None
    type: str = "à déterminer"
    founded: bool | None = None
    severity: str = ""
    entity: str = ""
    version: int | None = None  # the complaint's version the form started from


@dataclass
class AnswerInput:
    answer_text: str
    answer_date: date
    compensation: str = "aucune"
    cost_cents: int = 0
    version: int | None = None  # the complaint's version the form started from


# What a stale save's message calls each field of a complaint (ComplaintDetail's names).
FIELD_LABELS = {
    "status": "Statut", "received_on": "Reçue le", "due_date": "Échéance",
    "customer_id": "Client", "walk_in_name": "Nom du réclamant",
    "walk_in_contact": "Contact", "channel": "Canal", "product": "Produit / service",
    "place": "Lieu", "description": "Description", "expectation": "Attente du client",
    "category_id": "Catégorie", "type": "Type", "founded": "Fondée", "severity": "Gravité",
    "entity": "Entité en charge", "answer_text": "Réponse", "answer_date": "Date de réponse",
    "compensation": "Compensation", "cost_cents": "Coût", "resatisfied": "Client re-satisfait",
}


# --- helpers ------------------------------------------------------------------------------


def _today() -> date:
    return date.today()


def _customer_text(customer_id: int | None) -> str:
    if customer_id is None:
        return "aucun (réclamant de passage)"
    c = Customer.get_or_none(Customer.id == customer_id)
    return customer_display(c.first_name, c.last_name, c.company_name, c.kind) \
        if c is not None else f"client n° {customer_id}"


def _category_text(category_id: int | None) -> str:
    if category_id is None:
        return "aucune"
    name = ComplaintCategory.select(ComplaintCategory.name).where(
        ComplaintCategory.id == category_id).scalar()
    return name or f"catégorie n° {category_id}"


_SHOW = {"customer_id": _customer_text, "category_id": _category_text,
         "founded": lambda v: {True: "fondée", False: "non fondée"}.get(v, "à déterminer"),
         "cost_cents": lambda v: format_money(v or 0, get_company().currency)}


def stale_complaint(complaint_id: int, before) -> StaleRecordError:
    """The refusal of a save from an older version: what differs between before (what the form
    started from, or what it saves) and the stored complaint, which it carries."""
    current = get_complaint(complaint_id)
    return StaleRecordError("Cette réclamation", field_changes(
        FIELD_LABELS, before, current, show=_SHOW), current, feminine=True)


def _write(complaint_id: int, values: dict, *, version: int | None = None,
           overwrite: bool = False, before=None) -> None:
    """Every write of a complaint's row bumps its version; given a version (a form's save),
    only if the complaint is still at it, else StaleRecordError (nothing written)."""
    if not save_version(Complaint, complaint_id, version, values, overwrite=overwrite):
        raise stale_complaint(complaint_id, before)


def _log(complaint_id: int, what: str, comment: str = "") -> None:
    ComplaintEvent.create(complaint=complaint_id, at=utcnow(), who=current_operator(), what=what,
                          comment=clean_text(comment).strip())


def _text(value: str, field_name: str, label: str, *, required: bool = False,
          limit: int = MAX_TEXT) -> str:
    value = clean_text(value).strip()  # no NUL, control character or bidi override
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
        journey_step=None if data.journey_step is None else _text(
            data.journey_step, "journey_step", "L'étape du parcours", limit=100),
    )


def reserve_numbers(year: int, count: int) -> list[str]:
    """The next `count` numbers of year, contiguous and in order (REC-YYYY-NNNN): the one place
    a complaint number is taken (intake, import, demo).

    The year's ComplaintCounter row is locked (SELECT … FOR UPDATE on PostgreSQL; on SQLite the
    write lock of the IMMEDIATE transaction write_transaction opens) and moved on by an update
    conditional on the value read, whose row count is checked. It runs inside the caller's
    transaction when there is one: a rolled-back save gives its numbers back, and two writers
    never get the same number."""
    if count <= 0:
        return []
    with write_transaction():
        for _ in range(3):
            query = ComplaintCounter.select(ComplaintCounter.last).where(
                ComplaintCounter.year == year)
            last = for_update(query).scalar()
            if last is None:
                # first number of the year: a writer that created the row meanwhile wins and
                # this one goes round again to lock that row
                if ComplaintCounter.insert(year=year, last=count).on_conflict_ignore() \
                        .as_rowcount().execute() == 1:
                    return _labels(year, 1, count)
                continue
            if ComplaintCounter.update(last=last + count).where(
                    (ComplaintCounter.year == year) & (ComplaintCounter.last == last)
            ).execute() == 1:
                return _labels(year, last + 1, count)
    raise ServiceError("Le compteur des numéros de réclamation a changé pendant l'enregistrement "
                       ": réessayez.")


def _labels(year: int, first: int, count: int) -> list[str]:
    return [format_number_label(year, n) for n in range(first, first + count)]


# --- intake -------------------------------------------------------------------------------


def register_complaint(data: ComplaintInput, *, received_at: datetime | None = None,
                       received_on: date | None = None) -> ComplaintSummary:
    """Save a new complaint: number REC-YYYY-NNNN, due N working days (company setting) after
    the day it was received, skipping weekends and public holidays of the company country.

    received_on: the day it arrived when that is not today (a letter received Friday and keyed
    Monday: Friday, and its delay counts from Friday; the counter's form offers no day after
    today). received_at: when it was keyed (now by default)."""
    clean = validate_input(data)
    validate_date_range(received_on, "received_on")
    validate_date_range(received_at, "received_on")
    company = get_company()
    if received_at is None and received_on is not None:  # imports and demo: a known day
        received_at = datetime.combine(received_on, time(9, 0))
    at = received_at or utcnow()
    on = received_on or (datetime.now().date() if received_at is None else received_at.date())
    due = add_working_days(on, company.complaint_deadline_days, company.country)
    with write_transaction():
        number = reserve_numbers(on.year, 1)[0]
        row = Complaint.create(
            number=number, received_at=at, received_on=on, due_date=due,
            customer=clean.customer_id, walk_in_name=clean.walk_in_name,
            walk_in_contact=clean.walk_in_contact, channel=clean.channel, product=clean.product,
            place=clean.place, description=clean.description, expectation=clean.expectation,
            journey_step=clean.journey_step or "", status=RECEIVED, updated_at=utcnow())
        touch_last_contact(clean.customer_id, at)
        _log(row.id, f"Réclamation enregistrée ({clean.channel})",
             f"Réponse promise au plus tard le {due.strftime('%d/%m/%Y')}")
    return ComplaintSummary(row.id, number, at, due, on)


_EDIT_LABELS = {"customer_id": "client", "walk_in_name": "nom du réclamant",
                "walk_in_contact": "contact", "channel": "canal", "product": "produit",
                "place": "lieu", "description": "description", "expectation": "attente",
                "journey_step": "étape du parcours"}


def edit_complaint(complaint_id: int, data: ComplaintInput, comment: str = "", *,
                   overwrite: bool = False, original=None,
                   received_on: date | None = None) -> list[str]:
    """Change what intake recorded; the timeline names the fields changed. Returns them.

    received_on: the day it really arrived (None: unchanged). Its due date moves with it and
    keeps the delay the complaint was given (granted_days: working days spent waiting
    included), never today's setting: keyed Monday 13/07/2026, due 21/07; received Friday
    10/07 -> due 20/07 (14/07 skipped). Not after its answer, not in the future.

    data.version: the version the form started from (None: not checked); when the complaint
    changed since, StaleRecordError lists what changed since original (the ComplaintDetail the
    form showed) and nothing is written; overwrite=True saves over it knowingly."""
    with write_transaction():
        row = load_row(complaint_id, lock=True)
        clean = validate_input(data)
        changed = []
        for name, label in _EDIT_LABELS.items():
            if name == "journey_step" and clean.journey_step is None:
                continue  # not shown by the caller: kept
            current = row.customer_id if name == "customer_id" else getattr(row, name)
            if current != getattr(clean, name):
                changed.append(label)
        values = dict(
            customer=clean.customer_id, walk_in_name=clean.walk_in_name,
            walk_in_contact=clean.walk_in_contact, channel=clean.channel, product=clean.product,
            place=clean.place, description=clean.description, expectation=clean.expectation,
            updated_at=utcnow())
        if clean.journey_step is not None:
            values["journey_step"] = clean.journey_step
        day = _checked_reception_day(row, received_on)
        if day is not None:
            country = get_company().country
            due = add_working_days(day, granted_days(row.received_on, row.due_date, country),
                                   country)
            values.update(received_on=day, due_date=due)
            changed.append(f"date de réception ({day:%d/%m/%Y}), réponse due le {due:%d/%m/%Y}")
        if not changed:
            return []
        _write(complaint_id, values, version=data.version, overwrite=overwrite,
               before=original or clean)
        if clean.customer_id is not None and clean.customer_id != row.customer_id:
            _touch_with_complaint(clean.customer_id, row)
        _log(complaint_id, "Modification : " + ", ".join(changed), comment)
    return [c.split(" (")[0] for c in changed]


def _checked_reception_day(row: Complaint, received_on) -> date | None:
    """The corrected reception day, or None when it is not given or unchanged."""
    if received_on is None:
        return None
    if isinstance(received_on, datetime):
        received_on = received_on.date()
    if not isinstance(received_on, date):
        raise ValidationError("received_on", "La date de réception est invalide.")
    if received_on == row.received_on:
        return None
    validate_date_range(received_on, "received_on")
    if received_on > _today():
        raise ValidationError("received_on", "La date de réception ne peut pas être dans le "
                              "futur.")
    if row.answer_date is not None and received_on > row.answer_date:
        raise ValidationError("received_on", f"La date de réception ({received_on:%d/%m/%Y}) "
                              f"suit la réponse ({row.answer_date:%d/%m/%Y}).")
    return received_on


def complaint_contacts(customer_ids: list[int]) -> dict[int, datetime]:
    """The complaints area's part of « Dernier contact »: each customer's latest complaint
    received (its time), answered (the answer's day, 00:00) or closed where the customer was
    asked whether satisfied again (the closure's time, to the second)."""
    from peewee import Case, fn

    found: dict[int, datetime] = {}
    asked = Case(None, [(Complaint.resatisfied.in_(("oui", "non")), Complaint.closed_at)], None)
    ids = sorted(set(customer_ids))
    for start in range(0, len(ids), 500):
        for cid, *times in (Complaint.select(Complaint.customer, fn.MAX(Complaint.received_at),
                                             fn.MAX(Complaint.answer_date), fn.MAX(asked))
                            .where(Complaint.customer.in_(ids[start:start + 500]))
                            .group_by(Complaint.customer).tuples()):
            stamps = [_as_time(t) for t in times if t is not None]
            if stamps:
                found[cid] = max(stamps)
    return found


def _as_time(value) -> datetime:
    if isinstance(value, str):  # an aggregate comes back as text on SQLite
        value = datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0))
    return value.replace(microsecond=0)


def _touch_with_complaint(customer_id: int, row: Complaint) -> None:
    """A complaint given to another customer (a namesake, a walk-in whose file was created
    afterwards) is a contact of theirs: « Dernier contact » moves to its reception, its answer
    and a closure where the customer was asked (touch_last_contact never moves it back)."""
    touch_last_contact(customer_id, row.received_at)
    touch_last_contact(customer_id, row.answer_date)
    if row.resatisfied in ("oui", "non"):
        touch_last_contact(customer_id, row.closed_at)


# --- qualification and moves --------------------------------------------------------------


def qualify(complaint_id: int, q: Qualification, comment: str = "", *,
            overwrite: bool = False, original=None) -> None:
    """Record category, type, founded, severity and entity; a received complaint becomes
    Qualifiée. A final complaint must be reopened first. q.version, overwrite and original:
    as edit_complaint."""
    with write_transaction():
        row = load_row(complaint_id, lock=True)
        if row.status in FINAL_STATUSES:
            raise ServiceError(f"La réclamation {row.number} est « {row.status} » : rouvrez-la "
                               "avant de la requalifier.")
        category = None if q.category_id is None else ComplaintCategory.select(
            ComplaintCategory.name).where(ComplaintCategory.id == q.category_id).scalar()
        if category is None:
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
        founded = {True: "fondée", False: "non fondée", None: "fondement à déterminer"}[q.founded]
        changes = dict(category=q.category_id, type=q.type, founded=q.founded,
                       severity=q.severity, entity=entity, updated_at=utcnow())
        if row.status == RECEIVED:
            changes["status"] = QUALIFIED
        _write(complaint_id, changes, version=q.version, overwrite=overwrite,
               before=original or q)
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
                extra: dict | None = None, **save) -> None:
    """Write a status change (inside the caller's transaction) and handle the pause clock;
    save: _write's version check of a form's save."""
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
    _write(row.id, changes, **save)
    _log(row.id, f"Statut : {row.status} → {new_status}{note}", comment)


def move(complaint_id: int, new_status: str, comment: str = "", *, on: date | None = None) -> None:
    """Change the status along ALLOWED_MOVES. "En attente du client" stops the deadline clock;
    leaving it moves the due date by the working days spent waiting."""
    with write_transaction():
        row = load_row(complaint_id, lock=True)
        _check_move(row, new_status)
        if new_status == REJECTED and not (comment or "").strip():
            raise ValidationError("comment", "Indiquez pourquoi la réclamation est non recevable.")
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


def record_answer(complaint_id: int, data: AnswerInput, comment: str = "", *,
                  overwrite: bool = False, original=None) -> None:
    """Record the answer, compensation and cost; the complaint becomes Réponse envoyée.
    data.version, overwrite and original: as edit_complaint."""
    with write_transaction():
        row = load_row(complaint_id, lock=True)
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
        what = f"Réponse du {answer_date:%d/%m/%Y} ; compensation : {data.compensation}"
        touch_last_contact(row.customer_id, answer_date)
        save = dict(version=data.version, overwrite=overwrite, before=original or data)
        if row.status == ANSWERED:
            _write(complaint_id, values, **save)
            _log(complaint_id, "Réponse modifiée : " + what, comment)
        else:
            _log(complaint_id, what, comment)
            _apply_move(row, ANSWERED, "", answer_date, values, **save)


def close(complaint_id: int, answer_date: date, resatisfied: str, comment: str = "") -> None:
    """Closure needs an answer sent, its date and whether the customer is satisfied again."""
    with write_transaction():
        row = load_row(complaint_id, lock=True)
        if row.status != ANSWERED or not row.answer_text:
            raise ServiceError(f"{row.number} n'a pas de réponse enregistrée : répondez au client "
                               "avant de clôturer.")
        answer_date = _check_answer_date(row, answer_date)
        if resatisfied not in RESATISFACTION:
            raise ValidationError("resatisfied", "Indiquez si le client est de nouveau satisfait "
                                  "(oui, non ou sans réponse).")
        _apply_move(row, CLOSED, comment, _today(),
                    {"answer_date": answer_date, "resatisfied": resatisfied,
                     "closed_at": utcnow()})
        touch_last_contact(row.customer_id, answer_date)  # the answer's day, maybe corrected
        if resatisfied in ("oui", "non"):  # the customer was asked and answered
            touch_last_contact(row.customer_id, utcnow().replace(microsecond=0))
        _log(complaint_id, f"Clôture : client re-satisfait : {resatisfied}")


def reopen(complaint_id: int, comment: str) -> None:
    """A closed or rejected complaint goes back to En traitement; the reason is required."""
    with write_transaction():
        row = load_row(complaint_id, lock=True)
        if row.status not in FINAL_STATUSES:
            raise ServiceError(f"{row.number} n'est ni clôturée ni non recevable : rien à rouvrir.")
        reason = _text(comment, "comment", "Le motif de réouverture", required=True)
        _write(complaint_id, dict(status=REOPEN_TO, resatisfied="", closed_at=None,
                                  updated_at=utcnow()))
        _log(complaint_id, f"Réouverture : {row.status} → {REOPEN_TO}", reason)


def add_comment(complaint_id: int, comment: str) -> None:
    """A note in the timeline (call with the customer, progress given...)."""
    with write_transaction():
        load_row(complaint_id)
        text = _text(comment, "comment", "Le commentaire", required=True)
        _log(complaint_id, "Note", text)
