"""Demo customer file: customers, purchases and interactions, bulk-inserted (100,000 in seconds)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from peewee import SqliteDatabase
from stdnum.fr import siret

from rcdesk.core.text import fold
from rcdesk.models.base import database_proxy, write_transaction
from rcdesk.models.customers import Customer, CustomerContact, Interaction, Purchase
from rcdesk.services.bulk import insert_rows
from rcdesk.services.customers.bulk import bulk_customer_writes, bulk_purchase_writes
from rcdesk.services.customers.search import sort_key

SEGMENTS = ("VIP", "Fidèle", "Nouveau", "Newsletter", "Mariage", "Collectivité")
SOURCES = ("bouche-à-oreille", "site web", "salon", "publicité", "réseaux sociaux", "parrainage",
           "passage en magasin")
CHANNELS = ("comptoir", "téléphone", "e-mail", "site web", "courrier", "visite commerciale")
# the default customer journey (pilotage's first journey steps)
STEPS = ("découverte", "information", "devis", "commande", "livraison", "SAV", "fidélisation")
SUBJECTS = ("Demande de devis", "Question sur une commande", "Retrait en magasin",
            "Conseil pour une liste de mariage", "Relance fidélité", "Délai de livraison",
            "Invitation aux soldes privées", "Échange d'un article")
OUTCOMES = ("Renseigné", "Devis envoyé", "Rappel prévu", "Commande passée", "Sans suite")
DOMAINS = ("gmail.com", "orange.fr", "free.fr", "laposte.net", "outlook.fr", "sfr.fr")
CONSENT_HOW = ("formulaire en magasin", "case cochée sur le site", "carte de fidélité")
ROLES = ("Gérant(e)", "Comptable", "Acheteur(se)", "Assistant(e) de direction", "Responsable achats")


def _ascii(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum() or c in "-.")


def _pools(fake, size: int = 400) -> dict:
    cities = []
    for _ in range(150):
        cities.append((fake.postcode(), fake.city(), fake.region()))
    sirets = []
    while len(sirets) < 50:
        value = fake.siret().replace(" ", "")
        if siret.is_valid(value):
            sirets.append(value)
    return {
        "female": [fake.first_name_female() for _ in range(size)],
        "male": [fake.first_name_male() for _ in range(size)],
        "last": [fake.last_name() for _ in range(size)],
        "street": [fake.street_address() for _ in range(size)],
        "company": [fake.company() for _ in range(size // 2)],
        "cities": cities,
        "sirets": sirets,
    }


# Prefixes where every 10-digit number is a valid French number (06 3x and 06 9x are not all).
MOBILE_PREFIXES = ("60", "61", "62", "64", "65", "66", "67", "68", "73", "74", "75", "76",
                   "77", "78", "79")
LANDLINE_PREFIXES = ("14", "20", "24", "32", "47", "55")


def _phone(rng, mobile: bool = True) -> str:
    lead = rng.choice(MOBILE_PREFIXES if mobile else LANDLINE_PREFIXES)
    return f"+33{lead}{rng.randrange(10**7):07d}"


def _contacts(customers: list[tuple], pools: dict, options) -> list[tuple]:
    """One or two contact persons per professional customer, from a random source of their own
    (the rest of the demo draws the same numbers as before contacts existed)."""
    rng = random.Random(f"contacts:{getattr(options, 'seed', None)}")
    rows = []
    for row in customers:
        if row[1] != "professionnel":
            continue
        domain = _ascii(row[6]).lower().strip("-.")[:30] or "entreprise"
        for position in range(1, rng.choice((1, 1, 2)) + 1):
            first, last = rng.choice(pools["female"] + pools["male"]), rng.choice(pools["last"])
            rows.append((row[0], f"{first} {last}", rng.choice(ROLES),
                         f"{_ascii(first).lower()}.{_ascii(last).lower()}@{domain}.fr",
                         _phone(rng), position))
    return rows


def populate(fake, rng, options) -> None:
    """options.customers customers (20 % prospects, 65 % clients, 15 % lost), about ten
    purchases per client over three years, one or two interactions each."""
    total = int(options.customers)
    if total <= 0:
        return
    pools = _pools(fake)
    today = date.today()
    now = datetime.combine(today, datetime.min.time()) + timedelta(hours=9)
    start_id = (Customer.select(Customer.id).order_by(Customer.id.desc()).scalar() or 0) + 1
    customers, purchases, interactions = [], [], []
    ext_seq = 100000
    for n in range(total):
        cid = start_id + n
        roll = rng.random()
        status = "prospect" if roll < 0.20 else "client" if roll < 0.85 else "ancien client"
        pro = rng.random() < 0.10
        female = rng.random() < 0.55
        first = rng.choice(pools["female" if female else "male"])
        last = rng.choice(pools["last"])
        company = rng.choice(pools["company"]) if pro else ""
        postal, city, region = rng.choice(pools["cities"])
        created = now - timedelta(days=rng.randrange(30, 5 * 365), minutes=rng.randrange(600))
        phone = _phone(rng, mobile=not pro or rng.random() < 0.5)
        email = f"{_ascii(first)}.{_ascii(last)}{cid}@{rng.choice(DOMAINS)}"
        consent = rng.random() < 0.6
        segments = ",".join(rng.sample(SEGMENTS, rng.choice((0, 0, 1, 1, 2))))
        client_since = lost_at = None
        external = None
        if status != "prospect":
            ext_seq += 1
            external = f"C{ext_seq}"
            first_buy = created.date() + timedelta(days=rng.randrange(0, 60))
            last_possible = today
            if status == "ancien client":
                span_days = max(61, (today - first_buy).days)
                lost_at = first_buy + timedelta(days=rng.randrange(60, span_days))
                lost_at = min(lost_at, today)
                last_possible = lost_at
            client_since = first_buy
            span = max(1, (last_possible - first_buy).days)
            count = max(1, int(rng.expovariate(1 / 12.9)))
            for _ in range(count):
                day = first_buy + timedelta(days=rng.randrange(span))
                amount = int(rng.lognormvariate(8.3, 0.8))  # cents: about 40 € median
                purchases.append((cid, min(day, today), amount, rng.choice(CHANNELS[:4]),
                                  f"T{rng.randrange(10**7):07d}"))
        last_contact = None
        for _ in range(rng.choice((0, 1, 1, 2))):
            at = created + timedelta(days=rng.randrange(max(1, (now - created).days)),
                                     minutes=rng.randrange(480))
            follow = None
            done = False
            if rng.random() < 0.15:
                follow = at.date() + timedelta(days=rng.randrange(1, 30))
                done = follow < today - timedelta(days=7)
            interactions.append((cid, at, rng.choice(CHANNELS), rng.choice(("entrant", "sortant")),
                                 rng.choice(STEPS), rng.choice(SUBJECTS), rng.choice(OUTCOMES),
                                 follow, done, "sophie.martin"))
            last_contact = max(last_contact or at, at)
        referred = start_id + rng.randrange(n) if n and rng.random() < 0.05 else None
        customers.append((
            cid, "professionnel" if pro else "particulier", status,
            "" if pro else ("Mme" if female else "M."), first, last, company,
            rng.choice(pools["sirets"]) if pro else "",
            None if pro else date(rng.randrange(1940, 2006), rng.randrange(1, 13),
                                  rng.randrange(1, 29)),
            email, "", phone, "", rng.choice(pools["street"]), postal, city, region, "FR",
            segments, rng.choice(SOURCES), rng.choice(CHANNELS), consent,
            created.date() if consent else None, rng.choice(CONSENT_HOW) if consent else "",
            referred, external, created, last_contact, "",
            sort_key(first, last, company, "professionnel" if pro else "particulier"),
            f"{phone[1:]} 0{phone[3:]} {phone[3:]}", client_since, lost_at,
        ))
    columns = ["id", "kind", "status", "civility", "first_name", "last_name", "company_name",
               "legal_id", "birth_date", "email", "email2", "phone", "phone2", "address",
               "postal_code", "city", "region", "country", "segments", "source",
               "preferred_channel", "consent", "consent_date", "consent_how", "referred_by",
               "external_id", "created_at", "last_contact", "notes", "sort_name",
               "search_phones", "client_since", "lost_at"]
    with write_transaction(), bulk_customer_writes():
        insert_rows(Customer, columns, customers)
        with bulk_purchase_writes(len(purchases)):
            insert_rows(Purchase, ["customer", "date", "amount_cents", "channel", "reference"],
                        purchases)
        insert_rows(Interaction, ["customer", "at", "channel", "direction", "step", "subject",
                                  "outcome", "follow_up", "follow_up_done", "operator"],
                    interactions)
        insert_rows(CustomerContact, ["customer", "name", "role", "email", "phone", "position"],
                    _contacts(customers, pools, options))
        if not isinstance(database_proxy.obj, SqliteDatabase):
            database_proxy.obj.execute_sql(
                "SELECT setval(pg_get_serial_sequence('customer', 'id'), "
                "(SELECT COALESCE(MAX(id), 1) FROM customer))")
