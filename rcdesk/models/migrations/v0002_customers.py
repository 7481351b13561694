"""Schema step 2 (released, frozen): customers, purchases, interactions and the search index.

SQLite searches an FTS5 table kept by triggers (accents removed by its tokenizer); PostgreSQL a
search_text column filled by a trigger through rcdesk_fold (unaccent), with a trigram index."""

from rcdesk.models.migrations.sql import run

VERSION = 2
LABEL = "fichier client"

SQLITE = (
    'CREATE TABLE "customer" ("id" INTEGER NOT NULL PRIMARY KEY, "kind" VARCHAR(255) NOT NULL, '
    '"status" VARCHAR(255) NOT NULL, "civility" VARCHAR(255) NOT NULL, '
    '"first_name" VARCHAR(255) NOT NULL, "last_name" VARCHAR(255) NOT NULL, '
    '"company_name" VARCHAR(255) NOT NULL, "legal_id" VARCHAR(255) NOT NULL, "birth_date" DATE, '
    '"email" VARCHAR(255) NOT NULL, "email2" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, '
    '"phone2" VARCHAR(255) NOT NULL, "address" TEXT NOT NULL, "postal_code" VARCHAR(255) NOT NULL, '
    '"city" VARCHAR(255) NOT NULL, "region" VARCHAR(255) NOT NULL, "country" VARCHAR(2) NOT NULL, '
    '"segments" VARCHAR(255) NOT NULL, "source" VARCHAR(255) NOT NULL, '
    '"preferred_channel" VARCHAR(255) NOT NULL, "consent" INTEGER NOT NULL, "consent_date" DATE, '
    '"consent_how" VARCHAR(255) NOT NULL, "referred_by_id" INTEGER, "external_id" VARCHAR(255), '
    '"created_at" DATETIME NOT NULL, "last_contact" DATETIME, "notes" TEXT NOT NULL, '
    '"anonymised_at" DATETIME, "sort_name" VARCHAR(255) NOT NULL, '
    '"search_phones" VARCHAR(255) NOT NULL, "client_since" DATE, "lost_at" DATE, '
    'FOREIGN KEY ("referred_by_id") REFERENCES "customer" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "customer_kind" ON "customer" ("kind")',
    'CREATE INDEX "customer_status" ON "customer" ("status")',
    'CREATE INDEX "customer_last_name" ON "customer" ("last_name")',
    'CREATE INDEX "customer_email" ON "customer" ("email")',
    'CREATE INDEX "customer_phone" ON "customer" ("phone")',
    'CREATE INDEX "customer_postal_code" ON "customer" ("postal_code")',
    'CREATE INDEX "customer_city" ON "customer" ("city")',
    'CREATE INDEX "customer_region" ON "customer" ("region")',
    'CREATE INDEX "customer_referred_by_id" ON "customer" ("referred_by_id")',
    'CREATE UNIQUE INDEX "customer_external_id" ON "customer" ("external_id")',
    'CREATE INDEX "customer_created_at" ON "customer" ("created_at")',
    'CREATE INDEX "customer_last_contact" ON "customer" ("last_contact")',
    'CREATE INDEX "customer_sort_name" ON "customer" ("sort_name")',
    'CREATE TABLE "interaction" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"customer_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "channel" VARCHAR(255) NOT NULL, '
    '"direction" VARCHAR(255) NOT NULL, "step" VARCHAR(255) NOT NULL, '
    '"subject" VARCHAR(255) NOT NULL, "outcome" TEXT NOT NULL, "follow_up" DATE, '
    '"follow_up_done" INTEGER NOT NULL, "operator" VARCHAR(255) NOT NULL, '
    'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "interaction_customer_id" ON "interaction" ("customer_id")',
    'CREATE INDEX "interaction_at" ON "interaction" ("at")',
    'CREATE INDEX "interaction_follow_up" ON "interaction" ("follow_up")',
    'CREATE TABLE "purchase" ("id" INTEGER NOT NULL PRIMARY KEY, "customer_id" INTEGER NOT NULL, '
    '"date" DATE NOT NULL, "amount_cents" INTEGER NOT NULL, "channel" VARCHAR(255) NOT NULL, '
    '"reference" VARCHAR(255) NOT NULL, '
    'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "purchase_customer_id_date_amount_cents" ON "purchase" ("customer_id", "date", '
    '"amount_cents")',
    'CREATE INDEX "purchase_date_customer_id_amount_cents" ON "purchase" ("date", "customer_id", '
    '"amount_cents")',
    "CREATE VIRTUAL TABLE customer_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
    'CREATE TRIGGER customer_fts_ai AFTER INSERT ON customer BEGIN INSERT INTO customer_fts(rowid, '
    "body) VALUES (new.id, coalesce(new.first_name, '') || ' ' || coalesce(new.last_name, '') || "
    "' ' || coalesce(new.company_name, '') || ' ' || coalesce(new.email, '') || ' ' || "
    "coalesce(new.email2, '') || ' ' || coalesce(new.city, '') || ' ' || coalesce(new.postal_code, "
    "'') || ' ' || coalesce(new.external_id, '') || ' ' || coalesce(new.search_phones, '')); END",
    'CREATE TRIGGER customer_fts_ad AFTER DELETE ON customer BEGIN\n'
    '        DELETE FROM customer_fts WHERE rowid = old.id; END',
    'CREATE TRIGGER customer_fts_au AFTER UPDATE OF first_name, last_name, company_name, email, '
    'email2, city, postal_code, external_id, search_phones\n        ON customer BEGIN\n'
    '        DELETE FROM customer_fts WHERE rowid = old.id;\n'
    "        INSERT INTO customer_fts(rowid, body) VALUES (new.id, coalesce(new.first_name, '') || "
    "' ' || coalesce(new.last_name, '') || ' ' || coalesce(new.company_name, '') || ' ' || "
    "coalesce(new.email, '') || ' ' || coalesce(new.email2, '') || ' ' || coalesce(new.city, "
    "'') || ' ' || coalesce(new.postal_code, '') || ' ' || coalesce(new.external_id, '') || ' ' || "
    "coalesce(new.search_phones, '')); END",
)

POSTGRESQL = (
    'CREATE TABLE "customer" ("id" SERIAL NOT NULL PRIMARY KEY, "kind" VARCHAR(255) NOT NULL, '
    '"status" VARCHAR(255) NOT NULL, "civility" VARCHAR(255) NOT NULL, '
    '"first_name" VARCHAR(255) NOT NULL, "last_name" VARCHAR(255) NOT NULL, '
    '"company_name" VARCHAR(255) NOT NULL, "legal_id" VARCHAR(255) NOT NULL, "birth_date" DATE, '
    '"email" VARCHAR(255) NOT NULL, "email2" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, '
    '"phone2" VARCHAR(255) NOT NULL, "address" TEXT NOT NULL, "postal_code" VARCHAR(255) NOT NULL, '
    '"city" VARCHAR(255) NOT NULL, "region" VARCHAR(255) NOT NULL, "country" VARCHAR(2) NOT NULL, '
    '"segments" VARCHAR(255) NOT NULL, "source" VARCHAR(255) NOT NULL, '
    '"preferred_channel" VARCHAR(255) NOT NULL, "consent" BOOLEAN NOT NULL, "consent_date" DATE, '
    '"consent_how" VARCHAR(255) NOT NULL, "referred_by_id" INTEGER, "external_id" VARCHAR(255), '
    '"created_at" TIMESTAMP NOT NULL, "last_contact" TIMESTAMP, "notes" TEXT NOT NULL, '
    '"anonymised_at" TIMESTAMP, "sort_name" VARCHAR(255) NOT NULL, '
    '"search_phones" VARCHAR(255) NOT NULL, "client_since" DATE, "lost_at" DATE, '
    'FOREIGN KEY ("referred_by_id") REFERENCES "customer" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "customer_kind" ON "customer" ("kind")',
    'CREATE INDEX "customer_status" ON "customer" ("status")',
    'CREATE INDEX "customer_last_name" ON "customer" ("last_name")',
    'CREATE INDEX "customer_email" ON "customer" ("email")',
    'CREATE INDEX "customer_phone" ON "customer" ("phone")',
    'CREATE INDEX "customer_postal_code" ON "customer" ("postal_code")',
    'CREATE INDEX "customer_city" ON "customer" ("city")',
    'CREATE INDEX "customer_region" ON "customer" ("region")',
    'CREATE INDEX "customer_referred_by_id" ON "customer" ("referred_by_id")',
    'CREATE UNIQUE INDEX "customer_external_id" ON "customer" ("external_id")',
    'CREATE INDEX "customer_created_at" ON "customer" ("created_at")',
    'CREATE INDEX "customer_last_contact" ON "customer" ("last_contact")',
    'CREATE INDEX "customer_sort_name" ON "customer" ("sort_name")',
    'CREATE TABLE "interaction" ("id" SERIAL NOT NULL PRIMARY KEY, "customer_id" INTEGER NOT NULL, '
    '"at" TIMESTAMP NOT NULL, "channel" VARCHAR(255) NOT NULL, "direction" VARCHAR(255) NOT NULL, '
    '"step" VARCHAR(255) NOT NULL, "subject" VARCHAR(255) NOT NULL, "outcome" TEXT NOT NULL, '
    '"follow_up" DATE, "follow_up_done" BOOLEAN NOT NULL, "operator" VARCHAR(255) NOT NULL, '
    'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "interaction_customer_id" ON "interaction" ("customer_id")',
    'CREATE INDEX "interaction_at" ON "interaction" ("at")',
    'CREATE INDEX "interaction_follow_up" ON "interaction" ("follow_up")',
    'CREATE TABLE "purchase" ("id" SERIAL NOT NULL PRIMARY KEY, "customer_id" INTEGER NOT NULL, '
    '"date" DATE NOT NULL, "amount_cents" INTEGER NOT NULL, "channel" VARCHAR(255) NOT NULL, '
    '"reference" VARCHAR(255) NOT NULL, '
    'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "purchase_customer_id_date_amount_cents" ON "purchase" ("customer_id", "date", '
    '"amount_cents")',
    'CREATE INDEX "purchase_date_customer_id_amount_cents" ON "purchase" ("date", "customer_id", '
    '"amount_cents")',
    'CREATE EXTENSION IF NOT EXISTS unaccent',
    'CREATE EXTENSION IF NOT EXISTS pg_trgm',
    # unaccent() is only STABLE: wrapped (dictionary named) so that an index may use it.
    'CREATE FUNCTION rcdesk_fold(text) RETURNS text\n'
    '        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS\n'
    "        $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, coalesce($1, "
    "''))) $$",
    "ALTER TABLE customer ADD COLUMN search_text TEXT NOT NULL DEFAULT ''",
    'CREATE FUNCTION customer_search_text() RETURNS trigger\n        LANGUAGE plpgsql AS $$ BEGIN\n'
    "        NEW.search_text := rcdesk_fold(coalesce(NEW.first_name, '') || ' ' || "
    "coalesce(NEW.last_name, '') || ' ' || coalesce(NEW.company_name, '') || ' ' || "
    "coalesce(NEW.email, '') || ' ' || coalesce(NEW.email2, '') || ' ' || coalesce(NEW.city, "
    "'') || ' ' || coalesce(NEW.postal_code, '') || ' ' || coalesce(NEW.external_id, '') || ' ' || "
    "coalesce(NEW.search_phones, '')); RETURN NEW; END $$",
    'CREATE TRIGGER customer_search_text_trg BEFORE INSERT OR UPDATE ON customer '
    'FOR EACH ROW EXECUTE FUNCTION customer_search_text()',
    'CREATE INDEX customer_search_trgm ON customer USING gin (search_text gin_trgm_ops)',
)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
