"""Bulk inserts for demo data and imports: executemany on SQLite, multi-row INSERT on PostgreSQL."""

from __future__ import annotations

from peewee import SqliteDatabase

from rcdesk.models.base import database_proxy

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
    fields = [model._meta.fields[c] for c in columns]
    for start in range(0, len(rows), 1000):
        model.insert_many(rows[start:start + 1000], fields=fields).execute()


def bulk_insert(model, columns: list[str], rows: list[tuple]) -> None:
    for start in range(0, len(rows), CHUNK):
        insert_chunk(model, columns, rows[start:start + CHUNK])
