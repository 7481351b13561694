"""Schema step 4 (released, frozen): the complaint register and the quality action plan (PAQ)."""

from rcdesk.models.migrations.sql import run

VERSION = 4
LABEL = "réclamations et plan d'actions"

SQLITE = (
    'CREATE TABLE "complaint_category" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"name" VARCHAR(100) NOT NULL, "position" INTEGER NOT NULL)',
    'CREATE UNIQUE INDEX "complaint_category_name" ON "complaint_category" ("name")',
    'CREATE TABLE "complaint" ("id" INTEGER NOT NULL PRIMARY KEY, "number" VARCHAR(20) NOT NULL, '
    '"received_at" DATETIME NOT NULL, "received_on" DATE NOT NULL, "due_date" DATE NOT NULL, '
    '"customer_id" INTEGER, "walk_in_name" VARCHAR(255) NOT NULL, '
    '"walk_in_contact" VARCHAR(255) NOT NULL, "channel" VARCHAR(255) NOT NULL, '
    '"product" VARCHAR(255) NOT NULL, "place" VARCHAR(255) NOT NULL, "description" TEXT NOT NULL, '
    '"expectation" TEXT NOT NULL, "status" VARCHAR(255) NOT NULL, "category_id" INTEGER, '
    '"type" VARCHAR(255) NOT NULL, "founded" INTEGER, "severity" VARCHAR(255) NOT NULL, '
    '"entity" VARCHAR(255) NOT NULL, "paused_on" DATE, "paused_from" VARCHAR(255) NOT NULL, '
    '"waited_days" INTEGER NOT NULL, "answer_text" TEXT NOT NULL, "answer_date" DATE, '
    '"compensation" VARCHAR(255) NOT NULL, "cost_cents" INTEGER NOT NULL, '
    '"resatisfied" VARCHAR(255) NOT NULL, "closed_at" DATETIME, "updated_at" DATETIME NOT NULL, '
    'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE SET NULL, '
    'FOREIGN KEY ("category_id") REFERENCES "complaint_category" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "complaint_number" ON "complaint" ("number")',
    'CREATE INDEX "complaint_received_on" ON "complaint" ("received_on")',
    'CREATE INDEX "complaint_due_date" ON "complaint" ("due_date")',
    'CREATE INDEX "complaint_customer_id" ON "complaint" ("customer_id")',
    'CREATE INDEX "complaint_channel" ON "complaint" ("channel")',
    'CREATE INDEX "complaint_product" ON "complaint" ("product")',
    'CREATE INDEX "complaint_place" ON "complaint" ("place")',
    'CREATE INDEX "complaint_status" ON "complaint" ("status")',
    'CREATE INDEX "complaint_category_id" ON "complaint" ("category_id")',
    'CREATE INDEX "complaint_answer_date" ON "complaint" ("answer_date")',
    'CREATE INDEX "complaint_received_on_id" ON "complaint" ("received_on", "id")',
    'CREATE INDEX "complaint_status_due_date" ON "complaint" ("status", "due_date")',
    'CREATE TABLE "complaint_attachment" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"complaint_id" INTEGER NOT NULL, "sha256" VARCHAR(64) NOT NULL, '
    '"stored_name" VARCHAR(255) NOT NULL, "filename" VARCHAR(255) NOT NULL, '
    '"size" INTEGER NOT NULL, "added_at" DATETIME NOT NULL, "who" VARCHAR(255) NOT NULL, '
    'FOREIGN KEY ("complaint_id") REFERENCES "complaint" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "complaint_attachment_complaint_id" ON "complaint_attachment" ("complaint_id")',
    'CREATE INDEX "complaint_attachment_sha256" ON "complaint_attachment" ("sha256")',
    'CREATE TABLE "complaint_counter" ("year" INTEGER NOT NULL PRIMARY KEY, '
    '"last" INTEGER NOT NULL)',
    'CREATE TABLE "complaint_event" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"complaint_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "who" VARCHAR(255) NOT NULL, '
    '"what" TEXT NOT NULL, "comment" TEXT NOT NULL, '
    'FOREIGN KEY ("complaint_id") REFERENCES "complaint" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "complaint_event_complaint_id" ON "complaint_event" ("complaint_id")',
    'CREATE TABLE "quality_action" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"origin" VARCHAR(255) NOT NULL, "nc" TEXT NOT NULL, "causes_5m" VARCHAR(255) NOT NULL, '
    '"cause_analysis" TEXT NOT NULL, "action" TEXT NOT NULL, "planned_date" DATE, '
    '"documents" TEXT NOT NULL, "pilot" VARCHAR(255) NOT NULL, "actors" TEXT NOT NULL, '
    '"check_how" TEXT NOT NULL, "check_date" DATE, "progress_pct" INTEGER NOT NULL, '
    '"progress_date" DATE, "effect_date" DATE, "effect_result" VARCHAR(255) NOT NULL, '
    '"created_at" DATETIME NOT NULL, "created_by" VARCHAR(255) NOT NULL, '
    '"updated_at" DATETIME NOT NULL)',
    'CREATE INDEX "quality_action_origin" ON "quality_action" ("origin")',
    'CREATE INDEX "quality_action_planned_date" ON "quality_action" ("planned_date")',
    'CREATE TABLE "action_complaint" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"action_id" INTEGER NOT NULL, "complaint_id" INTEGER NOT NULL, '
    'FOREIGN KEY ("action_id") REFERENCES "quality_action" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("complaint_id") REFERENCES "complaint" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "action_complaint_action_id" ON "action_complaint" ("action_id")',
    'CREATE INDEX "action_complaint_complaint_id" ON "action_complaint" ("complaint_id")',
    'CREATE UNIQUE INDEX "action_complaint_action_id_complaint_id" ON "action_complaint" ("action_id", '
    '"complaint_id")',
)

POSTGRESQL = (
    'CREATE TABLE "complaint_category" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"name" VARCHAR(100) NOT NULL, "position" INTEGER NOT NULL)',
    'CREATE UNIQUE INDEX "complaint_category_name" ON "complaint_category" ("name")',
    'CREATE TABLE "complaint" ("id" SERIAL NOT NULL PRIMARY KEY, "number" VARCHAR(20) NOT NULL, '
    '"received_at" TIMESTAMP NOT NULL, "received_on" DATE NOT NULL, "due_date" DATE NOT NULL, '
    '"customer_id" INTEGER, "walk_in_name" VARCHAR(255) NOT NULL, '
    '"walk_in_contact" VARCHAR(255) NOT NULL, "channel" VARCHAR(255) NOT NULL, '
    '"product" VARCHAR(255) NOT NULL, "place" VARCHAR(255) NOT NULL, "description" TEXT NOT NULL, '
    '"expectation" TEXT NOT NULL, "status" VARCHAR(255) NOT NULL, "category_id" INTEGER, '
    '"type" VARCHAR(255) NOT NULL, "founded" BOOLEAN, "severity" VARCHAR(255) NOT NULL, '
    '"entity" VARCHAR(255) NOT NULL, "paused_on" DATE, "paused_from" VARCHAR(255) NOT NULL, '
    '"waited_days" INTEGER NOT NULL, "answer_text" TEXT NOT NULL, "answer_date" DATE, '
    '"compensation" VARCHAR(255) NOT NULL, "cost_cents" INTEGER NOT NULL, '
    '"resatisfied" VARCHAR(255) NOT NULL, "closed_at" TIMESTAMP, "updated_at" TIMESTAMP NOT NULL, '
    'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE SET NULL, '
    'FOREIGN KEY ("category_id") REFERENCES "complaint_category" ("id") ON DELETE RESTRICT)',
    'CREATE UNIQUE INDEX "complaint_number" ON "complaint" ("number")',
    'CREATE INDEX "complaint_received_on" ON "complaint" ("received_on")',
    'CREATE INDEX "complaint_due_date" ON "complaint" ("due_date")',
    'CREATE INDEX "complaint_customer_id" ON "complaint" ("customer_id")',
    'CREATE INDEX "complaint_channel" ON "complaint" ("channel")',
    'CREATE INDEX "complaint_product" ON "complaint" ("product")',
    'CREATE INDEX "complaint_place" ON "complaint" ("place")',
    'CREATE INDEX "complaint_status" ON "complaint" ("status")',
    'CREATE INDEX "complaint_category_id" ON "complaint" ("category_id")',
    'CREATE INDEX "complaint_answer_date" ON "complaint" ("answer_date")',
    'CREATE INDEX "complaint_received_on_id" ON "complaint" ("received_on", "id")',
    'CREATE INDEX "complaint_status_due_date" ON "complaint" ("status", "due_date")',
    'CREATE TABLE "complaint_attachment" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"complaint_id" INTEGER NOT NULL, "sha256" VARCHAR(64) NOT NULL, '
    '"stored_name" VARCHAR(255) NOT NULL, "filename" VARCHAR(255) NOT NULL, '
    '"size" INTEGER NOT NULL, "added_at" TIMESTAMP NOT NULL, "who" VARCHAR(255) NOT NULL, '
    'FOREIGN KEY ("complaint_id") REFERENCES "complaint" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "complaint_attachment_complaint_id" ON "complaint_attachment" ("complaint_id")',
    'CREATE INDEX "complaint_attachment_sha256" ON "complaint_attachment" ("sha256")',
    'CREATE TABLE "complaint_counter" ("year" INTEGER NOT NULL PRIMARY KEY, '
    '"last" INTEGER NOT NULL)',
    'CREATE TABLE "complaint_event" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"complaint_id" INTEGER NOT NULL, "at" TIMESTAMP NOT NULL, "who" VARCHAR(255) NOT NULL, '
    '"what" TEXT NOT NULL, "comment" TEXT NOT NULL, '
    'FOREIGN KEY ("complaint_id") REFERENCES "complaint" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "complaint_event_complaint_id" ON "complaint_event" ("complaint_id")',
    'CREATE TABLE "quality_action" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"origin" VARCHAR(255) NOT NULL, "nc" TEXT NOT NULL, "causes_5m" VARCHAR(255) NOT NULL, '
    '"cause_analysis" TEXT NOT NULL, "action" TEXT NOT NULL, "planned_date" DATE, '
    '"documents" TEXT NOT NULL, "pilot" VARCHAR(255) NOT NULL, "actors" TEXT NOT NULL, '
    '"check_how" TEXT NOT NULL, "check_date" DATE, "progress_pct" INTEGER NOT NULL, '
    '"progress_date" DATE, "effect_date" DATE, "effect_result" VARCHAR(255) NOT NULL, '
    '"created_at" TIMESTAMP NOT NULL, "created_by" VARCHAR(255) NOT NULL, '
    '"updated_at" TIMESTAMP NOT NULL)',
    'CREATE INDEX "quality_action_origin" ON "quality_action" ("origin")',
    'CREATE INDEX "quality_action_planned_date" ON "quality_action" ("planned_date")',
    'CREATE TABLE "action_complaint" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"action_id" INTEGER NOT NULL, "complaint_id" INTEGER NOT NULL, '
    'FOREIGN KEY ("action_id") REFERENCES "quality_action" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("complaint_id") REFERENCES "complaint" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "action_complaint_action_id" ON "action_complaint" ("action_id")',
    'CREATE INDEX "action_complaint_complaint_id" ON "action_complaint" ("complaint_id")',
    'CREATE UNIQUE INDEX "action_complaint_action_id_complaint_id" ON "action_complaint" ("action_id", '
    '"complaint_id")',
)

# The category list a new register starts with (the company edits it afterwards).
CATEGORY_ROWS = (
    'INSERT INTO "complaint_category" ("name", "position") VALUES '
    "('Produit défectueux', 0), ('Livraison', 1), ('Accueil', 2), ('Facturation', 3), "
    "('Délai', 4), ('Service après-vente', 5)"
)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
    db.execute_sql(CATEGORY_ROWS)
