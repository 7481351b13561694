"""Pilotage as the rest of rcdesk sees it (the Area interface of services/areas.py)."""

from __future__ import annotations

from datetime import date

from rcdesk.core.formatting import format_number
from rcdesk.core.indicators import IndicatorDef
from rcdesk.core.periods import Period
from rcdesk.models import pilotage as models
from rcdesk.models.pilotage import IndicatorReview, IndicatorTarget
from rcdesk.services.area_types import DeleteImpact, DemoContext, EvidenceHint, PersonalData
from rcdesk.services.pilotage.stats import stats


class PilotageArea:
    key = "pilotage"
    label = "Pilotage"
    models = tuple(models.MODELS)
    schema_steps = (6,)

    def stats(self, period: Period) -> dict:
        return stats(period)

    def populate_demo(self, ctx: DemoContext) -> None:
        from rcdesk.services.pilotage.demo import populate

        populate(ctx)

    def indicators(self) -> list[IndicatorDef]:
        """Pilotage measures nothing of its own: it sets targets on the others'."""
        return []

    def measure(self, period: Period) -> dict[str, float | None]:
        return {}

    def evidence(self, today: date) -> list[EvidenceHint]:
        """Theme 3 (team animation): targets of the year and indicator reviews held."""
        targets = IndicatorTarget.select().where(IndicatorTarget.year == today.year).count()
        reviews = IndicatorReview.select().count()
        if not targets and not reviews:
            return [EvidenceHint(3, "Pilotage : aucune cible annuelle ni revue d'indicateurs.",
                                 False)]
        return [EvidenceHint(3, f"Pilotage : {format_number(targets, 0)} cible(s) pour "
                                f"{today.year}, {format_number(reviews, 0)} revue(s) "
                                "d'indicateurs tenue(s).", True)]

    def anonymise(self, customer_ids: list[int], people: list[PersonalData]) -> None:
        """Pilotage holds no customer data: targets, reviews, journey and plan are about the
        company (a plan's mailing list is exported, never stored)."""

    def delete_impact(self, customer_id: int) -> DeleteImpact:
        return DeleteImpact()

    def export_customer(self, customer_id: int) -> dict:
        return {}


area = PilotageArea()
