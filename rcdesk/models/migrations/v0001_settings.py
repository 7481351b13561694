"""Schema step 1 (released, frozen): schema metadata, company profile, settings, operators."""

from rcdesk.models.migrations.sql import engine, run, utc_now

VERSION = 1
LABEL = "entreprise, paramètres, opérateurs"

SQLITE = (
    'CREATE TABLE "company" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, '
    '"legal_id" VARCHAR(255) NOT NULL, "address" TEXT NOT NULL, '
    '"postal_code" VARCHAR(255) NOT NULL, "city" VARCHAR(255) NOT NULL, '
    '"phone" VARCHAR(255) NOT NULL, "email" VARCHAR(255) NOT NULL, "logo" BLOB, '
    '"country" VARCHAR(2) NOT NULL, "currency" VARCHAR(3) NOT NULL, '
    '"complaint_deadline_days" INTEGER NOT NULL, "updated_at" DATETIME NOT NULL)',
    'CREATE TABLE "rcdesk_meta" ("key" VARCHAR(64) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "setting" ("key" VARCHAR(100) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "user" ("id" INTEGER NOT NULL PRIMARY KEY, "login" VARCHAR(100) NOT NULL, '
    '"display_name" VARCHAR(255) NOT NULL, "created_at" DATETIME NOT NULL)',
    'CREATE UNIQUE INDEX "user_login" ON "user" ("login")',
)

POSTGRESQL = (
    'CREATE TABLE "company" ("id" SERIAL NOT NULL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, '
    '"legal_id" VARCHAR(255) NOT NULL, "address" TEXT NOT NULL, '
    '"postal_code" VARCHAR(255) NOT NULL, "city" VARCHAR(255) NOT NULL, '
    '"phone" VARCHAR(255) NOT NULL, "email" VARCHAR(255) NOT NULL, "logo" BYTEA, '
    '"country" VARCHAR(2) NOT NULL, "currency" VARCHAR(3) NOT NULL, '
    '"complaint_deadline_days" INTEGER NOT NULL, "updated_at" TIMESTAMP NOT NULL)',
    'CREATE TABLE "rcdesk_meta" ("key" VARCHAR(64) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "setting" ("key" VARCHAR(100) NOT NULL PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "user" ("id" SERIAL NOT NULL PRIMARY KEY, "login" VARCHAR(100) NOT NULL, '
    '"display_name" VARCHAR(255) NOT NULL, "created_at" TIMESTAMP NOT NULL)',
    'CREATE UNIQUE INDEX "user_login" ON "user" ("login")',
)

# The one company profile (id 1), empty, France, euros, 5 working days to answer a complaint.
COMPANY_ROW = (
    'INSERT INTO "company" ("id", "name", "legal_id", "address", "postal_code", "city", "phone", '
    '"email", "country", "currency", "complaint_deadline_days", "updated_at") '
    "VALUES (1, '', '', '', '', '', '', '', 'FR', 'EUR', 5, {param})"
)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
    param = "?" if engine(db) == "sqlite" else "%s"
    db.execute_sql(COMPANY_ROW.format(param=param), (utc_now(db),))
