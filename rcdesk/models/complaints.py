"""Tables of the complaints area (filled by its issue)."""

MODELS: list = []


def install(db) -> None:
    db.create_tables(MODELS)
