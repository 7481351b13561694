"""Customer file tables: customers, purchases, interactions (parcours client), search index."""

from peewee import (
    SQL,
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

# Columns the search covers (besides search_phones, the phone in every written form).
SEARCH_COLUMNS = ("first_name", "last_name", "company_name", "email", "email2", "city",
                  "postal_code", "external_id", "search_phones")


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
    region = CharField(default="", index=True)
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
    last_contact = DateTimeField(null=True, index=True)  # the latest of every area's contacts
    notes = TextField(default="")
    anonymised_at = DateTimeField(null=True)
    # Derived by the services on every write (never typed by a user):
    sort_name = CharField(default="", index=True)  # display name, lower case, no accents
    search_phones = CharField(default="")  # "33612345678 0612345678 612345678 ..."
    client_since = DateField(null=True)  # became a client (retention: who was one at a date)
    lost_at = DateField(null=True)  # became an "ancien client"
    # bumped by every save of the record; a save from an older version is refused
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])
    # « Dernier contact » as a customers file imported gave it: kept apart so that deleting or
    # re-dating an interaction never loses it (the customers area counts it as a contact)
    last_contact_imported = DateTimeField(null=True)

    class Meta:  # step 15: retention and attrition counted from the index alone
        indexes = ((("client_since", "lost_at"), False),)


class Purchase(BaseModel):
    # No index of its own: (customer, date, amount_cents) below serves lookups by customer.
    customer = ForeignKeyField(Customer, backref="purchases", on_delete="CASCADE", index=False)
    date = DateField()
    amount_cents = IntegerField()
    channel = CharField(default="")
    reference = CharField(default="")

    class Meta:
        # Covering indexes: a customer's purchases (RFM) and a period's (figures) are read
        # from the index alone.
        indexes = ((("customer", "date", "amount_cents"), False),
                   (("date", "customer", "amount_cents"), False))


class Interaction(BaseModel):
    customer = ForeignKeyField(Customer, backref="interactions", on_delete="CASCADE")
    at = DateTimeField(index=True)  # UTC
    channel = CharField(default="")
    direction = CharField(default="entrant")  # entrant / sortant
    step = CharField(default="")  # journey step
    subject = CharField(default="")
    outcome = TextField(default="")
    follow_up = DateField(null=True, index=True)
    follow_up_done = BooleanField(default=False)
    operator = CharField(default="")


class CustomerContact(BaseModel):
    """A contact person of a (professional) customer: who to ask for, and how to reach them."""

    customer = ForeignKeyField(Customer, backref="contacts", on_delete="CASCADE")
    name = CharField()
    role = CharField(default="")  # fonction: "Comptable", "Gérante"...
    email = CharField(default="")
    phone = CharField(default="")  # E.164 like the customer's
    notes = TextField(default="")
    position = IntegerField(default=0)  # order in the customer's file


class CustomerEvent(BaseModel):
    """One line of the customer's history: a purchase or an interaction corrected or deleted,
    by whom (the operator's name) and when (UTC)."""

    customer = ForeignKeyField(Customer, backref="events", on_delete="CASCADE")
    at = DateTimeField(default=utcnow)
    who = CharField(default="")
    what = TextField(default="")


MODELS = [Customer, Purchase, Interaction, CustomerContact, CustomerEvent]

FTS_TABLE = "customer_fts"
# FTS5 prefix indexes (characters): a typed word this short is read from one list (step 7).
FTS_PREFIX_LENGTHS = (1, 2, 3)


def _concat_sqlite(prefix: str) -> str:
    return " || ' ' || ".join(f"coalesce({prefix}.{name}, '')" for name in SEARCH_COLUMNS)


FTS_INSERT_TRIGGER = "customer_fts_ai"


def fts_insert_trigger_sql() -> str:
    return (f"CREATE TRIGGER IF NOT EXISTS {FTS_INSERT_TRIGGER} AFTER INSERT ON customer BEGIN "
            f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (new.id, {_concat_sqlite('new')}); END")


def fts_fill_sql(after_id: int | None = None) -> str:
    """Index in one statement the customers whose id is above after_id (bulk inserts); with
    no after_id, a "?" parameter stands for it."""
    bound = "?" if after_id is None else str(int(after_id))
    return (f"INSERT INTO {FTS_TABLE}(rowid, body) SELECT c.id, {_concat_sqlite('c')} "
            f"FROM customer c WHERE c.id > {bound}")
