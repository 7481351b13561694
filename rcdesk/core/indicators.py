"""Indicators in general: a definition, a value, a target, whether it is met, its status.

Areas declare their indicators with IndicatorDef; the registry (services/indicators.py)
computes them; the charter, the dashboard and the reviews compare them with targets here."""

from __future__ import annotations

from dataclasses import dataclass

from rcdesk.core.formatting import format_number
from rcdesk.core.periods import Period

# Direction, stored as is in the charter's "comparison" column: "min" = the value must be at
# least the target (higher is better), "max" = at most the target (lower is better).
HIGHER, LOWER = "min", "max"
AT_LEAST, AT_MOST = HIGHER, LOWER
COMPARISONS = {AT_LEAST: "au moins", AT_MOST: "au plus"}
MANUAL = "manual"  # an indicator the business measures itself: manual readings

UNITS = ("%", "jours ouvrés", "minutes", "heures", "points")
# "points" is for the NPS, the only target that may be negative (−100 to +100).
UNIT_RANGES: dict[str, tuple[float | None, float | None]] = {
    "%": (0.0, 100.0),
    "jours ouvrés": (0.0, None),
    "minutes": (0.0, None),
    "heures": (0.0, None),
    "points": (-100.0, 100.0),
    "± points": (0.0, None),  # a margin of error around a score in points (never signed)
    "": (None, None),
}
MARGIN_POINTS = "± points"
# Status against a target: met; missed by less than AMBER_MARGIN of the target; missed; unknown.
GREEN, AMBER, RED, GREY = "green", "amber", "red", "grey"
AMBER_MARGIN = 0.10
_EPSILON = 1e-9


@dataclass(frozen=True)
class IndicatorDef:
    """What an area can measure over a period."""

    key: str  # stable, stored in targets and commitments ("complaints_in_time")
    label: str  # French, as the user reads it
    unit: str  # one of UNITS, or "" for a count
    direction: str  # HIGHER or LOWER is better
    area: str  # key of the area that computes it
    note: str = ""  # how it is computed, in French
    no_data: str = "aucune donnée sur la période"  # said instead of a value that cannot exist
    stats_key: str = ""  # its key in `rcdesk stats --json` ("complaints.rate_pct"), if any
    manual: bool = False  # measured by hand: takes readings (rcdesk reading add)
    # The list behind the figure, in French ("Réclamations en retard"), that the owning area's
    # UI shows in the indicator's detail (ui/indicator_lists.py maps the area to it); "" = none.
    drill_down: str = ""

    @property
    def public_key(self) -> str:
        """The key the dashboard and the CLI show: the stats key where there is one."""
        return self.stats_key or self.key


@dataclass(frozen=True)
class IndicatorValue:
    """A value over a period, or None with the French reason it is missing (never a fake 0)."""

    value: float | None
    period: Period
    reason: str = ""


def default_comparison(unit: str) -> str:
    """A delay is kept under its target; a rate or a score is kept above it."""
    return AT_MOST if unit in ("jours ouvrés", "minutes", "heures") else AT_LEAST


def is_met(value: float | None, target: float | None, comparison: str) -> bool | None:
    """True/False when value meets target (at least / at most); None when either is missing."""
    if value is None or target is None:
        return None
    if comparison == AT_MOST:
        return value <= target + _EPSILON
    return value >= target - _EPSILON


def status(value: float | None, target: float | None, direction: str) -> str:
    """GREEN when met; AMBER when missed by less than 10 % of the target; RED otherwise;
    GREY without a value or a target."""
    met = is_met(value, target, direction)
    if met is None:
        return GREY
    if met:
        return GREEN
    gap = (target - value) if direction == AT_LEAST else (value - target)
    return AMBER if gap < AMBER_MARGIN * abs(target) - _EPSILON else RED


# The status words of `rcdesk dashboard --json` and of the printed reviews.
STATUS_WORDS = {GREEN: "vert", AMBER: "orange", RED: "rouge", GREY: "gris"}
STATUS_LABELS = {GREEN: "Atteint", AMBER: "Proche", RED: "Manqué", GREY: "Non évalué"}


def format_value(value: float | None, unit: str = "") -> str:
    """95.0, "%" -> "95 %"; 4.25, "jours ouvrés" -> "4,3 jours ouvrés"; None -> "—"."""
    if value is None:
        return "—"
    rounded = round(value, 1)
    text = format_number(rounded, 0 if rounded == int(rounded) else 1)
    if unit == MARGIN_POINTS:  # 8.5 -> "± 8,5 points": a margin has no direction
        return f"±\u00a0{text}\u00a0points"
    if unit == "points" and value > 0:
        text = "+" + text
    return f"{text}\u00a0{unit}" if unit else text


def format_target(target: float | None, unit: str, comparison: str) -> str:
    """"≥ 95 %" (au moins) or "≤ 5 jours ouvrés" (au plus); "" without a target."""
    if target is None:
        return ""
    sign = "≤" if comparison == AT_MOST else "≥"
    return f"{sign}\u00a0{format_value(target, unit)}"


def met_label(met: bool | None) -> str:
    return {True: "Respecté", False: "Non respecté"}.get(met, "—")
