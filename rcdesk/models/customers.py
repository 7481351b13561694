"""Customer file tables: customers, purchases, interactions (parcours client)."""

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from rcdesk.models.base import BaseModel, utcnow

KINDS = ("particulier", "professionnel")
STATUSES = ("prospect", "client", "ancien client")


class Customer(BaseModel):
    kind = CharField(default="particulier", index=True)
    status = CharField(default="prospect", index=True)
    civility = CharField(default="")
    first_name = CharField(default="")
    last_name = CharField(default="", index=True)
    company_name = CharField(default="")
    legal_id = CharField(default="")  # SIRET (FR) / ICE (MA) for professionals
    birth_date = DateField(null=True)
    email = CharField(default="", index=True)
    email2 = CharField(default="")
    phone = CharField(default="", index=True)  # E.164, e.g. +33612345678
    phone2 = CharField(default="")
    address = TextField(default="")
    postal_code = CharField(default="", index=True)
    city = CharField(default="", index=True)
    region = CharField(default="")
    country = CharField(default="FR", max_length=2)
    segments = CharField(default="")  # comma-separated tags
    source = CharField(default="")  # acquisition source
    preferred_channel = CharField(default="")
    consent = BooleanField(default=False)
    consent_date = DateField(null=True)
    consent_how = CharField(default="")
    referred_by = ForeignKeyField("self", null=True, backref="referrals", on_delete="SET NULL")
    external_id = CharField(null=True, unique=True)  # till / ERP id
    created_at = DateTimeField(default=utcnow, index=True)
    last_contact = DateTimeField(null=True, index=True)
    notes = TextField(default="")
    anonymised_at = DateTimeField(null=True)


class Purchase(BaseModel):
    customer = ForeignKeyField(Customer, backref="purchases", on_delete="CASCADE")
    date = DateField(index=True)
    amount_cents = IntegerField()
    channel = CharField(default="")
    reference = CharField(default="")


class Interaction(BaseModel):
    customer = ForeignKeyField(Customer, backref="interactions", on_delete="CASCADE")
    at = DateTimeField(index=True)  # UTC
    channel = CharField(default="")
    direction = CharField(default="entrant")  # entrant / sortant
    step = CharField(default="")  # journey step
    subject = CharField(default="")
    outcome = TextField(default="")
    follow_up = DateField(null=True, index=True)
    operator = CharField(default="")


MODELS = [Customer, Purchase, Interaction]


def install(db) -> None:
    """Schema version 2: the customer file."""
    db.create_tables(MODELS)
