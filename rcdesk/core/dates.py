"""The range of dates rcdesk accepts: outside 1900-2100 a date is a typing slip, not a business
date (year 1 breaks period arithmetic, year 9999 every "12 months later")."""

from __future__ import annotations

from datetime import date, datetime

from rcdesk.core.errors import ValidationError

MIN_DATE, MAX_DATE = date(1900, 1, 1), date(2100, 12, 31)


def out_of_range(value: date | datetime) -> str | None:
    """The French reason a date is refused, or None when it is within MIN_DATE..MAX_DATE."""
    day = value.date() if isinstance(value, datetime) else value
    if MIN_DATE <= day <= MAX_DATE:
        return None
    return (f"Date hors limites : {day.day:02d}/{day.month:02d}/{day.year:04d} (les dates vont "
            f"du {MIN_DATE:%d/%m/%Y} au {MAX_DATE:%d/%m/%Y}).")


def check_date_range(value: date | datetime) -> date | datetime:
    """value itself when within the range; ValueError with the French reason otherwise."""
    reason = out_of_range(value)
    if reason:
        raise ValueError(reason)
    return value


def validate_date_range(value: date | datetime | None, field: str) -> None:
    """ValidationError(field, French reason) for a date outside the range; None passes (the
    caller says whether the date is required)."""
    reason = out_of_range(value) if value is not None else None
    if reason:
        raise ValidationError(field, reason)
