"""Pilotage as the rest of rcdesk sees it (the Area interface of services/areas.py)."""

from __future__ import annotations

from datetime import date, datetime

from rcdesk.core.formatting import format_number
from rcdesk.core.indicators import IndicatorDef
from rcdesk.core.periods import Period
from rcdesk.models import pilotage as models
from rcdesk.models.pilotage import (
    CommPlanRow,
    IndicatorReview,
    IndicatorTarget,
    ReviewDecision,
    ReviewLine,
)
from rcdesk.services.area_types import DeleteImpact, DemoContext, EvidenceHint, PersonalData
from rcdesk.services.pilotage.stats import stats
from rcdesk.services.redact import redact_model


class PilotageArea:
    key = "pilotage"
    label = "Pilotage"
    models = tuple(models.MODELS)
    schema_steps = (10,)

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
        """Pilotage keeps no customer record (a plan's mailing list is exported, never
        stored), but a review's comment or decision, or a plan's text, may name one: redacted."""
        for person in people:
            needles = person.needles()
            redact_model(IndicatorReview, [IndicatorReview.comments,
                                           IndicatorReview.participants], needles)
            redact_model(ReviewLine, [ReviewLine.comment], needles)
            redact_model(ReviewDecision, [ReviewDecision.text], needles)
            redact_model(CommPlanRow, [CommPlanRow.action, CommPlanRow.target_segment,
                                       CommPlanRow.resources, CommPlanRow.measure,
                                       CommPlanRow.result], needles)

    def delete_impact(self, customer_id: int) -> DeleteImpact:
        return DeleteImpact()

    def export_customer(self, customer_id: int) -> dict:
        return {}

    def last_contacts(self, customer_ids: list[int]) -> dict[int, datetime]:
        return {}  # no contact with a customer is recorded here


area = PilotageArea()
