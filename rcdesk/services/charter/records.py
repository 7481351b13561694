"""The charter's commitments and manual readings: validation, storage, order, warnings.

Nothing here reads computed indicators: `commitments.py` adds that, above the registry."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from rcdesk.core.dates import out_of_range
from rcdesk.core.errors import ServiceError, StaleRecordError, ValidationError
from rcdesk.core.formatting import format_number, parse_user_date
from rcdesk.core.indicators import (
    COMPARISONS,
    MANUAL,
    UNIT_RANGES,
    UNITS,
    IndicatorDef,
    default_comparison,
)
from rcdesk.core.periods import Period
from rcdesk.core.text import clean_text
from rcdesk.models.base import utcnow, write_transaction
from rcdesk.models.charter import Commitment as CommitmentRow
from rcdesk.models.charter import CommitmentReading
from rcdesk.services.charter.checks import (
    DEFAULT_JARGON,
    CharterCheck,
    check_charter,
    is_measurable,
)
from rcdesk.services.settings import current_operator, get_setting, set_setting
from rcdesk.services.versions import changes, save_version

JARGON_SETTING = "charter.jargon"
MAX_WORDING = 500


@dataclass
class CommitmentInput:
    """What a user types for a commitment; target may be text ("95", "4,5"), a number or empty."""

    wording: str
    indicator: str = ""
    target: str | float | int | None = None
    unit: str = ""
    comparison: str = ""  # "" takes the unit's default
    measured_how: str = ""
    owner: str = ""
    review_date: date | str | None = None
    source: str = MANUAL
    version: int | None = None  # edits: the commitment's version the form started from


@dataclass(frozen=True)
class Commitment:
    id: int
    position: int
    wording: str
    indicator: str
    target_value: float | None
    target_unit: str
    comparison: str
    measured_how: str
    owner: str
    review_date: date | None
    source: str
    version: int = 1


# What a stale save's message calls each field of a commitment (the form's labels).
FIELD_LABELS = {
    "wording": "Engagement", "source": "Mesure", "indicator": "Indicateur",
    "comparison": "Sens de la cible", "target_value": "Cible", "target_unit": "Unité",
    "measured_how": "Mode de mesure", "owner": "Pilote", "review_date": "Date de révision",
}


@dataclass
class ReadingInput:
    period_start: date | str | None
    period_end: date | str | None
    value: str | float | int | None
    note: str = ""


@dataclass(frozen=True)
class Reading:
    id: int
    commitment_id: int
    period_start: date
    period_end: date
    value: float
    note: str
    recorded_by: str


@dataclass(frozen=True)
class Measure:
    """The last value of a commitment against its target; met is None when nothing to compare."""

    value: float | None
    period: Period | None
    met: bool | None
    reason: str = ""  # why there is no value ("aucun relevé", "indisponible ...")


@dataclass(frozen=True)
class CharterSummary:
    commitments: int
    measurable: int


# --- parsing and validation ---------------------------------------------------------------


def parse_number(value, field: str, what: str) -> float | None:
    """"95", "4,5", 4.5 -> float; "" / None -> None; anything else: ValidationError (French)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(field, f"{what} doit être un nombre.")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = "".join(value.split()).replace("\u202f", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise ValidationError(field, f"{what} « {value.strip()} » n'est pas un nombre "
                                         "(exemple : 95 ou 4,5).") from None
    if math.isnan(number) or math.isinf(number):
        raise ValidationError(field, f"{what} doit être un nombre fini.")
    return number


def check_range(number: float, unit: str, field: str, what: str) -> None:
    low, high = UNIT_RANGES.get(unit, (None, None))
    shown = format_number(number, 1 if number != int(number) else 0)
    if low is not None and number < low:
        if low == 0:
            raise ValidationError(field, f"{what} ne peut pas être négative ({shown} {unit}).")
        raise ValidationError(field, f"{what} doit être comprise entre {low:g} et {high:g} "
                                     f"{unit}.")
    if high is not None and number > high:
        raise ValidationError(field, f"{what} ne peut pas dépasser {high:g} {unit} "
                                     f"({shown} saisi).")


def _parse_date(value, field: str, what: str, required: bool) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, f"{what} est obligatoire.")
        return None
    if isinstance(value, date):
        reason = out_of_range(value)
        if reason:
            raise ValidationError(field, f"{what} : {reason}")
        return value.date() if isinstance(value, datetime) else value
    try:
        return parse_user_date(value)
    except ValueError as exc:
        raise ValidationError(field, f"{what} : {exc}") from None


def validate_commitment(data: CommitmentInput, sources: Mapping[str, IndicatorDef]) -> dict:
    """The row values of a commitment, or ValidationError naming the first wrong field.

    sources: the computed indicators a commitment may be measured by (the registry's)."""
    wording = " ".join(clean_text(data.wording).split())
    if not wording:
        raise ValidationError("wording", "Le libellé de l'engagement est obligatoire : écrivez "
                                         "la promesse faite au client.")
    if len(wording) > MAX_WORDING:
        raise ValidationError("wording", f"Le libellé dépasse {MAX_WORDING} caractères : une "
                                         "charte se lit en phrases courtes.")
    source = data.source or MANUAL
    if source != MANUAL and source not in sources:
        raise ValidationError("source", f"Indicateur calculé inconnu : « {source} ».")
    unit = (data.unit or "").strip()
    if source != MANUAL and not unit:
        unit = sources[source].unit
    if unit and unit not in UNITS:
        raise ValidationError("unit", f"Unité « {unit} » inconnue : choisissez parmi "
                                      f"{', '.join(UNITS)}.")
    target = parse_number(data.target, "target", "La cible")
    if target is not None:
        if not unit:
            raise ValidationError("unit", "Choisissez l'unité de la cible (%, jours ouvrés, "
                                          "minutes, heures ou points).")
        check_range(target, unit, "target", "La cible")
    comparison = data.comparison or default_comparison(unit)
    if comparison not in COMPARISONS:
        raise ValidationError("comparison", "La cible se lit « au moins » ou « au plus ».")
    indicator = clean_text(data.indicator, multiline=False).strip()
    if len(indicator) > 200:
        raise ValidationError("indicator", "L'indicateur dépasse 200 caractères.")
    owner = clean_text(data.owner, multiline=False).strip()
    if len(owner) > 100:
        raise ValidationError("owner", "Le nom du pilote dépasse 100 caractères.")
    return {
        "wording": wording, "indicator": indicator, "target_value": target,
        "target_unit": unit, "comparison": comparison,
        "measured_how": clean_text(data.measured_how).strip(), "owner": owner,
        "review_date": _parse_date(data.review_date, "review_date", "La date de révision", False),
        "source": source,
    }


# --- commitments --------------------------------------------------------------------------


def _to_commitment(row: CommitmentRow) -> Commitment:
    return Commitment(row.id, row.position, row.wording, row.indicator, row.target_value,
                      row.target_unit, row.comparison, row.measured_how, row.owner,
                      row.review_date, row.source, row.version)


def list_commitments() -> list[Commitment]:
    """The charter in its printed order."""
    rows = CommitmentRow.select().order_by(CommitmentRow.position, CommitmentRow.id)
    return [_to_commitment(row) for row in rows]


def get_commitment(commitment_id: int) -> Commitment:
    row = CommitmentRow.get_or_none(CommitmentRow.id == commitment_id)
    if row is None:
        raise ServiceError("Cet engagement n'existe plus (supprimé entre-temps ?).")
    return _to_commitment(row)


def add_commitment(data: CommitmentInput, sources: Mapping[str, IndicatorDef]) -> Commitment:
    """Append a commitment at the end of the charter."""
    values = validate_commitment(data, sources)
    with write_transaction(CommitmentRow):
        last = CommitmentRow.select(CommitmentRow.position).order_by(
            CommitmentRow.position.desc()).limit(1).scalar() or 0
        row = CommitmentRow.create(position=last + 1, **values)
    return _to_commitment(row)


def update_commitment(commitment_id: int, data: CommitmentInput,
                      sources: Mapping[str, IndicatorDef], *, overwrite: bool = False,
                      original: Commitment | None = None) -> Commitment:
    """Save the form over the commitment, if it is still at data.version (None: not checked);
    otherwise StaleRecordError lists what changed since original (the Commitment the form
    loaded) and nothing is written; overwrite=True saves over it knowingly."""
    values = validate_commitment(data, sources)
    with write_transaction(CommitmentRow):
        get_commitment(commitment_id)
        if not save_version(CommitmentRow, commitment_id, data.version,
                            {**values, "updated_at": utcnow()}, overwrite=overwrite):
            current = get_commitment(commitment_id)
            show = {"source": lambda key: "relevés manuels" if key == MANUAL else (
                        sources[key].label if key in sources else key),
                    "comparison": lambda value: COMPARISONS.get(value, "vide")}
            before = original or Commitment(commitment_id, current.position, **values)
            raise StaleRecordError("Cet engagement", changes(FIELD_LABELS, before, current,
                                                             show=show), current)
        return get_commitment(commitment_id)


def delete_commitment(commitment_id: int) -> None:
    """Remove a commitment and its readings; the others are renumbered 1, 2, 3..."""
    with write_transaction(CommitmentRow):
        get_commitment(commitment_id)
        CommitmentReading.delete().where(CommitmentReading.commitment == commitment_id).execute()
        CommitmentRow.delete().where(CommitmentRow.id == commitment_id).execute()
        _renumber([c.id for c in list_commitments()])


def move_commitment(commitment_id: int, step: int) -> list[Commitment]:
    """Move a commitment up (step -1) or down (+1); the ends stay where they are."""
    with write_transaction(CommitmentRow):
        ids = [c.id for c in list_commitments()]
        if commitment_id not in ids:
            raise ServiceError("Cet engagement n'existe plus (supprimé entre-temps ?).")
        index = ids.index(commitment_id)
        target = max(0, min(len(ids) - 1, index + step))
        ids.insert(target, ids.pop(index))
        _renumber(ids)
        return list_commitments()


def reorder_commitments(ids: list[int]) -> list[Commitment]:
    """Give the commitments the order of ids (which must name each commitment once)."""
    with write_transaction(CommitmentRow):
        current = {c.id for c in list_commitments()}
        if len(ids) != len(set(ids)) or set(ids) != current:
            raise ServiceError("L'ordre demandé ne correspond pas aux engagements de la charte.")
        _renumber(ids)
        return list_commitments()


def _renumber(ids: list[int]) -> None:
    for position, commitment_id in enumerate(ids, start=1):
        CommitmentRow.update(position=position).where(CommitmentRow.id == commitment_id).execute()


# --- readings -----------------------------------------------------------------------------


def add_reading(commitment_id: int, data: ReadingInput) -> Reading:
    """Record a value measured by hand over a period (refused for computed indicators)."""
    with write_transaction(CommitmentReading):
        commitment = get_commitment(commitment_id)
        if commitment.source != MANUAL:
            raise ServiceError("Cet engagement est mesuré par rcdesk (indicateur calculé) : il ne "
                               "prend pas de relevé manuel.")
        start = _parse_date(data.period_start, "period_start", "Le début de période", True)
        end = _parse_date(data.period_end, "period_end", "La fin de période", True)
        if end < start:
            raise ValidationError("period_end", f"La fin de période ({end.strftime('%d/%m/%Y')}) "
                                                f"précède son début ({start.strftime('%d/%m/%Y')}).")
        value = parse_number(data.value, "value", "La valeur mesurée")
        if value is None:
            raise ValidationError("value", "La valeur mesurée est obligatoire.")
        check_range(value, commitment.target_unit, "value", "La valeur mesurée")
        if CommitmentReading.select().where(
                (CommitmentReading.commitment == commitment_id)
                & (CommitmentReading.period_start == start)
                & (CommitmentReading.period_end == end)).exists():
            raise ValidationError("period_start", "Un relevé existe déjà pour cette période : "
                                                  "supprimez-le d'abord pour le corriger.")
        row = CommitmentReading.create(commitment=commitment_id, period_start=start,
                                       period_end=end, value=value,
                                       note=clean_text(data.note).strip(),
                                       recorded_by=current_operator())
    return _to_reading(row)


def _to_reading(row: CommitmentReading) -> Reading:
    return Reading(row.id, row.commitment_id, row.period_start, row.period_end, row.value,
                   row.note, row.recorded_by)


def list_readings(commitment_id: int) -> list[Reading]:
    """Readings of a commitment, the most recent period first; recorded_by is the operator's
    name (never the login)."""
    from dataclasses import replace

    from rcdesk.services.settings import operator_names

    names = operator_names()
    rows = (CommitmentReading.select()
            .where(CommitmentReading.commitment == commitment_id)
            .order_by(CommitmentReading.period_end.desc(), CommitmentReading.id.desc()))
    return [replace(r, recorded_by=names.get(r.recorded_by, r.recorded_by))
            for r in map(_to_reading, rows)]


def delete_reading(reading_id: int) -> None:
    CommitmentReading.delete().where(CommitmentReading.id == reading_id).execute()


# --- jargon list, warnings, last values ---------------------------------------------------


def jargon_terms() -> list[str]:
    """The editable list of sales terms and jargon (the default list until it is edited)."""
    return list(get_setting(JARGON_SETTING, list(DEFAULT_JARGON)))


def set_jargon_terms(terms) -> list[str]:
    """Save the list: blank lines and repeats (whatever the case) removed, order kept."""
    clean, seen = [], set()
    for term in terms:
        text = " ".join(clean_text(str(term)).split())
        if text and text.lower() not in seen:
            seen.add(text.lower())
            clean.append(text)
    set_setting(JARGON_SETTING, clean)
    return clean


def reset_jargon_terms() -> list[str]:
    return set_jargon_terms(DEFAULT_JARGON)


def charter_warnings(today: date | None = None,
                     commitments: list[Commitment] | None = None) -> CharterCheck:
    """check_charter on the stored charter with the stored jargon list."""
    items = list_commitments() if commitments is None else commitments
    return check_charter(items, jargon_terms(), today or date.today())


def charter_summary() -> CharterSummary:
    """How many commitments the charter holds and how many state a figure or a delay."""
    items = list_commitments()
    return CharterSummary(len(items), sum(1 for c in items if is_measurable(c.wording)))


def stats(period) -> dict:
    """charter.commitments / charter.measurable / charter.warnings for `rcdesk stats --json`."""
    summary = charter_summary()
    return {"charter": {"commitments": summary.commitments, "measurable": summary.measurable,
                        "warnings": charter_warnings().count}}


# --- manual commitments as indicators of the registry --------------------------------------

MANUAL_PREFIX = "engagement_"  # registry key of a commitment measured by hand: engagement_<id>


def manual_indicator_key(commitment_id: int) -> str:
    return f"{MANUAL_PREFIX}{commitment_id}"


def commitment_of_key(key: str) -> int | None:
    """The commitment a manual indicator key names (engagement_12 -> 12), or None."""
    if not key.startswith(MANUAL_PREFIX) or not key[len(MANUAL_PREFIX):].isdigit():
        return None
    return int(key[len(MANUAL_PREFIX):])


def manual_commitments() -> list[Commitment]:
    """The commitments measured by hand: the indicators the business measures itself."""
    return [c for c in list_commitments() if c.source == MANUAL]


def manual_values(period: Period) -> dict[str, float | None]:
    """Each manual commitment's value over period: the mean of its readings whose period ends
    in it (None without a reading there)."""
    sums: dict[int, list[float]] = {}
    query = CommitmentReading.select(CommitmentReading.commitment, CommitmentReading.value)
    if period.start is not None:
        query = query.where(CommitmentReading.period_end >= period.start)
    if period.end is not None:
        query = query.where(CommitmentReading.period_end <= period.end)
    for commitment_id, value in query.tuples():
        sums.setdefault(commitment_id, []).append(value)
    return {manual_indicator_key(c.id): (sum(sums[c.id]) / len(sums[c.id]) if c.id in sums
                                         else None)
            for c in manual_commitments()}
