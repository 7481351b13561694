"""Demo data of the complaints area: a year of complaints for the demo customers, PAQ actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from peewee import fn

from rcdesk.core.workdays import add_working_days
from rcdesk.models.base import utcnow, write_transaction
from rcdesk.models.complaints import (
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
)
from rcdesk.models.customers import Customer
from rcdesk.services import settings as settings_service
from rcdesk.services.actions import ActionInput, create_action
from rcdesk.services.bulk import insert_rows
from rcdesk.services.complaints.rules import (
    ANSWERED,
    CHANNELS,
    CLOSED,
    COMPENSATIONS,
    IN_PROGRESS,
    QUALIFIED,
    RECEIVED,
    REJECTED,
    RESATISFACTION,
    TYPES,
    WAITING,
)
from rcdesk.services.complaints.workflow import (
    AnswerInput,
    ComplaintInput,
    Qualification,
    close,
    move,
    qualify,
    record_answer,
    register_complaint,
    reserve_numbers,
)
from rcdesk.services.settings import get_company

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
TYPE_WEIGHTS = (60, 8, 25, 7)
SEVERITY_CHOICES = ("faible", "moyenne", "moyenne", "élevée")
ENTITIES = ("Magasin", "Entrepôt", "Service client")
DELAYS, DELAY_WEIGHTS = (1, 2, 3, 4, 5, 6, 8, 10), (10, 18, 22, 18, 14, 8, 6, 4)
COST_CHOICES = (500, 1000, 1500, 2500, 4000, 6000, 9000)
# The most recent complaints go through the real services (the rest is written in bulk).
THROUGH_SERVICES = 25
COMPLAINT_FIELDS = (
    "number", "received_at", "received_on", "due_date", "customer", "channel", "product",
    "place", "description", "expectation", "status", "category", "type", "founded",
    "severity", "entity", "paused_on", "paused_from", "answer_text", "answer_date",
    "compensation", "cost_cents", "resatisfied", "closed_at", "updated_at")
EVENT_FIELDS = ("complaint", "at", "who", "what", "comment")


@dataclass
class _Story:
    """One demo complaint as the services would have left it, with its timeline."""

    values: dict
    events: list = field(default_factory=list)  # (step, what, comment)
    last: datetime | None = None
    step: int = 0  # one service call per step: its timeline lines share a moment
    moments: list = field(default_factory=list)  # datetime of each step

    def log(self, what: str, comment: str = "") -> None:
        self.events.append((self.step, what, comment))


def _retime_events(complaint_id: int, start: datetime, end: datetime) -> None:
    """Spread a demo complaint's timeline between its receipt and its last step."""
    events = [e for (e,) in ComplaintEvent.select(ComplaintEvent.id).where(
        ComplaintEvent.complaint == complaint_id).order_by(ComplaintEvent.id).tuples()]
    for event_id, at in zip(events, _spread(start, end, len(events), utcnow())):
        ComplaintEvent.update(at=at).where(ComplaintEvent.id == event_id).execute()


def _spread(start: datetime, end: datetime, count: int, now: datetime) -> list[datetime]:
    """count moments from start to end (at least an hour apart in all), none after now."""
    span = max(end - start, timedelta(hours=1))
    return [min(now, start + span * (i / max(1, count - 1))) for i in range(count)]


def _draw(rng, names, weights, customer_id, age, today, now):
    """The random choices of one complaint (same draws for the bulk and the service paths)."""
    received = today - timedelta(days=age)
    category = rng.choices(names, weights)[0]
    description, expectation = TEXTS.get(category, ("Problème signalé.", ""))
    product = rng.choice(PRODUCTS)
    place = "Site web" if "Livraison" in category and rng.random() < 0.5 \
        else rng.choice(PLACES)
    start = min(now, datetime.combine(received, time(rng.randint(8, 17), rng.randint(0, 59))))
    channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
    return dict(customer_id=customer_id, age=age, received=received, category=category,
                description=description, expectation=expectation, product=product,
                place=place, start=start, channel=channel)


def _qualification(rng) -> tuple:
    """type, founded, severity, entity; a bad-faith complaint is never founded (M303)."""
    kind = rng.choices(TYPES, TYPE_WEIGHTS)[0]
    founded = rng.random() > 0.1 and kind != "mauvaise foi"
    return kind, founded, rng.choice(SEVERITY_CHOICES), rng.choice(ENTITIES)


def _answer(rng, received: date, today: date, country: str, due_of,
            refused: bool = False) -> tuple:
    delay = rng.choices(DELAYS, DELAY_WEIGHTS)[0]
    answered = min(due_of(received, delay), today)
    compensation = rng.choices(COMPENSATIONS, (25, 20, 25, 8, 12, 10))[0]
    cost = 0 if compensation == "aucune" else rng.choice(COST_CHOICES)
    # The letter names the compensation once, in its own sentence: the text does not.
    # A refused complaint's letter explains the decision: its text proposes no solution.
    text = ("Nous avons examiné votre demande et vérifié le produit concerné avec le service "
            "responsable." if compensation == "aucune" or refused else
            "Nous avons examiné votre demande et vous proposons la solution indiquée ci-dessous.")
    return answered, compensation, cost, text


def _bulk_story(rng, d: dict, categories: dict, today: date, country: str, due_of,
                deadline: int, now: datetime) -> _Story:
    """What register_complaint, qualify, move, record_answer and close would have written."""
    age, received, start = d["age"], d["received"], d["start"]
    due = due_of(received, deadline)
    v = dict(received_at=start, received_on=received, due_date=due, customer=d["customer_id"],
             channel=d["channel"], product=d["product"], place=d["place"],
             description=d["description"], expectation=d["expectation"], status=RECEIVED,
             category=None, type="", founded=None, severity="", entity="", paused_on=None,
             paused_from="", answer_text="", answer_date=None, compensation="aucune",
             cost_cents=0, resatisfied="", closed_at=None)
    story = _Story(v)
    story.log(f"Réclamation enregistrée ({d['channel']})",
              f"Réponse promise au plus tard le {due:%d/%m/%Y}")

    def status(new: str, comment: str = "", *, same_step: bool = False) -> None:
        story.step += 0 if same_step else 1
        story.log(f"Statut : {v['status']} → {new}", comment)
        v["status"] = new

    if age >= 1:
        kind, founded, severity, entity = _qualification(rng)
        v.update(category=categories[d["category"]], type=kind, founded=founded,
                 severity=severity, entity=entity)
        story.step += 1
        story.log(f"Qualification : {d['category']}, {kind}, "
                  f"{'fondée' if founded else 'non fondée'}, gravité {severity}, "
                  f"confiée à {entity}")
        status(QUALIFIED, same_step=True)
    if age >= 3 and rng.random() < 0.05:
        status(REJECTED, "Produit acheté hors de nos magasins.")
        return _timed(story, start, start + timedelta(days=2), None, now)
    if 1 <= age < 12 and rng.random() < 0.3:
        v.update(paused_on=received + timedelta(days=1), paused_from=v["status"])
        status(WAITING, "Photos demandées au client")
        return _timed(story, start, start + timedelta(days=1), None, now)
    if age < 6 or (age < 30 and rng.random() < 0.25):
        if age >= 2:
            status(IN_PROGRESS)
        return _timed(story, start, start + timedelta(hours=age * 8 + 1), None, now)
    answered, compensation, cost, text = _answer(rng, received, today, country, due_of,
                                                 refused=v["founded"] is False)
    v.update(answer_text=text, answer_date=answered, compensation=compensation,
             cost_cents=cost)
    story.step += 1
    story.log(f"Réponse du {answered:%d/%m/%Y} ; compensation : {compensation}")
    status(ANSWERED, same_step=True)
    answer_at = min(now, max(start + timedelta(hours=1),
                             datetime.combine(answered, time(11, 0))))
    last = answer_at
    if age >= 20 or rng.random() < 0.6:
        resatisfied = rng.choices(RESATISFACTION, (72, 12, 16))[0]
        status(CLOSED)
        story.log(f"Clôture : client re-satisfait : {resatisfied}")
        last = min(now, answer_at + timedelta(days=2))
        v.update(resatisfied=resatisfied, closed_at=last)
    return _timed(story, start, last, answer_at, now)


def _timed(story: _Story, start: datetime, last: datetime, answer_at: datetime | None,
           now: datetime) -> _Story:
    """A moment for each step: receipt, qualification within the day, answer, last move."""
    last = min(now, max(start, last))
    moments = [start]
    if story.step >= 1:
        milestone = answer_at or last
        qualified = start + timedelta(hours=2) if start.hour < 16 else \
            datetime.combine(start.date() + timedelta(days=1), time(9, 30))
        moments.append(min(milestone, now, qualified))
    if answer_at is not None:
        moments.append(answer_at)
    while len(moments) <= story.step:
        moments.append(last)
    story.moments, story.last = moments, last
    return story


def _write_bulk(stories: list[_Story], operators: list[str], now: datetime) -> dict[str, int]:
    """Numbers per year in receipt order (reserved like any saved complaint's), complaints and
    their timelines inserted by chunks in the caller's transaction."""
    per_year: dict[int, int] = {}
    for story in stories:
        year = story.values["received_on"].year
        per_year[year] = per_year.get(year, 0) + 1
    numbers_of = {year: iter(reserve_numbers(year, count))
                  for year, count in sorted(per_year.items())}
    for story in stories:
        story.values["number"] = next(numbers_of[story.values["received_on"].year])
        story.values["updated_at"] = story.last
    before = Complaint.select(fn.MAX(Complaint.id)).scalar() or 0
    insert_rows(Complaint, COMPLAINT_FIELDS,
                [tuple(s.values[f] for f in COMPLAINT_FIELDS) for s in stories])
    ids = dict(Complaint.select(Complaint.number, Complaint.id).where(
        Complaint.id > before).tuples())
    rows = []
    for story, who in zip(stories, operators):
        cid = ids[story.values["number"]]
        rows.extend((cid, story.moments[step], who, what, comment)
                    for step, what, comment in story.events)
    insert_rows(ComplaintEvent, EVENT_FIELDS, rows)
    return ids


def populate(fake, rng, options) -> None:
    """About one complaint for three customers over the last year, processed as time went:
    the history written in bulk, the most recent ones through the real services."""
    customer_ids = [i for (i,) in Customer.select(Customer.id).where(
        Customer.status != "prospect").order_by(Customer.id).tuples()]
    if not customer_ids:
        return
    company = get_company()
    country = company.country
    categories = {name: cid for cid, name in ComplaintCategory.select(
        ComplaintCategory.id, ComplaintCategory.name).tuples()}
    names = [n for n in CATEGORY_WEIGHTS if n in categories]
    weights = [CATEGORY_WEIGHTS[n] for n in names]
    today = date.today()
    count = max(12, len(customer_ids) // 3)
    repeaters = rng.sample(customer_ids, min(3, len(customer_ids)))
    plan = [(rng.choice(customer_ids), rng.randint(0, 364)) for _ in range(count)]
    plan += [(cid, rng.randint(0, 300)) for cid in repeaters for _ in range(3)]
    plan.sort(key=lambda item: -item[1])
    cut = max(0, len(plan) - THROUGH_SERVICES)
    while 0 < cut < len(plan) and plan[cut - 1][1] == plan[cut][1]:
        cut -= 1  # a day is either all bulk or all services: numbers follow receipt times
    due_cache: dict[tuple[date, int], date] = {}

    def due_of(day: date, n: int) -> date:
        if (day, n) not in due_cache:
            due_cache[(day, n)] = add_working_days(day, n, country)
        return due_cache[(day, n)]

    now = utcnow()
    by_category: dict[str, list[int]] = {}
    stories, operators, bulk_categories = [], [], []
    for customer_id, age in plan[:cut]:
        operators.append(rng.choice(OPERATORS))
        d = _draw(rng, names, weights, customer_id, age, today, now)
        stories.append(_bulk_story(rng, d, categories, today, country, due_of,
                                   company.complaint_deadline_days, now))
        bulk_categories.append(d["category"])
    order = sorted(range(len(stories)), key=lambda i: stories[i].values["received_at"])
    stories = [stories[i] for i in order]
    operators = [operators[i] for i in order]
    bulk_categories = [bulk_categories[i] for i in order]
    previous = settings_service._current_operator
    with write_transaction():
        numbers = _write_bulk(stories, operators, now)
        for story, category in zip(stories[-200:], bulk_categories[-200:]):
            by_category.setdefault(category, []).append(numbers[story.values["number"]])
        try:
            _through_services(rng, plan[cut:], names, weights, categories, today, country,
                              due_of, by_category, now)
            settings_service._current_operator = OPERATORS[-1]  # the quality manager
            _demo_actions(rng, by_category, today)
        finally:
            settings_service._current_operator = previous


def _through_services(rng, plan, names, weights, categories, today, country, due_of,
                      by_category, now) -> None:
    """The latest complaints saved, qualified, answered and closed by the real services."""
    drawn = sorted((_draw(rng, names, weights, customer_id, age, today, now)
                    for customer_id, age in plan), key=lambda d: d["start"])
    for d in drawn:
        settings_service._current_operator = rng.choice(OPERATORS)
        customer_id, age = d["customer_id"], d["age"]
        received, start, category = d["received"], d["start"], d["category"]
        cid = register_complaint(ComplaintInput(
            customer_id=customer_id, channel=d["channel"], product=d["product"],
            place=d["place"], description=d["description"],
            expectation=d["expectation"]), received_at=start, received_on=received).id
        by_category.setdefault(category, []).append(cid)
        founded = None
        if age >= 1:
            q = _qualification(rng)
            founded = q[1]
            qualify(cid, Qualification(categories[category], *q))
        if age >= 3 and rng.random() < 0.05:
            move(cid, REJECTED, "Produit acheté hors de nos magasins.")
            _retime_events(cid, start, start + timedelta(days=2))
            continue
        if 1 <= age < 12 and rng.random() < 0.3:
            move(cid, WAITING, "Photos demandées au client", on=received + timedelta(days=1))
            _retime_events(cid, start, start + timedelta(days=1))
            continue
        if age < 6 or (age < 30 and rng.random() < 0.25):
            if age >= 2:
                move(cid, IN_PROGRESS)
            _retime_events(cid, start, start + timedelta(hours=age * 8 + 1))
            continue
        answered, compensation, cost, text = _answer(rng, received, today, country, due_of,
                                                     refused=founded is False)
        record_answer(cid, AnswerInput(text, answered, compensation, cost))
        last = datetime.combine(answered, time(11, 0))
        if age >= 20 or rng.random() < 0.6:
            close(cid, answered, rng.choices(RESATISFACTION, (72, 12, 16))[0])
            last = min(now, last + timedelta(days=2))
            Complaint.update(closed_at=last).where(Complaint.id == cid).execute()
        _retime_events(cid, start, last)


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
