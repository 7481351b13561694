"""Use cases of the complaints area (filled by its issue)."""

from __future__ import annotations


def stats(period) -> dict:
    """This area's keys of `rcdesk stats --json` for period."""
    return {}


def populate_demo(fake, rng, options) -> None:
    """Add this area's part of the demo company."""
