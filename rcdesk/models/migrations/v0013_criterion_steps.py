"""Schema step 13: the customer journey step of a survey criterion (pilotage's journey map
shows the satisfaction of the criteria attached to each step)."""

from rcdesk.models.migrations.sql import run

VERSION = 13
LABEL = "étape du parcours client des critères d'enquête"

SQLITE = (
    'ALTER TABLE "survey_question" ADD COLUMN "journey_step" VARCHAR(100) NOT NULL DEFAULT \'\'',
)

POSTGRESQL = (
    'ALTER TABLE "survey_question" ADD COLUMN "journey_step" VARCHAR(100) NOT NULL DEFAULT \'\'',
)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
