"""Schema step 3 (released, frozen): the maturity self-assessment and the charter of commitments."""

from rcdesk.models.migrations.sql import run

VERSION = 3
LABEL = "auto-évaluation et charte"

SQLITE = (
    'CREATE TABLE "organisation" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(200) NOT NULL, '
    '"is_own" INTEGER NOT NULL, "created_at" DATETIME NOT NULL)',
    'CREATE INDEX "organisation_is_own" ON "organisation" ("is_own")',
    'CREATE TABLE "assessment" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"organisation_id" INTEGER NOT NULL, "date" DATE NOT NULL, "assessor" VARCHAR(200) NOT NULL, '
    '"strengths" TEXT NOT NULL, "weaknesses" TEXT NOT NULL, "opportunities" TEXT NOT NULL, '
    '"threats" TEXT NOT NULL, "created_by" VARCHAR(255) NOT NULL, "created_at" DATETIME NOT NULL, '
    '"updated_at" DATETIME NOT NULL, '
    'FOREIGN KEY ("organisation_id") REFERENCES "organisation" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "assessment_organisation_id" ON "assessment" ("organisation_id")',
    'CREATE INDEX "assessment_date" ON "assessment" ("date")',
    'CREATE INDEX "assessment_organisation_id_date" ON "assessment" ("organisation_id", "date")',
    'CREATE TABLE "assessment_score" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"assessment_id" INTEGER NOT NULL, "theme" INTEGER NOT NULL CHECK (theme BETWEEN 1 AND 8), '
    '"score" INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10), "comment" TEXT NOT NULL, '
    '"recommendation" TEXT NOT NULL, '
    'FOREIGN KEY ("assessment_id") REFERENCES "assessment" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "assessment_score_assessment_id" ON "assessment_score" ("assessment_id")',
    'CREATE UNIQUE INDEX "assessment_score_assessment_id_theme" ON "assessment_score" ("assessment_id", '
    '"theme")',
    'CREATE TABLE "commitment" ("id" INTEGER NOT NULL PRIMARY KEY, "position" INTEGER NOT NULL, '
    '"wording" TEXT NOT NULL, "indicator" VARCHAR(200) NOT NULL, "target_value" REAL, '
    '"target_unit" VARCHAR(20) NOT NULL, "comparison" VARCHAR(10) NOT NULL, '
    '"measured_how" TEXT NOT NULL, "owner" VARCHAR(100) NOT NULL, "review_date" DATE, '
    '"source" VARCHAR(40) NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL)',
    'CREATE INDEX "commitment_position" ON "commitment" ("position")',
    'CREATE TABLE "commitment_reading" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"commitment_id" INTEGER NOT NULL, "period_start" DATE NOT NULL, "period_end" DATE NOT NULL, '
    '"value" REAL NOT NULL, "note" TEXT NOT NULL, "recorded_at" DATETIME NOT NULL, '
    '"recorded_by" VARCHAR(100) NOT NULL, '
    'FOREIGN KEY ("commitment_id") REFERENCES "commitment" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "commitment_reading_commitment_id" ON "commitment_reading" ("commitment_id")',
    'CREATE INDEX "commitment_reading_period_end" ON "commitment_reading" ("period_end")',
)

POSTGRESQL = (
    'CREATE TABLE "organisation" ("id" SERIAL NOT NULL PRIMARY KEY, "name" VARCHAR(200) NOT NULL, '
    '"is_own" BOOLEAN NOT NULL, "created_at" TIMESTAMP NOT NULL)',
    'CREATE INDEX "organisation_is_own" ON "organisation" ("is_own")',
    'CREATE TABLE "assessment" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"organisation_id" INTEGER NOT NULL, "date" DATE NOT NULL, "assessor" VARCHAR(200) NOT NULL, '
    '"strengths" TEXT NOT NULL, "weaknesses" TEXT NOT NULL, "opportunities" TEXT NOT NULL, '
    '"threats" TEXT NOT NULL, "created_by" VARCHAR(255) NOT NULL, "created_at" TIMESTAMP NOT NULL, '
    '"updated_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("organisation_id") REFERENCES "organisation" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "assessment_organisation_id" ON "assessment" ("organisation_id")',
    'CREATE INDEX "assessment_date" ON "assessment" ("date")',
    'CREATE INDEX "assessment_organisation_id_date" ON "assessment" ("organisation_id", "date")',
    'CREATE TABLE "assessment_score" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"assessment_id" INTEGER NOT NULL, "theme" INTEGER NOT NULL CHECK (theme BETWEEN 1 AND 8), '
    '"score" INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10), "comment" TEXT NOT NULL, '
    '"recommendation" TEXT NOT NULL, '
    'FOREIGN KEY ("assessment_id") REFERENCES "assessment" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "assessment_score_assessment_id" ON "assessment_score" ("assessment_id")',
    'CREATE UNIQUE INDEX "assessment_score_assessment_id_theme" ON "assessment_score" ("assessment_id", '
    '"theme")',
    'CREATE TABLE "commitment" ("id" SERIAL NOT NULL PRIMARY KEY, "position" INTEGER NOT NULL, '
    '"wording" TEXT NOT NULL, "indicator" VARCHAR(200) NOT NULL, "target_value" REAL, '
    '"target_unit" VARCHAR(20) NOT NULL, "comparison" VARCHAR(10) NOT NULL, '
    '"measured_how" TEXT NOT NULL, "owner" VARCHAR(100) NOT NULL, "review_date" DATE, '
    '"source" VARCHAR(40) NOT NULL, "created_at" TIMESTAMP NOT NULL, '
    '"updated_at" TIMESTAMP NOT NULL)',
    'CREATE INDEX "commitment_position" ON "commitment" ("position")',
    'CREATE TABLE "commitment_reading" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"commitment_id" INTEGER NOT NULL, "period_start" DATE NOT NULL, "period_end" DATE NOT NULL, '
    '"value" REAL NOT NULL, "note" TEXT NOT NULL, "recorded_at" TIMESTAMP NOT NULL, '
    '"recorded_by" VARCHAR(100) NOT NULL, '
    'FOREIGN KEY ("commitment_id") REFERENCES "commitment" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "commitment_reading_commitment_id" ON "commitment_reading" ("commitment_id")',
    'CREATE INDEX "commitment_reading_period_end" ON "commitment_reading" ("period_end")',
)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
