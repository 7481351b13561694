"""Yearly targets of the registry's indicators, and the manual readings of the ones the
business measures itself (stored with the charter's commitments: one set of readings)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rcdesk.core.dates import MAX_DATE, MIN_DATE
from rcdesk.core.errors import ValidationError
from rcdesk.core.indicators import UNIT_RANGES, IndicatorDef
from rcdesk.models.base import utcnow, write_transaction
from rcdesk.models.pilotage import IndicatorTarget
from rcdesk.services import indicators
from rcdesk.services.charter import records as charter
from rcdesk.services.settings import current_operator


@dataclass(frozen=True)
class Target:
    indicator: str  # the registry's key
    public_key: str  # the key shown (stats key where there is one)
    label: str
    year: int
    value: float
    unit: str
    direction: str


def resolve(key: str) -> IndicatorDef:
    """The indicator a key names: its registry key or its `stats --json` key."""
    text = (key or "").strip()
    for found in indicators.definitions().values():
        if text in (found.key, found.stats_key):
            return found
    known = ", ".join(d.public_key for d in indicators.definitions().values())
    raise ValidationError("indicator", f"Indicateur inconnu : « {text} » (connus : {known}).")


_NUMBER = re.compile(r"^\s*([+\-−]?[\d\s\u202f\u00a0]*[.,]?\d+)\s*(.*?)\s*$")


def parse_value(text, found: IndicatorDef, what: str = "La cible") -> float:
    """"95", "95 %", "4,5", 95 -> a number in the indicator's unit, within the unit's range.

    A unit typed after the number must be the indicator's ("95 %" for a delay in days is
    refused); a % above 100, a negative delay or count, an NPS beyond ±100 are refused."""
    if isinstance(text, bool) or text is None or (isinstance(text, str) and not text.strip()):
        raise ValidationError("value", f"{what} est obligatoire : un nombre"
                              f"{' en ' + found.unit if found.unit else ''}.")
    unit_typed = ""
    if isinstance(text, str):
        match = _NUMBER.match(text)
        if not match:
            raise ValidationError("value", f"{what} « {text.strip()} » n'est pas un nombre "
                                           "(exemple : 95 ou 4,5).")
        number_text, unit_typed = match.group(1).replace("−", "-"), match.group(2)
    else:
        number_text = text
    number = charter.parse_number(number_text, "value", what)
    if unit_typed and unit_typed != found.unit:
        expected = f"en {found.unit}" if found.unit else "sans unité (un nombre)"
        raise ValidationError("value", f"Unité « {unit_typed} » incompatible : « {found.label} » "
                                       f"se mesure {expected}.")
    low, _high = UNIT_RANGES.get(found.unit, (None, None))
    if not found.unit and number < 0:  # a count
        raise ValidationError("value", f"{what} ne peut pas être négative ({number:g}).")
    if found.unit in UNIT_RANGES or low is not None:
        charter.check_range(number, found.unit, "value", what)
    return number


def _check_year(year) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        try:
            year = int(str(year).strip())
        except ValueError:
            raise ValidationError("year", f"Année invalide : « {year} ».") from None
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise ValidationError("year", f"Année hors limites : {year} (de {MIN_DATE.year} à "
                                      f"{MAX_DATE.year}).")
    return year


def _to_target(row: IndicatorTarget, found: IndicatorDef | None) -> Target:
    return Target(row.indicator, found.public_key if found else row.indicator,
                  found.label if found else "Indicateur retiré", row.year, row.value, row.unit,
                  row.direction)


def set_target(key: str, value, year) -> Target:
    """Set (or replace) the target of an indicator for a year, in its unit and direction."""
    found = resolve(key)
    year = _check_year(year)
    number = parse_value(value, found)
    with write_transaction(IndicatorTarget):
        row = IndicatorTarget.get_or_none((IndicatorTarget.indicator == found.key)
                                          & (IndicatorTarget.year == year))
        if row is None:
            row = IndicatorTarget.create(indicator=found.key, year=year, value=number,
                                         unit=found.unit, direction=found.direction,
                                         updated_by=current_operator())
        else:
            IndicatorTarget.update(value=number, unit=found.unit, direction=found.direction,
                                   updated_at=utcnow(), updated_by=current_operator()).where(
                IndicatorTarget.id == row.id).execute()
            row = IndicatorTarget.get_by_id(row.id)
    return _to_target(row, found)


def delete_target(key: str, year) -> bool:
    found, year = resolve(key), _check_year(year)
    return bool(IndicatorTarget.delete().where((IndicatorTarget.indicator == found.key)
                                               & (IndicatorTarget.year == year)).execute())


def list_targets(year: int | None = None) -> list[Target]:
    """Targets of a year (all years when None), in the registry's order then by year."""
    definitions = indicators.definitions()
    order = {key: i for i, key in enumerate(definitions)}
    query = IndicatorTarget.select()
    if year is not None:
        query = query.where(IndicatorTarget.year == _check_year(year))
    rows = sorted(query, key=lambda r: (order.get(r.indicator, len(order)), r.indicator, r.year))
    return [_to_target(r, definitions.get(r.indicator)) for r in rows]


def targets_of_year(year: int) -> dict[str, float]:
    """Registry key -> target value for a year."""
    return dict(IndicatorTarget.select(IndicatorTarget.indicator, IndicatorTarget.value)
                .where(IndicatorTarget.year == year).tuples())


def add_reading(key: str, value, day) -> charter.Reading:
    """A manual reading of an indicator the business measures itself, for one day: stored as
    the reading of its charter commitment (refused for an indicator rcdesk computes)."""
    found = resolve(key)
    commitment_id = charter.commitment_of_key(found.key)
    if not found.manual or commitment_id is None:
        raise ValidationError("indicator", f"« {found.label} » est calculé par rcdesk : il ne "
                                           "prend pas de relevé manuel.")
    if not isinstance(day, date):
        raise ValidationError("date", "La date du relevé est obligatoire.")
    number = parse_value(value, found, "La valeur mesurée")
    return charter.add_reading(commitment_id, charter.ReadingInput(day, day, number))
