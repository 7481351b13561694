"""The customers area as the rest of rcdesk sees it (the Area interface of services/areas.py)."""

from __future__ import annotations

from datetime import date, datetime

from rcdesk.core.formatting import format_number, format_percent
from rcdesk.core.indicators import HIGHER, LOWER, IndicatorDef
from rcdesk.core.periods import Period
from rcdesk.models import customers as models
from rcdesk.models.customers import (
    Customer,
    CustomerContact,
    CustomerEvent,
    Interaction,
    Purchase,
)
from rcdesk.services.area_types import DeleteImpact, DemoContext, EvidenceHint, PersonalData
from rcdesk.services.customers.activity import interaction_contacts
from rcdesk.services.customers.contacts import erase_contacts, export_contacts
from rcdesk.services.customers.demo import populate as populate_demo
from rcdesk.services.customers.figures import retention_rates
from rcdesk.services.customers.figures import stats as customer_stats
from rcdesk.services.customers.gdpr import export_customer_part
from rcdesk.services.customers.records import customer_delete_impact, erase_customer_rows
from rcdesk.services.redact import redact_model

NO_DATA = "aucune donnée dans rcdesk"
LASTING = date(9999, 12, 31)


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{format_number(count, 0)} {singular if count < 2 else plural}"


class CustomersArea:
    key = "customers"
    label = "Clients"
    models = tuple(models.MODELS)
    schema_steps = (2, 6, 7, 11, 14, 15, 16)
    persist_figures = True  # its figures cached in the database (step 15's triggers)

    def stats(self, period: Period) -> dict:
        return customer_stats(period)

    def populate_demo(self, ctx: DemoContext) -> None:
        populate_demo(ctx.fake, ctx.rng, ctx.options)

    def indicators(self) -> list[IndicatorDef]:
        return [
            IndicatorDef("customer_retention", "Taux de rétention des clients (%)", "%", HIGHER,
                         self.key, "clients du début de période encore clients à la fin",
                         stats_key="customers.retention_rate_pct"),
            IndicatorDef("customer_attrition", "Taux d'attrition des clients (%)", "%", LOWER,
                         self.key, "clients du début de période perdus à la fin",
                         stats_key="customers.attrition_rate_pct"),
        ]

    def measure(self, period: Period) -> dict[str, float | None]:
        retention, attrition = retention_rates(period)  # no purchase figures needed here
        return {"customer_retention": retention, "customer_attrition": attrition}

    def figures_valid_until(self, period: Period, today: date) -> date:
        """A period without end is measured up to today (rate_window); one with an end holds
        until a write changes it."""
        return today if period.end is None else LASTING

    def evidence(self, today: date) -> list[EvidenceHint]:
        return [self._contact_points(), self._customer_file()]

    @staticmethod
    def _contact_points() -> EvidenceHint:
        """Theme 2: the channels seen in the recorded interactions (points of contact)."""
        channels = [name for (name,) in Interaction.select(Interaction.channel)
                    .where(Interaction.channel != "").distinct()
                    .order_by(Interaction.channel).tuples()]
        if not channels:
            return EvidenceHint(2, f"Points de contact : {NO_DATA} (aucune interaction avec un "
                                   "canal).", False)
        return EvidenceHint(2, f"Points de contact : {_plural(len(channels), 'canal', 'canaux')} "
                               f"dans les interactions ({', '.join(channels)}).", True)

    @staticmethod
    def _customer_file() -> EvidenceHint:
        """Theme 5: customers whose record is complete (identity, e-mail or phone, address)."""
        alive = Customer.select().where(Customer.anonymised_at.is_null())
        total = alive.count()
        if not total:
            return EvidenceHint(5, f"Fichier client : {NO_DATA} (aucun client).", False)
        complete = alive.where(
            ((Customer.last_name != "") | (Customer.company_name != ""))
            & ((Customer.email != "") | (Customer.phone != ""))
            & (Customer.address != "") & (Customer.postal_code != "")
            & (Customer.city != "")).count()
        share = format_percent(100.0 * complete / total, 0)
        return EvidenceHint(5, f"Fichier client : {format_number(complete, 0)} fiche(s) "
                               f"complète(s) sur {format_number(total, 0)} ({share}).", True)

    def anonymise(self, customer_ids: list[int], people: list[PersonalData]) -> None:
        erase_customer_rows(customer_ids)
        erase_contacts(customer_ids)
        for person in people:  # a purchase's reference (a till or loyalty ticket) may name him
            needles = person.needles()
            redact_model(Purchase, [Purchase.reference], needles)
            redact_model(Interaction, [Interaction.subject, Interaction.outcome], needles)
            # he may be a contact person of a company, or named in another file's history
            redact_model(CustomerContact, [CustomerContact.name, CustomerContact.email,
                                           CustomerContact.phone, CustomerContact.notes], needles)
            redact_model(CustomerEvent, [CustomerEvent.what], needles)

    def delete_impact(self, customer_id: int) -> DeleteImpact:
        impact = customer_delete_impact(customer_id)
        contacts = CustomerContact.select().where(CustomerContact.customer == customer_id).count()
        if contacts:
            impact.gone["contact(s)"] = contacts
        return impact

    def export_customer(self, customer_id: int) -> dict:
        part = export_customer_part(customer_id)
        part["contact_persons"] = export_contacts(customer_id)
        return part

    def last_contacts(self, customer_ids: list[int]) -> dict[int, datetime]:
        return interaction_contacts(customer_ids)


area = CustomersArea()
