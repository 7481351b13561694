"""The indicator registry: every indicator the areas declare, computed once per area and period.

The charter, the dashboard and the reviews read indicators here, by key; none of them knows
which area computes what. A value is cached per (area, period) until the database is written
to by this process, or for CACHE_SECONDS at most (another PC may have written meanwhile)."""

from __future__ import annotations

import logging
import time

from rcdesk.core.indicators import IndicatorDef, IndicatorValue  # noqa: F401 - callers read it here
from rcdesk.core.periods import Period
from rcdesk.models.base import database_proxy, write_generation
from rcdesk.services.areas import AREAS

log = logging.getLogger(__name__)

CACHE_SECONDS = 60.0
_cache: dict[tuple[int, str, Period], tuple[int, float, dict]] = {}


def definitions() -> dict[str, IndicatorDef]:
    """Key -> definition, in the order of the areas then of each area's declaration."""
    return {d.key: d for area in AREAS for d in area.indicators()}


def definition(key: str) -> IndicatorDef | None:
    return definitions().get(key)


def _area_values(area, period: Period) -> dict:
    key = (id(database_proxy.obj), area.key, period)  # another open database: another key
    generation, now = write_generation(), time.monotonic()
    hit = _cache.get(key)
    if hit is not None and hit[0] == generation and now - hit[1] < CACHE_SECONDS:
        return hit[2]
    values = area.measure(period)
    _cache[key] = (generation, now, values)
    return values


def measure(key: str, period: Period) -> IndicatorValue:
    """The indicator's value over period, or None with the French reason it is missing."""
    found = definition(key)
    if found is None:
        return IndicatorValue(None, period, "indicateur inconnu")
    return measure_definition(found, period)


def measure_definition(found: IndicatorDef, period: Period) -> IndicatorValue:
    """measure() for a definition already in hand (the dashboard walks them all: no lookup
    of the registry per value)."""
    key = found.key
    area = next(a for a in AREAS if a.key == found.area)
    value = _area_values(area, period).get(key)
    if value is None:
        return IndicatorValue(None, period, found.no_data)
    return IndicatorValue(float(value), period)


def clear_cache() -> None:
    _cache.clear()
