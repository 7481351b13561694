"""Working-day deadlines: weekends and public holidays of France and Morocco."""

from datetime import date

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
