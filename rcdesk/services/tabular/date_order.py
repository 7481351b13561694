"""The order of a column's slashed dates: 15/03/1980 (day first, French) or 3/15/1980 (month
first: Outlook and Google Contacts exports made in the United States).

A column is read month first only when its own values say so: some date has its second number
above 12 and none its first. A column whose every date could be read both ways stays day first
(rcdesk's default, the French way). Cells that are not slashed dates (ISO dates, spreadsheet
dates, empty cells) do not count."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SLASHED = re.compile(r"\s*(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?=$|[\sT])(.*)", re.S)


def slashed_order(texts: Iterable) -> str | None:
    """"mdy" when the column's dates are written month first, "dmy" when some value proves
    day first, None when none decides (or both appear: a column mixing orders stays as it is
    read, day first, and its impossible dates are refused row by row)."""
    day_first = month_first = False
    for text in texts:
        if not isinstance(text, str):
            continue
        match = _SLASHED.match(text)
        if not match:
            continue
        first, second = int(match.group(1)), int(match.group(3))
        if first > 12 >= second:
            day_first = True
        elif second > 12 >= first:
            month_first = True
        if day_first and month_first:
            return None
    if month_first:
        return "mdy"
    return "dmy" if day_first else None


def day_first_text(text):
    """A month-first slashed date rewritten day first (3/15/1980 10:30 -> 15/3/1980 10:30);
    anything else unchanged."""
    if not isinstance(text, str):
        return text
    match = _SLASHED.match(text)
    if not match:
        return text
    month, sep, day, year, rest = match.groups()
    return f"{day}{sep}{month}{sep}{year}{rest}"
