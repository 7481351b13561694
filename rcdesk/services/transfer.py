"""Copy a whole rcdesk base to another engine or file: SQLite → PostgreSQL and back.

The tables come from the area registry (maintenance.all_models: the settings' tables, then
every area's models), so an area added to services/areas.py is transferred with no change here.
They are copied parents first (foreign keys), each in primary-key order, in ONE transaction of
the target: a failure leaves the target as it was (at most an empty schema, which a new
transfer accepts). A self-reference (a customer's referrer) is written once every row exists.
PostgreSQL's id sequences are set past the copied ids, so the next record gets the next number.

The target is created and brought to the latest schema by the ordinary opening
(db.open_database); one that already holds data is refused unless replace is asked.
Attachments' files stay in the data folder of each PC (only their references are rows)."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from peewee import ForeignKeyField, SqliteDatabase

from rcdesk.core.errors import ServiceError
from rcdesk.db import (
    BACKUP_OF_KEY,
    META_TABLE,
    WRITE,
    ZEROED_KEY,
    DatabaseOpenError,
    display_name,
    expected_schema,
    is_url,
    open_database,
    schema_version,
)
from rcdesk.models.base import database_proxy
from rcdesk.models.indicators import derived_triggers_off, rebuild_derived
from rcdesk.models.migrations import LATEST_VERSION, MIGRATIONS
from rcdesk.models.purchase_summaries import refill_sql, summary_triggers_off
from rcdesk.services.bulk import _copy_value

CHUNK = 5000  # rows read and written at a time: bounded memory for millions of purchases
# rows of rcdesk_meta that belong to each file, never copied
_OWN_META = ("schema_version", ZEROED_KEY, BACKUP_OF_KEY)

Progress = Callable[[str, int, int], None]  # (table, rows done, rows of the table)


@dataclass
class TransferResult:
    target: str  # as shown to a user (no password)
    counts: dict[str, int] = field(default_factory=dict)  # table -> rows copied
    seconds: float = 0.0
    replaced: bool = False

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def transfer_models() -> list:
    """Every table's model, parents before children (self-references aside): the order rows are
    copied in. From the area registry, so new areas are included."""
    from rcdesk.services.maintenance import all_models

    models = all_models()
    ordered: list = []
    placed: set = set()
    pending = list(models)
    while pending:
        progressed = False
        for model in list(pending):
            parents = {f.rel_model for f in model._meta.fields.values()
                       if isinstance(f, ForeignKeyField) and f.rel_model is not model}
            if parents <= placed | (parents - set(models)):
                ordered.append(model)
                placed.add(model)
                pending.remove(model)
                progressed = True
        if not progressed:  # a cycle between tables: keep the registry's order for the rest
            ordered.extend(pending)
            break
    return ordered


def _engine(db) -> str:
    return "sqlite" if isinstance(db, SqliteDatabase) else "postgresql"


def _columns(model, version: int) -> list[str]:
    """The columns a base of this version has in both engines, in the model's order (search
    columns each engine derives itself are left out: triggers fill them)."""
    table = model._meta.table_name
    common = (expected_schema(version, "sqlite").get(table, frozenset())
              & expected_schema(version, "postgresql").get(table, frozenset()))
    known = [f.column_name for f in model._meta.sorted_fields if f.column_name in common]
    return known + sorted(common - set(known))


def _self_references(model, columns: list[str]) -> list[str]:
    """Nullable columns pointing at the same table: written after every row exists."""
    return [f.column_name for f in model._meta.fields.values()
            if isinstance(f, ForeignKeyField) and f.rel_model is model and f.null
            and f.column_name in columns]


def fresh_counts() -> dict[str, int]:
    """The rows a newly created base holds (the company row, the seeded categories…): a target
    with no more than these is empty."""
    db = SqliteDatabase(":memory:")
    db.connect()
    try:
        for _version, _label, step in MIGRATIONS:
            step(db)
        return {name: db.execute_sql(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
                for (name,) in db.execute_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite%' AND sql NOT LIKE 'CREATE VIRTUAL%'").fetchall()
                if not name.startswith("customer_fts")}
    finally:
        db.close()


def data_rows(db, models: list) -> dict[str, int]:
    """Rows of each table (rcdesk_meta aside) beyond those of a new base."""
    fresh = fresh_counts()
    extra = {}
    for model in models:
        table = model._meta.table_name
        if table == META_TABLE:
            continue
        count = db.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        if count > fresh.get(table, 0):
            extra[table] = count
    company = db.execute_sql('SELECT COUNT(*) FROM "company" WHERE name <> \'\'').fetchone()[0]
    if company:
        extra.setdefault("company", company)
    return extra


def same_target(source, target: str | Path) -> bool:
    if _engine(source) == "sqlite":
        return not is_url(target) and Path(target).expanduser().resolve() == \
            Path(source.path).resolve()
    if not is_url(target):
        return False
    from playhouse.db_url import parse

    params = parse(str(target))
    mine = source.connect_params
    return (params.get("database") == source.database
            and (params.get("host") or "localhost") == (mine.get("host") or "localhost")
            and int(params.get("port") or 5432) == int(mine.get("port") or 5432))


def transfer_database(target: str | Path, *, replace: bool = False,
                      progress: Progress | None = None) -> TransferResult:
    """Copy the open base (database_proxy) into target, a SQLite path or a postgresql:// URL.

    Refused (ServiceError, nothing changed) when the target is the open base itself, cannot be
    opened, is of a newer rcdesk, or holds data and replace is False. The open base stays bound
    to the models afterwards."""
    source = database_proxy.obj
    if source is None:
        raise ServiceError("Aucune base ouverte à transférer.")
    version = schema_version(source)
    if version != LATEST_VERSION:
        raise ServiceError(f"La base à transférer est au schéma {version} : ouvrez-la d'abord "
                           f"avec cette version de rcdesk (schéma {LATEST_VERSION}).")
    shown = display_name(target)
    if same_target(source, target):
        raise ServiceError("La base cible est la base ouverte elle-même : choisissez une autre "
                           "destination.")
    if not is_url(target):
        folder = Path(target).expanduser().parent
        if not folder.is_dir():
            raise ServiceError(f"Le dossier « {folder} » n'existe pas.")
    started = time.perf_counter()
    try:
        dest = open_database(target, access=WRITE, create=True)
    except DatabaseOpenError as exc:
        raise ServiceError(f"Transfert impossible : {exc}") from exc
    finally:
        database_proxy.initialize(source)
    try:
        models = transfer_models()
        already = data_rows(dest, models)
        if already and not replace:
            detail = ", ".join(f"{table} : {count}" for table, count in already.items())
            raise ServiceError(f"La base cible « {shown} » contient déjà des données ({detail}). "
                               "Rien n'a été copié ; demandez son remplacement (--replace) "
                               "pour l'écraser.")
        result = TransferResult(shown, replaced=bool(already))
        # one snapshot of the source (a plain read transaction), one transaction of the target
        with source.atomic(), dest.atomic():
            # the tables the base derives (indicators' cache, holders' revenue per day): their
            # triggers off during the copy, the tables made again from the rows at the end
            derived = derived_triggers_off(dest, _engine(dest))
            triggers = _purchase_triggers_off(dest)  # the summaries are refilled at the end
            for model in reversed(models):
                if model._meta.table_name != META_TABLE:
                    dest.execute_sql(f'DELETE FROM "{model._meta.table_name}"')
            # PostgreSQL: foreign keys and secondary indexes dropped, then made again over all
            # the rows at the end, in this transaction (checked once by a join, built once:
            # many times faster than row by row)
            tables = [m._meta.table_name for m in models]
            rebuild = (_drop_keys_and_indexes(dest, tables) if _engine(dest) == "postgresql"
                       else _drop_sqlite_indexes(dest, tables))
            for model in models:
                table = model._meta.table_name
                if table == META_TABLE:
                    _copy_meta(source, dest)
                    continue
                result.counts[table] = _copy_table(source, dest, model, version, progress)
            for statement in rebuild:
                dest.execute_sql(statement)
            for statement in (*refill_sql(_engine(dest)), *triggers):
                dest.execute_sql(statement)
            for statement in derived:
                dest.execute_sql(statement)
            rebuild_derived(dest)
            if _engine(dest) == "postgresql":
                _reset_sequences(dest, models)
        result.seconds = time.perf_counter() - started
        return result
    finally:
        dest.close()
        database_proxy.initialize(source)


def _purchase_triggers_off(dest) -> list[str]:
    """Stop the triggers that keep the purchase summaries for the copy: the copied purchases
    are summed once at the end (refill_sql) instead of row by row, and never twice. Returns
    the statements that turn them back on, in the same transaction."""
    return summary_triggers_off(dest, _engine(dest))


def _copy_meta(source, dest) -> None:
    rows = source.execute_sql(f"SELECT key, value FROM {META_TABLE}").fetchall()
    mark = "?" if _engine(dest) == "sqlite" else "%s"
    for key, value in rows:
        if key in _OWN_META:
            continue
        dest.execute_sql(f"DELETE FROM {META_TABLE} WHERE key = {mark}", (key,))
        dest.execute_sql(f"INSERT INTO {META_TABLE} (key, value) VALUES ({mark}, {mark})",
                         (key, value))


def _copy_table(source, dest, model, version: int, progress: Progress | None) -> int:
    table = model._meta.table_name
    columns = _columns(model, version)
    later = _self_references(model, columns)
    positions = [columns.index(c) for c in later]
    pk = model._meta.primary_key
    order = f' ORDER BY "{pk.column_name}"' if pk is not None and pk.column_name in columns \
        else ""
    total = source.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    names = ", ".join(f'"{c}"' for c in columns)
    write = _sqlite_writer(dest, table, names, len(columns)) if _engine(dest) == "sqlite" \
        else _postgres_writer(dest, table, names)
    to_sqlite = _engine(dest) == "sqlite"
    convert = to_sqlite and _engine(source) != "sqlite"  # PostgreSQL's dates, booleans, bytes
    links: list[tuple] = []
    done = 0
    if progress:
        progress(table, 0, total)
    for chunk in _read_chunks(source, f'SELECT {names} FROM "{table}"{order}'):
        # PostgreSQL's COPY text is made from the raw values (_copy_cell); SQLite takes values
        # its driver stores as peewee does
        rows = [[_value(v) for v in row] for row in chunk] if convert else chunk
        if positions:
            rows = [list(row) for row in rows]
            for row in rows:
                if any(row[p] is not None for p in positions):
                    links.append((*(row[p] for p in positions), row[0]))
                for p in positions:
                    row[p] = None
        write(rows)
        done += len(rows)
        if progress:
            progress(table, done, total)
    if links:
        mark = "?" if to_sqlite else "%s"
        sets = ", ".join(f'"{c}" = {mark}' for c in later)
        cursor = dest.cursor()
        sql = f'UPDATE "{table}" SET {sets} WHERE "{columns[0]}" = {mark}'
        for start in range(0, len(links), CHUNK):
            cursor.executemany(sql, links[start:start + CHUNK])
    return done


def _read_chunks(source, sql: str):
    """The query's rows CHUNK at a time (a named, server-side cursor on PostgreSQL)."""
    if _engine(source) == "sqlite":
        cursor = source.execute_sql(sql)
    else:
        cursor = source.connection().cursor(name="rcdesk_transfer", withhold=True)
        cursor.itersize = CHUNK
        cursor.execute(sql)
    try:
        while True:
            rows = cursor.fetchmany(CHUNK)
            if not rows:
                return
            yield rows
    finally:
        cursor.close()


_PLAIN = frozenset((str, int, float, type(None), bytes))


def _value(value):
    """A PostgreSQL value as SQLite keeps it (peewee's way): dates and datetimes as ISO text,
    booleans as 0/1, blobs as bytes; the commonest types pass first."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is bool:
        return int(value)
    if kind is datetime:
        return str(value)
    if kind is date:
        return value.isoformat()
    if kind is memoryview:
        return bytes(value)
    if kind is Decimal:
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _sqlite_writer(dest, table: str, names: str, width: int):
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * width)})'

    def write(rows) -> None:
        dest.cursor().executemany(sql, rows)
    return write


def _postgres_writer(dest, table: str, names: str):
    sql = f'COPY "{table}" ({names}) FROM STDIN WITH (FORMAT csv)'

    def write(rows) -> None:
        cell = _copy_cell
        buffer = io.StringIO("\n".join([",".join([cell(v) for v in row]) for row in rows])
                             + "\n")
        dest.cursor().copy_expert(sql, buffer)
    return write


def _copy_cell(value) -> str:
    """A value in COPY's CSV: NULL unquoted, text quoted ("" stays an empty string), the
    commonest types first (this runs for every value of every row)."""
    kind = type(value)
    if kind is str:
        return f'"{value}"' if '"' not in value else '"' + value.replace('"', '""') + '"'
    if value is None:
        return ""
    if kind is int or kind is float:
        return str(value)
    if kind is bytes or kind is memoryview:
        return '"\\x' + bytes(value).hex() + '"'  # bytea's hex input
    return _copy_value(value)


def _drop_keys_and_indexes(dest, tables: list[str]) -> list[str]:
    """Drop the foreign keys and the secondary indexes (not those of a primary key or a unique
    constraint) of these tables inside the transaction; returns the statements that make them
    again, indexes first."""
    keys = dest.execute_sql(
        "SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
        "JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'f' AND t.relname = ANY(%s) "
        "AND t.relnamespace = to_regnamespace(current_schema())", (tables,)).fetchall()
    indexes = dest.execute_sql(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
        "WHERE t.relname = ANY(%s) AND t.relnamespace = to_regnamespace(current_schema()) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
        (tables,)).fetchall()
    for table, name, _definition in keys:
        dest.execute_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        dest.execute_sql(f'DROP INDEX "{name}"')
    return ([definition for _name, definition in indexes]
            + [f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'
               for table, name, definition in keys])


def _drop_sqlite_indexes(dest, tables: list[str]) -> list[str]:
    """SQLite: the same for the secondary indexes (those written in the schema; a key's own
    index has no SQL and stays), with a bigger page cache for the copy."""
    rows = dest.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join('?' * len(tables))})", tables).fetchall()
    for name, _sql in rows:
        dest.execute_sql(f'DROP INDEX "{name}"')
    dest.execute_sql("PRAGMA cache_size = -200000")
    return [sql for _name, sql in rows]


def _reset_sequences(dest, models: list) -> None:
    """Each serial id's sequence just past the largest copied id."""
    for model in models:
        pk = model._meta.primary_key
        if pk is None or pk.field_type != "AUTO":
            continue
        table = model._meta.table_name
        dest.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{pk.column_name}'), "
            f'COALESCE((SELECT MAX("{pk.column_name}") FROM "{table}"), 1), '
            f'(SELECT MAX("{pk.column_name}") FROM "{table}") IS NOT NULL)')
