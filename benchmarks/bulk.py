"""Bulk insert timings (rcdesk/services/bulk.py) beside their floor, on SQLite and PostgreSQL.

rcdesk's insert_rows (multi-row INSERTs on SQLite, COPY on PostgreSQL) inserts purchases (5
columns) and contact history rows (10 columns); the floor is the same rows through raw sqlite3
executemany, and on PostgreSQL through psycopg2's execute_values (multi-row INSERTs), the
other path rcdesk could take. Each figure is the best of --runs, each run rolled back.
Run: .venv/bin/python benchmarks/bulk.py [--rows 100000] [--runs 3] [--no-pg]"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

PURCHASE = ["customer", "date", "amount_cents", "channel", "reference"]
INTERACTION = ["customer", "at", "channel", "direction", "step", "subject", "outcome",
               "follow_up", "follow_up_done", "operator"]


def make_rows(count: int, customers: list[int]) -> dict[str, list[tuple]]:
    rng = random.Random(2026)
    first = date(2025, 1, 1)
    purchases = [(rng.choice(customers), first + timedelta(days=rng.randrange(700)),
                  rng.randrange(100, 100_000), "magasin", f"T{i}") for i in range(count)]
    interactions = [(rng.choice(customers), datetime(2026, 1, 1, 9) + timedelta(minutes=i),
                     "e-mail", "entrant", "achat", "Demande de devis",
                     "Rappel prévu ; devis envoyé", date(2026, 2, 1) if i % 2 else None,
                     bool(i % 3), "sophie.martin") for i in range(count)]
    return {"purchase": purchases, "interaction": interactions}


def best(runs: int, function) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def open_with_customers(target) -> list[int]:
    from rcdesk.db import open_database
    from rcdesk.models.customers import Customer

    open_database(target)
    Customer.insert_many([{"first_name": f"Client {i}", "last_name": "Banc", "sort_name":
                           f"banc client {i}"} for i in range(2000)]).execute()
    return [i for (i,) in Customer.select(Customer.id).tuples()]


def ours(runs: int, rows: dict[str, list[tuple]]) -> dict[str, float]:
    from rcdesk.models.base import database_proxy
    from rcdesk.models.customers import Interaction, Purchase
    from rcdesk.services.bulk import insert_rows

    result = {}
    for name, model, columns in (("purchase", Purchase, PURCHASE),
                                 ("interaction", Interaction, INTERACTION)):
        def run(model=model, columns=columns, name=name):
            with database_proxy.atomic() as transaction:
                insert_rows(model, columns, rows[name])
                transaction.rollback()
        result[name] = best(runs, run)
    return result


def sqlite_floor(path: Path, runs: int, rows: dict[str, list[tuple]]) -> dict[str, float]:
    con = sqlite3.connect(str(path), isolation_level=None)
    result = {}
    for name, columns in (("purchase", PURCHASE), ("interaction", INTERACTION)):
        names = ", ".join(f"{c}_id" if c == "customer" else c for c in columns)
        sql = f"INSERT INTO {name} ({names}) VALUES ({', '.join('?' * len(columns))})"

        def run(sql=sql, name=name):
            con.execute("BEGIN")
            con.executemany(sql, rows[name])
            con.execute("ROLLBACK")
        result[name] = best(runs, run)
    con.close()
    return result


def postgres_floor(db, runs: int, rows: dict[str, list[tuple]]) -> dict[str, float]:
    from psycopg2.extras import execute_values

    from rcdesk.models.base import database_proxy

    result = {}
    for name, columns in (("purchase", PURCHASE), ("interaction", INTERACTION)):
        names = ", ".join(f"{c}_id" if c == "customer" else c for c in columns)

        def run(names=names, name=name):
            with database_proxy.atomic() as transaction:
                execute_values(db.cursor(), f"INSERT INTO {name} ({names}) VALUES %s",
                               rows[name], page_size=1000)
                transaction.rollback()
        result[name] = best(runs, run)
    return result


def start_postgres():
    spec = importlib.util.spec_from_file_location(
        "rc_conftest", Path(__file__).resolve().parent.parent / "tests" / "conftest.py")
    conftest = importlib.util.module_from_spec(spec)
    sys.modules["rc_conftest"] = conftest
    try:
        spec.loader.exec_module(conftest)
    except Exception as exc:  # noqa: BLE001 - no pytest / PySide6: skip with the reason
        print(f"PostgreSQL sauté : {exc}")
        return None
    bindir = conftest._find_pg_bindir()
    if not bindir:
        print("PostgreSQL sauté : initdb introuvable")
        return None
    server = conftest.PostgresServer(bindir)
    server.start()
    return server


def line(label: str, ours_s: float, floor_s: float, count: int) -> str:
    rate = f"{count / ours_s:,.0f}".replace(",", " ")
    return f"| {label} | {ours_s * 1000:.0f} | {floor_s * 1000:.0f} | {ours_s / floor_s:.2f}× | {rate} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000, help="lignes par table")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pg", action="store_true", help="ne pas mesurer PostgreSQL")
    args = parser.parse_args()
    from rcdesk.db import close_database
    from rcdesk.models.base import database_proxy

    print(f"\nMachine : {platform.machine()}, Python {platform.python_version()}, SQLite "
          f"{sqlite3.sqlite_version} ; {args.rows} lignes par table, meilleur de {args.runs}\n")
    print("| Mesure | rcdesk (ms) | plancher (ms) | ratio | lignes/s (rcdesk) |")
    print("|---|---|---|---|---|")
    path = Path(tempfile.mkdtemp(prefix="rcdesk-bulk-")) / "bulk.db"
    rows = make_rows(args.rows, open_with_customers(path))
    mine = ours(args.runs, rows)
    close_database()
    floor = sqlite_floor(path, args.runs, rows)
    print(line("SQLite, achats (5 colonnes) ; plancher executemany", mine["purchase"],
               floor["purchase"], args.rows))
    print(line("SQLite, contacts (10 colonnes) ; plancher executemany", mine["interaction"],
               floor["interaction"], args.rows))
    if args.no_pg:
        return
    server = start_postgres()
    if server is None:
        return
    try:
        rows = make_rows(args.rows, open_with_customers(server.url(server.new_database())))
        mine = ours(args.runs, rows)
        floor = postgres_floor(database_proxy.obj, args.runs, rows)
        close_database()
    finally:
        server.stop()
    print(line("PostgreSQL, achats (COPY) ; plancher execute_values", mine["purchase"],
               floor["purchase"], args.rows))
    print(line("PostgreSQL, contacts (COPY) ; plancher execute_values", mine["interaction"],
               floor["interaction"], args.rows))


if __name__ == "__main__":
    main()
