"""The quality action plan (PAQ) as the rest of rcdesk sees it (the Area interface)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from rcdesk.core.indicators import LOWER, IndicatorDef
from rcdesk.core.periods import Period
from rcdesk.models import actions as models
from rcdesk.models.actions import QualityAction
from rcdesk.services.actions import is_overdue
from rcdesk.services.area_types import DeleteImpact, DemoContext, EvidenceHint, PersonalData
from rcdesk.services.redact import redact_model

TEXT_FIELDS = (QualityAction.nc, QualityAction.cause_analysis, QualityAction.action,
               QualityAction.documents, QualityAction.actors, QualityAction.check_how)


def _counts(on: date) -> tuple[int, int]:
    """(actions created up to `on`, of which late on that day)."""
    q = QualityAction
    rows = q.select(q.planned_date, q.progress_pct, q.check_date, q.effect_result).where(
        q.created_at < datetime.combine(on + timedelta(days=1), time())).tuples()
    total = late = 0
    for planned, progress, check, result in rows:
        total += 1
        late += is_overdue(planned, progress, check, result, on)
    return total, late


class ActionsArea:
    key = "actions"
    label = "Plan d'actions qualité"
    models = tuple(models.MODELS)
    schema_steps = (4,)

    def stats(self, period: Period) -> dict:
        total, late = _counts(min(period.end or date.today(), date.today()))
        return {"actions": {"count": total, "overdue": late}}

    def populate_demo(self, ctx: DemoContext) -> None:
        """Nothing of its own: the complaints demo opens the actions its complaints call for."""

    def indicators(self) -> list[IndicatorDef]:
        return [IndicatorDef("paq_overdue", "Actions du plan qualité en retard", "", LOWER,
                             self.key, "actions en retard à la fin de la période (ou "
                                       "aujourd'hui)", stats_key="actions.overdue",
                             drill_down="Actions du plan qualité en retard")]

    def measure(self, period: Period) -> dict[str, float | None]:
        """A count, as in `stats`: no action is 0 overdue, a true 0 (the « never a fake 0 »
        rule is for rates and means whose denominator is empty, not for counts)."""
        _total, late = _counts(min(period.end or date.today(), date.today()))
        return {"paq_overdue": float(late)}

    def evidence(self, today: date) -> list[EvidenceHint]:
        return []

    def anonymise(self, customer_ids: list[int], people: list[PersonalData]) -> None:
        """Action texts are often copied from a complaint: a customer named there is redacted."""
        for person in people:
            redact_model(QualityAction, list(TEXT_FIELDS), person.needles())

    def delete_impact(self, customer_id: int) -> DeleteImpact:
        return DeleteImpact()

    def export_customer(self, customer_id: int) -> dict:
        return {}

    def last_contacts(self, customer_ids: list[int]) -> dict[int, datetime]:
        return {}  # no contact with a customer is recorded here


area = ActionsArea()
