"""Loyalty as the rest of rcdesk sees it (the Area interface of services/areas.py)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from rcdesk.core.formatting import format_number
from rcdesk.core.indicators import HIGHER, LOWER, IndicatorDef
from rcdesk.core.loyalty import BLOCKED
from rcdesk.core.periods import Period
from rcdesk.models import loyalty as models
from rcdesk.models.loyalty import LoyaltyCard
from rcdesk.services.area_types import DeleteImpact, DemoContext, EvidenceHint, PersonalData
from rcdesk.services.loyalty import figures, gdpr
from rcdesk.services.loyalty.demo import populate

NO_CARDS = "aucune carte de fidélité"
LASTING = date(9999, 12, 31)


class LoyaltyArea:
    key = "loyalty"
    label = "Fidélité"
    models = tuple(models.MODELS)
    schema_steps = (9, 15)
    persist_figures = True  # its figures cached in the database (step 15's triggers)

    def stats(self, period: Period) -> dict:
        return figures.stats(period)

    def populate_demo(self, ctx: DemoContext) -> None:
        populate(ctx)

    def indicators(self) -> list[IndicatorDef]:
        return [
            IndicatorDef("loyalty_active_cards", "Cartes de fidélité actives", "", HIGHER,
                         self.key, "cartes non bloquées et non expirées à la fin de la période",
                         NO_CARDS, stats_key="loyalty.active_cards",
                         drill_down="Cartes en délai de grâce (à renouveler)"),
            IndicatorDef("loyalty_points_outstanding", "Points de fidélité en circulation", "",
                         LOWER, self.key, "soldes des cartes non bloquées (un engagement de "
                         "l'entreprise)", stats_key="loyalty.points_outstanding"),
            IndicatorDef("loyalty_revenue_share", "Part du CA réalisée par les porteurs de "
                         "carte (%)", "%", HIGHER, self.key,
                         "achats des clients ayant une carte ÷ tous les achats de la période"),
            IndicatorDef("loyalty_voucher_use", "Bons de fidélité utilisés (%)", "%", HIGHER,
                         self.key, "bons utilisés ÷ (bons utilisés + bons expirés sans "
                         "usage) sur la période", "aucun bon utilisé ni expiré sur la période"),
            IndicatorDef("loyalty_renewal_rate", "Cartes renouvelées (%)", "%", HIGHER,
                         self.key, "renouvellements ÷ (renouvellements + cartes expirées au-delà "
                         "du délai de grâce) sur la période",
                         "aucune carte arrivée à expiration sur la période",
                         drill_down="Cartes en délai de grâce (à renouveler)"),
        ]

    def measure(self, period: Period) -> dict[str, float | None]:
        return figures.measure(period)

    def figures_valid_until(self, period: Period, today: date) -> date:
        """Figures as of the period's end, or of today while it runs (figures._as_of)."""
        return LASTING if period.end is not None and period.end < today else today

    # read live over the cached figures (the indicator cache keeps the rest: step 15)
    def live_measure(self) -> dict[str, float | None]:
        return figures.live_measure()

    def live_stats(self) -> dict:
        return figures.live_stats()

    def evidence(self, today: date) -> list[EvidenceHint]:
        """Theme 8 (fidélisation): cards held."""
        count = LoyaltyCard.select().where((LoyaltyCard.status != BLOCKED)
                                           & (LoyaltyCard.expires_on >= today)).count()
        if not count:
            return [EvidenceHint(8, "Fidélité : aucune donnée (aucune carte de fidélité active).", False)]
        word = "carte active" if count < 2 else "cartes actives"
        return [EvidenceHint(8, f"Fidélité : {format_number(count, 0)} {word}.", True)]

    def anonymise(self, customer_ids: list[int], people: list[PersonalData]) -> list[Path]:
        gdpr.anonymise(customer_ids, people)
        return []

    def delete_impact(self, customer_id: int) -> DeleteImpact:
        return gdpr.delete_impact(customer_id)

    def export_customer(self, customer_id: int) -> dict:
        return gdpr.export_customer(customer_id)

    def last_contacts(self, customer_ids: list[int]) -> dict[int, datetime]:
        return {}  # no contact with a customer is recorded here


area = LoyaltyArea()
