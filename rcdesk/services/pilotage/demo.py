"""Pilotage's part of `rcdesk demo`: complaints placed on the journey, contact points, targets
of the year, two indicator reviews (the second going through the first's decisions) and the
year's communication plan."""

from __future__ import annotations

from datetime import date, timedelta

from rcdesk.core.periods import Period
from rcdesk.services import actions
from rcdesk.services.area_types import DemoContext
from rcdesk.services.complaints import journey as complaint_steps
from rcdesk.services.pilotage.board import row_for
from rcdesk.services.pilotage.comm_plan import PlanInput, add_plan_row
from rcdesk.services.pilotage.journey import ContactInput, add_contact, list_steps
from rcdesk.services.pilotage.review_store import DecisionInput, ReviewInput, store_review
from rcdesk.services.pilotage.target_store import save_target, targets_of_year
from rcdesk.services.surveys import journey as criterion_steps

# category of complaint -> the journey steps it usually arises at
CATEGORY_STEPS = {"Produit défectueux": ("utilisation", "SAV"), "Livraison": ("livraison",),
                  "Accueil": ("information", "commande"), "Facturation": ("commande", "devis"),
                  "Délai": ("livraison", "devis"), "Service après-vente": ("SAV",)}
# The shop questionnaire's criteria (surveys' SHOP_CRITERIA) and the step each belongs to.
CRITERION_STEPS = {"Accueil": "information", "Conseil du vendeur": "devis",
                   "Choix des produits": "découverte", "Attente en caisse": "commande",
                   "Prix": "devis", "Service après-vente": "SAV"}
CONTACTS = {
    "découverte": (("publicité", False, "affiche, presse locale", "salon professionnel", False),
                   ("réseaux sociaux", False, "Instagram", "LinkedIn", False)),
    "information": (("site web", False, "site web", "site web", False),
                    ("accueil", True, "comptoir", "téléphone", True)),
    "devis": (("vendeur", True, "comptoir", "visite commerciale", True),),
    "commande": (("vendeur", True, "comptoir", "e-mail", False),
                 ("e-mail", False, "e-mail", "e-mail", False)),
    "livraison": (("livreur", True, "domicile", "quai de livraison", True),
                  ("SMS", False, "SMS", "e-mail", False)),
    "utilisation": (("téléphone", True, "téléphone", "téléphone", False),),
    "SAV": (("téléphone", True, "téléphone", "visite technique", True),
            ("accueil", True, "comptoir", "comptoir", False)),
    "fidélisation": (("e-mail", False, "lettre d'information", "e-mail", False),
                     ("vendeur", True, "comptoir", "visite commerciale", False)),
}
# public key -> target of the year (those the registry holds get one)
TARGETS = {"complaints.answered_in_time_pct": 90, "complaints.mean_answer_working_days": 4,
           "complaints.resatisfaction_pct": 85, "complaints.rate_pct": 2,
           "complaints.loss_rate_pct": 1.5, "customers.retention_rate_pct": 90,
           "customers.attrition_rate_pct": 8, "actions.overdue": 0,
           "nps": 30, "satisfaction_mean": 75, "loyalty.active_cards": 120,
           "loyalty_revenue_share": 35, "loyalty_voucher_use": 70}


def _quarter(day: date) -> Period:
    first = day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    following = (first + timedelta(days=95)).replace(day=1)
    return Period(first, following - timedelta(days=1))


def populate(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    steps = {s.name: s for s in list_steps()}
    by_step: dict[str, list[int]] = {}
    for category, ids in complaint_steps.ids_by_category().items():
        for cid in ids:
            choices = CATEGORY_STEPS.get(category) or tuple(steps)
            by_step.setdefault(rng.choice(choices), []).append(cid)
    complaint_steps.assign_steps({k: v for k, v in by_step.items() if k in steps})
    # the shop's survey criteria on their steps: the journey map shows their satisfaction
    criterion_steps.set_criteria_steps({label: step for label, step in CRITERION_STEPS.items()
                                        if step in steps})
    for name, contacts in CONTACTS.items():
        if name in steps:
            for contact in contacts:
                add_contact(steps[name].id, ContactInput(*contact))
    # the registry as the demo found it (ctx): pilotage's services never import the registry
    # from the area's side (services/indicators.py walks the areas)
    definitions = ctx.indicators
    public = {d.public_key: d for d in definitions.values()}
    for key, value in TARGETS.items():
        if key in public:
            save_target(public[key], value, today.year)
            save_target(public[key], value, today.year - 1)

    def save_review(data: ReviewInput):
        targets = targets_of_year(data.period.end.year)
        rows = [row_for(d, data.period, targets, ctx.measure) for d in definitions.values()]
        return store_review(data, rows, definitions)

    current = _quarter(today)
    last = _quarter(current.start - timedelta(days=1))
    before = _quarter(last.start - timedelta(days=1))
    first = save_review(ReviewInput(
        last.start + timedelta(days=3), before, "Claire Lambert (gérante), Paul Martin "
        "(qualité), Sofia Benali (accueil)", "Délais de réponse en hausse pendant les congés.",
        {}, [DecisionInput("Former un second vendeur aux réponses aux réclamations",
                           "complaints.answered_in_time_pct", True, "Paul Martin",
                           last.start + timedelta(days=45)),
             DecisionInput("Afficher les délais de livraison au comptoir", "", True,
                           "Sofia Benali", last.start + timedelta(days=30)),
             DecisionInput("Présenter le tableau de bord à toute l'équipe chaque mois")]))
    for decision, progress in zip(first.decisions[:2], (100, 40)):
        row = actions.get_action(decision.action_id)
        actions.update_action(row.id, actions.ActionInput(
            origin=row.origin, nc=row.nc, action=row.action, pilot=row.pilot,
            planned_date=row.planned_date, progress_pct=progress,
            progress_date=min(today, last.end)))
    save_review(ReviewInput(
        min(current.start + timedelta(days=4), today), last, "Claire Lambert, Paul Martin",
        "Retour dans la cible sur les délais ; l'accueil reste à suivre.", {},
        [DecisionInput("Mesurer le temps d'attente à l'accueil chaque semaine", "", True,
                       "Sofia Benali", min(current.end, today + timedelta(days=30)))]))
    year = today.year
    plan = (
        ("cognitif", "Communiqué de presse : nouveau rayon verrerie", "média", "presse locale",
         "50", (3, 1), (3, 31), "1 fois", "1200", "900", "statut:prospect",
         "Chargée de communication", "articles parus", "10 articles sur 50 envois",
         "12 articles"),
        ("affectif", "Salon des arts de la table", "hors média", "stand", "", (5, 10), (5, 12),
         "1 fois par an", "3500", "3200", "rfm:Fidèles", "2 vendeurs, stand loué",
         "contacts qualifiés", "80 contacts", "95 contacts"),
        ("conatif", "Lettre d'information mensuelle", "média", "e-mail", "", (1, 1), (12, 31),
         "mensuelle", "600", "450", "statut:client", "gérante", "taux d'ouverture", "30 %",
         ""),
        ("conatif", "Soldes d'hiver : SMS aux clients fidèles", "média", "SMS", "800", (1, 8),
         (1, 31), "1 fois", "250", "250", "rfm:Champions", "prestataire SMS",
         "ventes avec le code", "40 ventes", "52 ventes"),
        ("affectif", "Atelier dressage de table en boutique", "hors média", "boutique", "",
         (10, 1), (12, 15), "1 samedi par mois", "400", "", "statut:client",
         "une vendeuse", "participants", "15 par atelier", ""),
    )
    for (objective, action, media, channel, copies, start, end, periodicity, budget, spent,
         target, resources, measure, measure_target, result) in plan:
        add_plan_row(PlanInput(year, objective, action, media, date(year, *start),
                               date(year, *end), budget, target, channel, copies, periodicity,
                               spent, resources, measure, measure_target, result))
