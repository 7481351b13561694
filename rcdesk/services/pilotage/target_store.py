"""Yearly targets stored for indicator definitions in hand: parsing a value in the unit of its
indicator, checking its range, saving one target per indicator and year. Nothing here reads the
registry (targets.py resolves keys through it), so the pilotage demo can use it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rcdesk.core.dates import MAX_DATE, MIN_DATE
from rcdesk.core.errors import ValidationError
from rcdesk.core.indicators import IndicatorDef
from rcdesk.models.base import utcnow, write_transaction
from rcdesk.models.pilotage import IndicatorTarget
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
    if not found.unit and number < 0:  # a count
        raise ValidationError("value", f"{what} ne peut pas être négative ({number:g}).")
    charter.check_range(number, found.unit, "value", what)  # no bounds for an unknown unit
    return number


def check_year(year) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        try:
            year = int(str(year).strip())
        except ValueError:
            raise ValidationError("year", f"Année invalide : « {year} ».") from None
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise ValidationError("year", f"Année hors limites : {year} (de {MIN_DATE.year} à "
                                      f"{MAX_DATE.year}).")
    return year


def to_target(row: IndicatorTarget, found: IndicatorDef | None) -> Target:
    return Target(row.indicator, found.public_key if found else row.indicator,
                  found.label if found else "Indicateur retiré", row.year, row.value, row.unit,
                  row.direction)


def save_target(found: IndicatorDef, value, year) -> Target:
    """Set (or replace) the target of an indicator for a year, in its unit and direction."""
    year = check_year(year)
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
    return to_target(row, found)


def targets_of_year(year: int) -> dict[str, float]:
    """Registry key -> target value for a year."""
    return dict(IndicatorTarget.select(IndicatorTarget.indicator, IndicatorTarget.value)
                .where(IndicatorTarget.year == year).tuples())
