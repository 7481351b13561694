"""Schema step 12: measured values kept to the last digit on PostgreSQL.

Steps 3 and 10 declared the charter's and the pilotage's measured values REAL: an 8-byte
number on SQLite but a 4-byte one on PostgreSQL, so 4.333333333333333 came back as 4.3333335
and a base moved to PostgreSQL (rcdesk transfer) was not the same base any more. They become
DOUBLE PRECISION there; SQLite's REAL already is one."""

from rcdesk.models.migrations.sql import run

VERSION = 12
LABEL = "valeurs mesurées en double précision (PostgreSQL)"

COLUMNS = (("commitment", "target_value"), ("commitment_reading", "value"),
           ("indicator_target", "value"), ("review_line", "value"), ("review_line", "previous"),
           ("review_line", "target"))

SQLITE = ("SELECT 1",)  # nothing to change: SQLite's REAL is an 8-byte floating point number

POSTGRESQL = tuple(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE DOUBLE PRECISION'
                   for table, column in COLUMNS)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
