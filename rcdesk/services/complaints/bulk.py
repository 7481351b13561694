"""Bulk writes of the complaints area (demo history): multi-row INSERTs on both engines."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from peewee import SqliteDatabase

from rcdesk.models.base import database_proxy


def _sqlite_value(value):
    """What peewee would store on SQLite: dates and datetimes as ISO text, booleans as 0/1."""
    if isinstance(value, datetime):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def insert_rows(model, names: tuple[str, ...], rows: list[tuple]) -> None:
    """Multi-row INSERTs, the statement text built once per chunk size (peewee composes the
    SQL value by value: most of the time for 100,000 rows)."""
    db = database_proxy.obj
    sqlite = isinstance(db, SqliteDatabase)
    defaults = [f for f in model._meta.sorted_fields  # the model's Python-side defaults
                if f.name not in names and not f.primary_key and f.default is not None]
    tail = tuple(f.default() if callable(f.default) else f.default for f in defaults)
    names = tuple(names) + tuple(f.name for f in defaults)
    rows = [row + tail for row in rows] if tail else rows
    columns = ", ".join(f'"{model._meta.fields[n].column_name}"' for n in names)
    head = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES '
    one = "(" + ", ".join([db.param] * len(names)) + ")"
    limit = 999 if sqlite and sqlite3.sqlite_version_info < (3, 32) else 30000
    size = max(1, limit // len(names))
    statements: dict[int, str] = {}
    for i in range(0, len(rows), size):
        chunk = rows[i:i + size]
        if len(chunk) not in statements:
            statements[len(chunk)] = head + ", ".join([one] * len(chunk))
        params = [_sqlite_value(v) if sqlite else v for row in chunk for v in row]
        db.execute_sql(statements[len(chunk)], params)
