"""Schema step 5: a version number on every record a form edits (optimistic locking).

customer, complaint, quality_action, commitment and company get "version", 1 for the rows
already there; every save of a form sends the version it started from and bumps it, so a save
from a stale form is refused instead of silently undoing another counter's changes."""

from rcdesk.models.migrations.sql import run

VERSION = 5
LABEL = "numéros de version des fiches"

TABLES = ("customer", "complaint", "quality_action", "commitment", "company")

SQLITE = tuple(f'ALTER TABLE "{table}" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1'
               for table in TABLES)

POSTGRESQL = tuple(f'ALTER TABLE "{table}" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1'
                   for table in TABLES)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
