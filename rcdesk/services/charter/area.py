"""The charter of commitments as the rest of rcdesk sees it (the Area interface)."""

from __future__ import annotations

from datetime import date, datetime

from rcdesk.core.formatting import format_number
from rcdesk.core.indicators import IndicatorDef, default_comparison
from rcdesk.core.periods import Period
from rcdesk.models import charter as models
from rcdesk.services.area_types import DeleteImpact, DemoContext, EvidenceHint, PersonalData
from rcdesk.services.charter.demo import populate
from rcdesk.services.charter.records import (
    charter_summary,
    manual_commitments,
    manual_indicator_key,
    manual_values,
    stats,
)


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
        """Each commitment measured by hand is an indicator of its own (manual readings): the
        charter and the dashboard share these indicators and their readings."""
        return [IndicatorDef(manual_indicator_key(c.id), c.indicator or c.wording,
                             c.target_unit, c.comparison or default_comparison(c.target_unit),
                             self.key, "relevés manuels (moyenne des relevés de la période)",
                             "aucun relevé sur la période", manual=True)
                for c in manual_commitments()]

    def measure(self, period: Period) -> dict[str, float | None]:
        return manual_values(period)

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

    def last_contacts(self, customer_ids: list[int]) -> dict[int, datetime]:
        return {}  # no contact with a customer is recorded here


area = CharterArea()
