"""Quality action plan (PAQ) tables: actions and their links to complaints."""

from peewee import (
    SQL,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from rcdesk.models.base import BaseModel, utcnow
from rcdesk.models.complaints import Complaint


class QualityAction(BaseModel):
    """One row of the PAQ, with the white paper's columns."""

    origin = CharField(default="réclamation", index=True)
    nc = TextField(default="")  # non-conformity found
    causes_5m = CharField(default="")  # comma-separated among FIVE_M
    cause_analysis = TextField(default="")
    action = TextField(default="")
    planned_date = DateField(null=True, index=True)  # "et quand ?"
    documents = TextField(default="")
    pilot = CharField(default="")
    actors = TextField(default="")
    check_how = TextField(default="")
    check_date = DateField(null=True)
    progress_pct = IntegerField(default=0)
    progress_date = DateField(null=True)
    effect_date = DateField(null=True)
    effect_result = CharField(default="")  # "", "C" or "NC"
    created_at = DateTimeField(default=utcnow)
    created_by = CharField(default="")
    updated_at = DateTimeField(default=utcnow)
    # bumped by every save of the record; a save from an older version is refused
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])


class ActionComplaint(BaseModel):
    action = ForeignKeyField(QualityAction, backref="links", on_delete="CASCADE")
    complaint = ForeignKeyField(Complaint, backref="action_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("action", "complaint"), True),)


MODELS = [QualityAction, ActionComplaint]
