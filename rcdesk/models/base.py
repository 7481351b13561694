"""The database proxy every model binds to, and the base model."""

import re
import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime, timezone

from peewee import DatabaseProxy, Model, PeeweeException, SqliteDatabase

from rcdesk.core.errors import ReadOnlyDatabaseError

database_proxy = DatabaseProxy()


def write_transaction(*tables):
    """The transaction of a write that reads first: it holds the write lock from its start.

    SQLite: BEGIN IMMEDIATE. A plain BEGIN would take a snapshot at its first read, and its
    first write would then fail at once with « database is locked » whenever another process
    wrote meanwhile (SQLite cannot wait there: the snapshot is stale). IMMEDIATE waits for the
    lock (busy_timeout) before reading anything. Nested in another transaction: a savepoint,
    the outer transaction decided the lock.
    PostgreSQL: each model of tables is locked IN SHARE ROW EXCLUSIVE MODE until commit, so two
    writers of those tables go one after the other (readers are not held up): what was read
    still holds when it is written (no two appends at the same position, no two renumberings
    crossing each other)."""
    db = database_proxy.obj
    if isinstance(db, SqliteDatabase):
        return db.atomic(lock_type="IMMEDIATE")
    return _LockedAtomic(db, tables)


@contextmanager
def without_lock_wait():
    """For a write that may be skipped (a cache, a derived value): on SQLite, outside any
    transaction, a busy base refuses at once (« database is locked ») instead of waiting
    busy_timeout (5 s) for another connection's write — the caller then goes on without
    storing. Inside a transaction the lock is already held: nothing changes."""
    db = database_proxy.obj
    if not isinstance(db, SqliteDatabase) or db.in_transaction():
        yield
        return
    before = db.execute_sql("PRAGMA busy_timeout").fetchone()[0]
    db.execute_sql("PRAGMA busy_timeout = 0")
    try:
        yield
    finally:
        db.execute_sql(f"PRAGMA busy_timeout = {int(before)}")


class _LockedAtomic:
    def __init__(self, db, tables):
        self._atomic = db.atomic()
        self._db = db
        self._tables = tables

    def __enter__(self):
        result = self._atomic.__enter__()
        for model in self._tables:
            self._db.execute_sql(
                f'LOCK TABLE "{model._meta.table_name}" IN SHARE ROW EXCLUSIVE MODE')
        return result

    def __exit__(self, *exc):
        return self._atomic.__exit__(*exc)


def for_update(query):
    """query locking the rows it reads until commit, where the database has row locks
    (PostgreSQL: SELECT ... FOR UPDATE); on SQLite, write_transaction() already holds the file."""
    return query.for_update() if getattr(database_proxy.obj, "for_update", False) else query


def utcnow() -> datetime:
    """A naive datetime in UTC: timestamps are stored in UTC, shown in local time."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


_writes = 0
_WRITE_WORDS = re.compile(r"\b(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


_local = threading.local()


@contextmanager
def uncounted_writes():
    """Writes of this thread that change no figure (a cache of figures, a derived value
    stored): they leave write_generation() alone, so nothing recomputes because of them."""
    before = getattr(_local, "uncounted", False)
    _local.uncounted = True
    try:
        yield
    finally:
        _local.uncounted = before


def write_generation() -> int:
    """A number that changes whenever this process writes to the database (caches key on it)."""
    return _writes


SQLITE_READONLY = 8  # primary result code of a write to a read-only SQLite connection
PG_READ_ONLY_TRANSACTION = "25006"


def refused_as_read_only(exc: BaseException) -> bool:
    """True when the engine refused a write because the connection is read-only."""
    orig = getattr(exc, "orig", exc)
    if isinstance(orig, sqlite3.Error):
        return (getattr(orig, "sqlite_errorcode", 0) or 0) & 0xFF == SQLITE_READONLY
    return getattr(orig, "pgcode", None) == PG_READ_ONLY_TRANSACTION


class WriteCounting:
    """Mixed into the database classes: counts the statements that may change data, and turns
    a write refused by a read-only database into ReadOnlyDatabaseError (its French reason)."""

    read_only_reason: str | None = None  # why writes are refused; None: the database writes

    def execute_sql(self, sql, params=None, *args, **kwargs):
        global _writes
        head = sql.lstrip()[:6].upper()
        if getattr(_local, "uncounted", False):
            pass
        elif head not in ("SELECT", "PRAGMA", "WITH R", "SAVEPO", "RELEAS") and not (
                head.startswith("WITH") and not _WRITE_WORDS.search(sql)):
            _writes += 1  # a read-only CTE (WITH "per" AS (SELECT ...)) writes nothing
        try:
            return super().execute_sql(sql, params, *args, **kwargs)
        except PeeweeException as exc:
            if self.read_only_reason and refused_as_read_only(exc):
                raise ReadOnlyDatabaseError(self.read_only_reason) from exc
            raise

    def begin(self, *args, **kwargs):
        """BEGIN IMMEDIATE asks SQLite for the write lock: refused the same way on a read-only
        database (a write transaction opened there says why, in French)."""
        try:
            return super().begin(*args, **kwargs)
        except PeeweeException as exc:
            if self.read_only_reason and refused_as_read_only(exc):
                raise ReadOnlyDatabaseError(self.read_only_reason) from exc
            raise
