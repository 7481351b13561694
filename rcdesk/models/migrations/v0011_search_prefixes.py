"""Schema step 11: prefix indexes in the customer search (SQLite only).

A keystroke searches every word as a prefix ("l", "06", "dup"); without a prefix index FTS5
merges the lists of every indexed word starting with it (every phone number starting with 06)
on each query. customer_fts is rebuilt with FTS5's own prefix indexes of 1, 2 and 3
characters, merged into one segment: the same rows match (FTS5 answers a prefix query the
same with or without them), read from one list. The table is refilled from the customers
(about 10 s for 100,000 on a loaded 2-core machine, a one-off). PostgreSQL: nothing changes."""

from rcdesk.models.migrations.sql import run

VERSION = 11
LABEL = "index de préfixes de la recherche des clients"

_BODY = ("coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '') || ' ' || "
         "coalesce(c.company_name, '') || ' ' || coalesce(c.email, '') || ' ' || "
         "coalesce(c.email2, '') || ' ' || coalesce(c.city, '') || ' ' || "
         "coalesce(c.postal_code, '') || ' ' || coalesce(c.external_id, '') || ' ' || "
         "coalesce(c.search_phones, '')")

SQLITE = (
    "DROP TABLE customer_fts",
    "CREATE VIRTUAL TABLE customer_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2', "
    "prefix = '1 2 3')",
    f"INSERT INTO customer_fts(rowid, body) SELECT c.id, {_BODY} FROM customer c",
    "INSERT INTO customer_fts(customer_fts) VALUES ('optimize')",
)

# PostgreSQL searches by trigrams, which have no prefix form: its statistics are only
# refreshed (every step runs SQL on both engines).
POSTGRESQL = ("ANALYZE customer",)


def apply(db) -> None:
    run(db, SQLITE, POSTGRESQL)
