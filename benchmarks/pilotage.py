"""Pilotage dashboard timings beside their floor: the same aggregates through raw sqlite3.

Figures (issue 16): the dashboard's first paint (< 500 ms: the labels of the registry, no
figure), every indicator over the year to date with the previous period and the year before,
cold (caches empty) and warm (cached per period), the 12-month sparklines, and `rcdesk stats`
on the same file. Run: .venv/bin/python benchmarks/pilotage.py [--customers 100000] [--runs 3]
[--db FILE] (an existing demo file is reused: `rcdesk --db FILE demo --customers N`)."""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path


def median_time(runs: int, function, before=None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


RAW_COMPLAINTS = """SELECT COUNT(*), COALESCE(SUM(cost_cents), 0),
    SUM(CASE WHEN answer_date IS NOT NULL AND answer_date <= due_date THEN 1 ELSE 0 END),
    SUM(CASE WHEN resatisfied = 'oui' THEN 1 ELSE 0 END)
    FROM complaint WHERE received_on BETWEEN ? AND ?"""
RAW_PURCHASES = """SELECT COUNT(*), COALESCE(SUM(amount_cents), 0) FROM purchase
    WHERE date BETWEEN ? AND ?"""
RAW_CUSTOMERS = """SELECT SUM(CASE WHEN client_since <= ? THEN 1 ELSE 0 END),
    SUM(CASE WHEN client_since <= ? AND (lost_at IS NULL OR lost_at > ?) THEN 1 ELSE 0 END)
    FROM customer"""


def raw_floor(path: str, periods) -> None:
    """The aggregates every period needs, in raw SQL (no working days, no Python rules)."""
    con = sqlite3.connect(path)
    for start, end in periods:
        con.execute(RAW_COMPLAINTS, (start.isoformat(), end.isoformat())).fetchone()
        con.execute(RAW_PURCHASES, (start.isoformat(), end.isoformat())).fetchone()
        con.execute(RAW_CUSTOMERS, (start.isoformat(), start.isoformat(),
                                    end.isoformat())).fetchone()
    con.close()


def first_paint(runs: int) -> float:
    """The Pilotage tab built and painted once (its figures still being computed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from rcdesk.ui.pilotage import PilotageTab

    app = QApplication.instance() or QApplication([])
    tabs = []

    def paint() -> None:
        tab = PilotageTab(None)
        tab.resize(1366, 740)
        tab.grab()
        tabs.append(tab)

    took = median_time(runs, paint)
    QThreadPool.globalInstance().waitForDone()  # the workers the tabs started
    app.processEvents()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", help="demo file to reuse or create")
    args = parser.parse_args()

    from rcdesk.core.periods import previous_period
    from rcdesk.db import open_database
    from rcdesk.services import indicators as registry
    from rcdesk.services.demo import DemoOptions, make_demo
    from rcdesk.services.pilotage.dashboard import (
        complete,
        dashboard,
        dashboard_data,
        last_months,
        year_before,
    )
    from rcdesk.services.stats import collect_stats

    path = args.db or str(Path(tempfile.mkdtemp()) / f"pilotage-{args.customers}.db")
    fresh = not os.path.exists(path)
    start = time.perf_counter()
    open_database(path)
    if fresh:
        make_demo(DemoOptions(customers=args.customers))
    built = time.perf_counter() - start
    today = date.today()
    period = complete(None, today)
    periods = [period, previous_period(period), year_before(period)]
    months = last_months(period.end)
    raw = [(p.start, p.end) for p in periods]
    raw_months = raw + [(m.start, m.end) for m in months]
    rows = [
        ("Onglet Pilotage construit et peint (1er affichage)", first_paint(args.runs), None),
        ("Premier affichage (libellés du registre)",
         median_time(args.runs, lambda: list(registry.definitions().values())), None),
        ("Tableau de bord à froid (3 périodes)",
         median_time(args.runs, lambda: dashboard(period), registry.clear_cache),
         median_time(args.runs, lambda: raw_floor(path, raw))),
        ("Tableau de bord en cache (même période)",
         median_time(args.runs, lambda: dashboard(period)), None),
        ("Tableau de bord + courbes 12 mois à froid",
         median_time(args.runs, lambda: dashboard_data(period), registry.clear_cache),
         median_time(args.runs, lambda: raw_floor(path, raw_months))),
        ("rcdesk stats (année en cours)",
         median_time(args.runs, lambda: collect_stats(period)), None),
    ]
    made = f" (créés en {built:.0f} s)" if fresh else ""
    print(f"rcdesk pilotage — {args.customers:,} clients{made}".replace(",", " "))
    print(f"{platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cœurs, fichier {path}")
    print(f"{'Mesure':<52}{'rcdesk':>10}{'SQL brut':>10}{'rapport':>9}")
    for label, took, floor in rows:
        floor_text = f"{floor * 1000:8.0f} ms" if floor else f"{'—':>10}"
        ratio = f"{took / floor:8.1f}×" if floor else f"{'—':>9}"
        print(f"{label:<52}{took * 1000:8.0f} ms{floor_text}{ratio}")


if __name__ == "__main__":
    main()
