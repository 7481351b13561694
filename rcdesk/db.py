"""Open a database from a path or URL, check it, set pragmas, migrate it to the latest schema.

Every check runs before anything is written, and reads the file without creating anything
beside it (no -wal or -shm companion is left behind): a file that is not an rcdesk database, a
damaged or incomplete file, a file with an invalid schema version or from a newer rcdesk is
refused with a French message naming the cause, and the file and its folder stay exactly as
they were. A file that needs migrating is first copied beside itself.

A file rcdesk may not change (the file or its folder is read-only) opens read-only: reading
works and a write raises ReadOnlyDatabaseError. A caller that only reads asks for READ access:
its connection refuses writes as well (SQLite query_only, PostgreSQL read-only transactions),
so reading never changes the file. A caller that must write asks for WRITE access, and a
read-only file is refused before anything happens."""

from __future__ import annotations

import functools
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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
# rcdesk_meta key of a backup copy: the base it is a copy of (services/backups.py)
BACKUP_OF_KEY = "backup_of"

# What the caller will do with the database.
AUTO = "auto"  # write when the file allows it, else open it read-only (the window)
READ = "read"  # only read: the connection refuses writes (commands that report)
WRITE = "write"  # must write: a read-only file is refused (commands that record data)
ACCESSES = (AUTO, READ, WRITE)
READ_ACCESS_REASON = "elle est ouverte pour être lue seulement"


class DatabaseOpenError(Exception):
    """A database that cannot be opened; the message is French and names the file."""

    def __init__(self, target: str, problem: str):
        self.target = target
        self.problem = problem
        super().__init__(f"Impossible d'ouvrir « {target} » : {problem}")


class MissingDatabaseError(DatabaseOpenError):
    """No database yet where the caller looked (a missing or empty file, an empty PostgreSQL
    database), and the caller did not ask to create one."""

    def __init__(self, target: str, message: str):
        self.target = target
        self.problem = message
        Exception.__init__(self, message)


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


def open_database(target: str | Path, *, access: str = AUTO, create: bool = True,
                  migrate: bool = True) -> Database:
    """Open target (a path, sqlite:///path or postgresql://...), migrate it, bind the models.

    access is AUTO, READ or WRITE (above). create=False refuses a target that holds no
    database yet with MissingDatabaseError instead of making a new one. migrate=False opens
    the file at its own schema version, complete or not (info, check, backup read it as it is);
    otherwise an incomplete schema is refused and an older one migrated.

    Raises DatabaseOpenError before writing anything when the target is unusable. The database
    returned says read_only_reason (None: it writes) and created (a new database was made)."""
    if access not in ACCESSES:
        raise ValueError(f"access must be one of {ACCESSES}")
    text = str(target)
    if is_url(text):
        scheme = urlsplit(text).scheme
        if scheme.startswith("sqlite"):
            from playhouse.db_url import parse

            return _open_sqlite(Path(parse(text)["database"]), access, create, migrate)
        if scheme in ("postgresql", "postgres", "postgresext", "postgresqlext"):
            return _open_postgresql(text, access, create, migrate)
        raise DatabaseOpenError(display_name(text), f"type de base « {scheme} » non pris en charge "
                                "(un fichier SQLite ou une adresse postgresql://)")
    return _open_sqlite(Path(text), access, create, migrate)


def close_database() -> None:
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()


def read_only_reason() -> str | None:
    """Why the open database refuses writes (French), or None when it writes."""
    return getattr(database_proxy.obj, "read_only_reason", None)


def schema_version(db: Database) -> int:
    if not db.table_exists(META_TABLE):
        return 0
    row = db.execute_sql(f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _parse_version(name: str, row) -> int:
    """The version stored in rcdesk_meta's row (a tuple or None); refused unless 1 or more."""
    if row is None:
        raise DatabaseOpenError(name, "la table rcdesk_meta n'indique pas de version de schéma : "
                                "le fichier est incomplet.")
    try:
        version = int(row[0])
    except (TypeError, ValueError):
        raise DatabaseOpenError(name, "la version de schéma enregistrée "
                                f"(« {row[0]} ») est illisible.") from None
    if version < 1:
        raise DatabaseOpenError(name, f"la version de schéma enregistrée ({version}) est invalide : "
                                "une base rcdesk commence au schéma 1.")
    _refuse_newer(name, version)
    return version


def _refuse_newer(name: str, version: int) -> None:
    if version > LATEST_VERSION:
        raise DatabaseOpenError(
            name,
            f"la base a été créée par une version plus récente de rcdesk (schéma {version}, "
            f"cette version connaît le schéma {LATEST_VERSION}). Mettez rcdesk à jour.",
        )


# --- the schema a version has --------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def expected_schema(version: int, engine: str) -> dict[str, frozenset[str]]:
    """The tables, with their columns, of a database at this schema version, in creation order.

    Built by running the frozen steps 1..version on an in-memory SQLite database, so it holds
    for every version a file may claim. On PostgreSQL, without SQLite's full-text table (its
    search is a column of customer, which the steps add there)."""
    db = SqliteDatabase(":memory:")
    db.connect()
    try:
        for step_version, _label, step in MIGRATIONS:
            if step_version > version:
                break
            step(db)
        rows = db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                              "AND name NOT LIKE 'sqlite%'").fetchall()
        virtual = [name for name, sql in rows if sql.upper().startswith("CREATE VIRTUAL")]
        tables = {}
        for name, _sql in rows:
            if any(name.startswith(f"{v}_") for v in virtual):
                continue  # the virtual table's own storage, created and checked by SQLite
            if engine == "postgresql" and name in virtual:
                continue
            tables[name] = frozenset(r[1] for r in db.execute_sql(f'PRAGMA table_info("{name}")'))
        return tables
    finally:
        db.close()


def sqlite_columns(con: sqlite3.Connection, tables) -> dict[str, set[str]]:
    """The columns of each of these tables that the SQLite file has (absent tables left out)."""
    present = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {table: {row[1] for row in con.execute(f'PRAGMA table_info("{table}")')}
            for table in tables if table in present}


def postgresql_columns(db: Database) -> dict[str, set[str]]:
    columns: dict[str, set[str]] = {}
    for table, column in db.execute_sql(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()").fetchall():
        columns.setdefault(table, set()).add(column)
    return columns


def missing_schema(columns: dict[str, set[str]], version: int, engine: str) -> list[str]:
    """What a database whose tables have these columns lacks for its schema version, one French
    line per table (empty list: nothing is missing)."""
    problems = []
    for table, expected in expected_schema(version, engine).items():
        if table not in columns:
            problems.append(f"table « {table} » manquante")
            continue
        lacking = sorted(expected - columns[table])
        if lacking:
            names = ", ".join(f"« {c} »" for c in lacking)
            problems.append(f"table « {table} » : colonne{'s' if len(lacking) > 1 else ''} "
                            f"{names} manquante{'s' if len(lacking) > 1 else ''}")
    return problems


def database_schema_problems(db: Database | None = None) -> list[str]:
    """missing_schema() of the open database, at the version it claims."""
    db = db or database_proxy.obj
    version = schema_version(db)
    if isinstance(db, SqliteDatabase):
        expected = expected_schema(version, "sqlite")
        return missing_schema(sqlite_columns(db.connection(), expected), version, "sqlite")
    return missing_schema(postgresql_columns(db), version, "postgresql")


def _refuse_incomplete(name: str, problems: list[str]) -> None:
    if problems:
        raise DatabaseOpenError(name, "la base est incomplète (" + " ; ".join(problems) + "). "
                                "« rcdesk check » la contrôle ; rien n'a été modifié.")


# --- SQLite ------------------------------------------------------------------------------


def _companion(path: Path, suffix: str) -> Path:
    return Path(f"{path}{suffix}")


def _has_data(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _writable(path: Path) -> bool:
    """Whether this process may write path (tests stand in a read-only file or folder here when
    they run as root, whom permissions do not stop)."""
    return os.access(path, os.W_OK)


def file_read_only_reason(path: Path) -> str | None:
    """Why rcdesk cannot write the SQLite file at path (French), or None.

    SQLite writes beside the file too (its -wal and -shm companions), so a read-only folder
    makes the file read-only as well."""
    if path.parent.is_dir() and not _writable(path.parent):
        return f"le dossier « {path.parent} » est en lecture seule"
    if path.exists() and not _writable(path):
        return f"le fichier « {path} » n'est pas modifiable"
    return None


def _reading_uri(path: Path) -> str | None:
    """A read-only URI for path that creates nothing beside the file, or None when only a copy
    can be read that way (a session that ended abruptly left a journal to replay)."""
    wal, shm = _companion(path, "-wal"), _companion(path, "-shm")
    base = path.resolve().as_uri()
    if wal.exists() and shm.exists():
        return f"{base}?mode=ro"  # a session's companions: read through them, as it writes
    if _has_data(wal) or _has_data(_companion(path, "-journal")):
        return None
    # Nothing to replay and nobody writing in WAL mode: the file alone is the database, and
    # immutable keeps SQLite from creating -wal/-shm (a read-only folder would refuse them).
    return f"{base}?mode=ro&immutable=1"


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A sqlite3 connection reading the file at path, leaving the file and its folder as they
    were: through a read-only URI, or on a temporary copy when a journal must be replayed."""
    uri = _reading_uri(path)
    copy_dir = None
    if uri is None:
        copy_dir = tempfile.TemporaryDirectory(prefix="rcdesk-lecture-")
        copy = Path(copy_dir.name) / "base.db"
        shutil.copyfile(path, copy)
        for suffix in ("-wal", "-journal"):
            if _has_data(_companion(path, suffix)):
                shutil.copyfile(_companion(path, suffix), _companion(copy, suffix))
        con = sqlite3.connect(str(copy))
    else:
        con = sqlite3.connect(uri, uri=True)
    try:
        yield con
    finally:
        con.close()
        if copy_dir is not None:
            copy_dir.cleanup()


def inspect_sqlite_file(path: Path, *, verify_schema: bool = True) -> int:
    """The schema version of the file at path (0 for a missing or empty file).

    Reads the file without changing it or its folder; raises DatabaseOpenError for anything but
    an rcdesk database of a valid version (complete for it, when verify_schema)."""
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
    return _read_version(path, verify_schema)


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
    has_wal = _has_data(_companion(path, "-wal"))
    if header_count_valid and page_count and size < page_size * page_count and not has_wal:
        raise DatabaseOpenError(
            str(path),
            f"le fichier est tronqué : {size} octets au lieu de {page_size * page_count}.",
        )


# SQLite's primary result codes that say why a file could not be read
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 14, 26


def _sqlite_problem(path: Path, exc: sqlite3.Error) -> str:
    """The French cause of a SQLite error met while reading path."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return f"le fichier est endommagé ({exc})."
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return f"la base est verrouillée par un autre programme ({exc}) ; réessayez plus tard."
    if code == SQLITE_IOERR:
        return f"erreur de lecture du disque ({exc})."
    reason = file_read_only_reason(path)
    if code in (SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM) and reason:
        return (f"{reason}, et le journal laissé à côté de la base (« {path.name}-wal ») "
                f"ne peut pas y être relu ({exc}).")
    return f"le fichier ne peut pas être lu ({exc})."


def _read_version(path: Path, verify_schema: bool) -> int:
    name = str(path)
    try:
        with _reading(path) as con:
            if path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
                result = con.execute("PRAGMA quick_check").fetchone()
                if not result or result[0] != "ok":
                    raise DatabaseOpenError(name, "le fichier est endommagé (contrôle d'intégrité "
                                            f"en échec : {result[0] if result else '?'}).")
            objects = con.execute("SELECT type, name FROM sqlite_master "
                                  "WHERE name NOT LIKE 'sqlite%'").fetchall()
            if META_TABLE not in {obj for kind, obj in objects if kind == "table"}:
                if objects:
                    kinds = sorted({kind for kind, _ in objects})
                    raise DatabaseOpenError(
                        name, "c'est une base SQLite, mais pas une base rcdesk (elle contient "
                        f"déjà des objets qui ne sont pas les siens : {', '.join(kinds)})."
                    )
                return 0
            row = con.execute(f"SELECT value FROM {META_TABLE} "
                              "WHERE key = 'schema_version'").fetchone()
            version = _parse_version(name, row)
            if verify_schema:
                expected = expected_schema(version, "sqlite")
                _refuse_incomplete(name, missing_schema(sqlite_columns(con, expected), version,
                                                        "sqlite"))
            return version
    except sqlite3.Error as exc:
        raise DatabaseOpenError(name, _sqlite_problem(path, exc)) from exc
    except OSError as exc:
        raise DatabaseOpenError(name, f"le fichier ne peut pas être lu ({exc.strerror}).") from exc


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


def _open_sqlite(path: Path, access: str, create: bool, migrate: bool) -> Database:
    path = path.expanduser()
    name = str(path)
    version = inspect_sqlite_file(path, verify_schema=migrate)
    if version == 0 and not create:
        raise MissingDatabaseError(name, f"Le fichier « {name} » est vide : ce n'est pas encore "
                                   "une base rcdesk." if path.exists()
                                   else f"Le fichier « {name} » n'existe pas.")
    reason = file_read_only_reason(path)
    if reason is not None:
        if version == 0:
            raise DatabaseOpenError(name, f"{reason} : la base ne peut pas y être créée.")
        if access == WRITE:
            raise DatabaseOpenError(name, f"cette base est en lecture seule ({reason}) : rien ne "
                                    "peut y être enregistré.")
        if migrate and version < LATEST_VERSION:
            raise DatabaseOpenError(name, f"la base est au schéma {version} et doit être mise à "
                                    f"jour vers le schéma {LATEST_VERSION}, ce qui est impossible : "
                                    f"{reason}.")
        uri = _reading_uri(path) or f"{path.resolve().as_uri()}?mode=ro"
        pragmas = {k: v for k, v in SQLITE_PRAGMAS.items() if k != "journal_mode"}
        db = CountingSqliteDatabase(uri, uri=True, pragmas=pragmas)
        db.read_only_reason = reason
    else:
        if 0 < version < LATEST_VERSION and migrate:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = path.with_name(f"{path.stem}.avant-schema-{LATEST_VERSION}-{stamp}"
                                    f"{path.suffix}")
            backup_sqlite(path, backup)
            log.info("backup of %s before migration: %s", path, backup)
        pragmas = dict(SQLITE_PRAGMAS)
        if access == READ and version > 0:
            del pragmas["journal_mode"]  # reading leaves the file's journal mode alone
        db = CountingSqliteDatabase(name, pragmas=pragmas)
    db.path = path
    try:
        db.connect()
    except Exception as exc:  # noqa: BLE001 - any driver error becomes the French message
        problem = (_sqlite_problem(path, exc.orig) if isinstance(getattr(exc, "orig", None),
                                                                  sqlite3.Error)
                   else f"le fichier ne peut pas être ouvert ({exc}).")
        raise DatabaseOpenError(name, problem) from exc
    return _finish_open(db, name, version, access, migrate)


class _ReadOnlyConnections:
    """Mixed into the database classes: with queries_only set, every connection (one per
    thread) refuses writes."""

    queries_only = False

    def _initialize_connection(self, conn) -> None:
        super()._initialize_connection(conn)
        if self.queries_only:
            self._refuse_writes(conn)


class CountingSqliteDatabase(_ReadOnlyConnections, WriteCounting, SqliteDatabase):
    """SqliteDatabase that tells the caches when this process writes."""

    path: Path | None = None  # the file (database may be a read-only URI)
    created = False

    def _refuse_writes(self, conn) -> None:
        conn.execute("PRAGMA query_only = 1")


class CountingPostgresqlDatabase(_ReadOnlyConnections, WriteCounting, PostgresqlDatabase):
    """PostgresqlDatabase that tells the caches when this process writes."""

    created = False

    def _refuse_writes(self, conn) -> None:
        with conn.cursor() as cursor:
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")


# --- PostgreSQL --------------------------------------------------------------------------


def _open_postgresql(url: str, access: str, create: bool, migrate: bool) -> Database:
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
        if META_TABLE not in tables:
            if tables or db.get_views():
                raise DatabaseOpenError(name, "cette base PostgreSQL contient des tables ou des "
                                        "vues qui ne sont pas celles de rcdesk.")
            if not create:
                raise MissingDatabaseError(name, f"La base PostgreSQL « {name} » est vide : ce "
                                           "n'est pas encore une base rcdesk.")
            version = 0
        else:
            row = db.execute_sql(f"SELECT value FROM {META_TABLE} "
                                 "WHERE key = 'schema_version'").fetchone()
            version = _parse_version(name, row)
            if migrate:
                _refuse_incomplete(name, missing_schema(postgresql_columns(db), version,
                                                        "postgresql"))
    except DatabaseOpenError:
        db.close()
        raise
    return _finish_open(db, name, version, access, migrate)


# --- common ------------------------------------------------------------------------------


def _finish_open(db: Database, name: str, version: int, access: str, migrate: bool) -> Database:
    database_proxy.initialize(db)
    if migrate and version < LATEST_VERSION and db.read_only_reason is None:
        try:
            migrate_database(db, version)
        except Exception as exc:
            db.close()
            raise DatabaseOpenError(name, f"la mise à jour du schéma a échoué ({exc}).") from exc
        if version == 0 and isinstance(db, SqliteDatabase):  # born with secure_delete
            with db.atomic():
                _set_meta(db, ZEROED_KEY, "1")
        db.created = version == 0
    if access == READ and db.read_only_reason is None:
        db.read_only_reason = READ_ACCESS_REASON
        db.queries_only = True
        db._refuse_writes(db.connection())
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
