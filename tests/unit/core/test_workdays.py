"""Working-day deadlines: weekends and public holidays of France and Morocco."""

from datetime import date, timedelta
from functools import lru_cache

import holidays

from rcdesk.core.workdays import add_working_days, is_working_day, working_days_between


def test_complaint_due_date_skips_weekend():
    # Friday 20/11/2026 + 5 working days -> Friday 27/11/2026
    assert add_working_days(date(2026, 11, 20), 5, "FR") == date(2026, 11, 27)


def test_complaint_due_date_skips_christmas_and_new_year():
    # Tue 22/12/2026: 23, 24, (25 Noël), 28, 29, 30
    assert add_working_days(date(2026, 12, 22), 5, "FR") == date(2026, 12, 30)
    # Mon 28/12/2026: 29, 30, 31, (1/1 jour de l'an), 4, 5
    assert add_working_days(date(2026, 12, 28), 5, "FR") == date(2027, 1, 5)


def test_received_on_saturday_counts_from_monday():
    assert add_working_days(date(2026, 11, 21), 1, "FR") == date(2026, 11, 23)


def test_moroccan_holidays_differ_from_french_ones():
    # 18/11/2026 is Independence Day in Morocco, an ordinary Wednesday in France
    assert not is_working_day(date(2026, 11, 18), "MA")
    assert is_working_day(date(2026, 11, 18), "FR")
    assert add_working_days(date(2026, 11, 16), 3, "MA") == date(2026, 11, 20)
    assert add_working_days(date(2026, 11, 16), 3, "FR") == date(2026, 11, 19)
    # 11/11 is Armistice in France only
    assert add_working_days(date(2026, 11, 10), 1, "FR") == date(2026, 11, 12)
    assert add_working_days(date(2026, 11, 10), 1, "MA") == date(2026, 11, 11)


def test_working_days_between_is_the_inverse_of_adding():
    start = date(2026, 4, 30)  # before 1 May and 8 May (FR)
    for n in range(0, 30):
        assert working_days_between(start, add_working_days(start, n, "FR"), "FR") == n
    assert working_days_between(date(2026, 11, 27), date(2026, 11, 20), "FR") == -5
    assert working_days_between(date(2026, 11, 20), date(2026, 11, 20), "FR") == 0
    # across years: 28/12/2026 -> 05/01/2027
    assert working_days_between(date(2026, 12, 28), date(2027, 1, 5), "FR") == 5


@lru_cache
def public_holidays(country, year):
    return set(holidays.country_holidays(country, years=year))


def reference_count(start, end, country):
    """Working days d with start < d <= end, one calendar day at a time (the slow truth)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in public_holidays(country, day.year):
            count += 1
    return count


def test_weekdays_and_weekend_days():
    for day in (date(2026, 11, 23), date(2026, 11, 25), date(2026, 11, 27)):  # Mon, Wed, Fri
        assert is_working_day(day, "FR") and is_working_day(day, "MA")
    for day in (date(2026, 11, 28), date(2026, 11, 29)):  # Saturday, Sunday
        assert not is_working_day(day, "FR") and not is_working_day(day, "MA")


def test_working_days_between_across_a_weekend():
    friday, saturday, sunday, monday = (date(2026, 11, d) for d in (20, 21, 22, 23))
    assert working_days_between(friday, saturday, "FR") == 0
    assert working_days_between(friday, sunday, "FR") == 0
    assert working_days_between(friday, monday, "FR") == 1
    assert working_days_between(saturday, sunday, "FR") == 0
    assert working_days_between(saturday, monday, "FR") == 1
    assert working_days_between(sunday, monday, "MA") == 1
    assert working_days_between(saturday, date(2026, 11, 27), "FR") == 5
    assert working_days_between(monday, date(2026, 11, 27), "FR") == 4
    assert working_days_between(date(2026, 11, 16), date(2026, 11, 30), "FR") == 10
    assert working_days_between(monday, friday, "FR") == -1
    assert working_days_between(monday, saturday, "FR") == -1


def test_a_holiday_on_a_saturday_is_not_taken_off_twice():
    # 01/05/2027 (fête du Travail) is a Saturday in France and in Morocco
    for country in ("FR", "MA"):
        assert working_days_between(date(2027, 4, 30), date(2027, 5, 3), country) == 1
        assert add_working_days(date(2027, 4, 30), 1, country) == date(2027, 5, 3)
    # 15/08/2026 (Assomption) is a Saturday in France
    assert working_days_between(date(2026, 8, 14), date(2026, 8, 17), "FR") == 1
    assert working_days_between(date(2026, 8, 10), date(2026, 8, 21), "FR") == 9
    # 06/11/2027 (Marche verte) is a Saturday in Morocco
    assert working_days_between(date(2027, 11, 5), date(2027, 11, 8), "MA") == 1
    assert working_days_between(date(2027, 11, 1), date(2027, 11, 12), "MA") == 9


def test_weekday_holidays_are_taken_off_between():
    # Mon 09/11 -> Fri 13/11/2026: 11/11 is Armistice in France only
    assert working_days_between(date(2026, 11, 9), date(2026, 11, 13), "FR") == 3
    assert working_days_between(date(2026, 11, 9), date(2026, 11, 13), "MA") == 4
    # the holiday itself as an end, or as a start, of the range
    assert working_days_between(date(2026, 11, 10), date(2026, 11, 11), "FR") == 0
    assert working_days_between(date(2026, 11, 11), date(2026, 11, 12), "FR") == 1
    assert working_days_between(date(2026, 11, 17), date(2026, 11, 18), "MA") == 0
    assert working_days_between(date(2026, 11, 18), date(2026, 11, 19), "MA") == 1


def test_ranges_over_several_years_count_every_holiday_once():
    # 31/12/2025 -> 03/01/2028: the whole of 2026 and 2027 and both new years' days
    start, end = date(2025, 12, 31), date(2028, 1, 3)
    for country in ("FR", "MA"):
        assert working_days_between(start, end, country) == reference_count(start, end, country)
    # 2026: 261 weekdays - 9 holidays on weekdays; 2027: 261 - 7; Monday 03/01/2028
    assert working_days_between(start, end, "FR") == 252 + 254 + 1
    assert working_days_between(end, start, "FR") == -507
    # from the day before a new year's day to the day after it
    assert working_days_between(date(2026, 12, 31), date(2027, 1, 4), "FR") == 1


def test_working_days_between_agrees_with_counting_day_by_day():
    starts = [date(2026, 1, 1) + timedelta(days=d) for d in range(0, 365, 11)]
    for country in ("FR", "MA"):
        for start in starts:
            for length in (0, 1, 2, 3, 6, 7, 8, 30, 95, 400):
                end = start + timedelta(days=length)
                expected = reference_count(start, end, country)
                assert working_days_between(start, end, country) == expected, (start, end)
                assert working_days_between(end, start, country) == -expected


def test_adding_nothing_or_less_gives_the_start_day():
    saturday = date(2026, 11, 21)
    assert add_working_days(saturday, 0, "FR") == saturday
    assert add_working_days(saturday, -3, "FR") == saturday
    assert add_working_days(date(2026, 11, 20), 1, "FR") == date(2026, 11, 23)
    assert add_working_days(date(2026, 11, 20), 6, "FR") == date(2026, 11, 30)


def test_the_count_holds_from_the_first_days_of_the_calendar():
    # the weekday arithmetic counts from 01/01/0001 (a Monday): check it where it starts
    start = date(1, 1, 1)
    for length in range(0, 15):
        end = start + timedelta(days=length)
        assert working_days_between(start, end, "MA") == reference_count(start, end, "MA")
    assert working_days_between(start, date(1, 1, 8), "FR") == 5  # 2 to 5 January, Monday 8
