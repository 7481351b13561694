"""The annual communication plan (white paper): objective, targets, action, channel, copies,
duration, periodicity, budget, resources, effectiveness measure with its target and result; the
year by month, the budget allotted and spent, and a target segment's mailing list (consent)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rcdesk.core.dates import validate_date_range
from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.files import write_atomically
from rcdesk.core.formatting import parse_user_date
from rcdesk.core.money import parse_money
from rcdesk.core.periods import month_period
from rcdesk.core.text import clean_text
from rcdesk.models.base import write_transaction
from rcdesk.models.customers import STATUSES
from rcdesk.models.pilotage import CommPlanRow
from rcdesk.services.customers.export import neutralise
from rcdesk.services.customers.figures import rfm_scores
from rcdesk.services.customers.search import CustomerQuery, list_customers

OBJECTIVES = {"cognitif": "faire connaître", "affectif": "faire aimer",
              "conatif": "faire acheter"}
MEDIA = ("média", "hors média")
RFM_PREFIX, STATUS_PREFIX = "rfm:", "statut:"
RFM_LABELS = ("Champions", "Fidèles", "Nouveaux", "À développer", "À risque", "Perdus")
COLUMNS = (("objective", "Objectif"), ("target_segment", "Cibles"), ("action", "Action"),
           ("media", "Média / hors média"), ("channel", "Support ou canal"),
           ("copies", "Nb ex."), ("duration", "Durée"), ("periodicity", "Périodicité"),
           ("budget", "Budget alloué"), ("spent", "Dépensé"), ("resources", "Ressources"),
           ("measure", "Évaluation de l'efficacité"), ("measure_target", "Objectif visé"),
           ("result", "Résultat"))


@dataclass
class PlanInput:
    year: int
    objective: str
    action: str
    media: str
    start: date | str | None
    end: date | str | None
    budget: str | int | float | None  # in currency units as typed ("1 200,50 €")
    target_segment: str = ""
    channel: str = ""
    copies: str | int | None = None
    periodicity: str = ""
    spent: str | int | float | None = None
    resources: str = ""
    measure: str = ""
    measure_target: str = ""
    result: str = ""


@dataclass(frozen=True)
class PlanRow:
    id: int
    year: int
    objective: str
    target_segment: str
    action: str
    media: str
    channel: str
    copies: int | None
    start: date
    end: date
    periodicity: str
    budget_cents: int
    spent_cents: int
    resources: str
    measure: str
    measure_target: str
    result: str

    @property
    def duration_days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self, year: int) -> list[int]:
        """The months of `year` the action runs in (1–12)."""
        return [m for m in range(1, 13)
                if self.start <= _month_end(year, m) and self.end >= date(year, m, 1)]


@dataclass(frozen=True)
class PlanSummary:
    year: int
    rows: list[PlanRow]
    budget_cents: int
    spent_cents: int
    by_objective: dict[str, int]  # objective -> budget in cents
    by_month: list[int]  # 12 counts of actions running


def _month_end(year: int, month: int) -> date:
    return month_period(year, month).end


def _text(value, name: str, label: str, limit: int, required: bool = False) -> str:
    text = clean_text(value or "").strip()
    if required and not text:
        raise ValidationError(name, f"{label} est obligatoire.")
    if len(text) > limit:
        raise ValidationError(name, f"{label} dépasse {limit} caractères.")
    return text


def _date(value, name: str, label: str) -> date:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(name, f"{label} est obligatoire.")
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        validate_date_range(value, name)
        return value
    try:
        return parse_user_date(value)
    except ValueError as exc:
        raise ValidationError(name, f"{label} : {exc}") from None


def _money(value, name: str, label: str, required: bool) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(name, f"{label} est obligatoire (0 pour une action sans "
                                        "coût).")
        return 0
    try:
        return parse_money(value, field=label.removeprefix("Le ").capitalize())
    except ValueError as exc:
        raise ValidationError(name, str(exc)) from None


def validate_segment(spec: str) -> str:
    """"" (no list), "statut:client", "rfm:Champions" or a tag of the customer file."""
    text = " ".join(clean_text(spec or "", multiline=False).split())
    if text.startswith(STATUS_PREFIX) and text[len(STATUS_PREFIX):] not in STATUSES:
        raise ValidationError("target_segment", f"Statut inconnu : « {text[len(STATUS_PREFIX):]}"
                                                f" » ({', '.join(STATUSES)}).")
    if text.startswith(RFM_PREFIX) and text[len(RFM_PREFIX):] not in RFM_LABELS:
        raise ValidationError("target_segment", f"Segment RFM inconnu : « {text[len(RFM_PREFIX):]}"
                                                f" » ({', '.join(RFM_LABELS)}).")
    if len(text) > 255:
        raise ValidationError("target_segment", "La cible dépasse 255 caractères.")
    return text


def validate_plan_row(data: PlanInput) -> dict:
    """The row's column values; ValidationError (French) naming the first wrong field."""
    if isinstance(data.year, bool) or not isinstance(data.year, int) or not 1900 <= data.year <= 2100:
        raise ValidationError("year", f"Année invalide : « {data.year} ».")
    if data.objective not in OBJECTIVES:
        raise ValidationError("objective", "L'objectif est cognitif (faire connaître), affectif "
                                           "(faire aimer) ou conatif (faire agir).")
    if data.media not in MEDIA:
        raise ValidationError("media", "L'action est « média » ou « hors média ».")
    action = _text(data.action, "action", "L'action de communication", 2000, required=True)
    start = _date(data.start, "start", "Le début de l'action")
    end = _date(data.end, "end", "La fin de l'action")
    if end < start:
        raise ValidationError("end", f"L'action finit ({end:%d/%m/%Y}) avant de commencer "
                                     f"({start:%d/%m/%Y}).")
    if start.year > data.year or end.year < data.year:
        raise ValidationError("start", f"L'action ne se déroule pas en {data.year}.")
    copies = data.copies
    if copies is not None and not (isinstance(copies, str) and not copies.strip()):
        try:
            copies = int(str(copies).replace(" ", "").replace("\u202f", ""))
        except ValueError:
            raise ValidationError("copies", f"Nombre d'exemplaires invalide : « {copies} ».") \
                from None
        if copies < 0:
            raise ValidationError("copies", "Le nombre d'exemplaires ne peut pas être négatif.")
    else:
        copies = None
    return {
        "year": data.year, "objective": data.objective, "action": action, "media": data.media,
        "target_segment": validate_segment(data.target_segment),
        "channel": _text(data.channel, "channel", "Le support ou canal", 100),
        "copies": copies, "start": start, "end": end,
        "periodicity": _text(data.periodicity, "periodicity", "La périodicité", 100),
        "budget_cents": _money(data.budget, "budget", "Le budget alloué", True),
        "spent_cents": _money(data.spent, "spent", "Le montant dépensé", False),
        "resources": _text(data.resources, "resources", "Les ressources", 2000),
        "measure": _text(data.measure, "measure", "L'évaluation de l'efficacité", 2000),
        "measure_target": _text(data.measure_target, "measure_target", "L'objectif visé", 255),
        "result": _text(data.result, "result", "Le résultat", 2000),
    }


def _to_row(r: CommPlanRow) -> PlanRow:
    return PlanRow(r.id, r.year, r.objective, r.target_segment, r.action, r.media, r.channel,
                   r.copies, r.start, r.end, r.periodicity, r.budget_cents, r.spent_cents,
                   r.resources, r.measure, r.measure_target, r.result)


def add_plan_row(data: PlanInput) -> PlanRow:
    values = validate_plan_row(data)
    with write_transaction(CommPlanRow):
        row = CommPlanRow.create(**values)
    return _to_row(row)


def update_plan_row(row_id: int, data: PlanInput) -> PlanRow:
    values = validate_plan_row(data)
    with write_transaction(CommPlanRow):
        if not CommPlanRow.update(**values).where(CommPlanRow.id == row_id).execute():
            raise ServiceError("Cette action du plan n'existe plus.")
    return get_plan_row(row_id)


def delete_plan_row(row_id: int) -> None:
    with write_transaction(CommPlanRow):
        CommPlanRow.delete().where(CommPlanRow.id == row_id).execute()


def get_plan_row(row_id: int) -> PlanRow:
    row = CommPlanRow.get_or_none(CommPlanRow.id == row_id)
    if row is None:
        raise ServiceError("Cette action du plan n'existe plus.")
    return _to_row(row)


def plan_of_year(year: int) -> PlanSummary:
    rows = [_to_row(r) for r in CommPlanRow.select().where(CommPlanRow.year == year)
            .order_by(CommPlanRow.start, CommPlanRow.id)]
    by_objective = {key: sum(r.budget_cents for r in rows if r.objective == key)
                    for key in OBJECTIVES}
    by_month = [sum(1 for r in rows if m in r.months(year)) for m in range(1, 13)]
    return PlanSummary(year, rows, sum(r.budget_cents for r in rows),
                       sum(r.spent_cents for r in rows), by_objective, by_month)


def segment_label(spec: str) -> str:
    if spec.startswith(STATUS_PREFIX):
        return f"statut « {spec[len(STATUS_PREFIX):]} »"
    if spec.startswith(RFM_PREFIX):
        return f"segment RFM « {spec[len(RFM_PREFIX):]} »"
    return f"segment « {spec} »" if spec else "aucune cible"


def mailing_list(spec: str) -> list[tuple]:
    """(customer id, name, e-mail, phone, postal code, city) of the customers of a target who
    agreed to be contacted (consent): nobody else is ever listed."""
    spec = validate_segment(spec)
    if not spec:
        raise ValidationError("target_segment", "Cette action n'a pas de cible à exporter.")
    query = CustomerQuery(consent=True)
    wanted = None
    if spec.startswith(STATUS_PREFIX):
        query.status = spec[len(STATUS_PREFIX):]
    elif spec.startswith(RFM_PREFIX):
        label = spec[len(RFM_PREFIX):]
        wanted = {cid for cid, score in rfm_scores().items() if score.label == label}
    else:
        query.segment = spec
    result, offset = [], 0
    while True:
        page = list_customers(query, offset, 2000)
        if not page:
            return result
        for cid, name, _kind, _status, email, phone, postal, city, *_rest in page:
            if wanted is None or cid in wanted:
                result.append((cid, name, email, phone, postal, city))
        offset += len(page)


def export_mailing_list(row_id: int, path: str | Path, *, overwrite: bool = False) -> int:
    """The target of a plan action as a CSV mailing list (consenting customers only)."""
    rows = mailing_list(get_plan_row(row_id).target_segment)

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(["Nom", "E-mail", "Téléphone", "Code postal", "Ville"])
            for _cid, *cells in rows:
                writer.writerow([neutralise(str(c or "")) for c in cells])

    write_atomically(write, path, overwrite=overwrite)
    return len(rows)
