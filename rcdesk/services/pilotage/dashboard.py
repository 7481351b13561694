"""The steering dashboard: every indicator of the registry over a period, beside the previous
period, the same period a year before, its last 12 months and its target of the year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rcdesk.core.periods import Period
from rcdesk.models.base import write_generation
from rcdesk.services import indicators
from rcdesk.services.pilotage.board import (  # noqa: F401 - callers read them here
    DashboardRow,
    complete,
    default_period,
    last_months,
    row_for,
    target_year,
    year_before,
)
from rcdesk.services.pilotage.target_store import targets_of_year


def dashboard(period: Period | None = None, today: date | None = None) -> list[DashboardRow]:
    """One row per indicator of the registry, in the areas' order (cached per area and
    period by the registry)."""
    period = complete(period, today or date.today())
    targets = targets_of_year(target_year(period))
    with indicators.snapshot():
        return [row_for(d, period, targets, indicators.measure_definition)
                for d in indicators.definitions().values()]


def sparkline(key: str, end: date, count: int = 12) -> list[tuple[Period, float | None]]:
    """The indicator month by month over the last 12 months (None: no data that month)."""
    return [(month, indicators.measure(key, month).value) for month in last_months(end, count)]


@dataclass(frozen=True)
class DashboardData:
    """What the Pilotage tab paints: the rows and each indicator's last 12 months."""

    period: Period
    rows: list[DashboardRow]
    sparklines: dict[str, list[float | None]]  # registry key -> 12 monthly values


def sparklines(keys: list[str], end: date) -> dict[str, list[float | None]]:
    """Registry key -> its 12 monthly values up to end's month (off the GUI thread: the
    slowest part of the dashboard, painted after the figures)."""
    definitions = indicators.definitions()
    months = last_months(end)
    with indicators.snapshot():
        return {key: [indicators.measure_definition(definitions[key], month).value
                      for month in months] for key in keys if key in definitions}


def dashboard_data(period: Period | None = None, today: date | None = None) -> DashboardData:
    """dashboard() and the sparklines ending with the period (run off the GUI thread)."""
    period = complete(period, today or date.today())
    rows = dashboard(period, today)
    return DashboardData(period, rows, sparklines([r.indicator for r in rows], period.end))


def data_stamp() -> int:
    """Changes whenever this process writes to the database: a cached dashboard older than
    the stamp is stale."""
    return write_generation()
