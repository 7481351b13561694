"""core.indicators: the direction of a target, whether a value meets it, its colour, and how
a value and a target are written (the charter, the dashboard and the reviews all read these)."""

from dataclasses import FrozenInstanceError

import pytest

from rcdesk.core.indicators import (
    AMBER,
    AMBER_MARGIN,
    AT_LEAST,
    AT_MOST,
    COMPARISONS,
    GREEN,
    GREY,
    HIGHER,
    LOWER,
    MANUAL,
    RED,
    UNIT_RANGES,
    UNITS,
    IndicatorDef,
    IndicatorValue,
    default_comparison,
    format_target,
    format_value,
    is_met,
    met_label,
    status,
)
from rcdesk.core.periods import Period


def test_stored_words_and_units_are_frozen():
    # "min"/"max" are stored in the charter's comparison column: changing them loses targets
    assert (HIGHER, LOWER, AT_LEAST, AT_MOST, MANUAL) == ("min", "max", "min", "max", "manual")
    assert COMPARISONS == {"min": "au moins", "max": "au plus"}
    assert UNITS == ("%", "jours ouvrés", "minutes", "heures", "points")
    assert UNIT_RANGES == {"%": (0.0, 100.0), "jours ouvrés": (0.0, None),
                           "minutes": (0.0, None), "heures": (0.0, None),
                           "points": (-100.0, 100.0), "± points": (0.0, None),
                           "": (None, None)}
    assert (GREEN, AMBER, RED, GREY, AMBER_MARGIN) == ("green", "amber", "red", "grey", 0.10)


@pytest.mark.parametrize("unit, expected", [
    ("jours ouvrés", "max"), ("minutes", "max"), ("heures", "max"),
    ("%", "min"), ("points", "min"), ("", "min"),
])
def test_a_delay_is_kept_under_its_target_a_rate_above(unit, expected):
    assert default_comparison(unit) == expected


@pytest.mark.parametrize("value, target, comparison, expected", [
    (None, 95.0, AT_LEAST, None), (95.0, None, AT_LEAST, None), (None, None, AT_MOST, None),
    (95.0, 95.0, AT_LEAST, True), (95.5, 95.0, AT_LEAST, True), (94.9, 95.0, AT_LEAST, False),
    (95.5, 96.0, AT_LEAST, False),
    (5.0, 5.0, AT_MOST, True), (4.5, 5.0, AT_MOST, True), (5.1, 5.0, AT_MOST, False),
    (5.5, 5.0, AT_MOST, False),
    (0.0, 0.0, AT_LEAST, True), (0.0, 0.0, AT_MOST, True),
    (-10.0, -12.0, AT_LEAST, True), (-12.5, -12.0, AT_LEAST, False),
])
def test_is_met(value, target, comparison, expected):
    assert is_met(value, target, comparison) is expected


def test_the_tolerance_is_one_billionth_and_its_bound_is_included():
    assert is_met(95.0 - 1e-9, 95.0, AT_LEAST) is True
    assert is_met(5.0 + 1e-9, 5.0, AT_MOST) is True
    assert is_met(95.0 - 1e-8, 95.0, AT_LEAST) is False
    assert is_met(5.0 + 1e-8, 5.0, AT_MOST) is False
    # missed by exactly the amber margin (10 % of 20, less the tolerance): red, not amber
    edge = AMBER_MARGIN * 20.0 - 1e-9
    assert 20.0 - (20.0 - edge) == edge  # this value is exactly on the bound
    assert status(20.0 - edge, 20.0, AT_LEAST) == RED
    assert status(20.0 + edge, 20.0, AT_MOST) == RED
    assert status(20.0 - edge + 1e-6, 20.0, AT_LEAST) == AMBER


def test_a_comparison_read_back_from_the_database_is_still_at_most():
    read_back = "".join(["ma", "x"])  # a new string, as a database column gives it
    assert format_target(5.0, "jours ouvrés", read_back) == "≤\u00a05\u00a0jours ouvrés"
    assert is_met(6.0, 5.0, read_back) is False
    at_least = "".join(["mi", "n"])
    assert status(80.0, 95.0, at_least) == RED
    assert status(90.0, 95.0, at_least) == AMBER


def test_a_float_rounding_error_is_not_a_miss():
    tenths = 0.1 + 0.2  # 0.30000000000000004
    assert is_met(tenths, 0.3, AT_MOST) is True
    assert is_met(0.3, tenths, AT_LEAST) is True
    assert status(0.3, tenths, AT_LEAST) == GREEN
    assert status(tenths, 0.3, AT_MOST) == GREEN


@pytest.mark.parametrize("value, target, direction, expected", [
    (None, 95.0, AT_LEAST, GREY), (90.0, None, AT_LEAST, GREY),
    (95.0, 95.0, AT_LEAST, GREEN), (99.0, 95.0, AT_LEAST, GREEN),
    (90.0, 95.0, AT_LEAST, AMBER),  # 5 points short, under 10 % of 95 (9.5)
    (85.6, 95.0, AT_LEAST, AMBER),  # 9.4 short
    (85.5, 95.0, AT_LEAST, RED),  # exactly 10 % short: red
    (80.0, 95.0, AT_LEAST, RED),
    (5.0, 5.0, AT_MOST, GREEN), (3.0, 5.0, AT_MOST, GREEN),
    (5.4, 5.0, AT_MOST, AMBER),  # 0.4 over a margin of 0.5
    (5.5, 5.0, AT_MOST, RED),  # exactly 10 % over: red
    (9.0, 5.0, AT_MOST, RED),
    (10.2, 5.0, AT_MOST, RED),  # twice the target and more: far off, whatever the remainder
    (47.4, 95.0, AT_LEAST, RED),
    (-10.5, -10.0, AT_LEAST, AMBER),  # a negative NPS target: the margin is 10 % of |−10|
    (-11.0, -10.0, AT_LEAST, RED),
    (-0.5, 0.0, AT_LEAST, RED),  # a target of 0 leaves no margin
])
def test_status(value, target, direction, expected):
    assert status(value, target, direction) == expected


@pytest.mark.parametrize("value, unit, expected", [
    (None, "%", "—"), (None, "", "—"),
    (95.0, "%", "95\u00a0%"),
    (95.04, "%", "95\u00a0%"),  # rounded to one decimal first: 95.0, written without one
    (87.46, "%", "87,5\u00a0%"),
    (4.26, "jours ouvrés", "4,3\u00a0jours ouvrés"),
    (12.0, "points", "+12\u00a0points"), (-12.0, "points", "-12\u00a0points"),
    (0.0, "points", "0\u00a0points"), (0.4, "points", "+0,4\u00a0points"),
    (-12.5, "points", "-12,5\u00a0points"), (-0.4, "points", "-0,4\u00a0points"),
    (12.0, "%", "12\u00a0%"),  # only the NPS is signed
    (8.46, "± points", "±\u00a08,5\u00a0points"),  # its margin of error: never « +8,5 »
    (25.1, "± points", "±\u00a025,1\u00a0points"), (0.0, "± points", "±\u00a00\u00a0points"),
    (1234.56, "", "1\u202f234,6"), (3.0, "", "3"),
])
def test_format_value(value, unit, expected):
    assert format_value(value, unit) == expected


def test_format_value_without_a_unit_by_default():
    assert format_value(7.0) == "7"


def test_only_the_nps_unit_is_signed_even_read_back_from_the_database():
    read_back = "".join(["poi", "nts"])  # a new string, as a database column gives it
    assert format_value(12.0, read_back) == "+12\u00a0points"
    assert format_value(12.0, "visites") == "12\u00a0visites"  # sorts after "points"


@pytest.mark.parametrize("target, unit, comparison, expected", [
    (None, "%", AT_LEAST, ""),
    (95.0, "%", AT_LEAST, "≥\u00a095\u00a0%"),
    (5.0, "jours ouvrés", AT_MOST, "≤\u00a05\u00a0jours ouvrés"),
    (30.0, "points", AT_LEAST, "≥\u00a0+30\u00a0points"),
    (0.0, "%", AT_LEAST, "≥\u00a00\u00a0%"),
])
def test_format_target(target, unit, comparison, expected):
    assert format_target(target, unit, comparison) == expected


def test_met_label():
    assert [met_label(m) for m in (True, False, None)] == ["Respecté", "Non respecté", "—"]


def test_definitions_and_values_are_frozen_with_french_defaults():
    d = IndicatorDef("complaints_in_time", "Réclamations traitées dans le délai", "%", HIGHER,
                     "complaints")
    assert (d.note, d.no_data) == ("", "aucune donnée sur la période")
    with pytest.raises(FrozenInstanceError):
        d.unit = "points"
    from datetime import date

    v = IndicatorValue(None, Period(date(2026, 1, 1), date(2026, 1, 31)))
    assert v.reason == ""
    with pytest.raises(FrozenInstanceError):
        v.value = 1.0
