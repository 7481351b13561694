"""Yearly targets of the registry's indicators by key (its key or its stats key), and the
manual readings of the ones the business measures itself (stored with the charter's
commitments: one set of readings)."""

from __future__ import annotations

from datetime import date

from rcdesk.core.errors import ValidationError
from rcdesk.core.indicators import IndicatorDef
from rcdesk.models.base import write_transaction
from rcdesk.models.pilotage import IndicatorTarget
from rcdesk.services import indicators
from rcdesk.services.charter import records as charter
from rcdesk.services.pilotage.target_store import (  # noqa: F401 - callers read them here
    Target,
    check_year,
    parse_value,
    save_target,
    targets_of_year,
    to_target,
)


def resolve(key: str) -> IndicatorDef:
    """The indicator a key names: its registry key or its `stats --json` key."""
    text = (key or "").strip()
    for found in indicators.definitions().values():
        if text in (found.key, found.stats_key):
            return found
    known = ", ".join(d.public_key for d in indicators.definitions().values())
    raise ValidationError("indicator", f"Indicateur inconnu : « {text} » (connus : {known}).")


def set_target(key: str, value, year) -> Target:
    """Set (or replace) the target of an indicator for a year, in its unit and direction."""
    return save_target(resolve(key), value, year)


def delete_target(key: str, year) -> bool:
    found, year = resolve(key), check_year(year)
    with write_transaction(IndicatorTarget):
        return bool(IndicatorTarget.delete().where((IndicatorTarget.indicator == found.key)
                                                   & (IndicatorTarget.year == year)).execute())


def list_targets(year: int | None = None) -> list[Target]:
    """Targets of a year (all years when None), in the registry's order then by year."""
    definitions = indicators.definitions()
    order = {key: i for i, key in enumerate(definitions)}
    query = IndicatorTarget.select()
    if year is not None:
        query = query.where(IndicatorTarget.year == check_year(year))
    rows = sorted(query, key=lambda r: (order.get(r.indicator, len(order)), r.indicator, r.year))
    return [to_target(r, definitions.get(r.indicator)) for r in rows]


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
