"""The steering dashboard: every indicator of the registry over a period, beside the previous
period, the same period a year before, its last 12 months and its target of the year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rcdesk.core.indicators import STATUS_WORDS, IndicatorDef, status
from rcdesk.core.periods import Period, month_period, previous_period, years_before
from rcdesk.models.base import write_generation
from rcdesk.services import indicators
from rcdesk.services.pilotage.targets import targets_of_year


@dataclass(frozen=True)
class DashboardRow:
    key: str  # the public key (stats key where there is one)
    indicator: str  # the registry's key
    label: str
    unit: str
    direction: str
    area: str
    value: float | None
    previous: float | None
    year_before: float | None
    target: float | None
    status: str  # core.indicators GREEN / AMBER / RED / GREY
    reason: str = ""  # why value is None

    def as_json(self) -> dict:
        def rounded(number):
            return None if number is None else round(number, 2)

        return {"key": self.key, "label": self.label, "unit": self.unit,
                "value": rounded(self.value), "previous": rounded(self.previous),
                "year_before": rounded(self.year_before), "target": self.target,
                "status": STATUS_WORDS[self.status]}


def default_period(today: date) -> Period:
    """The dashboard opens on the year to date (targets are yearly)."""
    return Period(date(today.year, 1, 1), today)


def complete(period: Period | None, today: date) -> Period:
    """Missing bounds: from the 1st of January of the end's year, up to today."""
    if period is None:
        return default_period(today)
    end = period.end or today
    return Period(period.start or date(end.year, 1, 1), end)


def year_before(period: Period) -> Period:
    return Period(years_before(period.start), years_before(period.end))


def target_year(period: Period) -> int:
    """A period is judged against the targets of the year it ends in."""
    return period.end.year


def row_for(definition: IndicatorDef, period: Period, targets: dict[str, float]) -> DashboardRow:
    current = indicators.measure_definition(definition, period)
    before = indicators.measure_definition(definition, previous_period(period)).value
    last_year = indicators.measure_definition(definition, year_before(period)).value
    target = targets.get(definition.key)
    return DashboardRow(definition.public_key, definition.key, definition.label, definition.unit,
                        definition.direction, definition.area, current.value, before, last_year,
                        target, status(current.value, target, definition.direction),
                        current.reason)


def dashboard(period: Period | None = None, today: date | None = None) -> list[DashboardRow]:
    """One row per indicator of the registry, in the areas' order (cached per area and
    period by the registry)."""
    period = complete(period, today or date.today())
    targets = targets_of_year(target_year(period))
    return [row_for(d, period, targets) for d in indicators.definitions().values()]


def last_months(end: date, count: int = 12) -> list[Period]:
    """The `count` calendar months up to end's month (that one cut at end), oldest first."""
    months, year, month = [], end.year, end.month
    for _ in range(count):
        whole = month_period(year, month)
        months.append(Period(whole.start, min(whole.end, end)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def sparkline(key: str, end: date, count: int = 12) -> list[tuple[Period, float | None]]:
    """The indicator month by month over the last 12 months (None: no data that month)."""
    return [(month, indicators.measure(key, month).value) for month in last_months(end, count)]


@dataclass(frozen=True)
class DashboardData:
    """What the Pilotage tab paints: the rows and each indicator's last 12 months."""

    period: Period
    rows: list[DashboardRow]
    sparklines: dict[str, list[float | None]]  # registry key -> 12 monthly values


def dashboard_data(period: Period | None = None, today: date | None = None) -> DashboardData:
    """dashboard() and the sparklines ending with the period (run off the GUI thread)."""
    period = complete(period, today or date.today())
    rows = dashboard(period, today)
    definitions = indicators.definitions()
    lines = {row.indicator: [indicators.measure_definition(definitions[row.indicator], month).value
                             for month in last_months(period.end)] for row in rows}
    return DashboardData(period, rows, lines)


def data_stamp() -> int:
    """Changes whenever this process writes to the database: a cached dashboard older than
    the stamp is stale."""
    return write_generation()
