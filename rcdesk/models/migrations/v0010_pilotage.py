"""Schema step 10: pilotage — yearly indicator targets, indicator reviews (lines, decisions
linked to PAQ actions), the customer journey (steps, contact points), the annual communication
plan, and the journey step of a complaint."""

from rcdesk.models.migrations.sql import run

VERSION = 10
LABEL = "pilotage : cibles, revues, parcours client, plan de communication"

SQLITE = (
    'CREATE TABLE "indicator_target" ("id" INTEGER NOT NULL PRIMARY KEY, "indicator" VARCHAR(100)'
    ' NOT NULL, "year" INTEGER NOT NULL, "value" REAL NOT NULL, "unit" VARCHAR(20) NOT NULL, '
    '"direction" VARCHAR(10) NOT NULL, "updated_at" DATETIME NOT NULL, "updated_by" VARCHAR(100) '
    'NOT NULL)',
    'CREATE UNIQUE INDEX "indicator_target_indicator_year" ON "indicator_target" ("indicator", '
    '"year")',
    'CREATE TABLE "indicator_review" ("id" INTEGER NOT NULL PRIMARY KEY, "held_on" DATE NOT NULL,'
    ' "period_start" DATE NOT NULL, "period_end" DATE NOT NULL, "participants" TEXT NOT NULL, '
    '"comments" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "created_by" VARCHAR(100) NOT '
    'NULL)',
    'CREATE INDEX "indicator_review_held_on" ON "indicator_review" ("held_on")',
    'CREATE TABLE "review_line" ("id" INTEGER NOT NULL PRIMARY KEY, "review_id" INTEGER NOT NULL,'
    ' "indicator" VARCHAR(100) NOT NULL, "label" VARCHAR(255) NOT NULL, "unit" VARCHAR(20) NOT '
    'NULL, "value" REAL, "previous" REAL, "target" REAL, "status" VARCHAR(10) NOT NULL, "comment"'
    ' TEXT NOT NULL, FOREIGN KEY ("review_id") REFERENCES "indicator_review" ("id") ON DELETE '
    'CASCADE)',
    'CREATE INDEX "review_line_review_id" ON "review_line" ("review_id")',
    'CREATE TABLE "review_decision" ("id" INTEGER NOT NULL PRIMARY KEY, "review_id" INTEGER NOT '
    'NULL, "indicator" VARCHAR(100) NOT NULL, "text" TEXT NOT NULL, "action_id" INTEGER, FOREIGN '
    'KEY ("review_id") REFERENCES "indicator_review" ("id") ON DELETE CASCADE, FOREIGN KEY '
    '("action_id") REFERENCES "quality_action" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "review_decision_review_id" ON "review_decision" ("review_id")',
    'CREATE INDEX "review_decision_action_id" ON "review_decision" ("action_id")',
    'CREATE TABLE "journey_step" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(100) NOT '
    'NULL, "position" INTEGER NOT NULL, "description" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX "journey_step_name" ON "journey_step" ("name")',
    'CREATE TABLE "contact_point" ("id" INTEGER NOT NULL PRIMARY KEY, "step_id" INTEGER NOT NULL,'
    ' "name" VARCHAR(100) NOT NULL, "human" INTEGER NOT NULL, "channel_particulier" VARCHAR(100) '
    'NOT NULL, "channel_professionnel" VARCHAR(100) NOT NULL, "moment_of_truth" INTEGER NOT NULL,'
    ' "position" INTEGER NOT NULL, FOREIGN KEY ("step_id") REFERENCES "journey_step" ("id") ON '
    'DELETE CASCADE)',
    'CREATE INDEX "contact_point_step_id" ON "contact_point" ("step_id")',
    'CREATE TABLE "comm_plan_row" ("id" INTEGER NOT NULL PRIMARY KEY, "year" INTEGER NOT NULL, '
    '"objective" VARCHAR(20) NOT NULL, "target_segment" VARCHAR(255) NOT NULL, "action" TEXT NOT '
    'NULL, "media" VARCHAR(20) NOT NULL, "channel" VARCHAR(100) NOT NULL, "copies" INTEGER, '
    '"start" DATE NOT NULL, "end" DATE NOT NULL, "periodicity" VARCHAR(100) NOT NULL, '
    '"budget_cents" INTEGER NOT NULL, "spent_cents" INTEGER NOT NULL, "resources" TEXT NOT NULL, '
    '"measure" TEXT NOT NULL, "measure_target" VARCHAR(255) NOT NULL, "result" TEXT NOT NULL, '
    '"created_at" DATETIME NOT NULL)',
    'CREATE INDEX "comm_plan_row_year" ON "comm_plan_row" ("year")',
    'ALTER TABLE "complaint" ADD COLUMN "journey_step" VARCHAR(100) NOT NULL DEFAULT \'\'',
)

POSTGRESQL = (
    'CREATE TABLE "indicator_target" ("id" SERIAL NOT NULL PRIMARY KEY, "indicator" VARCHAR(100) '
    'NOT NULL, "year" INTEGER NOT NULL, "value" REAL NOT NULL, "unit" VARCHAR(20) NOT NULL, '
    '"direction" VARCHAR(10) NOT NULL, "updated_at" TIMESTAMP NOT NULL, "updated_by" VARCHAR(100)'
    ' NOT NULL)',
    'CREATE UNIQUE INDEX "indicator_target_indicator_year" ON "indicator_target" ("indicator", '
    '"year")',
    'CREATE TABLE "indicator_review" ("id" SERIAL NOT NULL PRIMARY KEY, "held_on" DATE NOT NULL, '
    '"period_start" DATE NOT NULL, "period_end" DATE NOT NULL, "participants" TEXT NOT NULL, '
    '"comments" TEXT NOT NULL, "created_at" TIMESTAMP NOT NULL, "created_by" VARCHAR(100) NOT '
    'NULL)',
    'CREATE INDEX "indicator_review_held_on" ON "indicator_review" ("held_on")',
    'CREATE TABLE "review_line" ("id" SERIAL NOT NULL PRIMARY KEY, "review_id" INTEGER NOT NULL, '
    '"indicator" VARCHAR(100) NOT NULL, "label" VARCHAR(255) NOT NULL, "unit" VARCHAR(20) NOT '
    'NULL, "value" REAL, "previous" REAL, "target" REAL, "status" VARCHAR(10) NOT NULL, "comment"'
    ' TEXT NOT NULL, FOREIGN KEY ("review_id") REFERENCES "indicator_review" ("id") ON DELETE '
    'CASCADE)',
    'CREATE INDEX "review_line_review_id" ON "review_line" ("review_id")',
    'CREATE TABLE "review_decision" ("id" SERIAL NOT NULL PRIMARY KEY, "review_id" INTEGER NOT '
    'NULL, "indicator" VARCHAR(100) NOT NULL, "text" TEXT NOT NULL, "action_id" INTEGER, FOREIGN '
    'KEY ("review_id") REFERENCES "indicator_review" ("id") ON DELETE CASCADE, FOREIGN KEY '
    '("action_id") REFERENCES "quality_action" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "review_decision_review_id" ON "review_decision" ("review_id")',
    'CREATE INDEX "review_decision_action_id" ON "review_decision" ("action_id")',
    'CREATE TABLE "journey_step" ("id" SERIAL NOT NULL PRIMARY KEY, "name" VARCHAR(100) NOT NULL,'
    ' "position" INTEGER NOT NULL, "description" TEXT NOT NULL)',
    'CREATE UNIQUE INDEX "journey_step_name" ON "journey_step" ("name")',
    'CREATE TABLE "contact_point" ("id" SERIAL NOT NULL PRIMARY KEY, "step_id" INTEGER NOT NULL, '
    '"name" VARCHAR(100) NOT NULL, "human" BOOLEAN NOT NULL, "channel_particulier" VARCHAR(100) '
    'NOT NULL, "channel_professionnel" VARCHAR(100) NOT NULL, "moment_of_truth" BOOLEAN NOT NULL,'
    ' "position" INTEGER NOT NULL, FOREIGN KEY ("step_id") REFERENCES "journey_step" ("id") ON '
    'DELETE CASCADE)',
    'CREATE INDEX "contact_point_step_id" ON "contact_point" ("step_id")',
    'CREATE TABLE "comm_plan_row" ("id" SERIAL NOT NULL PRIMARY KEY, "year" INTEGER NOT NULL, '
    '"objective" VARCHAR(20) NOT NULL, "target_segment" VARCHAR(255) NOT NULL, "action" TEXT NOT '
    'NULL, "media" VARCHAR(20) NOT NULL, "channel" VARCHAR(100) NOT NULL, "copies" INTEGER, '
    '"start" DATE NOT NULL, "end" DATE NOT NULL, "periodicity" VARCHAR(100) NOT NULL, '
    '"budget_cents" INTEGER NOT NULL, "spent_cents" INTEGER NOT NULL, "resources" TEXT NOT NULL, '
    '"measure" TEXT NOT NULL, "measure_target" VARCHAR(255) NOT NULL, "result" TEXT NOT NULL, '
    '"created_at" TIMESTAMP NOT NULL)',
    'CREATE INDEX "comm_plan_row_year" ON "comm_plan_row" ("year")',
    'ALTER TABLE "complaint" ADD COLUMN "journey_step" VARCHAR(100) NOT NULL DEFAULT \'\'',
)

# The journey a new file starts with (the company edits it afterwards).
STEP_ROWS = (
    'INSERT INTO "journey_step" ("name", "position", "description") VALUES '
    "('découverte', 0, ''), ('information', 1, ''), ('devis', 2, ''), ('commande', 3, ''), "
    "('livraison', 4, ''), ('utilisation', 5, ''), ('SAV', 6, ''), ('fidélisation', 7, '')"
)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
    db.execute_sql(STEP_ROWS)
