"""Use cases of the charter of commitments, as the UI, the CLI and the reports call them.

Re-exports records.py and adds what needs the indicator registry: which computed indicators a
commitment may follow, and the last value of each commitment against its target."""

from __future__ import annotations

from datetime import date, timedelta

from rcdesk.core.indicators import MANUAL, IndicatorDef, is_met
from rcdesk.core.periods import Period
from rcdesk.models.charter import CommitmentReading
from rcdesk.services import indicators
from rcdesk.services.charter import records
from rcdesk.services.charter.records import (  # noqa: F401
    CharterSummary,
    Commitment,
    CommitmentInput,
    Measure,
    Reading,
    ReadingInput,
    add_reading,
    charter_summary,
    charter_warnings,
    check_range,
    delete_commitment,
    delete_reading,
    get_commitment,
    jargon_terms,
    list_commitments,
    list_readings,
    move_commitment,
    parse_number,
    reorder_commitments,
    reset_jargon_terms,
    set_jargon_terms,
    stats,
    validate_commitment,
)

# A computed indicator's "last value" is its value over the last LAST_DAYS days.
LAST_DAYS = 90


def sources() -> dict[str, IndicatorDef]:
    """The computed indicators a commitment may follow: every indicator of the registry but
    the manual ones (a commitment measured by hand is one of those itself)."""
    return {key: d for key, d in indicators.definitions().items() if not d.manual}


def last_period(today: date) -> Period:
    """The rolling window used for the last value of a computed indicator."""
    return Period(today - timedelta(days=LAST_DAYS - 1), today)


def add_commitment(data: CommitmentInput) -> Commitment:
    """Append a commitment at the end of the charter."""
    return records.add_commitment(data, sources())


def update_commitment(commitment_id: int, data: CommitmentInput, *, overwrite: bool = False,
                      original: Commitment | None = None) -> Commitment:
    """records.update_commitment with the registry's indicators (StaleRecordError likewise)."""
    return records.update_commitment(commitment_id, data, sources(), overwrite=overwrite,
                                     original=original)


def source_label(source: str) -> str:
    """How a commitment is measured, as the user reads it."""
    if source == MANUAL:
        return "Relevés manuels"
    found = indicators.definition(source)
    return found.label if found else "Indicateur inconnu"


def describe_source(commitment: Commitment) -> str:
    return source_label(commitment.source)


def measure_over(commitment: Commitment, period: Period) -> indicators.IndicatorValue:
    """A computed commitment's value over period (cached per area and period)."""
    return indicators.measure(commitment.source, period)


def last_measure(commitment: Commitment, today: date | None = None) -> Measure:
    """The most recent value of the commitment and whether it meets the target."""
    today = today or date.today()
    if commitment.source == MANUAL:
        row = (CommitmentReading.select()
               .where(CommitmentReading.commitment == commitment.id)
               .order_by(CommitmentReading.period_end.desc(), CommitmentReading.id.desc())
               .first())
        if row is None:
            return Measure(None, None, None, "aucun relevé")
        value, period = row.value, Period(row.period_start, row.period_end)
    else:
        result = indicators.measure(commitment.source, last_period(today))
        if result.value is None:
            return Measure(None, result.period, None, result.reason)
        value, period = result.value, result.period
    return Measure(value, period, is_met(value, commitment.target_value, commitment.comparison))


def measure_text(commitment: Commitment, measure: Measure) -> str:
    """The one way a commitment's last value is written (panel, measures, CLI): the value and
    the period it covers, named — « 92,0 % (90 derniers jours : 01/09/2026 – 29/11/2026) »
    for a computed indicator, « 4,2 j (novembre 2026) » for a reading — or why there is
    none (« aucun relevé »)."""
    from rcdesk.core.indicators import format_value
    from rcdesk.core.periods import period_label

    if measure.value is None:
        return measure.reason
    span = period_label(measure.period)
    if commitment.source != MANUAL:
        span = f"{LAST_DAYS} derniers jours : {span}"
    return f"{format_value(measure.value, commitment.target_unit)} ({span})"
