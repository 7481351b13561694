"""Schema step 9: loyalty — programme versions, cards, the points ledger (append-only, one
unique source key per row), vouchers (used once), card events (issue, renewal, replacement) and
rebates granted."""

from rcdesk.models.migrations.sql import run

VERSION = 9
LABEL = "fidélité : cartes, points, bons, ristournes"

SQLITE = (
    'CREATE TABLE "loyalty_programme" ("id" INTEGER NOT NULL PRIMARY KEY, "valid_from" DATE NOT'
    ' NULL, "points_per_unit" INTEGER NOT NULL, "rounding" VARCHAR(255) NOT NULL, '
    '"threshold_points" INTEGER NOT NULL, "voucher_value_cents" INTEGER NOT NULL, '
    '"voucher_days" INTEGER NOT NULL, "card_months" INTEGER NOT NULL, "card_price_cents" '
    'INTEGER NOT NULL, "warn_days" INTEGER NOT NULL, "grace_days" INTEGER NOT NULL, '
    '"points_months" INTEGER NOT NULL, "tiers" TEXT NOT NULL, "rebates" TEXT NOT NULL, '
    '"referrer_points" INTEGER NOT NULL, "newcomer_points" INTEGER NOT NULL, "created_at" '
    'DATETIME NOT NULL, "created_by" VARCHAR(255) NOT NULL)',
    'CREATE UNIQUE INDEX "loyalty_programme_valid_from" ON "loyalty_programme" ("valid_from")',
    'CREATE TABLE "loyalty_card" ("id" INTEGER NOT NULL PRIMARY KEY, "number" VARCHAR(20) NOT '
    'NULL, "customer_id" INTEGER NOT NULL, "issued_on" DATE NOT NULL, "expires_on" DATE NOT '
    'NULL, "status" VARCHAR(255) NOT NULL, "blocked_on" DATE, "blocked_reason" VARCHAR(255) NOT'
    ' NULL, "replaced_by_id" INTEGER, "format" VARCHAR(255) NOT NULL, "balance" INTEGER NOT '
    'NULL, "next_expiry_on" DATE, "next_expiry_points" INTEGER NOT NULL, "created_at" DATETIME '
    'NOT NULL, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("replaced_by_id") REFERENCES "loyalty_card" ("id") ON DELETE SET NULL)',
    'CREATE UNIQUE INDEX "loyalty_card_number" ON "loyalty_card" ("number")',
    'CREATE INDEX "loyalty_card_customer_id" ON "loyalty_card" ("customer_id")',
    'CREATE INDEX "loyalty_card_expires_on" ON "loyalty_card" ("expires_on")',
    'CREATE INDEX "loyalty_card_replaced_by_id" ON "loyalty_card" ("replaced_by_id")',
    'CREATE INDEX "loyalty_card_next_expiry_on" ON "loyalty_card" ("next_expiry_on")',
    'CREATE TABLE "loyalty_voucher" ("id" INTEGER NOT NULL PRIMARY KEY, "code" VARCHAR(20) NOT '
    'NULL, "card_id" INTEGER NOT NULL, "value_cents" INTEGER NOT NULL, "points" INTEGER NOT '
    'NULL, "issued_on" DATE NOT NULL, "expires_on" DATE NOT NULL, "used_at" DATETIME, "used_on"'
    ' DATE, "used_by" VARCHAR(255) NOT NULL, "used_reference" VARCHAR(255) NOT NULL, FOREIGN '
    'KEY ("card_id") REFERENCES "loyalty_card" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "loyalty_voucher_code" ON "loyalty_voucher" ("code")',
    'CREATE INDEX "loyalty_voucher_card_id" ON "loyalty_voucher" ("card_id")',
    'CREATE INDEX "loyalty_voucher_expires_on" ON "loyalty_voucher" ("expires_on")',
    'CREATE TABLE "loyalty_ledger" ("id" INTEGER NOT NULL PRIMARY KEY, "card_id" INTEGER NOT '
    'NULL, "on" DATE NOT NULL, "at" DATETIME NOT NULL, "kind" VARCHAR(255) NOT NULL, "points" '
    'INTEGER NOT NULL, "expires_on" DATE, "amount_cents" INTEGER NOT NULL, "discount_cents" '
    'INTEGER NOT NULL, "reason" TEXT NOT NULL, "operator" VARCHAR(255) NOT NULL, "source_key" '
    'VARCHAR(160) NOT NULL, "purchase_id" INTEGER, "voucher_id" INTEGER, "corrects_id" INTEGER,'
    ' FOREIGN KEY ("card_id") REFERENCES "loyalty_card" ("id") ON DELETE CASCADE, FOREIGN KEY '
    '("purchase_id") REFERENCES "purchase" ("id") ON DELETE SET NULL, FOREIGN KEY '
    '("voucher_id") REFERENCES "loyalty_voucher" ("id") ON DELETE SET NULL, FOREIGN KEY '
    '("corrects_id") REFERENCES "loyalty_ledger" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "loyalty_ledger_expires_on" ON "loyalty_ledger" ("expires_on")',
    'CREATE UNIQUE INDEX "loyalty_ledger_source_key" ON "loyalty_ledger" ("source_key")',
    'CREATE INDEX "loyalty_ledger_purchase_id" ON "loyalty_ledger" ("purchase_id")',
    'CREATE INDEX "loyalty_ledger_voucher_id" ON "loyalty_ledger" ("voucher_id")',
    'CREATE INDEX "loyalty_ledger_corrects_id" ON "loyalty_ledger" ("corrects_id")',
    'CREATE INDEX "loyalty_ledger_card_id_on" ON "loyalty_ledger" ("card_id", "on")',
    'CREATE TABLE "loyalty_card_event" ("id" INTEGER NOT NULL PRIMARY KEY, "card_id" INTEGER '
    'NOT NULL, "on" DATE NOT NULL, "kind" VARCHAR(255) NOT NULL, "price_cents" INTEGER NOT '
    'NULL, "detail" TEXT NOT NULL, "operator" VARCHAR(255) NOT NULL, "at" DATETIME NOT NULL, '
    'FOREIGN KEY ("card_id") REFERENCES "loyalty_card" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "loyalty_card_event_card_id" ON "loyalty_card_event" ("card_id")',
    'CREATE INDEX "loyalty_card_event_on" ON "loyalty_card_event" ("on")',
    'CREATE TABLE "loyalty_rebate" ("id" INTEGER NOT NULL PRIMARY KEY, "customer_id" INTEGER '
    'NOT NULL, "period_start" DATE NOT NULL, "period_end" DATE NOT NULL, "spend_cents" INTEGER '
    'NOT NULL, "rate_pct" INTEGER NOT NULL, "amount_cents" INTEGER NOT NULL, "granted_on" DATE '
    'NOT NULL, "operator" VARCHAR(255) NOT NULL, FOREIGN KEY ("customer_id") REFERENCES '
    '"customer" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "loyalty_rebate_customer_id" ON "loyalty_rebate" ("customer_id")',
    'CREATE UNIQUE INDEX "loyalty_rebate_customer_id_period_start_period_end" ON '
    '"loyalty_rebate" ("customer_id", "period_start", "period_end")',
)

POSTGRESQL = (
    'CREATE TABLE "loyalty_programme" ("id" SERIAL NOT NULL PRIMARY KEY, "valid_from" DATE NOT '
    'NULL, "points_per_unit" INTEGER NOT NULL, "rounding" VARCHAR(255) NOT NULL, '
    '"threshold_points" INTEGER NOT NULL, "voucher_value_cents" INTEGER NOT NULL, '
    '"voucher_days" INTEGER NOT NULL, "card_months" INTEGER NOT NULL, "card_price_cents" '
    'INTEGER NOT NULL, "warn_days" INTEGER NOT NULL, "grace_days" INTEGER NOT NULL, '
    '"points_months" INTEGER NOT NULL, "tiers" TEXT NOT NULL, "rebates" TEXT NOT NULL, '
    '"referrer_points" INTEGER NOT NULL, "newcomer_points" INTEGER NOT NULL, "created_at" '
    'TIMESTAMP NOT NULL, "created_by" VARCHAR(255) NOT NULL)',
    'CREATE UNIQUE INDEX "loyalty_programme_valid_from" ON "loyalty_programme" ("valid_from")',
    'CREATE TABLE "loyalty_card" ("id" SERIAL NOT NULL PRIMARY KEY, "number" VARCHAR(20) NOT '
    'NULL, "customer_id" INTEGER NOT NULL, "issued_on" DATE NOT NULL, "expires_on" DATE NOT '
    'NULL, "status" VARCHAR(255) NOT NULL, "blocked_on" DATE, "blocked_reason" VARCHAR(255) NOT'
    ' NULL, "replaced_by_id" INTEGER, "format" VARCHAR(255) NOT NULL, "balance" INTEGER NOT '
    'NULL, "next_expiry_on" DATE, "next_expiry_points" INTEGER NOT NULL, "created_at" TIMESTAMP'
    ' NOT NULL, FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE, '
    'FOREIGN KEY ("replaced_by_id") REFERENCES "loyalty_card" ("id") ON DELETE SET NULL)',
    'CREATE UNIQUE INDEX "loyalty_card_number" ON "loyalty_card" ("number")',
    'CREATE INDEX "loyalty_card_customer_id" ON "loyalty_card" ("customer_id")',
    'CREATE INDEX "loyalty_card_expires_on" ON "loyalty_card" ("expires_on")',
    'CREATE INDEX "loyalty_card_replaced_by_id" ON "loyalty_card" ("replaced_by_id")',
    'CREATE INDEX "loyalty_card_next_expiry_on" ON "loyalty_card" ("next_expiry_on")',
    'CREATE TABLE "loyalty_voucher" ("id" SERIAL NOT NULL PRIMARY KEY, "code" VARCHAR(20) NOT '
    'NULL, "card_id" INTEGER NOT NULL, "value_cents" INTEGER NOT NULL, "points" INTEGER NOT '
    'NULL, "issued_on" DATE NOT NULL, "expires_on" DATE NOT NULL, "used_at" TIMESTAMP, '
    '"used_on" DATE, "used_by" VARCHAR(255) NOT NULL, "used_reference" VARCHAR(255) NOT NULL, '
    'FOREIGN KEY ("card_id") REFERENCES "loyalty_card" ("id") ON DELETE CASCADE)',
    'CREATE UNIQUE INDEX "loyalty_voucher_code" ON "loyalty_voucher" ("code")',
    'CREATE INDEX "loyalty_voucher_card_id" ON "loyalty_voucher" ("card_id")',
    'CREATE INDEX "loyalty_voucher_expires_on" ON "loyalty_voucher" ("expires_on")',
    'CREATE TABLE "loyalty_ledger" ("id" SERIAL NOT NULL PRIMARY KEY, "card_id" INTEGER NOT '
    'NULL, "on" DATE NOT NULL, "at" TIMESTAMP NOT NULL, "kind" VARCHAR(255) NOT NULL, "points" '
    'INTEGER NOT NULL, "expires_on" DATE, "amount_cents" INTEGER NOT NULL, "discount_cents" '
    'INTEGER NOT NULL, "reason" TEXT NOT NULL, "operator" VARCHAR(255) NOT NULL, "source_key" '
    'VARCHAR(160) NOT NULL, "purchase_id" INTEGER, "voucher_id" INTEGER, "corrects_id" INTEGER,'
    ' FOREIGN KEY ("card_id") REFERENCES "loyalty_card" ("id") ON DELETE CASCADE, FOREIGN KEY '
    '("purchase_id") REFERENCES "purchase" ("id") ON DELETE SET NULL, FOREIGN KEY '
    '("voucher_id") REFERENCES "loyalty_voucher" ("id") ON DELETE SET NULL, FOREIGN KEY '
    '("corrects_id") REFERENCES "loyalty_ledger" ("id") ON DELETE SET NULL)',
    'CREATE INDEX "loyalty_ledger_expires_on" ON "loyalty_ledger" ("expires_on")',
    'CREATE UNIQUE INDEX "loyalty_ledger_source_key" ON "loyalty_ledger" ("source_key")',
    'CREATE INDEX "loyalty_ledger_purchase_id" ON "loyalty_ledger" ("purchase_id")',
    'CREATE INDEX "loyalty_ledger_voucher_id" ON "loyalty_ledger" ("voucher_id")',
    'CREATE INDEX "loyalty_ledger_corrects_id" ON "loyalty_ledger" ("corrects_id")',
    'CREATE INDEX "loyalty_ledger_card_id_on" ON "loyalty_ledger" ("card_id", "on")',
    'CREATE TABLE "loyalty_card_event" ("id" SERIAL NOT NULL PRIMARY KEY, "card_id" INTEGER NOT'
    ' NULL, "on" DATE NOT NULL, "kind" VARCHAR(255) NOT NULL, "price_cents" INTEGER NOT NULL, '
    '"detail" TEXT NOT NULL, "operator" VARCHAR(255) NOT NULL, "at" TIMESTAMP NOT NULL, FOREIGN'
    ' KEY ("card_id") REFERENCES "loyalty_card" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "loyalty_card_event_card_id" ON "loyalty_card_event" ("card_id")',
    'CREATE INDEX "loyalty_card_event_on" ON "loyalty_card_event" ("on")',
    'CREATE TABLE "loyalty_rebate" ("id" SERIAL NOT NULL PRIMARY KEY, "customer_id" INTEGER NOT'
    ' NULL, "period_start" DATE NOT NULL, "period_end" DATE NOT NULL, "spend_cents" INTEGER NOT'
    ' NULL, "rate_pct" INTEGER NOT NULL, "amount_cents" INTEGER NOT NULL, "granted_on" DATE NOT'
    ' NULL, "operator" VARCHAR(255) NOT NULL, FOREIGN KEY ("customer_id") REFERENCES "customer"'
    ' ("id") ON DELETE CASCADE)',
    'CREATE INDEX "loyalty_rebate_customer_id" ON "loyalty_rebate" ("customer_id")',
    'CREATE UNIQUE INDEX "loyalty_rebate_customer_id_period_start_period_end" ON '
    '"loyalty_rebate" ("customer_id", "period_start", "period_end")',
)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
