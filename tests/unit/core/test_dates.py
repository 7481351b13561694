"""core.dates: the one range of accepted dates (1900-2100) and its French message."""

from datetime import date, datetime

import pytest

from rcdesk.core.dates import (
    MAX_DATE,
    MIN_DATE,
    check_date_range,
    out_of_range,
    validate_date_range,
)
from rcdesk.core.errors import ValidationError


def test_the_bounds():
    assert (MIN_DATE, MAX_DATE) == (date(1900, 1, 1), date(2100, 12, 31))


@pytest.mark.parametrize("value", [
    date(1900, 1, 1), date(2100, 12, 31), date(2026, 11, 29),
    datetime(1900, 1, 1, 0, 0), datetime(2100, 12, 31, 23, 59, 59),
])
def test_dates_within_the_range_have_no_reason(value):
    assert out_of_range(value) is None
    assert check_date_range(value) is value
    assert validate_date_range(value, "received_on") is None


@pytest.mark.parametrize("value, shown", [
    (date(1899, 12, 31), "31/12/1899"), (date(2101, 1, 1), "01/01/2101"),
    (date(1, 2, 3), "03/02/0001"), (date(9999, 12, 31), "31/12/9999"),
    (datetime(1899, 12, 31, 23, 59), "31/12/1899"), (datetime(2101, 1, 1, 0, 0), "01/01/2101"),
])
def test_dates_outside_are_refused_in_french(value, shown):
    message = f"Date hors limites : {shown} (les dates vont du 01/01/1900 au 31/12/2100)."
    assert out_of_range(value) == message
    with pytest.raises(ValueError) as err:
        check_date_range(value)
    assert str(err.value) == message
    with pytest.raises(ValidationError) as err:
        validate_date_range(value, "received_on")
    assert (err.value.field, err.value.message) == ("received_on", message)


def test_no_date_is_left_to_the_caller():
    assert validate_date_range(None, "answer_date") is None
