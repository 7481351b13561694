"""What the frozen steps share: the engine at hand, running its statements, the UTC time."""

from datetime import datetime, timezone

from peewee import PostgresqlDatabase, SqliteDatabase


def engine(db) -> str:
    """"sqlite" or "postgresql": the two engines every step spells its SQL for."""
    if isinstance(db, SqliteDatabase):
        return "sqlite"
    if isinstance(db, PostgresqlDatabase):
        return "postgresql"
    raise TypeError(f"moteur de base de données non pris en charge : {type(db).__name__}")


def run(db, sqlite: tuple[str, ...], postgresql: tuple[str, ...]) -> None:
    """Execute the statements written for db's engine, in order (the caller's transaction)."""
    for statement in sqlite if engine(db) == "sqlite" else postgresql:
        db.execute_sql(statement)


def utc_now(db):
    """Now in UTC as the models store it: naive, as text on SQLite (what peewee writes there)."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    return now.isoformat(" ") if engine(db) == "sqlite" else now
