"""The dashboard's rows for indicator definitions in hand: value, previous period, the same
period a year before, target of the year, status. Registry-free: measure is passed in (the
dashboard passes the registry's, the demo the one its context carries)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from rcdesk.core.errors import ValidationError
from rcdesk.core.indicators import STATUS_WORDS, IndicatorDef, IndicatorValue, status
from rcdesk.core.periods import Period, month_period, previous_period, years_before

Measure = Callable[[IndicatorDef, Period], IndicatorValue]


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
    start = period.start or date(end.year, 1, 1)
    if start > end:
        raise ValidationError("period", f"La période commence le {start:%d/%m/%Y}, après sa fin "
                                        f"({end:%d/%m/%Y}) : donnez aussi la date de fin.")
    return Period(start, end)


def year_before(period: Period) -> Period:
    return Period(years_before(period.start), years_before(period.end))


def target_year(period: Period) -> int:
    """A period is judged against the targets of the year it ends in."""
    return period.end.year


def row_for(definition: IndicatorDef, period: Period, targets: dict[str, float],
            measure: Measure) -> DashboardRow:
    current = measure(definition, period)
    before = measure(definition, previous_period(period)).value
    last_year = measure(definition, year_before(period)).value
    target = targets.get(definition.key)
    return DashboardRow(definition.public_key, definition.key, definition.label, definition.unit,
                        definition.direction, definition.area, current.value, before, last_year,
                        target, status(current.value, target, definition.direction),
                        current.reason)


def last_months(end: date, count: int = 12) -> list[Period]:
    """The `count` calendar months up to end's month (that one cut at end), oldest first."""
    months, year, month = [], end.year, end.month
    for _ in range(count):
        whole = month_period(year, month)
        months.append(Period(whole.start, min(whole.end, end)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]
