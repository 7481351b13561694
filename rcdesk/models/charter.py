"""Tables of the charter area: the customer commitments and their manual readings per period."""

from peewee import (
    SQL,
    CharField,
    DateField,
    DateTimeField,
    DoubleField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from rcdesk.models.base import BaseModel, utcnow


class Commitment(BaseModel):
    """One line of the charter of commitments (charte d'engagements client)."""

    position = IntegerField(index=True)  # 1, 2, 3... the number printed on the poster
    wording = TextField()  # the sentence the customer reads
    indicator = CharField(default="", max_length=200)  # what is measured
    target_value = DoubleField(null=True)
    target_unit = CharField(default="", max_length=20)  # %, jours ouvrés, minutes, heures, points
    comparison = CharField(default="", max_length=10)  # "min" (at least) or "max" (at most)
    measured_how = TextField(default="")
    owner = CharField(default="", max_length=100)
    review_date = DateField(null=True)
    source = CharField(default="manual", max_length=40)  # "manual" or a computed indicator key
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    # bumped by every save of the record; a save from an older version is refused
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])


class CommitmentReading(BaseModel):
    """A value measured by hand for a commitment over a period."""

    commitment = ForeignKeyField(Commitment, backref="readings", on_delete="CASCADE")
    period_start = DateField()
    period_end = DateField(index=True)
    value = DoubleField()
    note = TextField(default="")
    recorded_at = DateTimeField(default=utcnow)
    recorded_by = CharField(default="", max_length=100)


MODELS: list = [Commitment, CommitmentReading]
