"""Tables of the pilotage area: yearly targets, indicator reviews, the customer journey and the
annual communication plan."""

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DoubleField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from rcdesk.models.actions import QualityAction
from rcdesk.models.base import BaseModel, utcnow


class IndicatorTarget(BaseModel):
    """The target of an indicator of the registry for one calendar year."""

    indicator = CharField(max_length=100)  # the registry's key
    year = IntegerField()
    value = DoubleField()
    unit = CharField(default="", max_length=20)  # the registry's unit when it was set
    direction = CharField(max_length=10)  # "min" (at least) / "max" (at most)
    updated_at = DateTimeField(default=utcnow)
    updated_by = CharField(default="", max_length=100)

    class Meta:
        indexes = ((("indicator", "year"), True),)


class IndicatorReview(BaseModel):
    """A review of the indicators (revue d'indicateurs) held on a day over a period."""

    held_on = DateField(index=True)
    period_start = DateField()
    period_end = DateField()
    participants = TextField(default="")
    comments = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    created_by = CharField(default="", max_length=100)


class ReviewLine(BaseModel):
    """One indicator as the review saw it: value, target, status, comment."""

    review = ForeignKeyField(IndicatorReview, backref="lines", on_delete="CASCADE")
    indicator = CharField(max_length=100)
    label = CharField(default="", max_length=255)
    unit = CharField(default="", max_length=20)
    value = DoubleField(null=True)
    previous = DoubleField(null=True)
    target = DoubleField(null=True)
    status = CharField(default="grey", max_length=10)
    comment = TextField(default="")


class ReviewDecision(BaseModel):
    """A decision of a review; it may have opened a PAQ action."""

    review = ForeignKeyField(IndicatorReview, backref="decisions", on_delete="CASCADE")
    indicator = CharField(default="", max_length=100)
    text = TextField()
    action = ForeignKeyField(QualityAction, null=True, on_delete="SET NULL")


class JourneyStep(BaseModel):
    """A step of the company's customer journey (parcours client), in order."""

    name = CharField(unique=True, max_length=100)
    position = IntegerField(default=0)
    description = TextField(default="")


class ContactPoint(BaseModel):
    """A point of contact of a journey step: human (accueil, vendeur) or not (e-mail, site)."""

    step = ForeignKeyField(JourneyStep, backref="contacts", on_delete="CASCADE")
    name = CharField(max_length=100)
    human = BooleanField(default=True)
    channel_particulier = CharField(default="", max_length=100)
    channel_professionnel = CharField(default="", max_length=100)
    moment_of_truth = BooleanField(default=False)
    position = IntegerField(default=0)


class CommPlanRow(BaseModel):
    """One action of the annual communication plan (the white paper's columns)."""

    year = IntegerField(index=True)
    objective = CharField(max_length=20)  # cognitif / affectif / conatif
    target_segment = CharField(default="", max_length=255)
    action = TextField()
    media = CharField(max_length=20)  # média / hors média
    channel = CharField(default="", max_length=100)
    copies = IntegerField(null=True)
    start = DateField()
    end = DateField()
    periodicity = CharField(default="", max_length=100)
    budget_cents = IntegerField()
    spent_cents = IntegerField(default=0)
    resources = TextField(default="")
    measure = TextField(default="")
    measure_target = CharField(default="", max_length=255)
    result = TextField(default="")
    created_at = DateTimeField(default=utcnow)


MODELS: list = [IndicatorTarget, IndicatorReview, ReviewLine, ReviewDecision, JourneyStep,
                ContactPoint, CommPlanRow]
