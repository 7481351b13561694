"""Purchase figures read from the summaries the triggers keep (schema step 16), beside the raw
SQL floor: the same aggregates over every purchase row (what rcdesk ran before step 16).

Per base: Clients ▸ Chiffres over the 12 last months (the page's default period: the first
call computes and stores the period, the next ones read it), the same right after a purchase
was written, RFM (the scores of every customer, and the segment counts the page shows), the
customers/purchases part of `rcdesk stats` (all time), then what the triggers cost: one
purchase inserted, and 100,000 purchases bulk inserted (the demo/import path), each beside the
same insert with the triggers dropped (in a transaction rolled back: the file is unchanged).

Bases are demo files (`rcdesk demo --customers N`): --base N:PATH reuses PATH (opening it
brings its schema up to date once: step 16 fills the summaries, its time is printed); give a
COPY of a shared demo file, never the shared file itself.
Run: .venv/bin/python benchmarks/summaries.py --base 100000:/tmp/d100k.db \\
         --base 500000:/tmp/d500k.db [--runs 3]"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

FIGURES_RAW = (
    ("SELECT status, COUNT(*) FROM customer GROUP BY status", ()),
    ("SELECT COUNT(*), SUM(CASE WHEN lost_at BETWEEN :s AND :e THEN 1 ELSE 0 END) FROM customer "
     "WHERE client_since < :s AND (lost_at IS NULL OR lost_at >= :s)", ()),
    ("WITH per AS (SELECT customer_id, SUM(amount_cents) AS s, SUM(amount_cents >= 0) AS n "
     "FROM purchase WHERE date >= :s AND date <= :e GROUP BY customer_id) "
     "SELECT customer_id, s, n, SUM(n) OVER (), SUM(s) OVER (), COUNT(*) OVER () "
     "FROM per ORDER BY s DESC, customer_id LIMIT 10", ()),
)
STATS_RAW = ("SELECT SUM(amount_cents >= 0), SUM(amount_cents) FROM purchase",)


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def median_of(runs: int, function) -> float:
    return statistics.median(timed(function)[0] for _ in range(runs))


def row(name: str, ours: float, floor: float | None) -> str:
    ratio = f"{ours / floor:.2f}×" if floor else "—"
    floor_text = f"{floor * 1000:.1f}" if floor is not None else "—"
    return f"| {name} | {ours * 1000:.1f} | {floor_text} | {ratio} |"


def measure(label: str, path: Path, runs: int, customers: int) -> list[str]:
    from rcdesk.core.periods import Period, last_12_months
    from rcdesk.db import close_database, open_database
    from rcdesk.models.base import write_transaction
    from rcdesk.services.customers import (
        add_purchase,
        customer_figures,
        rfm_label_counts,
        rfm_scores,
        stats,
    )
    from rcdesk.services.customers.figures import RFM_RAW_SQL
    from rcdesk.services.customers.summaries import forget_periods

    fresh = not path.exists()
    started = time.perf_counter()
    open_database(path)  # migrates a copy of an older schema: step 16 fills the summaries
    if fresh:  # no file given (make bench): a demo base made here, its time not counted
        from rcdesk.services.demo import DemoOptions, make_demo

        make_demo(DemoOptions(customers=customers))
    opened = time.perf_counter() - started
    with write_transaction():
        forget_periods()  # a rerun on the same copy starts without the stored period
    today = date.today()
    window = last_12_months(today)
    period = Period(window.start, window.end)
    con = sqlite3.connect(path)
    params = {"s": window.start.isoformat(), "e": window.end.isoformat()}

    def figures_floor():
        for sql, _ in FIGURES_RAW:
            con.execute(sql, params).fetchall()

    lines = [f"**{label}** ({path.name}, ouverture avec migration : {opened:.1f} s)", "",
             "| mesure | rcdesk (ms) | plancher SQL brut (ms) | rapport |", "|---|---|---|---|"]
    first, _ = timed(customer_figures, period)
    floor = median_of(runs, figures_floor)
    lines.append(row("Chiffres 12 mois, 1er calcul (période stockée)", first, floor))
    lines.append(row("Chiffres 12 mois, période déjà stockée",
                     median_of(runs, lambda: customer_figures(period)), floor))
    customers = [c for (c,) in con.execute("SELECT id FROM customer ORDER BY random() LIMIT ?",
                                           (runs,))]
    after = []
    for cid in customers:
        add_purchase(cid, today, random.randint(100, 90000))
        after.append(timed(customer_figures, period)[0])
    lines.append(row("Chiffres 12 mois juste après un achat écrit", statistics.median(after),
                     floor))
    rfm_floor = median_of(runs, lambda: con.execute(RFM_RAW_SQL).fetchall())
    lines.append(row("RFM, scores de chaque client (rfm_scores)", median_of(runs, rfm_scores),
                     rfm_floor))
    lines.append(row("RFM, effectifs par segment (page Chiffres)",
                     median_of(runs, rfm_label_counts), rfm_floor))
    everything = Period(None, None)
    stats_floor = median_of(runs, lambda: [con.execute(FIGURES_RAW[0][0]).fetchall(),
                                           con.execute(FIGURES_RAW[1][0], params).fetchall(),
                                           con.execute(STATS_RAW[0]).fetchall()])
    lines.append(row("stats clients/achats (tout)", median_of(runs, lambda: stats(everything)),
                     stats_floor))
    close_database()
    con.close()
    lines += insert_costs(path, runs, customers)
    return lines


def insert_costs(path: Path, runs: int, customers: list[int]) -> list[str]:
    """One purchase, then 100,000 bulk inserted, with the triggers and without (dropped inside
    the transaction), each in a transaction rolled back."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA foreign_keys = 1")
    today = date.today().isoformat()
    sql = "INSERT INTO purchase (customer_id, date, amount_cents, channel, reference) " \
          "VALUES (?, ?, ?, '', '')"
    triggers = con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                           "AND tbl_name = 'purchase'").fetchall()
    top = con.execute("SELECT MAX(id) FROM customer").fetchone()[0]
    bulk = [(random.randint(1, top), (date.today() - timedelta(days=random.randint(0, 1000)))
             .isoformat(), random.randint(-2000, 90000)) for _ in range(100_000)]

    def one(drop: bool) -> float:
        times = []
        for cid in customers:
            con.execute("BEGIN IMMEDIATE")
            if drop:
                for (name,) in triggers:
                    con.execute(f'DROP TRIGGER "{name}"')
            start = time.perf_counter()
            con.execute(sql, (cid, today, 4200))
            times.append(time.perf_counter() - start)
            con.execute("ROLLBACK")
        return statistics.median(times)

    def many(drop: bool) -> float:
        con.execute("BEGIN IMMEDIATE")
        if drop:
            for (name,) in triggers:
                con.execute(f'DROP TRIGGER "{name}"')
        start = time.perf_counter()
        con.executemany(sql, bulk)
        spent = time.perf_counter() - start
        con.execute("ROLLBACK")
        return spent

    periods = con.execute("SELECT COUNT(*) FROM purchase_period").fetchone()[0]
    floor = many(True)
    lines = [row(f"insertion d'un achat (déclencheurs ; {periods} période(s) stockée(s))",
                 one(False), one(True)),
             row("insertion en masse de 100 000 achats (déclencheurs)", many(False), floor)]
    con.execute("BEGIN IMMEDIATE")
    con.execute("DELETE FROM purchase_period")
    lines.append(row("insertion en masse de 100 000 achats (déclencheurs, aucune période)",
                     _timed_many(con, sql, bulk), floor))
    con.execute("ROLLBACK")
    lines.append(row("insertion en masse de 100 000 achats par bulk_purchase_writes "
                     "(démonstration, import)", bulk_path(con, sql, bulk), floor))
    con.close()
    return lines


def bulk_path(con, sql: str, rows) -> float:
    """What customers/bulk.py: bulk_purchase_writes does around a bulk insert: triggers
    dropped, rows inserted, the new rows summed in two statements, triggers made again."""
    from rcdesk.models.purchase_summaries import SQLITE_ADD_NEWER

    con.execute("BEGIN IMMEDIATE")
    start = time.perf_counter()
    triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                           "AND tbl_name = 'purchase'").fetchall()
    for name, _sql in triggers:
        con.execute(f'DROP TRIGGER "{name}"')
    before = con.execute("SELECT MAX(id) FROM purchase").fetchone()[0] or 0
    con.executemany(sql, rows)
    for statement in SQLITE_ADD_NEWER:
        con.execute(statement, (before,) if "?" in statement else ())
    for _name, text in triggers:
        con.execute(text)
    spent = time.perf_counter() - start
    con.execute("ROLLBACK")
    return spent


def _timed_many(con, sql, rows) -> float:
    start = time.perf_counter()
    con.executemany(sql, rows)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", action="append", metavar="N:CHEMIN",
                        help="fichier de démonstration (une copie) de N clients ; sans --base "
                             "(make bench), des bases de 100 000 et 500 000 clients faites ici")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(f"Machine : {platform.processor() or platform.machine()}, {os.cpu_count()} cœurs, "
          f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version} ; charge "
          f"(uptime) : {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
          f"{os.getloadavg()[2]:.2f}")
    import tempfile

    bases = args.base or [f"{n}:{Path(tempfile.mkdtemp()) / f'summaries-{n}.db'}"
                          for n in (100_000, 500_000)]
    for base in bases:
        number, _, path = base.partition(":")
        for line in measure(f"{int(number):,} clients".replace(",", " "), Path(path), args.runs,
                            int(number)):
            print(line)
        print()
    print(f"charge à la fin : {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
