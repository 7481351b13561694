"""The demo company's charter of commitments, with a year of monthly manual readings."""

from __future__ import annotations

from datetime import date, timedelta

from rcdesk.core.periods import Period, month_periods
from rcdesk.services.area_types import DemoContext
from rcdesk.services.charter.records import (
    CommitmentInput,
    ReadingInput,
    add_commitment,
    add_reading,
)

# wording, indicator, target, unit, how measured, owner, source, typical value, spread
DEMO_COMMITMENTS = (
    ("Nous répondons à toute réclamation sous 5 jours ouvrés.",
     "Réclamations répondues dans le délai", 95, "%", "Registre des réclamations (rcdesk)",
     "Responsable qualité", "complaints_in_time", None, None),
    ("Nous vous accueillons en magasin en moins de 5 minutes.",
     "Temps d'attente à l'accueil", 5, "minutes", "Visite mystère mensuelle",
     "Responsable magasin", "manual", 4.2, 1.6),
    ("Nous rappelons chaque client sous 24 heures.",
     "Délai de rappel téléphonique", 24, "heures", "Relevé du journal d'appels",
     "Service client", "manual", 18.0, 8.0),
    ("Nous livrons votre commande sous 3 jours ouvrés.",
     "Commandes livrées dans le délai", 90, "%", "Suivi des bons de livraison",
     "Responsable logistique", "manual", 91.0, 4.0),
    ("Nous vous proposons un rendez-vous sous 48 heures.",
     "Délai de premier rendez-vous", 48, "heures", "Agenda des conseillers",
     "Responsable commercial", "manual", 40.0, 12.0),
    ("Nous échangeons un article défectueux le jour même.",
     "Échanges faits le jour même", 98, "%", "Registre des retours", "Responsable magasin",
     "manual", 97.5, 2.0),
    ("Nous vous rappelons sous 10 jours pour vérifier votre satisfaction.",
     "Clients re-satisfaits", 80, "%", "Appel de clôture (rcdesk)", "Responsable qualité",
     "resatisfaction", None, None),
)


def populate(ctx: DemoContext) -> None:
    """The demo charter; its computed commitments are checked against ctx.indicators."""
    rng, today = ctx.rng, ctx.today
    months = month_periods(Period(date(today.year - 1, today.month, 1), today))[:-1]
    for (wording, indicator, target, unit, how, owner, source, typical,
         spread) in DEMO_COMMITMENTS:
        review = today + timedelta(days=rng.randint(60, 300))
        commitment = add_commitment(CommitmentInput(
            wording=wording, indicator=indicator, target=target, unit=unit, measured_how=how,
            owner=owner, review_date=review, source=source), ctx.indicators)
        if typical is None:
            continue
        low, high = (0.0, 100.0) if unit == "%" else (0.0, None)
        for month in months:
            value = round(rng.gauss(typical, spread / 2), 1)
            value = max(low, value if high is None else min(high, value))
            add_reading(commitment.id, ReadingInput(month.start, month.end, value))
