"""`rcdesk transfer` timings beside their floor: the demo base (100,000 customers and about a
million purchases, `make_demo`) copied SQLite → PostgreSQL on a local throwaway server, then
PostgreSQL → SQLite. Target (issue 12): under 60 s to PostgreSQL.

The floor moves the same tables and columns the same way with nothing else of rcdesk: raw
sqlite3 reads and psycopg2 COPY in CSV into the same empty schema, in one transaction, its
foreign keys and secondary indexes dropped then made again as the transfer does; back, a
psycopg2 server-side cursor and sqlite3 executemany, indexes made again at the end. Each
figure is one run (a transfer is a one-off: a second run would only measure a warm cache).
Run: .venv/bin/python benchmarks/transfer.py [--customers 100000]"""

from __future__ import annotations

import argparse
import io
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bulk import start_postgres  # noqa: E402

from rcdesk.models.indicators import derived_triggers_off  # noqa: E402
from rcdesk.models.purchase_summaries import summary_triggers_off  # noqa: E402
from rcdesk.services.transfer import (  # noqa: E402
    _drop_keys_and_indexes,
    _drop_sqlite_indexes,
)


def triggers_off(raw, engine: str) -> None:
    """The triggers rcdesk's transfer turns off for its copy (the tables the base derives:
    indicators' cache, holders' revenue, purchase summaries — filled once at the end by
    rcdesk, a work the floor does not do): off for the floor's copy too. Row by row over tables
    whose indexes are dropped, they would make the floor quadratic."""
    derived_triggers_off(raw, engine)
    summary_triggers_off(raw, engine)


def build(path: Path, customers: int) -> float:
    from rcdesk.db import close_database, open_database
    from rcdesk.services.area_types import DemoOptions
    from rcdesk.services.demo import make_demo

    start = time.perf_counter()
    open_database(path)
    make_demo(DemoOptions(customers=customers))
    close_database()
    return time.perf_counter() - start


def tables_and_columns() -> list[tuple[str, list[str]]]:
    from rcdesk.models.migrations import LATEST_VERSION
    from rcdesk.services.transfer import _columns, transfer_models

    return [(m._meta.table_name, _columns(m, LATEST_VERSION)) for m in transfer_models()
            if m._meta.table_name != "rcdesk_meta"]


def empty_schema(url: str) -> None:
    """A migrated PostgreSQL base with its seeded rows removed (what the floor fills)."""
    from rcdesk.db import close_database, open_database

    db = open_database(url)
    for table, _ in reversed(tables_and_columns()):
        db.execute_sql(f'DELETE FROM "{table}"')
    close_database()


class Raw:
    """A driver's cursor or connection seen as `execute_sql` (the transfer's helpers that drop
    and make again the indexes and keys: the floor does the same, without the rest)."""

    def __init__(self, target):
        self.target = target

    def execute_sql(self, sql, params=()):
        result = self.target.execute(sql, params)
        return result if result is not None else self.target


def cell(value) -> str:
    """COPY's CSV, plainly: NULL unquoted, text quoted ("" stays an empty string)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, bytes):
        return '"\\x' + value.hex() + '"'
    return '"' + value.replace('"', '""') + '"'


def floor_to_postgres(path: Path, url: str) -> tuple[float, int]:
    import psycopg2

    empty_schema(url)
    start = time.perf_counter()
    src = sqlite3.connect(str(path))
    dst = psycopg2.connect(url)
    cursor = dst.cursor()
    triggers_off(Raw(cursor), "postgresql")
    rebuild = _drop_keys_and_indexes(Raw(cursor), [t for t, _ in tables_and_columns()])
    rows = 0
    for table, columns in tables_and_columns():
        names = ", ".join(f'"{c}"' for c in columns)
        reader = src.execute(f'SELECT {names} FROM "{table}"')
        while True:
            chunk = reader.fetchmany(5000)
            if not chunk:
                break
            buffer = io.StringIO()
            for row in chunk:
                buffer.write(",".join(cell(v) for v in row))
                buffer.write("\n")
            buffer.seek(0)
            cursor.copy_expert(f'COPY "{table}" ({names}) FROM STDIN WITH (FORMAT csv)', buffer)
            rows += len(chunk)
    for statement in rebuild:
        cursor.execute(statement)
    dst.rollback()  # the floor's rows are not kept: rcdesk's transfer fills the base next
    dst.close()
    src.close()
    return time.perf_counter() - start, rows


def floor_to_sqlite(url: str, path: Path) -> float:
    import psycopg2

    start = time.perf_counter()
    src = psycopg2.connect(url)
    dst = sqlite3.connect(str(path), isolation_level=None)
    dst.execute("BEGIN")
    tables = [t for t, _ in tables_and_columns()]
    triggers_off(Raw(dst), "sqlite")
    rebuild = _drop_sqlite_indexes(Raw(dst), tables)
    for table, columns in tables_and_columns():
        names = ", ".join(f'"{c}"' for c in columns)
        reader = src.cursor(name=f"floor_{table}")
        reader.itersize = 5000
        reader.execute(f'SELECT {names} FROM "{table}"')
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
        while True:
            chunk = reader.fetchmany(5000)
            if not chunk:
                break
            dst.executemany(sql, [tuple(str(v) if hasattr(v, "isoformat") else
                                        bytes(v) if isinstance(v, memoryview) else v
                                        for v in row) for row in chunk])
        reader.close()
    for statement in rebuild:
        dst.execute(statement)
    dst.execute("ROLLBACK")
    dst.close()
    src.close()
    return time.perf_counter() - start


def line(label: str, ours: float, floor: float, rows: int, target: str = "") -> str:
    rate = f"{rows / ours:,.0f}".replace(",", " ")
    return (f"| {label} | {ours:.1f} | {floor:.1f} | {ours / floor:.2f}× | {rate} | "
            f"{target} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000)
    args = parser.parse_args()
    from rcdesk.db import close_database, open_database
    from rcdesk.services.maintenance import check_database
    from rcdesk.services.transfer import transfer_database

    folder = Path(tempfile.mkdtemp(prefix="rcdesk-transfer-"))
    source = folder / "demo.db"
    made = build(source, args.customers)
    server = start_postgres()
    if server is None:
        return 0
    try:
        url = server.url(server.new_database())
        empty_schema(url)
        floor_pg, rows = floor_to_postgres(source, url)
        open_database(source)
        result = transfer_database(url, replace=True)
        close_database()
        open_database(url)
        assert check_database() == [], "la base PostgreSQL transférée a des problèmes"
        back = folder / "retour.db"
        start = time.perf_counter()
        transfer_database(back)
        ours_back = time.perf_counter() - start
        close_database()
        scratch = folder / "plancher.db"
        open_database(scratch)
        close_database()
        sqlite3.connect(str(scratch)).executescript(
            "".join(f'DELETE FROM "{t}";' for t, _ in reversed(tables_and_columns())))
        floor_back = floor_to_sqlite(url, scratch)
    finally:
        close_database()
        server.stop()
    print(f"\nMachine : {platform.machine()}, Python {platform.python_version()}, SQLite "
          f"{sqlite3.sqlite_version} ; démo de {args.customers} clients ({rows} lignes en tout, "
          f"créée en {made:.0f} s), un passage\n")
    print("| Mesure | rcdesk (s) | plancher (s) | ratio | lignes/s (rcdesk) | objectif |")
    print("|---|---|---|---|---|---|")
    print(line("transfer SQLite → PostgreSQL ; plancher sqlite3 + COPY csv", result.seconds,
               floor_pg, rows, "< 60 s"))
    print(line("transfer PostgreSQL → SQLite ; plancher curseur serveur + executemany",
               ours_back, floor_back, rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
