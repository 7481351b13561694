"""The maturity self-assessment as the rest of rcdesk sees it (the Area interface)."""

from __future__ import annotations

from datetime import date, datetime

from rcdesk.core.indicators import HIGHER, IndicatorDef
from rcdesk.core.periods import Period
from rcdesk.models import assessment as models
from rcdesk.models.assessment import Assessment, Organisation
from rcdesk.services.area_types import DeleteImpact, DemoContext, EvidenceHint, PersonalData
from rcdesk.services.assessment import populate_demo, stats
from rcdesk.services.assessment.rules import average


class AssessmentArea:
    key = "assessment"
    label = "Auto-évaluation"
    models = tuple(models.MODELS)
    schema_steps = (3,)

    def stats(self, period: Period) -> dict:
        return stats(period)

    def populate_demo(self, ctx: DemoContext) -> None:
        populate_demo(ctx.today)

    def indicators(self) -> list[IndicatorDef]:
        return [IndicatorDef("maturity_average", "Maturité de la relation client (moyenne sur "
                             "10)", "", HIGHER, self.key,
                             "moyenne de la dernière auto-évaluation de l'entreprise dans la "
                             "période")]

    def measure(self, period: Period) -> dict[str, float | None]:
        query = (Assessment.select(Assessment.id).join(Organisation)
                 .where(Organisation.is_own == True))  # noqa: E712 - peewee expression
        if period.start is not None:
            query = query.where(Assessment.date >= period.start)
        if period.end is not None:
            query = query.where(Assessment.date <= period.end)
        latest = query.order_by(Assessment.date.desc(), Assessment.id.desc()).first()
        if latest is None:
            return {"maturity_average": None}
        scores = [s.score for s in models.AssessmentScore.select(models.AssessmentScore.score)
                  .where(models.AssessmentScore.assessment == latest.id)]
        return {"maturity_average": average(scores) if scores else None}

    def evidence(self, today: date) -> list[EvidenceHint]:
        return []

    def anonymise(self, customer_ids: list[int], people: list[PersonalData]) -> None:
        """Assessments are about organisations, never about a customer."""

    def delete_impact(self, customer_id: int) -> DeleteImpact:
        return DeleteImpact()

    def export_customer(self, customer_id: int) -> dict:
        return {}

    def last_contacts(self, customer_ids: list[int]) -> dict[int, datetime]:
        return {}  # no contact with a customer is recorded here


area = AssessmentArea()
