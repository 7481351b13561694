"""Foundation tables: schema metadata, company profile, key-value settings, operators."""

from peewee import SQL, BlobField, CharField, DateTimeField, IntegerField, TextField

from rcdesk.models.base import BaseModel, utcnow


class Meta(BaseModel):
    """Key-value metadata of the file itself (schema_version)."""

    key = CharField(primary_key=True, max_length=64)
    value = TextField()

    class Meta:
        table_name = "rcdesk_meta"


class Company(BaseModel):
    """The one company profile (id = 1) travelling with the database."""

    name = CharField(default="")
    legal_id = CharField(default="")  # SIRET (FR) or ICE (MA), digits only
    address = TextField(default="")
    postal_code = CharField(default="")
    city = CharField(default="")
    phone = CharField(default="")  # E.164
    email = CharField(default="")
    logo = BlobField(null=True)  # PNG or JPEG bytes
    country = CharField(default="FR", max_length=2)
    currency = CharField(default="EUR", max_length=3)
    complaint_deadline_days = IntegerField(default=5)
    updated_at = DateTimeField(default=utcnow)
    # bumped by every save of the record; a save from an older version is refused
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])


class Setting(BaseModel):
    """Business settings other than the profile, stored as JSON text by key."""

    key = CharField(primary_key=True, max_length=100)
    value = TextField()


class User(BaseModel):
    """An operator: whoever works at the counter; timelines and ledgers record their login."""

    login = CharField(unique=True, max_length=100)
    display_name = CharField(default="")
    created_at = DateTimeField(default=utcnow)


MODELS = [Meta, Company, Setting, User]
