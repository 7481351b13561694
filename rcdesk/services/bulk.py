"""Bulk inserts for imports and demo data: many rows in the caller's transaction, the fastest
way each engine offers (measured: benchmarks/bulk.py).

- SQLite: multi-row INSERT statements through the raw cursor, the statement text built once
  per chunk size (peewee composes SQL value by value: most of the time for 100,000 rows).
  Values go as they are: peewee's sqlite3 adapters store dates and datetimes as the ISO text
  peewee itself writes, booleans are integers.
- PostgreSQL: COPY … FROM STDIN in CSV, several times faster than multi-row INSERTs.

Columns not given get the model's Python-side default (a callable default is evaluated once per
call), since neither path goes through peewee's Model.insert."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime
from itertools import chain

from peewee import SqliteDatabase

from rcdesk.models.base import database_proxy

COPY_ROWS = 5000  # rows per COPY buffer: bounded memory for a million rows
# bound parameters per statement: SQLite before 3.32 allows 999, later versions 32,766
SQLITE_PARAMETERS = 999 if sqlite3.sqlite_version_info < (3, 32) else 30000


def insert_rows(model, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """Insert rows (tuples in the order of columns, the model's field names)."""
    if not rows:
        return
    columns, rows = _with_defaults(model, tuple(columns), rows)
    names = ", ".join(f'"{model._meta.fields[c].column_name}"' for c in columns)
    table = f'"{model._meta.table_name}"'
    db = database_proxy.obj
    if isinstance(db, SqliteDatabase):
        _insert_sqlite(db, table, names, len(columns), rows)
    else:
        _copy_postgres(db, table, names, rows)


def _with_defaults(model, columns: tuple[str, ...], rows: Sequence[tuple]):
    defaults = [f for f in model._meta.sorted_fields
                if f.name not in columns and not f.primary_key and f.default is not None]
    if not defaults:
        return columns, rows
    tail = tuple(f.default() if callable(f.default) else f.default for f in defaults)
    return columns + tuple(f.name for f in defaults), [row + tail for row in rows]


def _insert_sqlite(db, table: str, names: str, width: int, rows: Sequence[tuple]) -> None:
    head = f"INSERT INTO {table} ({names}) VALUES "
    one = "(" + ", ".join("?" * width) + ")"
    size = max(1, SQLITE_PARAMETERS // width)
    cursor = db.cursor()
    statements: dict[int, str] = {}
    for start in range(0, len(rows), size):
        chunk = rows[start:start + size]
        sql = statements.get(len(chunk))
        if sql is None:
            sql = statements[len(chunk)] = head + ", ".join([one] * len(chunk))
        cursor.execute(sql, list(chain.from_iterable(chunk)))  # flattened in C


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


def _copy_postgres(db, table: str, names: str, rows: Sequence[tuple]) -> None:
    cursor = db.cursor()
    sql = f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv)"
    for start in range(0, len(rows), COPY_ROWS):
        buffer = io.StringIO()
        for row in rows[start:start + COPY_ROWS]:
            buffer.write(",".join(_copy_value(v) for v in row))
            buffer.write("\n")
        buffer.seek(0)
        cursor.copy_expert(sql, buffer)
