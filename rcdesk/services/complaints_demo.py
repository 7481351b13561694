"""Demo data of the complaints area: a year of complaints for the demo customers, PAQ actions."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from rcdesk.models.complaints import Complaint, ComplaintCategory, ComplaintEvent
from rcdesk.models.customers import Customer
from rcdesk.services import settings as settings_service
from rcdesk.services.actions import ActionInput, create_action
from rcdesk.services.complaints_rules import CHANNELS, COMPENSATIONS
from rcdesk.services.complaints_workflow import (
    AnswerInput,
    ComplaintInput,
    Qualification,
    close,
    move,
    qualify,
    record_answer,
    register_complaint,
)
from rcdesk.services.settings import get_company
from rcdesk.services.workdays import add_working_days

PRODUCTS = ("Service à thé « Camélia »", "Verres à pied cristal", "Nappe en lin brodée",
            "Couverts inox 24 pièces", "Cocotte fonte 28 cm", "Plateau en chêne",
            "Liste de mariage", "Livraison à domicile", "Carte cadeau", "Atelier art de la table")
PLACES = ("Magasin de Lille", "Magasin de Roubaix", "Site web", "Service livraison")
CHANNEL_WEIGHTS = (30, 25, 8, 22, 1, 10, 4)
TEXTS = {
    "Produit défectueux": ("Pièce fêlée à l'ouverture du carton.", "Échange du produit."),
    "Livraison": ("Colis livré avec quatre jours de retard et carton écrasé.",
                  "Un geste pour le retard."),
    "Accueil": ("Vendeur peu disponible, attente de vingt minutes en caisse.",
                "Des excuses et plus d'attention."),
    "Facturation": ("Remise fidélité non appliquée sur le ticket.", "Remboursement de la remise."),
    "Délai": ("Commande spéciale annoncée en trois semaines, toujours pas arrivée.",
              "Une date ferme."),
    "Service après-vente": ("Réparation sous garantie refusée sans explication.",
                            "Prise en charge sous garantie."),
}
CATEGORY_WEIGHTS = {"Produit défectueux": 30, "Livraison": 25, "Accueil": 12, "Facturation": 12,
                    "Délai": 13, "Service après-vente": 8}
OPERATORS = ("sophie.martin", "karim.benali", "julie.moreau")


def _retime_events(complaint_id: int, start: datetime, end: datetime) -> None:
    """Spread a demo complaint's timeline between its receipt and its last step."""
    events = [e for (e,) in ComplaintEvent.select(ComplaintEvent.id).where(
        ComplaintEvent.complaint == complaint_id).order_by(ComplaintEvent.id).tuples()]
    span = max(end - start, timedelta(hours=1))
    for i, event_id in enumerate(events):
        at = start + span * (i / max(1, len(events) - 1))
        ComplaintEvent.update(at=at).where(ComplaintEvent.id == event_id).execute()


def populate(fake, rng, options) -> None:
    """About one complaint for four customers over the last year, processed as time went."""
    customer_ids = [i for (i,) in Customer.select(Customer.id).where(
        Customer.status != "prospect").order_by(Customer.id).tuples()]
    if not customer_ids:
        return
    country = get_company().country
    categories = {name: cid for cid, name in ComplaintCategory.select(
        ComplaintCategory.id, ComplaintCategory.name).tuples()}
    names = [n for n in CATEGORY_WEIGHTS if n in categories]
    weights = [CATEGORY_WEIGHTS[n] for n in names]
    today = date.today()
    previous = settings_service._current_operator
    count = max(12, len(customer_ids) // 3)
    repeaters = rng.sample(customer_ids, min(3, len(customer_ids)))
    plan = [(rng.choice(customer_ids), rng.randint(0, 364)) for _ in range(count)]
    plan += [(cid, rng.randint(0, 300)) for cid in repeaters for _ in range(3)]
    plan.sort(key=lambda item: -item[1])
    by_category: dict[str, list[int]] = {}
    try:
        for customer_id, age in plan:
            settings_service._current_operator = rng.choice(OPERATORS)
            received = today - timedelta(days=age)
            category = rng.choices(names, weights)[0]
            description, expectation = TEXTS.get(category, ("Problème signalé.", ""))
            product = rng.choice(PRODUCTS)
            place = "Site web" if "Livraison" in category and rng.random() < 0.5 \
                else rng.choice(PLACES)
            start = datetime.combine(received, time(rng.randint(8, 17), rng.randint(0, 59)))
            cid = register_complaint(ComplaintInput(
                customer_id=customer_id, channel=rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0],
                product=product, place=place, description=description,
                expectation=expectation), received_at=start, received_on=received).id
            by_category.setdefault(category, []).append(cid)
            last = start
            if age >= 1:
                qualify(cid, Qualification(categories[category], rng.choices(
                    ("bonne foi", "mauvaise foi", "faute du vendeur", "à déterminer"),
                    (60, 8, 25, 7))[0], rng.random() > 0.1, rng.choice(
                    ("faible", "moyenne", "moyenne", "élevée")), rng.choice(
                    ("Magasin", "Entrepôt", "Service client"))))
            if age >= 3 and rng.random() < 0.05:
                move(cid, "Non recevable", "Produit acheté hors de nos magasins.")
                _retime_events(cid, start, start + timedelta(days=2))
                continue
            if 1 <= age < 12 and rng.random() < 0.3:
                move(cid, "En attente du client", "Photos demandées au client",
                     on=received + timedelta(days=1))
                _retime_events(cid, start, start + timedelta(days=1))
                continue
            if age < 6 or (age < 30 and rng.random() < 0.25):
                if age >= 2:
                    move(cid, "En traitement")
                _retime_events(cid, start, start + timedelta(hours=age * 8 + 1))
                continue
            delay = rng.choices((1, 2, 3, 4, 5, 6, 8, 10), (10, 18, 22, 18, 14, 8, 6, 4))[0]
            answered = min(add_working_days(received, delay, country), today)
            compensation = rng.choices(COMPENSATIONS, (25, 20, 25, 8, 12, 10))[0]
            cost = 0 if compensation == "aucune" else rng.choice((500, 1000, 1500, 2500, 4000,
                                                                  6000, 9000))
            record_answer(cid, AnswerInput("Nous avons examiné votre demande et vous proposons "
                                           f"la solution suivante : {compensation}.", answered,
                                           compensation, cost))
            last = datetime.combine(answered, time(11, 0))
            if age >= 20 or rng.random() < 0.6:
                close(cid, answered, rng.choices(("oui", "non", "sans réponse"), (72, 12, 16))[0])
                Complaint.update(closed_at=last + timedelta(days=2)).where(
                    Complaint.id == cid).execute()
                last += timedelta(days=2)
            _retime_events(cid, start, last)
        _demo_actions(rng, by_category, today)
    finally:
        settings_service._current_operator = previous


def _demo_actions(rng, by_category: dict[str, list[int]], today: date) -> None:
    specs = [
        ("Livraison", "Cartons écrasés à la livraison", ["matériel", "méthode"],
         "Calage insuffisant des pièces fragiles", "Nouveau calage en carton alvéolé",
         -40, 100, "C"),
        ("Produit défectueux", "Pièces fêlées à la réception", ["matière", "méthode"],
         "Contrôle à réception fournisseur absent", "Contrôle par sondage des arrivages",
         -10, 70, ""),
        ("Accueil", "Attente en caisse aux heures de pointe", ["main d'œuvre", "milieu"],
         "Planning ne suivant pas l'affluence du samedi", "Deuxième caisse le samedi",
         20, 30, ""),
        ("Facturation", "Remise fidélité oubliée", ["méthode", "matériel"],
         "Carte non scannée systématiquement", "Rappel en caisse et affichette", -5, 40, ""),
    ]
    for category, nc, causes, analysis, action, offset, progress, result in specs:
        linked = by_category.get(category, [])[:rng.randint(2, 4)]
        if not linked:
            continue
        planned = today + timedelta(days=offset)
        create_action(ActionInput(
            origin="réclamation", nc=nc, causes_5m=causes, cause_analysis=analysis,
            action=action, planned_date=planned, documents="Procédure qualité PQ-0" +
            str(rng.randint(1, 9)), pilot=rng.choice(("Julie Moreau", "Karim Benali")),
            actors="Équipe magasin", check_how="Suivi des réclamations du mois suivant",
            check_date=planned + timedelta(days=30), progress_pct=progress,
            effect_date=today - timedelta(days=2) if result else None, effect_result=result),
            linked)
    create_action(ActionInput(
        origin="visite mystère", nc="Accueil téléphonique après 5 sonneries",
        causes_5m=["main d'œuvre"], action="Renvoi d'appel vers la réserve",
        planned_date=today + timedelta(days=45), pilot="Sophie Martin",
        check_how="Nouvelle visite mystère", check_date=today + timedelta(days=90)))
