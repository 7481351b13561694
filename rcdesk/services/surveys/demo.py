"""The demo company's year of satisfaction surveys, a story its figures tell:

- four quarterly counter surveys (« Visite en boutique », paper then counter): the NPS is good
  (about +35) for two quarters, then the checkout wait gets worse (a cashier not replaced):
  « Attente en caisse » moves into zone 2, the NPS falls below zero (a significant drop),
  and the last quarter starts to recover after the PAQ action;
- a detractor of the third quarter, a known customer, is turned into a complaint; another gets
  a follow-up call; the zone 2 criterion becomes a PAQ action (origin « enquête de
  satisfaction »);
- the staff answer the same criteria in the autumn (symétrie des attentions): they also rate
  the checkout wait low, and their own NPS as an employer is lukewarm;
- an e-mail NPS campaign sent to 400 customers, with its response rate."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from peewee import PostgresqlDatabase, fn

from rcdesk.core.satisfaction import nps_category
from rcdesk.models.base import database_proxy
from rcdesk.models.customers import Customer
from rcdesk.models.surveys import SurveyResponse
from rcdesk.services.area_types import DemoContext
from rcdesk.services.surveys.campaigns import create_campaign
from rcdesk.services.surveys.imports import insert_responses
from rcdesk.services.surveys.questionnaires import (
    CRITERION,
    NPS,
    SINGLE,
    TEXT,
    YESNO,
    create_from_template,
    get_questionnaire,
)

# criterion -> (importance mean, satisfaction mean per quarter Q1..Q4), scale 0–5
SHOP_STORY = {
    "Accueil": (4.6, (4.3, 4.4, 4.2, 4.3)),
    "Conseil du vendeur": (4.4, (4.1, 4.2, 4.0, 4.2)),
    "Choix des produits": (3.9, (3.8, 3.9, 3.7, 3.8)),
    "Attente en caisse": (4.3, (3.4, 3.1, 1.9, 2.4)),
    "Prix": (3.6, (2.9, 3.0, 2.8, 2.9)),
    "Service après-vente": (1.9, (3.6, 3.7, 3.5, 3.6)),
}
# NPS weights per quarter: (promoters, passives, detractors)
NPS_STORY = ((55, 27, 18), (54, 28, 18), (31, 33, 36), (44, 31, 25))
STAFF = {"Accueil": 4.0, "Conseil du vendeur": 4.2, "Choix des produits": 3.6,
         "Attente en caisse": 1.6, "Prix": 3.1, "Service après-vente": 2.4}

WHY = {
    "promoter": ("Toujours bien conseillée, je recommande.", "Personnel souriant et compétent.",
                 "Très beau choix, on trouve tout.", "Accueil chaleureux, comme toujours."),
    "passive": ("Bien, mais un peu cher.", "Correct, sans plus.",
                "Bon magasin, l'attente est parfois longue."),
    "detractor": ("Vingt minutes d'attente en caisse, une seule caisse ouverte !",
                  "Trop d'attente au moment de payer.", "Prix trop élevés pour la qualité.",
                  "Personne pour me renseigner en rayon.",
                  "Le SAV n'a jamais rappelé."),
}
STAFF_WHY = ("On manque de bras en caisse le samedi.", "Bonne équipe, mais les plannings "
             "changent trop tard.", "Il faudrait une caisse de plus aux heures de pointe.")


def _score(rng, weights) -> int:
    kind = rng.choices(("promoter", "passive", "detractor"), weights)[0]
    return {"promoter": rng.choice((9, 10, 10)), "passive": rng.choice((7, 8)),
            "detractor": rng.choice((0, 2, 3, 4, 5, 5, 6, 6))}[kind]


def _note(rng, mean: float, low: int = 0, high: int = 5) -> int:
    return max(low, min(high, round(rng.gauss(mean, 0.9))))


def _category(score: int) -> str:
    return nps_category(score)


def populate(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    customers = [i for (i,) in Customer.select(Customer.id).order_by(Customer.id).tuples()]
    now = datetime.combine(today, time(18, 0))
    shop = create_from_template("Visite en boutique", "comptoir",
                                intro="Merci de prendre deux minutes pour nous dire comment "
                                      "s'est passée votre visite.")
    staff = create_from_template("Baromètre interne — le regard de l'équipe", "personnel")
    nps_only = create_from_template("Votre avis en une question", "nps")
    shop_q = get_questionnaire(shop, counts=False)
    staff_q = get_questionnaire(staff, counts=False)
    nps_q = get_questionnaire(nps_only, counts=False)

    quarters = []
    first = date(today.year - 1, today.month, 1)
    for index in range(4):
        start = _add_months(first, 3 * index)
        end = min(_add_months(start, 3) - timedelta(days=1), today)
        quarters.append((index, start, end))
    db = database_proxy.obj
    next_id = (SurveyResponse.select(fn.MAX(SurveyResponse.id)).scalar() or 0) + 1
    responses: list[tuple] = []
    answers: list[tuple] = []
    campaign_ids = []
    for index, start, end in quarters:
        cid = create_campaign(shop, f"Visite en boutique — T{index + 1} "
                                    f"{start:%m/%Y}", start=start, end=end,
                              channel="papier" if index < 2 else "comptoir",
                              asked=rng.randint(150, 200))
        campaign_ids.append(cid)
        for _ in range(rng.randint(70, 110)):
            at = _moment(rng, start, end, now)
            customer = rng.choice(customers) if customers and rng.random() < 0.6 else None
            responses.append((next_id, cid, customer, at, "démonstration"))
            for q in shop_q.questions:
                if q.kind == NPS:
                    score = _score(rng, NPS_STORY[index])
                    why = rng.choice(WHY[_category(score)]) if rng.random() < 0.7 else ""
                    if _category(score) == "detractor" and index == 2 and rng.random() < 0.6:
                        why = WHY["detractor"][rng.choice((0, 1))]
                    answers.append((next_id, q.id, score, None, why))
                elif q.kind == CRITERION:
                    importance, by_quarter = SHOP_STORY[q.label]
                    answers.append((next_id, q.id, _note(rng, by_quarter[index]),
                                    _note(rng, importance), ""))
                elif q.kind == SINGLE:
                    pick = rng.choices(range(1, len(q.choices) + 1), (40, 25, 20, 10, 5))[0]
                    answers.append((next_id, q.id, pick, None, q.choices[pick - 1]))
                elif q.kind == YESNO:
                    answers.append((next_id, q.id, int(rng.random() < 0.8), None, ""))
                elif q.kind == TEXT and rng.random() < 0.15:
                    answers.append((next_id, q.id, None, None,
                                    rng.choice(("Ouvrez une deuxième caisse le samedi.",
                                                "Plus de places de parking.",
                                                "Rien, continuez !"))))
            next_id += 1
    # staff, autumn: same criteria, the checkout wait rated low by those who see it
    _, s_start, s_end = quarters[2]
    staff_campaign = create_campaign(staff, f"Baromètre interne {s_start:%m/%Y}",
                                     start=s_start, end=s_end, channel="papier", asked=14)
    for _ in range(12):
        at = _moment(rng, s_start, s_end, now)
        responses.append((next_id, staff_campaign, None, at, "démonstration"))
        for q in staff_q.questions:
            if q.kind == NPS:
                score = _score(rng, (35, 40, 25))
                answers.append((next_id, q.id, score, None,
                                rng.choice(STAFF_WHY) if rng.random() < 0.5 else ""))
            elif q.kind == CRITERION:
                answers.append((next_id, q.id, _note(rng, STAFF[q.label]),
                                _note(rng, SHOP_STORY[q.label][0]), ""))
        next_id += 1
    # e-mail NPS to 400 customers, last two months
    e_start = max(_add_months(date(today.year, today.month, 1), -2), first)
    e_campaign = create_campaign(nps_only, "Avis par e-mail", start=e_start, end=today,
                                 channel="e-mail", asked=400)
    for _ in range(rng.randint(80, 110)):
        at = _moment(rng, e_start, today, now)
        customer = rng.choice(customers) if customers else None
        responses.append((next_id, e_campaign, customer, at, "démonstration"))
        score = _score(rng, NPS_STORY[3])
        answers.append((next_id, nps_q.questions[0].id, score, None,
                        rng.choice(WHY[_category(score)]) if rng.random() < 0.5 else ""))
        next_id += 1
    insert_responses(responses, answers)
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql("SELECT setval(pg_get_serial_sequence('survey_response', 'id'), "
                       "(SELECT MAX(id) FROM survey_response))")
    _close_the_loop(campaign_ids[2], shop_q, rng, today)


def _moment(rng, start: date, end: date, now: datetime) -> datetime:
    day = start + timedelta(days=rng.randint(0, max(0, (end - start).days)))
    at = datetime.combine(day, time(rng.randint(9, 18), rng.randint(0, 59)))
    return min(at, now)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def _close_the_loop(campaign_id: int, questionnaire, rng, today: date) -> None:
    """A detractor turned into a complaint, another called back, zone 2 into the PAQ."""
    from rcdesk.services.surveys.loop import (
        detractor_follow_up,
        detractor_to_complaint,
        zone2_to_action,
    )
    from rcdesk.services.surveys.results import verbatims

    detractors = [v for v in verbatims(campaign_id, only_detractors=True)
                  if v.customer_id is not None and v.text]
    if detractors:
        detractor_to_complaint(detractors[0].response_id)
    if len(detractors) > 1:
        detractor_follow_up(detractors[1].response_id, today + timedelta(days=3))
    number = next(q.number for q in questionnaire.questions if q.label == "Attente en caisse")
    zone2_to_action(campaign_id, number, pilot="Responsable magasin",
                    planned=today + timedelta(days=30))
