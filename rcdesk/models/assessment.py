"""Maturity self-assessment tables: organisations assessed, assessments, one score per theme."""

from peewee import (
    BooleanField,
    CharField,
    Check,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from rcdesk.models.base import BaseModel, utcnow


class Organisation(BaseModel):
    """An organisation assessed: the user's own company (is_own) or a consultant's client."""

    name = CharField(max_length=200)
    is_own = BooleanField(default=False, index=True)
    created_at = DateTimeField(default=utcnow)


class Assessment(BaseModel):
    """One self-assessment of an organisation at a date, with its SWOT."""

    organisation = ForeignKeyField(Organisation, backref="assessments", on_delete="CASCADE")
    date = DateField(index=True)
    assessor = CharField(default="", max_length=200)
    strengths = TextField(default="")  # SWOT: forces
    weaknesses = TextField(default="")  # faiblesses
    opportunities = TextField(default="")  # opportunités
    threats = TextField(default="")  # menaces
    created_by = CharField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("organisation", "date"), False),)


class AssessmentScore(BaseModel):
    """The score 0-10 of one theme (1-8), its comment, and its edited recommendation.

    An empty recommendation means the white paper's default text for the theme."""

    assessment = ForeignKeyField(Assessment, backref="scores", on_delete="CASCADE")
    theme = IntegerField(constraints=[Check("theme BETWEEN 1 AND 8")])
    score = IntegerField(constraints=[Check("score BETWEEN 0 AND 10")])
    comment = TextField(default="")
    recommendation = TextField(default="")

    class Meta:
        indexes = ((("assessment", "theme"), True),)


MODELS = [Organisation, Assessment, AssessmentScore]
