"""The order of a column's slashed dates (services/tabular/date_order.py)."""

from datetime import datetime

import pytest

from rcdesk.services.tabular.date_order import day_first_text, slashed_order


@pytest.mark.parametrize(("texts", "order"), [
    (["3/15/1980", "12/5/1975"], "mdy"),              # 15 can only be a day: month first
    (["15/03/1980", "12/5/1975"], "dmy"),
    (["1/2/1990", "12/11/2001"], None),               # every date reads both ways
    (["13/1/1990", "1/13/1990"], None),               # both orders: nothing decided
    (["", "0/0/00", "1990-03-15", None, datetime(1990, 3, 15), "3/15/80"], "mdy"),
    (["3.15.1980"], "mdy"), (["15-03-1980 10:30"], "dmy"), (["3/15/1980 2:30 PM"], "mdy"),
    (["31/31/1990"], None), (["3/15/19801"], None),     # not dates: they decide nothing
])
def test_the_values_decide_the_order(texts, order):
    assert slashed_order(texts) == order


@pytest.mark.parametrize(("text", "day_first"), [
    ("3/15/1980", "15/3/1980"), ("12/05/1975", "05/12/1975"), ("3.15.80", "15.3.80"),
    ("7/4/1969 10:30", "4/7/1969 10:30"), ("1990-03-15", "1990-03-15"), ("", ""),
    ("0/0/00", "0/0/00"),
])
def test_a_month_first_date_rewritten_day_first(text, day_first):
    assert day_first_text(text) == day_first
    assert day_first_text(datetime(1990, 3, 15)) == datetime(1990, 3, 15)
