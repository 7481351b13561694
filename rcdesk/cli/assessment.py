"""Sub-commands of the assessment area (filled by its issue)."""

from __future__ import annotations


def register(groups) -> None:
    """Add this area's commands to groups.top / import_ / export / report."""
