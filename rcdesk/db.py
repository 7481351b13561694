"""Open a database from a path or URL, check it, set pragmas, migrate it to the latest schema.

Every check runs before anything is written: a file that is not an rcdesk database, a damaged
file or a file from a newer rcdesk is refused with a French message and left byte-for-byte
unchanged. A file that needs migrating is first copied beside itself."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from peewee import Database, DatabaseError, PostgresqlDatabase, SqliteDatabase

from rcdesk.models.base import WriteCounting, database_proxy
from rcdesk.models.migrations import LATEST_VERSION, MIGRATIONS

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
META_TABLE = "rcdesk_meta"
# Files larger than this skip PRAGMA quick_check at open (it reads every page);
# `rcdesk check` runs the full integrity check on demand.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "normal",
    # Deleted and overwritten content is zeroed, not left in free space: an erasure leaves
    # nothing to read in the file (scrub_sqlite). No measurable cost on imports.
    "secure_delete": 1,
}
# rcdesk_meta key present when every delete in the file was zeroed (created with
# secure_delete, or rewritten by scrub_sqlite's VACUUM since).
ZEROED_KEY = "secure_delete"


class DatabaseOpenError(Exception):
    """A database that cannot be opened; the message is French and names the file."""

    def __init__(self, target: str, problem: str):
        self.target = target
        self.problem = problem
        super().__init__(f"Impossible d'ouvrir « {target} » : {problem}")


def is_url(target: str | Path) -> bool:
    return "://" in str(target)


def display_name(target: str | Path) -> str:
    """The target as shown to a user: a URL without its password."""
    text = str(target)
    if not is_url(text):
        return text
    parts = urlsplit(text)
    if parts.password:
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        netloc = f"{parts.username}:***@{host}" if parts.username else host
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


def open_database(target: str | Path, *, migrate: bool = True) -> Database:
    """Open target (a path, sqlite:///path or postgresql://...), migrate it, bind the models.

    Raises DatabaseOpenError before writing anything when the target is unusable."""
    text = str(target)
    if is_url(text):
        scheme = urlsplit(text).scheme
        if scheme.startswith("sqlite"):
            from playhouse.db_url import parse

            return _open_sqlite(Path(parse(text)["database"]), migrate)
        if scheme in ("postgresql", "postgres", "postgresext", "postgresqlext"):
            return _open_postgresql(text, migrate)
        raise DatabaseOpenError(display_name(text), f"type de base « {scheme} » non pris en charge "
                                "(un fichier SQLite ou une adresse postgresql://)")
    return _open_sqlite(Path(text), migrate)


def close_database() -> None:
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()


def schema_version(db: Database) -> int:
    if not db.table_exists(META_TABLE):
        return 0
    row = db.execute_sql(f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


# --- SQLite ------------------------------------------------------------------------------


def inspect_sqlite_file(path: Path) -> int:
    """The schema version of the file at path (0 for a missing or empty file).

    Opens the file read-only; raises DatabaseOpenError for anything but an rcdesk database."""
    name = str(path)
    if not path.parent.is_dir():
        raise DatabaseOpenError(name, f"le dossier « {path.parent} » n'existe pas.")
    if not path.exists():
        return 0
    if path.is_dir():
        raise DatabaseOpenError(name, "c'est un dossier, pas un fichier de base de données.")
    size = path.stat().st_size
    if size == 0:
        return 0
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise DatabaseOpenError(name, f"le fichier ne peut pas être lu ({exc.strerror}).") from exc
    if not header.startswith(SQLITE_MAGIC):
        raise DatabaseOpenError(
            name, "ce n'est pas une base de données rcdesk (le fichier n'est pas au format SQLite)."
        )
    if len(header) < 100:
        raise DatabaseOpenError(name, "le fichier est tronqué (incomplet).")
    _check_not_truncated(path, header, size)
    version = _read_version_readonly(path)
    return version


def _check_not_truncated(path: Path, header: bytes, size: int) -> None:
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    if page_size < 512 or page_size & (page_size - 1):
        raise DatabaseOpenError(str(path), "le fichier est endommagé (en-tête SQLite invalide).")
    if size < page_size:
        raise DatabaseOpenError(str(path), f"le fichier est tronqué : {size} octets, moins "
                                "d'une page de données.")
    header_count_valid = header[24:28] == header[92:96]
    wal = Path(f"{path}-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0
    if header_count_valid and page_count and size < page_size * page_count and not has_wal:
        raise DatabaseOpenError(
            str(path),
            f"le fichier est tronqué : {size} octets au lieu de {page_size * page_count}.",
        )


def _read_version_readonly(path: Path) -> int:
    name = str(path)
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise DatabaseOpenError(name, f"le fichier ne peut pas être ouvert ({exc}).") from exc
    try:
        if path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            result = con.execute("PRAGMA quick_check").fetchone()
            if not result or result[0] != "ok":
                raise DatabaseOpenError(name, "le fichier est endommagé (contrôle d'intégrité en "
                                        f"échec : {result[0] if result else '?'}).")
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if META_TABLE not in tables:
            if tables:
                raise DatabaseOpenError(
                    name, "c'est une base SQLite, mais pas une base rcdesk (tables inconnues)."
                )
            return 0
        row = con.execute(f"SELECT value FROM {META_TABLE} WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else 0
    except sqlite3.DatabaseError as exc:
        raise DatabaseOpenError(name, f"le fichier est endommagé ({exc}).") from exc
    except ValueError as exc:
        raise DatabaseOpenError(name, "la version de schéma enregistrée est illisible.") from exc
    finally:
        con.close()


def _refuse_newer(name: str, version: int) -> None:
    if version > LATEST_VERSION:
        raise DatabaseOpenError(
            name,
            f"la base a été créée par une version plus récente de rcdesk (schéma {version}, "
            f"cette version connaît le schéma {LATEST_VERSION}). Mettez rcdesk à jour.",
        )


def backup_sqlite(source: sqlite3.Connection | Path, destination: Path) -> Path:
    """Copy a SQLite database with the online backup API (consistent while in use)."""
    if destination.exists():
        raise FileExistsError(destination)
    src = sqlite3.connect(str(source)) if isinstance(source, Path) else source
    dst = sqlite3.connect(str(destination))
    try:
        src.backup(dst)
    finally:
        dst.close()
        if isinstance(source, Path):
            src.close()
    return destination


def _open_sqlite(path: Path, migrate: bool) -> Database:
    path = path.expanduser()
    version = inspect_sqlite_file(path)
    _refuse_newer(str(path), version)
    if 0 < version < LATEST_VERSION and migrate:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = path.with_name(f"{path.stem}.avant-schema-{LATEST_VERSION}-{stamp}{path.suffix}")
        backup_sqlite(path, backup)
        log.info("backup of %s before migration: %s", path, backup)
    db = CountingSqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS)
    try:
        db.connect()
    except Exception as exc:  # noqa: BLE001 - any driver error becomes the French message
        raise DatabaseOpenError(str(path), f"le fichier ne peut pas être ouvert ({exc}).") from exc
    return _finish_open(db, str(path), version, migrate)


class CountingSqliteDatabase(WriteCounting, SqliteDatabase):
    """SqliteDatabase that tells the caches when this process writes."""


class CountingPostgresqlDatabase(WriteCounting, PostgresqlDatabase):
    """PostgresqlDatabase that tells the caches when this process writes."""


# --- PostgreSQL --------------------------------------------------------------------------


def _open_postgresql(url: str, migrate: bool) -> Database:
    from playhouse.db_url import parse

    name = display_name(url)
    params = parse(url)
    dbname = params.pop("database")
    db = CountingPostgresqlDatabase(dbname, **params)
    try:
        db.connect()
    except Exception as exc:  # noqa: BLE001
        raise DatabaseOpenError(name, f"connexion au serveur PostgreSQL impossible ({exc}).".strip()) from exc
    try:
        tables = set(db.get_tables())
        if META_TABLE not in tables and tables:
            raise DatabaseOpenError(name, "cette base PostgreSQL contient des tables qui ne sont "
                                    "pas celles de rcdesk.")
        version = schema_version(db)
        _refuse_newer(name, version)
    except DatabaseOpenError:
        db.close()
        raise
    return _finish_open(db, name, version, migrate)


# --- common ------------------------------------------------------------------------------


def _finish_open(db: Database, name: str, version: int, migrate: bool) -> Database:
    database_proxy.initialize(db)
    if migrate and version < LATEST_VERSION:
        try:
            migrate_database(db, version)
        except Exception as exc:
            db.close()
            raise DatabaseOpenError(name, f"la mise à jour du schéma a échoué ({exc}).") from exc
        if version == 0 and isinstance(db, SqliteDatabase):  # born with secure_delete
            with db.atomic():
                _set_meta(db, ZEROED_KEY, "1")
    return db


def scrub_sqlite(db: Database) -> None:
    """After a GDPR erasure is committed: no deleted byte left to read in the SQLite file or
    its WAL. secure_delete (SQLITE_PRAGMAS) zeroes what is deleted; a file that lived before
    rcdesk set it (no ZEROED_KEY) may still hold old deletions in free space, so it is
    rewritten once by VACUUM; then the WAL is checkpointed and truncated, taking the old page
    images with it. Nothing to do on PostgreSQL (see the README: its row versions are the
    administrator's VACUUM). A failure (another process reading the file) is logged, not
    raised: the rows are erased, and the next erasure tries again."""
    if not isinstance(db, SqliteDatabase) or db.transaction_depth():
        return
    try:
        row = db.execute_sql(f"SELECT value FROM {META_TABLE} WHERE key = ?",
                             (ZEROED_KEY,)).fetchone()
        if row is None:
            db.execute_sql("VACUUM")
            with db.atomic():
                _set_meta(db, ZEROED_KEY, "1")
            log.info("file rewritten once (VACUUM) so that old deletions leave it")
        busy, _, _ = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            log.warning("WAL not truncated after an erasure: another connection reads the file")
    except DatabaseError as exc:
        log.warning("scrub after erasure failed (%s)", type(exc).__name__)


def migrate_database(db: Database, current: int) -> int:
    """Run every step above current, each in its own transaction; returns the new version."""
    for version, label, step in MIGRATIONS:
        if version <= current:
            continue
        with db.atomic():
            step(db)
            _set_version(db, version)
        log.info("schema migrated to %s (%s)", version, label)
        current = version
    return current


def _set_version(db: Database, version: int) -> None:
    _set_meta(db, "schema_version", str(version))


def _set_meta(db: Database, key: str, value: str) -> None:
    from rcdesk.models.settings import Meta

    Meta.insert(key=key, value=value).on_conflict(
        conflict_target=[Meta.key], update={Meta.value: value}).execute()
