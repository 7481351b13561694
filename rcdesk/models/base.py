"""The database proxy every model binds to, and the base model."""

from datetime import datetime, timezone

from peewee import DatabaseProxy, Model

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


class WriteCounting:
    """Mixed into the database classes: counts the statements that may change data."""

    def execute_sql(self, sql, params=None, *args, **kwargs):
        global _writes
        head = sql.lstrip()[:6].upper()
        if head not in ("SELECT", "PRAGMA", "WITH R", "SAVEPO", "RELEAS"):
            _writes += 1
        return super().execute_sql(sql, params, *args, **kwargs)
