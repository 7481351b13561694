"""Pilotage dashboard and `rcdesk stats` timings beside their floor: the same aggregates
through raw sqlite3, measured in the same run (the ratio is what survives a loaded machine).

Figures (issue 16), per base: the dashboard's first paint (the labels of the registry, the
figures computed in the background), every indicator over the year to date with the previous
period and the year before cold (nothing cached) and cached, then after one complaint and after
one purchase written today (only the cached periods containing today are computed again: step
15's triggers), the 12-month sparklines (past months from the cache), and `rcdesk stats` over
all time cold, cached and after a write.

Run: .venv/bin/python benchmarks/pilotage.py --base 100000:/tmp/copy100k.db
--base 500000:/tmp/copy500k.db [--runs 3]. A file that does not exist is made by
`rcdesk demo --customers N` first. The files are migrated to the current schema and written to
(complaints and purchases dated today): use copies, never a base you keep."""

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
        start, end = (start or date(1900, 1, 1)).isoformat(), (end or date.today()).isoformat()
        con.execute(RAW_COMPLAINTS, (start, end)).fetchone()
        con.execute(RAW_PURCHASES, (start, end)).fetchone()
        con.execute(RAW_CUSTOMERS, (start, start, end)).fetchone()
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
    for _ in range(4):  # the workers the tabs started, and those their results start
        QThreadPool.globalInstance().waitForDone()
        app.processEvents()
    for tab in tabs:
        tab.deleteLater()
    app.processEvents()
    return took


def measure_base(customers: int, path: str, runs: int) -> tuple[list, float]:
    from rcdesk.core.periods import Period, previous_period
    from rcdesk.db import open_database
    from rcdesk.models.customers import Customer
    from rcdesk.models.loyalty import LoyaltyCard
    from rcdesk.services import indicators as registry
    from rcdesk.services.complaints.delays import fill_delays
    from rcdesk.services.complaints.workflow import ComplaintInput, register_complaint
    from rcdesk.services.customers.activity import add_purchase
    from rcdesk.services.demo import DemoOptions, make_demo
    from rcdesk.services.pilotage.dashboard import complete, dashboard, last_months, sparklines
    from rcdesk.services.pilotage.dashboard import year_before as before_year
    from rcdesk.services.stats import collect_stats

    fresh = not os.path.exists(path)
    start = time.perf_counter()
    open_database(path)  # migrates a base made by an older rcdesk (step 15 fills its tables)
    if fresh:
        make_demo(DemoOptions(customers=customers))
    fill_delays()  # a base just migrated: every answer delay computed once
    prepared = time.perf_counter() - start
    today = date.today()
    period = complete(None, today)
    periods = [period, previous_period(period), before_year(period)]
    months = last_months(period.end)
    raw = [(p.start, p.end) for p in periods]
    raw_today = [(period.start, period.end)]
    raw_all = [(None, None)]
    everything = Period(None, None)
    holder = (Customer.select(Customer.id).join(LoyaltyCard, on=(LoyaltyCard.customer
                                                                   == Customer.id))
              .limit(1).scalar())
    keys = list(registry.definitions())

    def write_complaint() -> None:
        register_complaint(ComplaintInput(customer_id=holder, description="Banc d'essai"),
                           received_on=today)

    def write_purchase() -> None:
        add_purchase(holder, today, 4_250)

    def full_dashboard() -> None:
        dashboard(period)
        sparklines(keys, period.end)

    floor3 = median_time(runs, lambda: raw_floor(path, raw))
    floor1 = median_time(runs, lambda: raw_floor(path, raw_today))
    floor12 = median_time(runs, lambda: raw_floor(path, [(m.start, m.end) for m in months]))
    floor_all = median_time(runs, lambda: raw_floor(path, raw_all))
    rows = [
        ("Tableau de bord à froid (3 périodes, rien en cache)",
         median_time(runs, lambda: dashboard(period), registry.clear_cache), floor3),
        ("Tableau de bord en cache (même période)",
         median_time(runs, lambda: dashboard(period)), None),
        ("Tableau de bord après une réclamation écrite",
         median_time(runs, lambda: dashboard(period), write_complaint), floor1),
        ("Tableau de bord après un achat écrit",
         median_time(runs, lambda: dashboard(period), write_purchase), floor1),
        ("Courbes 12 mois après un achat (mois passés en cache)",
         median_time(runs, lambda: sparklines(keys, period.end),
                     lambda: (write_purchase(), dashboard(period))), floor12),
        ("Tableau de bord + courbes à froid",
         median_time(runs, full_dashboard, registry.clear_cache), floor3 + floor12),
        ("rcdesk stats (depuis toujours) à froid",
         median_time(runs, lambda: collect_stats(everything), registry.clear_cache), floor_all),
        ("rcdesk stats (depuis toujours) en cache",
         median_time(runs, lambda: collect_stats(everything)), None),
        ("rcdesk stats après une réclamation écrite",
         median_time(runs, lambda: collect_stats(everything), write_complaint), floor_all),
    ]
    # last: the tab starts workers computing the figures, which would share the CPU above
    rows.insert(0, ("Onglet Pilotage construit et peint (1er affichage)", first_paint(runs),
                    None))
    return rows, prepared


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", action="append", metavar="N:FICHIER",
                        help="a demo base of N customers to reuse (made when missing)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bases = args.base or [f"{n}:{Path(tempfile.mkdtemp()) / f'pilotage-{n}.db'}"
                          for n in (100_000, 500_000)]
    print(f"{platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cœurs, charge {os.getloadavg()[0]:.2f} au départ")
    for base in bases:
        count, _, path = base.partition(":")
        rows, prepared = measure_base(int(count), path, args.runs)
        print(f"\nrcdesk pilotage — {int(count):,} clients, fichier {path} ".replace(",", " ")
              + f"(ouvert et préparé en {prepared:.1f} s), charge {os.getloadavg()[0]:.2f}")
        print(f"{'Mesure':<56}{'rcdesk':>10}{'SQL brut':>10}{'rapport':>9}")
        for label, took, floor in rows:
            floor_text = f"{floor * 1000:8.0f} ms" if floor else f"{'—':>10}"
            ratio = f"{took / floor:8.1f}×" if floor else f"{'—':>9}"
            print(f"{label:<56}{took * 1000:8.0f} ms{floor_text}{ratio}")


if __name__ == "__main__":
    main()
