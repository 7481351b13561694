"""Target against measured value per period for each commitment: the compliance report's data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rcdesk.core.indicators import MANUAL, is_met
from rcdesk.core.periods import Period, last_calendar_months, month_periods
from rcdesk.models.charter import CommitmentReading
from rcdesk.services.charter.commitments import (
    Commitment,
    describe_source,
    list_commitments,
    measure_over,
)


@dataclass(frozen=True)
class PeriodResult:
    period: Period
    value: float | None
    met: bool | None
    reason: str = ""
    note: str = ""


@dataclass
class CommitmentCompliance:
    commitment: Commitment
    source: str  # "Relevés manuels" or the computed indicator's label
    rows: list[PeriodResult] = field(default_factory=list)

    @property
    def measured(self) -> int:
        return sum(1 for r in self.rows if r.met is not None)

    @property
    def met(self) -> int:
        return sum(1 for r in self.rows if r.met)

    @property
    def rate(self) -> float | None:
        """Share of measured periods that met the target, in %."""
        return self.met * 100.0 / self.measured if self.measured else None


def resolve_period(period: Period | None, today: date | None = None) -> Period:
    """Missing bounds default to the last 12 calendar months up to today."""
    today = today or date.today()
    default = last_calendar_months(today, 12)
    if period is None:
        return default
    return Period(period.start or default.start, period.end or today)


def charter_compliance(period: Period | None = None,
                       today: date | None = None) -> tuple[Period, list[CommitmentCompliance]]:
    """Each commitment of the charter with its history over the period (last 12 months)."""
    period = resolve_period(period, today)
    result = []
    for commitment in list_commitments():
        item = CommitmentCompliance(commitment, describe_source(commitment),
                                    commitment_history(commitment, period))
        result.append(item)
    return period, result


def commitment_history(commitment: Commitment, period: Period) -> list[PeriodResult]:
    """Manual readings overlapping period, or the computed indicator month by month."""
    rows = []
    if commitment.source == MANUAL:
        readings = (CommitmentReading.select()
                    .where((CommitmentReading.commitment == commitment.id)
                           & (CommitmentReading.period_end >= period.start)
                           & (CommitmentReading.period_start <= period.end))
                    .order_by(CommitmentReading.period_start, CommitmentReading.id))
        for row in readings:
            rows.append(PeriodResult(
                Period(row.period_start, row.period_end), row.value,
                is_met(row.value, commitment.target_value, commitment.comparison),
                note=row.note))
        return rows
    for month in month_periods(period):
        value = measure_over(commitment, month)
        rows.append(PeriodResult(
            month, value.value,
            is_met(value.value, commitment.target_value, commitment.comparison),
            reason=value.reason))
    return rows
