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
