"""Schema step 6: the contact persons of a customer (a company's buyer, accountant...).

customer_contact: one row per person, deleted with its customer; the import fills it from the
rows whose parent is another row (Odoo parent_id, SuiteCRM "Account Name")."""

from rcdesk.models.migrations.sql import run

VERSION = 6
LABEL = "contacts des clients professionnels"

SQLITE = (
    'CREATE TABLE "customer_contact" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"customer_id" INTEGER NOT NULL, "name" VARCHAR(255) NOT NULL, "role" VARCHAR(255) NOT NULL, '
    '"email" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, "notes" TEXT NOT NULL, '
    '"position" INTEGER NOT NULL, '
    'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "customer_contact_customer_id" ON "customer_contact" ("customer_id")',
)

POSTGRESQL = (
    'CREATE TABLE "customer_contact" ("id" SERIAL NOT NULL PRIMARY KEY, '
    '"customer_id" INTEGER NOT NULL, "name" VARCHAR(255) NOT NULL, "role" VARCHAR(255) NOT NULL, '
    '"email" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, "notes" TEXT NOT NULL, '
    '"position" INTEGER NOT NULL, '
    'FOREIGN KEY ("customer_id") REFERENCES "customer" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "customer_contact_customer_id" ON "customer_contact" ("customer_id")',
)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
