"""Pilotage's part of `rcdesk demo`: targets, two reviews, a journey, a communication plan."""

from __future__ import annotations

from rcdesk.services.area_types import DemoContext


def populate(ctx: DemoContext) -> None:
    """Filled in below as the area grows."""
