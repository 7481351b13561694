"""What customers add to the shared bulk inserts (rcdesk/services/bulk.py) on SQLite: a bigger
page cache, the search index (FTS) and the purchase summaries filled in one statement each at
the end."""

from __future__ import annotations

from contextlib import contextmanager

from peewee import SqliteDatabase, fn

from rcdesk.models.base import database_proxy
from rcdesk.models.customers import (
    FTS_INSERT_TRIGGER,
    Customer,
    Purchase,
    fts_fill_sql,
    fts_insert_trigger_sql,
)
from rcdesk.models.purchase_summaries import (
    POSTGRESQL_ADD_NEWER,
    SQLITE_ADD_NEWER,
    summary_triggers_off,
)

BULK_CACHE_KIB = 200_000  # page cache while bulk inserting: random-key index pages stay in memory


@contextmanager
def bulk_customer_writes():
    """Inside a transaction: many customers are inserted faster on SQLite by indexing them in
    the FTS table in one statement at the end instead of row by row (same result)."""
    db = database_proxy.obj
    if not isinstance(db, SqliteDatabase):
        yield
        return
    # A write first: a transaction begun plainly (BEGIN, not IMMEDIATE) takes the write lock
    # here, waiting for another process if need be, before its read of MAX(id) below; read
    # first, its first write would fail at once with « database is locked ».
    db.execute_sql(f"DROP TRIGGER IF EXISTS {FTS_INSERT_TRIGGER}")
    before = Customer.select(fn.MAX(Customer.id)).scalar() or 0
    cache = db.execute_sql("PRAGMA cache_size").fetchone()[0]
    db.execute_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
        db.execute_sql(fts_fill_sql(before))
        db.execute_sql(fts_insert_trigger_sql())
    finally:
        db.execute_sql(f"PRAGMA cache_size = {cache}")


BULK_PURCHASES = 2000  # fewer rows: the triggers keep the stored periods instead


@contextmanager
def bulk_purchase_writes(rows: int):
    """Inside a transaction: many purchases inserted faster with the summary triggers off, the
    new rows then added to the day and customer summaries in two statements and the triggers
    on again (same summaries; the stored periods are forgotten, computed again when next
    asked), for rows purchases or more. SQLite drops and remakes its triggers; PostgreSQL
    disables them (which holds the purchases locked until the commit: readers wait for the
    import, as they would for its rows). Other triggers on purchase keep firing."""
    db = database_proxy.obj
    if rows < BULK_PURCHASES:
        yield
        return
    sqlite = isinstance(db, SqliteDatabase)
    # a write first (SQLite: the lock is taken before reading MAX(id)); only the summaries'
    # own triggers: the indicators' cache and holders' revenue triggers keep firing
    again = summary_triggers_off(db, "sqlite" if sqlite else "postgresql")
    add = SQLITE_ADD_NEWER if sqlite else POSTGRESQL_ADD_NEWER
    before = Purchase.select(fn.MAX(Purchase.id)).scalar() or 0
    yield
    for statement in add:
        db.execute_sql(statement, (before,) if "?" in statement or "%s" in statement else ())
    for statement in again:
        db.execute_sql(statement)
