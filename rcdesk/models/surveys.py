"""Satisfaction surveys: questionnaires and their questions, campaigns, responses, answers."""

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


class Questionnaire(BaseModel):
    title = CharField()
    audience = CharField(default="clients")  # "clients" or "personnel"
    intro = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    # bumped by every save of its form; a save from an older version is refused
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])


class SurveyQuestion(BaseModel):
    """One question; kind among services.surveys.KINDS. A criterion holds a satisfaction
    (value) and an importance answer on [scale_min, scale_max]; choices are one per line."""

    questionnaire = ForeignKeyField(Questionnaire, backref="questions", on_delete="CASCADE")
    position = IntegerField()
    kind = CharField()
    label = CharField(max_length=500)
    choices = TextField(default="")
    required = BooleanField(default=False)
    scale_min = IntegerField(default=0)
    scale_max = IntegerField(default=5)
    # a criterion's step of the customer journey (pilotage), "" = none
    journey_step = CharField(default="", max_length=100, constraints=[SQL("DEFAULT ''")])

    class Meta:
        indexes = ((("questionnaire", "position"), False),)


class SurveyCampaign(BaseModel):
    questionnaire = ForeignKeyField(Questionnaire, backref="campaigns", on_delete="RESTRICT")
    title = CharField()
    start_date = DateField()
    end_date = DateField(null=True)
    channel = CharField(default="comptoir")
    asked = IntegerField(null=True)  # people asked, for the response rate
    created_at = DateTimeField(default=utcnow)
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])


class SurveyResponse(BaseModel):
    """One respondent's answers; customer is None for an anonymous answer (or after the
    customer was deleted: the answers stay, unlinked)."""

    campaign = ForeignKeyField(SurveyCampaign, backref="responses", on_delete="CASCADE")
    customer = ForeignKeyField(Customer, null=True, backref="survey_responses",
                               on_delete="SET NULL")
    answered_at = DateTimeField()
    source = CharField(default="saisie")  # "saisie", "import" or "démonstration"


class SurveyAnswer(BaseModel):
    """value: the score (NPS, criterion satisfaction, rating), 1/0 for yes/no; importance: a
    criterion's importance; text: the "Pourquoi ?", a free text or the choice(s) taken."""

    response = ForeignKeyField(SurveyResponse, backref="answers", on_delete="CASCADE")
    question = ForeignKeyField(SurveyQuestion, backref="answers", on_delete="RESTRICT")
    value = IntegerField(null=True)
    importance = IntegerField(null=True)
    text = TextField(default="")


MODELS = [Questionnaire, SurveyQuestion, SurveyCampaign, SurveyResponse, SurveyAnswer]
