"""Bulk inserts for demo data and imports: executemany on SQLite, multi-row INSERT on PostgreSQL."""

from __future__ import annotations

import io
from contextlib import contextmanager
from datetime import date, datetime

from peewee import SqliteDatabase, fn

from rcdesk.models.base import database_proxy
from rcdesk.models.customers import (
    FTS_INSERT_TRIGGER,
    Customer,
    fts_fill_sql,
    fts_insert_trigger_sql,
)

CHUNK = 5000


def insert_chunk(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert rows (tuples in the order of columns, model field names) in one statement batch."""
    if not rows:
        return
    db = database_proxy.obj
    if isinstance(db, SqliteDatabase):
        names = ", ".join(model._meta.fields[c].column_name for c in columns)
        marks = ", ".join("?" for _ in columns)
        db.cursor().executemany(
            f"INSERT INTO {model._meta.table_name} ({names}) VALUES ({marks})", rows)
        return
    _copy_rows(db, model, columns, rows)


def _copy_value(value) -> str:
    if value is None:
        return ""  # unquoted empty field: NULL in COPY's csv format
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return '"' + str(value).replace('"', '""') + '"'  # quoted: "" stays an empty string


def _copy_rows(db, model, columns: list[str], rows: list[tuple]) -> None:
    """PostgreSQL COPY ... FROM STDIN: ten times faster than multi-row INSERTs."""
    names = ", ".join(model._meta.fields[c].column_name for c in columns)
    buffer = io.StringIO()
    for row in rows:
        buffer.write(",".join(_copy_value(v) for v in row))
        buffer.write("\n")
    buffer.seek(0)
    cursor = db.cursor()
    cursor.copy_expert(f"COPY {model._meta.table_name} ({names}) FROM STDIN WITH (FORMAT csv)",
                       buffer)


def bulk_insert(model, columns: list[str], rows: list[tuple]) -> None:
    for start in range(0, len(rows), CHUNK):
        insert_chunk(model, columns, rows[start:start + CHUNK])


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
