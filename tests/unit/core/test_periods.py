"""Periods of dates: one Period, one "12 derniers mois", months, presets and labels (pure)."""

from dataclasses import FrozenInstanceError
from datetime import date, timedelta

import pytest

from rcdesk.core.periods import (
    MAX_DATE,
    MIN_DATE,
    PRESETS,
    Period,
    last_12_months,
    last_calendar_months,
    month_period,
    month_periods,
    period_label,
    period_span,
    preset_period,
    previous_period,
    rolling_year,
    years_before,
)

D = date


def test_dates_a_user_may_give():
    assert (MIN_DATE, MAX_DATE) == (D(1900, 1, 1), D(2100, 12, 31))


def test_a_period_is_closed_and_may_be_open_on_either_side():
    period = Period(D(2026, 3, 1), D(2026, 3, 31))
    assert period.contains(D(2026, 3, 1)) and period.contains(D(2026, 3, 31))
    assert not period.contains(D(2026, 2, 28)) and not period.contains(D(2026, 4, 1))
    since = Period(start=D(2026, 3, 1))
    assert since.contains(D(2026, 3, 1)) and since.contains(D(2100, 1, 1))
    assert not since.contains(D(2026, 2, 28))
    until = Period(end=D(2026, 3, 31))
    assert until.contains(D(2026, 3, 31)) and until.contains(D(1900, 1, 1))
    assert not until.contains(D(2026, 4, 1))
    assert Period().contains(D(1900, 1, 1)) and Period().contains(D(2100, 12, 31))
    assert Period() == Period(None, None)


def test_a_period_cannot_be_changed_once_made():
    period = Period(D(2026, 3, 1), D(2026, 3, 31))
    with pytest.raises(FrozenInstanceError):
        period.end = D(2026, 4, 30)
    assert period.end == D(2026, 3, 31)


@pytest.mark.parametrize("day, years, expected", [
    (D(2026, 11, 29), 1, D(2025, 11, 29)), (D(2026, 3, 1), 2, D(2024, 3, 1)),
    (D(2024, 2, 29), 1, D(2023, 2, 28)), (D(2028, 2, 29), 4, D(2024, 2, 29)),
    (D(2026, 1, 1), 0, D(2026, 1, 1)), (D(2026, 12, 31), 1, D(2025, 12, 31)),
])
def test_years_before_keeps_the_calendar_day(day, years, expected):
    assert years_before(day, years) == expected


def test_years_before_defaults_to_one_year():
    assert years_before(D(2024, 2, 29)) == D(2023, 2, 28)


@pytest.mark.parametrize("today, start, days", [
    (D(2026, 11, 29), D(2025, 11, 30), 365),
    (D(2024, 2, 29), D(2023, 3, 1), 366),
    (D(2024, 3, 1), D(2023, 3, 2), 366),  # 29/02/2024 inside
    (D(2025, 3, 1), D(2024, 3, 2), 365),
    (D(2026, 1, 1), D(2025, 1, 2), 365),
])
def test_twelve_last_months_is_the_year_that_ends_today(today, start, days):
    period = last_12_months(today)
    assert period == Period(start, today)
    assert (period.end - period.start).days + 1 == days
    assert rolling_year(today) == period


@pytest.mark.parametrize("month, last", [
    (1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30), (7, 31), (8, 31), (9, 30), (10, 31),
    (11, 30), (12, 31),
])
def test_month_period_of_each_month(month, last):
    assert month_period(2026, month) == Period(D(2026, month, 1), D(2026, month, last))


def test_february_of_leap_years():
    assert month_period(2024, 2).end == D(2024, 2, 29)
    assert month_period(2000, 2).end == D(2000, 2, 29)
    assert month_period(2100, 2).end == D(2100, 2, 28)


def test_month_periods_are_clipped_to_the_period():
    assert month_periods(Period(D(2026, 1, 15), D(2026, 3, 10))) == [
        Period(D(2026, 1, 15), D(2026, 1, 31)), Period(D(2026, 2, 1), D(2026, 2, 28)),
        Period(D(2026, 3, 1), D(2026, 3, 10))]
    assert month_periods(Period(D(2025, 12, 31), D(2026, 1, 1))) == [
        Period(D(2025, 12, 31), D(2025, 12, 31)), Period(D(2026, 1, 1), D(2026, 1, 1))]
    assert month_periods(Period(D(2026, 4, 1), D(2026, 4, 30))) == [month_period(2026, 4)]
    assert month_periods(Period(D(2026, 4, 7), D(2026, 4, 7))) == [
        Period(D(2026, 4, 7), D(2026, 4, 7))]
    assert month_periods(Period(D(2026, 4, 1), D(2026, 4, 1))) == [
        Period(D(2026, 4, 1), D(2026, 4, 1))]
    assert len(month_periods(Period(D(2025, 1, 1), D(2026, 12, 31)))) == 24


def test_open_or_reversed_periods_have_no_months():
    assert month_periods(Period()) == []
    assert month_periods(Period(start=D(2026, 1, 1))) == []
    assert month_periods(Period(end=D(2026, 1, 1))) == []
    assert month_periods(Period(D(2026, 1, 2), D(2026, 1, 1))) == []


@pytest.mark.parametrize("today, count, start", [
    (D(2026, 11, 29), 12, D(2025, 12, 1)), (D(2026, 11, 29), 11, D(2026, 1, 1)),
    (D(2026, 11, 29), 1, D(2026, 11, 1)), (D(2026, 1, 15), 12, D(2025, 2, 1)),
    (D(2026, 1, 15), 13, D(2025, 1, 1)), (D(2026, 1, 15), 25, D(2024, 1, 1)),
    (D(2026, 12, 31), 12, D(2026, 1, 1)), (D(2026, 3, 5), 3, D(2026, 1, 1)),
    (D(2026, 3, 5), 4, D(2025, 12, 1)),
])
def test_last_calendar_months_include_the_current_one(today, count, start):
    assert last_calendar_months(today, count) == Period(start, today)


def test_last_calendar_months_are_twelve_by_default():
    assert last_calendar_months(D(2026, 11, 29)) == Period(D(2025, 12, 1), D(2026, 11, 29))


def test_presets_in_the_order_of_the_period_boxes():
    assert PRESETS == (("year", "Année en cours"), ("month", "Mois en cours"),
                       ("quarter", "Trimestre en cours"), ("12m", "12 derniers mois"),
                       ("last_year", "Année dernière"))


def test_each_preset_up_to_today():
    today = D(2026, 11, 29)
    assert preset_period("year", today) == Period(D(2026, 1, 1), today)
    assert preset_period("month", today) == Period(D(2026, 11, 1), today)
    assert preset_period("quarter", today) == Period(D(2026, 10, 1), today)
    assert preset_period("12m", today) == last_12_months(today)
    assert preset_period("last_year", today) == Period(D(2025, 1, 1), D(2025, 12, 31))
    for unknown in ("week", "z", "years", ""):
        with pytest.raises(KeyError):
            preset_period(unknown, today)


def test_preset_keys_read_back_from_a_widget_work_too():
    today = D(2026, 11, 29)
    for key, _ in PRESETS:
        copy = "".join(list(key))  # a new string object, as a combo box's item data gives it
        assert preset_period(copy, today) == preset_period(key, today)
    assert preset_period("".join(["quar", "ter"]), today) == Period(D(2026, 10, 1), today)
    assert preset_period("".join(["12", "m"]), today) == last_12_months(today)


@pytest.mark.parametrize("month, first", [
    (1, 1), (2, 1), (3, 1), (4, 4), (5, 4), (6, 4), (7, 7), (8, 7), (9, 7), (10, 10), (11, 10),
    (12, 10),
])
def test_quarter_starts_on_its_first_month(month, first):
    today = D(2026, month, 15)
    assert preset_period("quarter", today) == Period(D(2026, first, 1), today)


def test_previous_period_has_the_same_length():
    assert previous_period(Period(D(2026, 11, 1), D(2026, 11, 30))) == Period(
        D(2026, 10, 2), D(2026, 10, 31))
    assert previous_period(Period(D(2026, 3, 1), D(2026, 3, 1))) == Period(
        D(2026, 2, 28), D(2026, 2, 28))
    year = Period(D(2026, 1, 1), D(2026, 12, 31))
    assert previous_period(year) == Period(D(2025, 1, 1), D(2025, 12, 31))
    for open_period in (Period(), Period(start=D(2026, 1, 1)), Period(end=D(2026, 1, 1))):
        assert previous_period(open_period) is open_period


def test_period_span_in_words():
    assert period_span(Period(D(2026, 10, 1), D(2026, 10, 15))) == "du 01/10/2026 au 15/10/2026"
    assert period_span(Period(start=D(2026, 10, 1))) == "depuis le 01/10/2026"
    assert period_span(Period(end=D(2026, 10, 15))) == "jusqu'au 15/10/2026"
    assert period_span(Period()) == "toutes dates"


@pytest.mark.parametrize("period, label", [
    (Period(D(2026, 11, 1), D(2026, 11, 30)), "novembre 2026"),
    (Period(D(2026, 1, 1), D(2026, 1, 31)), "janvier 2026"),
    (Period(D(2026, 2, 1), D(2026, 2, 28)), "février 2026"),
    (Period(D(2024, 2, 1), D(2024, 2, 29)), "février 2024"),
    (Period(D(2026, 10, 1), D(2026, 10, 15)), "01/10/2026 – 15/10/2026"),
    (Period(D(2026, 10, 2), D(2026, 10, 31)), "02/10/2026 – 31/10/2026"),
    (Period(D(2026, 10, 1), D(2026, 11, 30)), "01/10/2026 – 30/11/2026"),
    (Period(D(2026, 1, 1), D(2026, 12, 31)), "01/01/2026 – 31/12/2026"),
    (Period(D(2026, 2, 1), D(2026, 2, 27)), "01/02/2026 – 27/02/2026"),
    (Period(D(2026, 2, 1), D(2026, 3, 31)), "01/02/2026 – 31/03/2026"),
])
def test_period_label_names_whole_months(period, label):
    assert period_label(period) == label


def test_no_label_for_no_period_or_an_open_one():
    assert period_label(None) == ""
    assert period_label(Period()) == ""
    assert period_label(Period(start=D(2026, 1, 1))) == ""
    assert period_label(Period(end=D(2026, 1, 31))) == ""


def test_every_month_of_a_year_is_labelled_by_its_name():
    names = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
    for month, name in enumerate(names, start=1):
        assert period_label(month_period(2026, month)) == f"{name} 2026"
        whole = month_period(2026, month)
        assert period_label(Period(whole.start, whole.end - timedelta(days=1))).startswith("01/")
