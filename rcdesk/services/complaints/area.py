"""The complaints area as the rest of rcdesk sees it (the Area interface of services/areas.py)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from rcdesk.core.formatting import format_number
from rcdesk.core.indicators import HIGHER, LOWER, IndicatorDef
from rcdesk.core.periods import Period, last_12_months
from rcdesk.models import complaints as models
from rcdesk.models.complaints import (
    Complaint,
    ComplaintAttachment,
    ComplaintCategory,
    ComplaintEvent,
)
from rcdesk.services.area_types import DeleteImpact, DemoContext, EvidenceHint, PersonalData
from rcdesk.services.complaints.demo import populate as populate_demo
from rcdesk.services.complaints.gdpr import anonymise_complaints
from rcdesk.services.complaints.indicators import figures_valid_until, headline_indicators
from rcdesk.services.complaints.indicators import stats as complaint_stats
from rcdesk.services.complaints.workflow import complaint_contacts
from rcdesk.services.redact import redact_model
from rcdesk.services.settings import get_company, operator_names

# indicator key -> attribute of ComplaintIndicators
_FIELDS = {
    "complaints_received": "received",
    "complaints_in_time": "answered_in_time_pct",
    "mean_answer_days": "mean_answer_working_days",
    "resatisfaction": "resatisfaction_pct",
    "complaint_rate": "rate_pct",
    "loss_rate": "loss_rate_pct",
}


NO_ANSWER = "aucune réclamation répondue sur la période"


class ComplaintsArea:
    key = "complaints"
    label = "Réclamations"
    models = tuple(models.MODELS)
    schema_steps = (4, 15)
    persist_figures = True  # its figures cached in the database (step 15's triggers)

    def stats(self, period: Period) -> dict:
        return complaint_stats(period)

    def populate_demo(self, ctx: DemoContext) -> None:
        populate_demo(ctx.fake, ctx.rng, ctx.options)

    def indicators(self) -> list[IndicatorDef]:
        days = get_company().complaint_deadline_days
        return [
            IndicatorDef("complaints_received", "Réclamations reçues", "", LOWER, self.key,
                         stats_key="complaints.received"),
            IndicatorDef("complaints_in_time", f"Réclamations répondues sous {days} jours "
                         "ouvrés (%)", "%", HIGHER, self.key,
                         "part des réclamations répondues sous le délai de l'entreprise "
                         "(jours ouvrés)", NO_ANSWER,
                         "complaints.answered_in_time_pct",
                         drill_down="Réclamations en retard"),
            IndicatorDef("mean_answer_days", "Délai moyen de réponse aux réclamations (jours "
                         "ouvrés)", "jours ouvrés", LOWER, self.key, no_data=NO_ANSWER,
                         stats_key="complaints.mean_answer_working_days"),
            IndicatorDef("resatisfaction", "Clients re-satisfaits après réclamation (%)", "%",
                         HIGHER, self.key, stats_key="complaints.resatisfaction_pct"),
            IndicatorDef("complaint_rate", "Taux de réclamation (%)", "%", LOWER, self.key,
                         "réclamations ÷ transactions de la période",
                         stats_key="complaints.rate_pct"),
            IndicatorDef("loss_rate", "Taux de perte dû aux réclamations (%)", "%", LOWER,
                         self.key, "coûts des réclamations ÷ chiffre d'affaires",
                         stats_key="complaints.loss_rate_pct"),
        ]

    def measure(self, period: Period) -> dict[str, float | None]:
        figures = headline_indicators(period)
        return {key: getattr(figures, name) for key, name in _FIELDS.items()}

    def figures_valid_until(self, period: Period, today: date) -> date:
        return figures_valid_until(period, today)

    def evidence(self, today: date) -> list[EvidenceHint]:
        """Theme 7: complaints recorded, and those of the last 12 months."""
        total = Complaint.select().count()
        if not total:
            return [EvidenceHint(7, "Réclamations : aucune réclamation enregistrée.", False)]
        window = last_12_months(today)
        recent = Complaint.select().where(Complaint.received_on.between(
            window.start, window.end)).count()
        word = "enregistrée" if total < 2 else "enregistrées"
        return [EvidenceHint(7, f"Réclamations : {format_number(total, 0)} {word}, dont "
                                f"{format_number(recent, 0)} sur les 12 derniers mois.", True)]

    def anonymise(self, customer_ids: list[int], people: list[PersonalData]) -> list[Path]:
        """The customers' own complaints lose their personal texts and attachments; any other
        complaint or timeline line that names them (a walk-in's story, a comment) is redacted.
        Returns the attachment files to delete once the erasure is committed."""
        files = anonymise_complaints(customer_ids)
        for person in people:
            needles = person.needles()
            redact_model(Complaint, [Complaint.walk_in_name, Complaint.walk_in_contact,
                                     Complaint.description, Complaint.expectation,
                                     Complaint.answer_text, Complaint.product, Complaint.place],
                         needles)
            redact_model(ComplaintEvent, [ComplaintEvent.what, ComplaintEvent.comment], needles)
            # a file of another complaint named after the person ("photo Dupont.jpg")
            redact_model(ComplaintAttachment, [ComplaintAttachment.filename], needles)
        return files

    def delete_impact(self, customer_id: int) -> DeleteImpact:
        count = Complaint.select().where(Complaint.customer == customer_id).count()
        return DeleteImpact(kept={"réclamation(s)": count})

    def export_customer(self, customer_id: int) -> dict:
        categories = dict(ComplaintCategory.select(ComplaintCategory.id, ComplaintCategory.name)
                          .tuples())
        rows = (Complaint.select().where(Complaint.customer == customer_id)
                .order_by(Complaint.received_on, Complaint.id))
        names = operator_names()
        result = []
        for row in rows:
            events = [{"at": e.at.isoformat(), "who": names.get(e.who, e.who), "what": e.what,
                       "comment": e.comment}
                      for e in row.events.order_by(ComplaintEvent.at, ComplaintEvent.id)]
            result.append({
                "number": row.number, "received_on": row.received_on.isoformat(),
                "due_date": row.due_date.isoformat(), "channel": row.channel,
                "product": row.product, "place": row.place, "description": row.description,
                "expectation": row.expectation, "status": row.status,
                "category": categories.get(row.category_id, ""), "type": row.type,
                "answer": row.answer_text,
                "answer_date": row.answer_date.isoformat() if row.answer_date else None,
                "compensation": row.compensation, "resatisfied": row.resatisfied,
                "events": events})
        return {"complaints": result}

    def last_contacts(self, customer_ids: list[int]) -> dict[int, datetime]:
        return complaint_contacts(customer_ids)


area = ComplaintsArea()
