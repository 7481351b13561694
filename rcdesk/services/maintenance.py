"""File-level operations: what a database holds, copies of it, integrity checks."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from rcdesk.core.errors import ServiceError
from rcdesk.db import (
    META_TABLE,
    database_schema_problems,
    display_name,
    expected_schema,
    file_read_only_reason,
    missing_schema,
    postgresql_columns,
    schema_version,
    sqlite_columns,
)
from rcdesk.models import settings as settings_models
from rcdesk.models.base import database_proxy
from rcdesk.models.migrations import MIGRATIONS
from rcdesk.services.areas import AREAS
from rcdesk.services.customers import summary_problems
from rcdesk.services.loyalty.ledger import balance_problems


def all_models() -> list:
    """Every table of rcdesk: the settings', then each area's."""
    return [*settings_models.MODELS, *(model for area in AREAS for model in area.models)]


@dataclass(frozen=True)
class DatabaseInfo:
    target: str
    engine: str
    schema_version: int
    counts: dict[str, int]
    missing: tuple[str, ...] = ()  # what the schema of its version lacks, one French line each
    read_only: str | None = None  # why the file cannot be changed, or None

    def as_dict(self) -> dict:
        return {"file": self.target, "engine": self.engine,
                "schema_version": self.schema_version, "counts": dict(self.counts),
                "missing": list(self.missing), "read_only": self.read_only}


def database_info() -> DatabaseInfo:
    """What the open database holds: rows of each table its schema version has, and what that
    version has that the database lacks (counted as far as it goes, never refused)."""
    db = database_proxy.obj
    engine = "sqlite" if isinstance(db, SqliteDatabase) else "postgresql"
    target = str(db.path) if engine == "sqlite" else display_name(_pg_url(db))
    version = schema_version(db)
    expected = expected_schema(version, engine)
    present = (sqlite_columns(db.connection(), expected) if engine == "sqlite"
               else postgresql_columns(db))
    counts = {}
    for model in all_models():
        table = model._meta.table_name
        if table != META_TABLE and table in expected and table in present:
            counts[table] = db.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    read_only = file_read_only_reason(db.path) if engine == "sqlite" else None
    return DatabaseInfo(target, engine, version, counts,
                        tuple(missing_schema(present, version, engine)), read_only)


def _pg_url(db) -> str:
    params = db.connect_params
    host = params.get("host", "localhost")
    port = params.get("port")
    user = params.get("user", "")
    netloc = f"{user}:***@" if params.get("password") else (f"{user}@" if user else "")
    return f"postgresql://{netloc}{host}{':' + str(port) if port else ''}/{db.database}"


def backup_database(destination: str | Path, *, overwrite: bool = False) -> Path:
    """Copy the open SQLite database to destination with the backup API, atomically.

    The copy is written beside the destination then renamed, so a failed copy never leaves a
    half file; an existing destination is replaced only when overwrite is True."""
    db = database_proxy.obj
    if not isinstance(db, SqliteDatabase):
        raise ServiceError("La copie par rcdesk ne concerne que les fichiers SQLite ; pour une base "
                           "PostgreSQL, utilisez pg_dump.")
    dest = Path(destination).expanduser()
    if not dest.parent.is_dir():
        raise ServiceError(f"Le dossier « {dest.parent} » n'existe pas.")
    if dest.exists() and not overwrite:
        raise ServiceError(f"Le fichier « {dest} » existe déjà.")
    if dest.resolve() == Path(db.path).resolve():
        raise ServiceError("La copie ne peut pas remplacer la base ouverte elle-même.")
    tmp = dest.with_name(f".{dest.name}.partial")
    if tmp.exists():
        tmp.unlink()
    target = sqlite3.connect(str(tmp))
    try:
        db.connection().backup(target)
    except sqlite3.Error as exc:
        target.close()
        tmp.unlink(missing_ok=True)
        raise ServiceError(f"La copie a échoué : {exc}") from exc
    target.close()
    os.replace(tmp, dest)
    return dest


def check_database() -> list[str]:
    """Problems found in the open database (empty list: all good): tables and columns its
    schema version should have and lacks, loyalty balances that differ from their ledger,
    purchase summaries that differ from the purchases, then SQLite's integrity and foreign-key checks.

    PostgreSQL enforces integrity and foreign keys itself: only its schema is checked there."""
    db = database_proxy.obj
    problems = [f"schéma : {line}" for line in database_schema_problems(db)]
    if not problems and db.table_exists("loyalty_card"):
        problems += balance_problems()  # each stored balance against its ledger's sum
    if not problems and db.table_exists("purchase_day"):
        problems += summary_problems()  # the purchase summaries against the purchases
    if not isinstance(db, SqliteDatabase):
        return problems
    rows = db.execute_sql("PRAGMA integrity_check").fetchall()
    if [r[0] for r in rows] != ["ok"]:
        problems.extend(f"intégrité : {r[0]}" for r in rows)
    for table, rowid, parent, _fk in db.execute_sql("PRAGMA foreign_key_check").fetchall():
        problems.append(f"clé étrangère : la ligne {rowid} de « {table} » renvoie à une ligne "
                        f"absente de « {parent} »")
    return problems


def migration_labels() -> list[tuple[int, str]]:
    return [(version, label) for version, label, _ in MIGRATIONS]
