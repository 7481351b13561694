"""Schema step 7: the customer's history of corrections (who changed or deleted what, when).

customer_event holds one line per correction of a purchase or an interaction (and what other
areas choose to note on the customer's file); it goes with the customer (ON DELETE CASCADE)
and is emptied by a GDPR erasure."""

from rcdesk.models.migrations.sql import run

VERSION = 7
LABEL = "historique des corrections de la fiche client"

SQLITE = (
    'CREATE TABLE "customer_event" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"customer_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, "who" VARCHAR(255) NOT NULL, '
    '"what" TEXT NOT NULL, '
    'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "customer_event_customer_id" ON "customer_event" ("customer_id")',
)

POSTGRESQL = (
    'CREATE TABLE "customer_event" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"customer_id" INTEGER NOT NULL, "at" TIMESTAMP NOT NULL, "who" VARCHAR(255) NOT NULL, '
    '"what" TEXT NOT NULL, '
    'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "customer_event_customer_id" ON "customer_event" ("customer_id")',
)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
