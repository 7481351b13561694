"""The plain values areas exchange through the area interface (see areas.py)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class EvidenceHint:
    """A hint beside a self-assessment theme, from what rcdesk holds: never a score."""

    theme: int
    text: str  # one French sentence shown beside the score
    has_data: bool


@dataclass(frozen=True)
class DemoOptions:
    customers: int = 500
    seed: int = 2026


@dataclass
class DemoContext:
    """What `rcdesk demo` hands each area, in the order of AREAS (customers exist first)."""

    fake: object  # a seeded faker.Faker("fr_FR")
    rng: random.Random
    options: DemoOptions
    today: date
    indicators: dict = field(default_factory=dict)  # key -> IndicatorDef, for the charter
    # (IndicatorDef, Period) -> IndicatorValue: the registry's measure, for an area whose demo
    # measures indicators (pilotage's reviews) without importing the registry
    measure: object = None


@dataclass(frozen=True)
class PersonalData:
    """What identifies one customer, gathered before erasure so every area can search its free
    texts for it (a walk-in complaint naming the person, an action copied from a complaint)."""

    customer_id: int
    names: tuple[str, ...] = ()  # first name, last name, company, "First Last"...
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # as stored and in the usual national spellings

    def needles(self) -> list[str]:
        """The strings to blank, longest first (so "Jean Dupont" goes before "Jean")."""
        items = {s.strip() for s in (*self.names, *self.emails, *self.phones) if s and s.strip()}
        return sorted((s for s in items if len(s) >= 3), key=len, reverse=True)


@dataclass
class DeleteImpact:
    """What deleting a customer does to an area's rows: counts of rows gone and kept."""

    gone: dict[str, int] = field(default_factory=dict)  # French label -> rows deleted with it
    kept: dict[str, int] = field(default_factory=dict)  # French label -> rows kept, unlinked
