"""`rcdesk demo`: a realistic fictitious company, reproducible from a seed (Faker fr_FR)."""

from __future__ import annotations

import random
from datetime import date

from rcdesk.core.errors import ServiceError
from rcdesk.models.base import write_transaction
from rcdesk.models.customers import Customer
from rcdesk.services.area_types import DemoContext, DemoOptions
from rcdesk.services.areas import AREAS
from rcdesk.services.indicators import definitions, measure_definition
from rcdesk.services.last_contact import recompute_every_customer
from rcdesk.services.settings import CompanyProfile, ensure_operator, get_company, save_company

DEMO_OPERATORS = ("sophie.martin", "karim.benali", "julie.moreau")


def make_demo(options: DemoOptions | None = None) -> CompanyProfile:
    """Fill an empty database with the demo company; refuses a database that holds data."""
    options = options or DemoOptions()
    from faker import Faker

    if get_company().name or Customer.select().exists():
        raise ServiceError("Cette base contient déjà des données : la démonstration se crée dans "
                           "une base vide (choisissez un autre fichier avec --db).")
    if options.customers < 0:
        raise ServiceError("Le nombre de clients de démonstration ne peut pas être négatif.")
    fake = Faker("fr_FR")
    fake.seed_instance(options.seed)
    rng = random.Random(options.seed)
    with write_transaction():
        profile = save_company(CompanyProfile(
            name="Maison Lambert — Arts de la table",
            legal_id="73282932000074",
            address="12 rue des Tanneurs",
            postal_code="59000",
            city="Lille",
            phone="03 20 12 34 56",
            email="contact@maison-lambert.fr",
            country="FR",
            currency="EUR",
            complaint_deadline_days=5,
        ))
        for login in DEMO_OPERATORS:
            ensure_operator(login, login.replace(".", " ").title())
        ctx = DemoContext(fake, rng, options, date.today(), definitions(),
                          measure_definition)
        for area in AREAS:
            ctx.indicators = definitions()  # with what the areas before it declared
            area.populate_demo(ctx)
        # the areas' demo contacts (complaints, survey answers) inserted in bulk: each
        # customer's « Dernier contact » is the latest over every area, as for real records
        recompute_every_customer()
    return profile
