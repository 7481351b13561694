"""The charter of commitments as the rest of rcdesk sees it (the Area interface)."""

from __future__ import annotations

from datetime import date

from rcdesk.core.formatting import format_number
from rcdesk.core.indicators import IndicatorDef
from rcdesk.core.periods import Period
from rcdesk.models import charter as models
from rcdesk.services.area_types import DeleteImpact, DemoContext, EvidenceHint, PersonalData
from rcdesk.services.charter.demo import populate
from rcdesk.services.charter.records import charter_summary, stats


class CharterArea:
    key = "charter"
    label = "Charte d'engagements"
    models = tuple(models.MODELS)
    schema_steps = (3,)

    def stats(self, period: Period) -> dict:
        return stats(period)

    def populate_demo(self, ctx: DemoContext) -> None:
        populate(ctx)

    def indicators(self) -> list[IndicatorDef]:
        return []

    def measure(self, period: Period) -> dict[str, float | None]:
        return {}

    def evidence(self, today: date) -> list[EvidenceHint]:
        """Theme 1: the charter's commitments, and how many are measurable."""
        summary = charter_summary()
        if not summary.commitments:
            return [EvidenceHint(1, "Charte d'engagements : aucun engagement enregistré.", False)]
        count, measurable = summary.commitments, summary.measurable
        word = "engagement" if count < 2 else "engagements"
        return [EvidenceHint(1, f"Charte d'engagements : {format_number(count, 0)} {word}, dont "
                                f"{format_number(measurable, 0)} mesurable"
                                f"{'s' if measurable > 1 else ''}.", True)]

    def anonymise(self, customer_ids: list[int], people: list[PersonalData]) -> None:
        """The charter holds no customer data."""

    def delete_impact(self, customer_id: int) -> DeleteImpact:
        return DeleteImpact()

    def export_customer(self, customer_id: int) -> dict:
        return {}


area = CharterArea()
