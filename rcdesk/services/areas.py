"""THE list of rcdesk's areas, and the interface each one offers the rest of the program.

`stats`, `demo`, `maintenance`, `gdpr`, `indicators` and the self-assessment's evidence walk
AREAS; nothing else lists the areas. Adding an area: a package per layer, an `area.py` with an
object satisfying `Area`, one line below, one tab line in ui/main_window.py."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

from rcdesk.core.indicators import IndicatorDef
from rcdesk.core.periods import Period
from rcdesk.services.actions.area import area as actions
from rcdesk.services.area_types import DeleteImpact, DemoContext, EvidenceHint, PersonalData
from rcdesk.services.assessment.area import area as assessment
from rcdesk.services.charter.area import area as charter
from rcdesk.services.complaints.area import area as complaints
from rcdesk.services.customers.area import area as customers
from rcdesk.services.loyalty.area import area as loyalty
from rcdesk.services.pilotage.area import area as pilotage
from rcdesk.services.surveys.area import area as surveys


@runtime_checkable
class Area(Protocol):
    """What an area tells and does for the rest of rcdesk."""

    key: str  # "customers": the key of its part of `rcdesk stats --json`
    label: str  # French name
    models: tuple  # its peewee models (maintenance counts their rows)
    schema_steps: tuple[int, ...]  # the migration steps that created or changed its tables

    def stats(self, period: Period) -> dict:
        """Its keys of `rcdesk stats --json` (documented in the README)."""

    def populate_demo(self, ctx: DemoContext) -> None:
        """Its part of `rcdesk demo`, called in the order of AREAS."""

    def indicators(self) -> list[IndicatorDef]:
        """What the charter, the dashboard and the reviews can measure with it."""

    def measure(self, period: Period) -> dict[str, float | None]:
        """The value of each of its indicators over period, computed together (None: no data)."""

    def evidence(self, today: date) -> list[EvidenceHint]:
        """Hints it gives the self-assessment's themes."""

    def anonymise(self, customer_ids: list[int], people: list[PersonalData]) -> list[Path] | None:
        """GDPR erasure: blank these customers' data and any free text naming them, inside the
        erasure's transaction; returns files to delete once it is committed (or None)."""

    def delete_impact(self, customer_id: int) -> DeleteImpact:
        """Its rows that go with the customer on delete, and those kept without the link."""

    def export_customer(self, customer_id: int) -> dict:
        """Its part of a GDPR access export (keys of the JSON document)."""

    def last_contacts(self, customer_ids: list[int]) -> dict[int, datetime]:
        """The latest contact (UTC) it holds with each of these customers (an interaction, a
        complaint, a survey answer...); customers it has none with are left out. The customer's
        « Dernier contact » is the latest over every area (services/last_contact.py)."""

    # Optional, read by services/indicators.py: `persist_figures = True` keeps its figures of a
    # period in the database (its tables watched by the triggers of models/indicators.py);
    # `live_measure()` / `live_stats()`: figures of today's state, read live over those kept;
    # `figures_valid_until(period, today)`: the last day its figures of period hold (default
    # today: a period still running is measured up to today).


# In this order: demo data of an area may use the areas before it (complaints need customers).
AREAS: tuple[Area, ...] = (customers, complaints, actions, assessment, charter, surveys, loyalty,
                            pilotage)
