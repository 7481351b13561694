"""The Clients tab's own timings beside their floor: first rows painted, one search keystroke.

Builds (or reuses, --db) a demo file with `rcdesk demo --customers N` (100,000 by default,
about a million purchases), then, offscreen:
- opening the Clients tab until its table's first paint with rows, the first time in the
  process (imports included, as in the window) and the median of later openings; floor: raw
  sqlite3 count + first page in a bare table model and QTableView;
- one search keystroke through the tab (query, model reset, repaint; the 150 ms debounce is
  a pause, not work), median and p95; floor: the raw FTS5 query into a bare view.
Run: .venv/bin/python benchmarks/customers_ui.py [--customers 100000] [--db FILE] [--runs 7]"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

KEYSTROKES = ["d", "du", "dup", "dupo", "dupon", "dupont", "h", "he", "hel", "hele", "helen",
              "helene", "06", "06 1", "06 12", "06 12 3", "06 12 34", "l", "li", "lil", "lill",
              "lille", "m", "ma", "mar", "mart", "marti", "martin", "martin p", "martin pa",
              "+33 6", "+33 6 1", "0612", "061234", "59", "590", "5900", "59000", "gmail",
              "c1000", "c10001", "c100012", "be", "ber", "bern", "berna", "bernar", "bernard"]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def row(name: str, ours: float, floor: float | None, target: str) -> str:
    ratio = f"{ours / floor:.2f}×" if floor else "—"
    floor_text = f"{floor * 1000:.1f}" if floor is not None else "—"
    return f"| {name} | {ours * 1000:.1f} | {floor_text} | {ratio} | {target} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--db", help="an existing demo file (else one is built in a temp dir)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    tmp = None
    if args.db:
        db_path = Path(args.db)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="rcdesk-bench-ui-")
        db_path = Path(tmp.name) / "bench.db"
        start = time.perf_counter()
        code = "import sys; from rcdesk.cli import main; sys.exit(main(sys.argv[1:]))"
        subprocess.run([sys.executable, "-c", code, "--db", str(db_path), "demo",
                        "--customers", str(args.customers)], check=True, capture_output=True)
        print(f"Base de démonstration : {args.customers} clients en "
              f"{time.perf_counter() - start:.1f} s")

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication(sys.argv)
    from rcdesk.db import open_database
    from rcdesk.services.customers import CustomerQuery, count_customers
    from rcdesk.ui.context import AppContext
    from rcdesk.ui.customers import bench

    open_database(db_path)
    total = count_customers(CustomerQuery())
    context = AppContext(str(db_path))

    cold, tab = bench.first_rows_painted(context)
    tab.close()
    tab.deleteLater()
    warm = []
    for _ in range(args.runs):
        seconds, tab = bench.first_rows_painted(context)
        warm.append(seconds)
        tab.close()
        tab.deleteLater()
        app.processEvents()
    floor_open = statistics.median(bench.floor_first_rows_painted(str(db_path))
                                   for _ in range(args.runs))

    seconds, tab = bench.first_rows_painted(context)
    for text in KEYSTROKES[:5]:  # warm the page cache once
        bench.search_keystroke(tab, text)
    keys = [bench.search_keystroke(tab, text) for text in KEYSTROKES]
    view = QTableView()
    view.resize(1280, 800)
    view.show()
    QTest.qWaitForWindowExposed(view)  # else repaint() would paint nothing
    floor_keys = [bench.floor_search(str(db_path), text, view) for text in KEYSTROKES]
    tab.close()

    cpu = platform.processor() or platform.machine()
    print(f"\nOnglet Clients, {total} clients, {platform.node()} ({cpu}, {os.cpu_count()} cœurs), "
          f"Python {platform.python_version()}\n")
    print("| Mesure | rcdesk (ms) | plancher (ms) | rapport | cible |")
    print("|---|---|---|---|---|")
    print(row("Ouverture de l'onglet : premières lignes peintes (1re fois, imports compris)",
              cold, floor_open, "< 300 ms"))
    print(row("Ouverture de l'onglet : premières lignes peintes (médiane des suivantes)",
              statistics.median(warm), floor_open, "< 300 ms"))
    print(row("Une frappe dans la recherche, liste repeinte (médiane)",
              statistics.median(keys), statistics.median(floor_keys), "< 50 ms"))
    print(row("Une frappe dans la recherche, liste repeinte (p95)",
              pct(keys, 95), pct(floor_keys, 95), "< 150 ms"))
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
