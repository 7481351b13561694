"""Working days: weekends and the public holidays of the company country (FR/MA, `holidays`)."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=256)
def _weekday_holidays(country: str, year: int) -> tuple[date, ...]:
    """The public holidays of country in year that fall on a weekday, sorted."""
    days = holidays.country_holidays(country, years=year)
    return tuple(sorted(d for d in days if d.weekday() < 5))


def is_working_day(day: date, country: str) -> bool:
    return day.weekday() < 5 and day not in _weekday_holidays(country, day.year)


def add_working_days(start: date, n: int, country: str) -> date:
    """The n-th working day after start (start itself not counted); n <= 0 gives start.

    Received on Friday 20/11/2026 with 5 days -> Friday 27/11/2026."""
    day = start
    remaining = n
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day, country):
            remaining -= 1
    return day


def _weekdays_up_to(day: date) -> int:
    """Weekdays from 0001-01-01 up to day inclusive (pure arithmetic)."""
    ordinal = day.toordinal()  # 1 is a Monday
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def _holidays_between(start: date, end: date, country: str) -> int:
    """Weekday holidays d with start < d <= end."""
    count = 0
    for year in range(start.year, end.year + 1):
        days = _weekday_holidays(country, year)
        lo = bisect_right(days, start) if year == start.year else 0
        hi = bisect_right(days, end) if year == end.year else len(days)
        count += max(0, hi - lo)
    return count


@lru_cache(maxsize=65536)
def working_days_between(start: date, end: date, country: str) -> int:
    """Working days d with start < d <= end; negative when end is before start.

    working_days_between(s, add_working_days(s, n, c), c) == n."""
    if end < start:
        return -working_days_between(end, start, country)
    if end == start:
        return 0
    return _weekdays_up_to(end) - _weekdays_up_to(start) - _holidays_between(start, end, country)
