"""Interactions counted per customer journey step (pilotage's journey map reads them here)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from peewee import fn

from rcdesk.core.periods import Period
from rcdesk.models.customers import Interaction


def _in_period(query, period: Period):
    if period.start is not None:
        query = query.where(Interaction.at >= datetime.combine(period.start, time()))
    if period.end is not None:
        query = query.where(Interaction.at < datetime.combine(period.end + timedelta(days=1),
                                                               time()))
    return query


def interaction_counts_by_step(period: Period) -> dict[str, int]:
    """step -> interactions in the period ("" = no step given)."""
    query = Interaction.select(Interaction.step, fn.COUNT(Interaction.id))
    return dict(_in_period(query, period).group_by(Interaction.step).tuples())


def step_usage(step: str) -> int:
    """How many interactions carry this step."""
    return Interaction.select().where(Interaction.step == step).count()


def rename_interaction_step(old: str, new: str) -> int:
    """Interactions of step `old` move to `new` (in the caller's transaction)."""
    return Interaction.update(step=new).where(Interaction.step == old).execute()
