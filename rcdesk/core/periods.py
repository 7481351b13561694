"""Periods of dates: one `Period`, one meaning of "12 derniers mois", months, presets, labels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from babel.dates import format_date as _babel_date

from rcdesk.core.dates import MAX_DATE, MIN_DATE  # noqa: F401 - the range of a period's bounds
from rcdesk.core.formatting import format_date


@dataclass(frozen=True)
class Period:
    """A closed range of dates; None on a side means unbounded."""

    start: date | None = None
    end: date | None = None

    def contains(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


def years_before(day: date, years: int = 1) -> date:
    """The same calendar day `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def last_12_months(today: date) -> Period:
    """"12 derniers mois": the year that ends today, today included (365 or 366 days).

    29/11/2026 -> 30/11/2025 – 29/11/2026. The one definition every area uses."""
    return Period(years_before(today) + timedelta(days=1), today)


def rolling_year(end: date) -> Period:
    """The 12 months that end on `end` (same rule as last_12_months)."""
    return last_12_months(end)


def month_period(year: int, month: int) -> Period:
    first = date(year, month, 1)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return Period(first, following - timedelta(days=1))


def month_periods(period: Period) -> list[Period]:
    """The calendar months covering period, clipped to its bounds (empty when open or reversed)."""
    if period.start is None or period.end is None or period.end < period.start:
        return []
    result = []
    first = period.start.replace(day=1)
    while first <= period.end:
        whole = month_period(first.year, first.month)
        result.append(Period(max(whole.start, period.start), min(whole.end, period.end)))
        first = whole.end + timedelta(days=1)
    return result


def last_calendar_months(today: date, count: int = 12) -> Period:
    """The last `count` calendar months, the current one included, up to today."""
    month, year = today.month - (count - 1), today.year
    while month <= 0:
        month, year = month + 12, year - 1
    return Period(date(year, month, 1), today)


# The period presets every period box offers, in this order.
PRESETS = (
    ("year", "Année en cours"),
    ("month", "Mois en cours"),
    ("quarter", "Trimestre en cours"),
    ("12m", "12 derniers mois"),
    ("last_year", "Année dernière"),
)


def preset_period(key: str, today: date) -> Period:
    """The period of a preset of PRESETS, up to today (the whole of last year for last_year)."""
    if key == "month":
        return Period(today.replace(day=1), today)
    if key == "quarter":
        return Period(today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1), today)
    if key == "12m":
        return last_12_months(today)
    if key == "last_year":
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    if key == "year":
        return Period(date(today.year, 1, 1), today)
    raise KeyError(key)


def previous_period(period: Period) -> Period:
    """The period of the same length just before (open periods have none: returned as is)."""
    if period.start is None or period.end is None:
        return period
    length = period.end - period.start
    end = period.start - timedelta(days=1)
    return Period(end - length, end)


def period_span(period: Period) -> str:
    """"du 01/10/2026 au 15/10/2026", "depuis le …", "jusqu'au …" or "toutes dates"."""
    if period.start and period.end:
        return f"du {format_date(period.start)} au {format_date(period.end)}"
    if period.start:
        return f"depuis le {format_date(period.start)}"
    if period.end:
        return f"jusqu'au {format_date(period.end)}"
    return "toutes dates"


def period_label(period: Period | None) -> str:
    """A table cell: "novembre 2026" for a whole calendar month, "01/10/2026 – 15/10/2026"
    otherwise; "" for no period or an open one."""
    if period is None or period.start is None or period.end is None:
        return ""
    next_day = period.end + timedelta(days=1)
    if period.start.day == 1 and next_day.day == 1 and next_day - period.start <= timedelta(31):
        return _babel_date(period.start, format="LLLL y", locale="fr_FR")
    return f"{format_date(period.start)} – {format_date(period.end)}"
