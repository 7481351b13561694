"""Complaint register tables: categories, yearly number counter, complaints, timeline, files."""

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
from rcdesk.models.customers import Customer


class ComplaintCategory(BaseModel):
    """A category of the list the company edits (qualification)."""

    name = CharField(unique=True, max_length=100)
    position = IntegerField(default=0)


class ComplaintCounter(BaseModel):
    """The last number given in a year: updated inside the saving transaction, never reused."""

    year = IntegerField(primary_key=True)
    last = IntegerField(default=0)


class Complaint(BaseModel):
    number = CharField(unique=True, max_length=20)  # REC-2026-0001
    received_at = DateTimeField(default=utcnow)  # UTC
    received_on = DateField(index=True)  # local date: deadlines and periods count from it
    due_date = DateField(index=True)
    customer = ForeignKeyField(Customer, null=True, backref="complaints", on_delete="SET NULL")
    walk_in_name = CharField(default="")
    walk_in_contact = CharField(default="")
    channel = CharField(default="", index=True)
    product = CharField(default="", index=True)
    place = CharField(default="", index=True)
    description = TextField(default="")
    expectation = TextField(default="")
    status = CharField(default="Reçue", index=True)
    # qualification
    category = ForeignKeyField(ComplaintCategory, null=True, backref="complaints",
                               on_delete="RESTRICT")
    type = CharField(default="")
    founded = BooleanField(null=True)
    severity = CharField(default="")
    entity = CharField(default="")
    # waiting for the customer: the day it began, the status to resume, working days waited
    paused_on = DateField(null=True)
    paused_from = CharField(default="")
    waited_days = IntegerField(default=0)
    # resolution and closure
    answer_text = TextField(default="")
    answer_date = DateField(null=True, index=True)
    compensation = CharField(default="aucune")
    cost_cents = IntegerField(default=0)
    resatisfied = CharField(default="")
    closed_at = DateTimeField(null=True)
    updated_at = DateTimeField(default=utcnow)
    # bumped by every save of the record; a save from an older version is refused
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])
    # the customer journey step the complaint arose at (pilotage's journey map; step 6)
    journey_step = CharField(default="", max_length=100, constraints=[SQL("DEFAULT ''")])
    # the answer delay in working days (rules.answer_working_days), stored once answered so a
    # period's figures are one aggregate (step 15); NULL until computed: a trigger resets it
    # when the dates or the days waited change (services/complaints/delays.py fills it)
    answer_working_days = IntegerField(null=True)

    class Meta:
        indexes = ((("received_on", "id"), False), (("status", "due_date"), False),
                   # step 15: a period's headline figures read from this index alone
                   (("received_on", "answer_working_days", "answer_date", "due_date",
                     "cost_cents", "resatisfied"), False))


class ComplaintEvent(BaseModel):
    """One line of a complaint's timeline: who did what, when, with a comment."""

    complaint = ForeignKeyField(Complaint, backref="events", on_delete="CASCADE")
    at = DateTimeField(default=utcnow)
    who = CharField(default="")
    what = TextField(default="")
    comment = TextField(default="")


class ComplaintAttachment(BaseModel):
    """A file copied into the data dir's attachments folder, named by its SHA-256."""

    complaint = ForeignKeyField(Complaint, backref="attachments", on_delete="CASCADE")
    sha256 = CharField(max_length=64, index=True)
    stored_name = CharField()
    filename = CharField()
    size = IntegerField()
    added_at = DateTimeField(default=utcnow)
    who = CharField(default="")


MODELS = [ComplaintCategory, ComplaintCounter, Complaint, ComplaintEvent, ComplaintAttachment]
