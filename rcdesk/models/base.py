"""The database proxy every model binds to, and the base model."""

import sqlite3
from datetime import datetime, timezone

from peewee import DatabaseProxy, Model, PeeweeException

from rcdesk.core.errors import ReadOnlyDatabaseError

database_proxy = DatabaseProxy()


def utcnow() -> datetime:
    """A naive datetime in UTC: timestamps are stored in UTC, shown in local time."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


_writes = 0


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
        if head not in ("SELECT", "PRAGMA", "WITH R", "SAVEPO", "RELEAS"):
            _writes += 1
        try:
            return super().execute_sql(sql, params, *args, **kwargs)
        except PeeweeException as exc:
            if self.read_only_reason and refused_as_read_only(exc):
                raise ReadOnlyDatabaseError(self.read_only_reason) from exc
            raise
