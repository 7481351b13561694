"""One search keystroke of the Clients list, prefix by prefix, on large files, beside its floor.

A keystroke is what the list does on a text change (ui/paged_model.py): count_customers, then
list_customers for the first page (200 rows, or fewer when fewer match). For each typed text,
median and p95 of --runs keystrokes (after one warm-up), and beside them:
- floor: the same work in raw sqlite3 with the same page plan as rcdesk (FTS count, capped
  count, the page query), no peewee, no formatting;
- before: raw sqlite3 running the query of before (every hit read, then sorted).

Bases are demo files (`rcdesk demo --customers N`): --base N:PATH reuses PATH when it exists
(opening it brings its schema up to date, once), else makes it there (slow: ~15 min for
500,000 customers on a loaded 2-core machine), so that a rerun does not regenerate.
Run: .venv/bin/python benchmarks/customers_search.py --base 100000:/tmp/d100k.db \\
         --base 500000:/tmp/d500k.db [--runs 9]"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

TEXTS = ["l", "le", "lef", "06", "06 1", "6", "33", "dup", "dupont", "m", "ma", "mar", "martin",
         "martin p", "saint", "gmail", "59", "c1000"]
COLUMNS = ("id, first_name, last_name, company_name, kind, status, email, phone, "
           "postal_code, city, segments, last_contact, created_at")
FTS = "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?"
PAGE_SQL = {
    "sort": f"SELECT {COLUMNS} FROM customer WHERE id IN ({FTS}) ORDER BY sort_name, id LIMIT ?",
    "walk": (f"SELECT {COLUMNS} FROM customer INDEXED BY customer_sort_name WHERE id IN ({FTS}) "
             "ORDER BY sort_name, id LIMIT ?"),
    "probe": (f"SELECT {COLUMNS} FROM customer AS c INDEXED BY customer_sort_name WHERE EXISTS "
              "(SELECT 1 FROM customer_fts WHERE customer_fts MATCH ? AND customer_fts.rowid = "
              "c.id) ORDER BY sort_name, id LIMIT ?"),
}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def ensure_base(customers: int, path: Path) -> str:
    if path.exists():
        return f"réutilisée : {path}"
    path.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    code = "import sys; from rcdesk.cli import main; sys.exit(main(sys.argv[1:]))"
    subprocess.run([sys.executable, "-c", code, "--db", str(path), "demo", "--customers",
                    str(customers)], check=True, capture_output=True)
    return f"générée en {time.perf_counter() - start:.0f} s : {path}"


def measure(path: Path, runs: int) -> tuple[int, list[tuple]]:
    from rcdesk.db import close_database, open_database
    from rcdesk.services.customers import CustomerQuery, count_customers, list_customers
    from rcdesk.services.customers.search import _choose_plan, _fts_match, _hits_cap, search_terms

    open_database(path)
    total = count_customers(CustomerQuery())
    con = sqlite3.connect(path)
    results = []
    for text in TEXTS:
        query = CustomerQuery(text=text)
        terms = search_terms(text)
        match = _fts_match(terms)

        def ours(query=query):
            n = count_customers(query)
            return list_customers(query, 0, min(200, n)) if n else []

        plan = _choose_plan(query, terms, 200)[0]
        customers = con.execute("SELECT MAX(id) FROM customer").fetchone()[0]
        cap = _hits_cap(customers, 200)

        def floor(match=match, plan=plan, cap=cap):
            n = con.execute("SELECT COUNT(*) FROM customer_fts WHERE customer_fts MATCH ?",
                            (match,)).fetchone()[0]
            if not n:
                return []
            if plan != "sort":  # rcdesk's capped count that picks the plan
                con.execute("SELECT MAX(id) FROM customer").fetchone()
                con.execute(f"SELECT COUNT(*) FROM ({FTS} LIMIT ?)", (match, cap)).fetchone()
            return con.execute(PAGE_SQL[plan], (match, min(200, n))).fetchall()

        def before(match=match):
            n = con.execute("SELECT COUNT(*) FROM customer_fts WHERE customer_fts MATCH ?",
                            (match,)).fetchone()[0]
            return con.execute(PAGE_SQL["sort"], (match, min(200, n))).fetchall() if n else []

        times: dict[str, list[float]] = {"ours": [], "floor": [], "before": []}
        for name, work in (("ours", ours), ("floor", floor), ("before", before)):
            work()  # warm-up
            for _ in range(runs):
                start = time.perf_counter()
                work()
                times[name].append(time.perf_counter() - start)
        same = [r[0] for r in ours()] == [r[0] for r in before()]
        hits = count_customers(query)
        results.append((text, hits, plan, times, same))
    con.close()
    close_database()
    return total, results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", action="append", metavar="N:CHEMIN",
                        help="base de démonstration de N clients (réutilisée si elle existe)")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    bases = args.base or ["100000:/tmp/rcdesk-bench/demo100k.db"]
    print(f"Machine : {platform.processor() or platform.machine()}, {os.cpu_count()} cœurs, "
          f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")
    for base in bases:
        size, _, path = base.partition(":")
        path = Path(path)
        print(f"\nBase {int(size)} clients {ensure_base(int(size), path)}")
        total, results = measure(path, args.runs)
        print(f"{total} clients ; frappe = compte + première page (200 lignes), "
              f"{args.runs} mesures par texte, ms\n")
        print("| texte tapé | résultats | plan | rcdesk médiane | rcdesk p95 | plancher p95 "
              "(sqlite3, même plan) | ratio | requête d'avant p95 | mêmes lignes |")
        print("|---|---|---|---|---|---|---|---|---|")
        all_ours = []
        for text, hits, plan, times, same in results:
            ours95, floor95 = pct(times["ours"], 95), pct(times["floor"], 95)
            all_ours += times["ours"]
            print(f"| « {text} » | {hits} | {plan} | {statistics.median(times['ours']) * 1000:.1f} "
                  f"| {ours95 * 1000:.1f} | {floor95 * 1000:.1f} | {ours95 / floor95:.2f}× "
                  f"| {pct(times['before'], 95) * 1000:.1f} | {'oui' if same else 'NON'} |")
        print(f"\np95 de toutes les frappes : {pct(all_ours, 95) * 1000:.1f} ms (objectif < 150 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
