"""The indicator registry: every indicator the areas declare, computed once per area and period.

The charter, the dashboard, the reviews and `rcdesk stats` read the areas' figures here; none of
them knows which area computes what.

Cache. An area whose tables the schema watches (Area.persist_figures: step 15's triggers, see
models/indicators.py) keeps its figures of a period in the database table indicator_cache,
until the last day they hold (figures of a running period depend on today: lateness, "as of"
counts; Area.figures_valid_until says until when, else the day computed): a write to one
of its tables deletes only its cached periods containing the date written, in any process and
on any PC of a shared base, so past months and the year before stay cached while the shop
works today, across refreshes and restarts. A placeholder row is written before computing and
filled after: a write meanwhile deletes it, and the figures, maybe stale, are not kept.
The other areas (small, a few ms) and a database opened for reading only are cached in memory
until this process writes, or for CACHE_SECONDS at most (another PC may have written)."""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import date

from peewee import PeeweeException

from rcdesk.core.indicators import IndicatorDef, IndicatorValue  # noqa: F401 - callers read it here
from rcdesk.core.periods import Period
from rcdesk.db import read_only_reason
from rcdesk.models.base import (
    database_proxy,
    uncounted_writes,
    without_lock_wait,
    write_generation,
    write_transaction,
)
from rcdesk.models.indicators import OPEN_END, OPEN_START, IndicatorCache
from rcdesk.services.areas import AREAS

log = logging.getLogger(__name__)

CACHE_SECONDS = 60.0
MEASURE, STATS = "measure", "stats"
_cache: dict[tuple[int, str, str, Period], tuple[int, float, dict]] = {}
_snap = threading.local()


def definitions() -> dict[str, IndicatorDef]:
    """Key -> definition, in the order of the areas then of each area's declaration."""
    return {d.key: d for area in AREAS for d in area.indicators()}


def definition(key: str) -> IndicatorDef | None:
    return definitions().get(key)


def _bounds(period: Period) -> tuple:
    return (period.start or date.fromisoformat(OPEN_START),
            period.end or date.fromisoformat(OPEN_END))


def _key_of(area, kind: str, period: Period):
    start, end = _bounds(period)
    return ((IndicatorCache.area == area.key) & (IndicatorCache.kind == kind)
            & (IndicatorCache.period_start == start) & (IndicatorCache.period_end == end))


def _stored(area, kind: str, period: Period) -> dict | None:
    row = (IndicatorCache.select(IndicatorCache.payload)
           .where(_key_of(area, kind, period) & (IndicatorCache.valid_until >= date.today())
                  & IndicatorCache.payload.is_null(False)).tuples().first())
    return None if row is None else json.loads(row[0])


def valid_until(area, period: Period, today: date) -> date:
    """The last day the area's figures of period computed today hold (writes apart: the
    triggers drop them): what the area says (Area.figures_valid_until), else today."""
    says = getattr(area, "figures_valid_until", None)
    return today if says is None else max(today, says(period, today))


def _reserve(area, kind: str, period: Period) -> str:
    """The placeholder of a computation (replacing any row of the key): its token."""
    token = uuid.uuid4().hex
    start, end = _bounds(period)
    today = date.today()
    until = valid_until(area, period, today)  # read before the figures: a write after drops it
    with without_lock_wait(), uncounted_writes(), write_transaction():
        IndicatorCache.delete().where(IndicatorCache.valid_until < today).execute()  # outdated
        IndicatorCache.insert(area=area.key, kind=kind, period_start=start, period_end=end,
                              valid_until=until, token=token, payload=None).on_conflict(
            conflict_target=[IndicatorCache.area, IndicatorCache.kind,
                             IndicatorCache.period_start, IndicatorCache.period_end],
            update={IndicatorCache.valid_until: until, IndicatorCache.token: token,
                    IndicatorCache.payload: None}).execute()
    return token


def _keep(area, kind: str, period: Period, token: str, values: dict) -> None:
    """Fill the placeholder, unless a write deleted it meanwhile (the values may be stale)."""
    with without_lock_wait(), uncounted_writes(), write_transaction():
        IndicatorCache.update(payload=json.dumps(values)).where(
            _key_of(area, kind, period) & (IndicatorCache.token == token)).execute()


def _persisted(area) -> bool:
    return bool(getattr(area, "persist_figures", False)) and read_only_reason() is None


def _in_memory(area, kind: str, period: Period, compute) -> dict:
    key = (id(database_proxy.obj), area.key, kind, period)  # another open database: another key
    generation, now = write_generation(), time.monotonic()
    hit = _cache.get(key)
    if hit is not None and hit[0] == generation and now - hit[1] < CACHE_SECONDS:
        return hit[2]
    values = compute(period)
    _cache[key] = (generation, now, values)
    return values


def _figures(area, kind: str, period: Period, compute) -> dict:
    if not _persisted(area):
        return _in_memory(area, kind, period, compute)
    stored = _stored(area, kind, period)
    if stored is not None:
        return stored
    try:
        token = _reserve(area, kind, period)
    except PeeweeException as exc:  # the base refused the placeholder: computed, not kept
        log.warning("indicator cache not written: %s", exc)
        return compute(period)
    values = compute(period)
    try:
        _keep(area, kind, period, token, values)
    except PeeweeException as exc:
        log.warning("indicator cache not written: %s", exc)
    return values


@contextmanager
def snapshot():
    """Inside it, this thread reads each area's figures of a period, and its live figures,
    once (the dashboard's rows and sparklines, `stats`): one lookup per area and period,
    not one per indicator."""
    if getattr(_snap, "memo", None) is not None:
        yield
        return
    _snap.memo = {}
    try:
        yield
    finally:
        _snap.memo = None


def _memo(key, compute):
    memo = getattr(_snap, "memo", None)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def area_values(area, period: Period) -> dict:
    """area.measure(period), from the cache when it holds it; the figures an area reads live
    (Area.live_measure(): today's, the same for every period, moved by every sale) over them."""
    values = _memo((area.key, MEASURE, period),
                   lambda: _figures(area, MEASURE, period, area.measure))
    live = getattr(area, "live_measure", None)
    return values if live is None else {**values, **_memo((area.key, "live " + MEASURE), live)}


def area_stats(area, period: Period) -> dict:
    """area.stats(period) (its keys of `rcdesk stats --json`), from the cache when it holds it,
    with the keys it reads live (Area.live_stats()) over them."""
    values = _figures(area, STATS, period, area.stats)
    live = getattr(area, "live_stats", None)
    if live is None:
        return values
    merged = dict(values)
    for part, keys in live().items():
        merged[part] = {**merged.get(part, {}), **keys}
    return merged


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
    value = area_values(area, period).get(key)
    if value is None:
        return IndicatorValue(None, period, found.no_data)
    return IndicatorValue(float(value), period)


def clear_cache() -> None:
    """Forget every cached figure (in memory and, when it writes, in the database)."""
    _cache.clear()
    if database_proxy.obj is None or read_only_reason() is not None:
        return
    try:
        with without_lock_wait(), uncounted_writes(), write_transaction():
            IndicatorCache.delete().execute()
    except PeeweeException as exc:  # a base not migrated yet (no table): nothing cached there
        log.debug("indicator cache not cleared: %s", exc)
