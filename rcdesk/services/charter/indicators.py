"""Indicators rcdesk computes for the charter, and whether a measured value meets its target."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import import_module

from rcdesk.core.periods import Period

log = logging.getLogger(__name__)

MANUAL = "manual"
AT_LEAST, AT_MOST = "min", "max"
COMPARISONS = {AT_LEAST: "au moins", AT_MOST: "au plus"}
UNITS = ("%", "jours ouvrés", "minutes", "heures", "points")
# "points" is for the NPS, the only target that may be negative (−100 to +100).
UNIT_RANGES: dict[str, tuple[float | None, float | None]] = {
    "%": (0.0, 100.0),
    "jours ouvrés": (0.0, None),
    "minutes": (0.0, None),
    "heures": (0.0, None),
    "points": (-100.0, 100.0),
    "": (None, None),
}
# A computed value over the last LAST_DAYS days is the "last value" of a computed indicator.
LAST_DAYS = 90


@dataclass(frozen=True)
class ComputedIndicator:
    key: str
    label: str
    unit: str
    comparison: str
    field: str | None  # attribute of ComplaintIndicators; None: no data source yet
    note: str = ""


INDICATORS: dict[str, ComputedIndicator] = {
    i.key: i for i in (
        ComputedIndicator("complaints_in_time", "Réclamations répondues dans le délai (%)", "%",
                          AT_LEAST, "answered_in_time_pct",
                          "part des réclamations répondues sous le délai de l'entreprise "
                          "(jours ouvrés)"),
        ComputedIndicator("resatisfaction", "Clients re-satisfaits après réclamation (%)", "%",
                          AT_LEAST, "resatisfaction_pct"),
        ComputedIndicator("mean_answer_days", "Délai moyen de réponse aux réclamations "
                          "(jours ouvrés)", "jours ouvrés", AT_MOST, "mean_answer_working_days"),
        ComputedIndicator("nps", "NPS (recommandation, de −100 à +100)", "points", AT_LEAST, None,
                          "pas encore de source de données : les enquêtes NPS ne sont pas "
                          "encore enregistrées dans rcdesk"),
    )
}


@dataclass(frozen=True)
class IndicatorValue:
    """A value over a period, or None with the French reason it is missing."""

    value: float | None
    period: Period
    reason: str = ""


def source_label(source: str, deadline_days: int | None = None) -> str:
    """How a commitment is measured, as the user reads it."""
    if source == MANUAL:
        return "Relevés manuels"
    indicator = INDICATORS.get(source)
    if indicator is None:
        return "Indicateur inconnu"
    if source == "complaints_in_time" and deadline_days:
        return f"Réclamations répondues sous {deadline_days} jours ouvrés (%)"
    return indicator.label


def default_comparison(unit: str) -> str:
    """A delay is kept under its target; a rate or a score is kept above it."""
    return AT_MOST if unit in ("jours ouvrés", "minutes", "heures") else AT_LEAST


def is_met(value: float | None, target: float | None, comparison: str) -> bool | None:
    """True/False when value meets target (at least / at most); None when either is missing."""
    if value is None or target is None:
        return None
    if comparison == AT_MOST:
        return value <= target + 1e-9
    return value >= target - 1e-9


def last_period(today: date) -> Period:
    """The rolling window used for the last value of a computed indicator."""
    return Period(today - timedelta(days=LAST_DAYS - 1), today)


def compute_indicator(key: str, period: Period) -> IndicatorValue:
    """The indicator's value over period; "indisponible" when the complaints area is not there."""
    indicator = INDICATORS.get(key)
    if indicator is None:
        return IndicatorValue(None, period, "indicateur inconnu")
    if indicator.field is None:
        return IndicatorValue(None, period, indicator.note)
    try:
        complaints = import_module("rcdesk.services.complaints")
        compute = complaints.complaint_indicators
    except (ImportError, AttributeError):
        return IndicatorValue(None, period, "indisponible : le registre des réclamations ne "
                                            "calcule pas encore cet indicateur")
    try:
        result = compute(period)
    except Exception:  # noqa: BLE001 - another area's failure must not break the charter
        log.exception("indicateur %s indisponible", key)
        return IndicatorValue(None, period, "indisponible : le calcul a échoué (voir le journal)")
    value = getattr(result, indicator.field, None)
    if value is None:
        return IndicatorValue(None, period, "aucune réclamation répondue sur la période")
    return IndicatorValue(float(value), period)


def format_value(value: float | None, unit: str = "") -> str:
    """95.0, "%" -> "95 %"; 4.25, "jours ouvrés" -> "4,3 jours ouvrés"; None -> "—"."""
    if value is None:
        return "—"
    from rcdesk.core.formatting import format_number

    rounded = round(value, 1)
    text = format_number(rounded, 0 if rounded == int(rounded) else 1)
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
