"""The register's first rows painted with 50 000 complaints, beside raw sqlite3 reading them.

Builds a throwaway SQLite file (bulk rows written straight into the tables: the point is reading),
then times, best and median of N runs:
- the table model's first page (count + first BATCH rows, what the view asks on a filter change),
- the register view built and painted offscreen (filters, model, QTableView.grab()),
- a text filter, the late-only filter, and one scroll step (fetchMore).
The floor is the same SQL in raw sqlite3 (count + first page, joined to customers/categories);
for the painted register, those raw rows in a QStandardItemModel shown in a bare QTableView.
Run: .venv/bin/python benchmarks/complaints_ui.py [--complaints 50000] [--runs 7]"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FLOOR_SQL = """
SELECT c.id, c.number, c.received_on, u.first_name, u.last_name, u.company_name, u.kind,
       c.walk_in_name, c.channel, k.name, c.product, c.place, c.status, c.due_date, c.paused_on
FROM complaint c LEFT JOIN customer u ON u.id = c.customer_id
LEFT JOIN complaint_category k ON k.id = c.category_id
ORDER BY c.received_on DESC, c.id DESC LIMIT ?"""


def fill(db_path: Path, n: int, customers: int) -> None:
    """n complaints over three years, a third late, on `customers` customers."""
    from rcdesk.db import open_database
    from rcdesk.models.base import database_proxy
    from rcdesk.models.complaints import Complaint, ComplaintCategory
    from rcdesk.models.customers import Customer
    from rcdesk.services.complaints import CHANNELS, STATUSES

    open_database(db_path)
    rng = random.Random(7)
    with database_proxy.atomic():
        Customer.insert_many([{"first_name": f"Prénom{i}", "last_name": f"Nom{i}",
                               "email": f"c{i}@example.org", "status": "client"}
                              for i in range(customers)]).execute()
    categories = [c.id for c in ComplaintCategory.select(ComplaintCategory.id)]
    today = date.today()
    counters: dict[int, int] = {}
    rows = []
    for _ in range(n):
        on = today - timedelta(days=rng.randint(0, 3 * 365))
        counters[on.year] = counters.get(on.year, 0) + 1
        rows.append({
            "number": f"REC-{on.year}-{counters[on.year]:04d}",
            "received_at": datetime(on.year, on.month, on.day, 10), "received_on": on,
            "due_date": on + timedelta(days=7),
            "customer": rng.randint(1, customers) if rng.random() < 0.9 else None,
            "walk_in_name": "Passage", "channel": rng.choice(CHANNELS),
            "product": rng.choice(["Service 12 pièces", "Verres", "Nappe", "Livraison"]),
            "place": rng.choice(["Lille", "Roubaix", "Site web"]),
            "description": "Article abîmé", "status": rng.choice(STATUSES),
            "category": rng.choice(categories),
        })
    with database_proxy.atomic():
        for start in range(0, n, 2000):
            Complaint.insert_many(rows[start:start + 2000]).execute()
    database_proxy.obj.execute_sql("ANALYZE")


def timed(fn, runs: int) -> list[float]:
    fn()  # warm caches once
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--complaints", type=int, default=50_000)
    parser.add_argument("--customers", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RCDESK_DATA_DIR"] = str(Path(tmp) / "data")
        db_path = Path(tmp) / "bench.db"
        built = time.perf_counter()
        fill(db_path, args.complaints, args.customers)
        built = time.perf_counter() - built

        from PySide6.QtWidgets import QApplication

        from rcdesk.services.complaints import ComplaintQuery
        from rcdesk.ui.complaints.register import ComplaintTableModel, RegisterView

        app = QApplication(sys.argv[:1])
        batch = ComplaintTableModel.BATCH
        raw = sqlite3.connect(str(db_path))

        def floor():
            raw.execute("SELECT COUNT(*) FROM complaint").fetchone()
            return raw.execute(FLOOR_SQL, (batch,)).fetchall()

        def floor_fetch_more():
            return raw.execute(FLOOR_SQL + " OFFSET ?", (batch, batch)).fetchall()

        def floor_painted():
            from PySide6.QtGui import QStandardItem, QStandardItemModel
            from PySide6.QtWidgets import QTableView

            rows = floor()
            items = QStandardItemModel(len(rows), 10)
            for r, row in enumerate(rows):
                for c, value in enumerate(row[1:11]):
                    items.setItem(r, c, QStandardItem("" if value is None else str(value)))
            view = QTableView()
            view.setModel(items)
            view.resize(1280, 700)
            view.show()
            view.grab()
            app.processEvents()
            view.close()
            view.deleteLater()

        like = "%Nom42%"
        text_sql = FLOOR_SQL.replace("ORDER BY", "WHERE (c.number LIKE ? OR c.description LIKE ? "
                                     "OR c.walk_in_name LIKE ? OR c.product LIKE ? OR "
                                     "u.last_name LIKE ? OR u.first_name LIKE ? OR "
                                     "u.company_name LIKE ?) ORDER BY")
        count_text = ("SELECT COUNT(*) FROM complaint c LEFT JOIN customer u ON "
                      "u.id = c.customer_id WHERE (c.number LIKE ? OR c.description LIKE ? OR "
                      "c.walk_in_name LIKE ? OR c.product LIKE ? OR u.last_name LIKE ? OR "
                      "u.first_name LIKE ? OR u.company_name LIKE ?)")

        def floor_text():
            raw.execute(count_text, (like,) * 7).fetchone()
            return raw.execute(text_sql, (like,) * 7 + (batch,)).fetchall()

        late_where = ("c.status IN ('Reçue', 'Qualifiée', 'En traitement', "
                      "'En attente du client') AND ((c.paused_on IS NULL AND c.due_date < ?) "
                      "OR (c.paused_on IS NOT NULL AND c.due_date < c.paused_on))")
        late_sql = FLOOR_SQL.replace("ORDER BY", f"WHERE {late_where} ORDER BY")

        def floor_late():
            today = date.today().isoformat()
            raw.execute(f"SELECT COUNT(*) FROM complaint c WHERE {late_where}",
                        (today,)).fetchone()
            return raw.execute(late_sql, (today, batch)).fetchall()

        model = ComplaintTableModel()

        def first_page():
            model.set_query(ComplaintQuery())

        def painted():
            view = RegisterView()
            view.resize(1280, 700)
            view.show()
            view.table.grab()
            app.processEvents()
            view.close()
            view.deleteLater()

        from rcdesk.ui.complaints.tab import ComplaintsTab
        from rcdesk.ui.context import AppContext

        context = AppContext(str(db_path))

        def tab_painted():
            tab = ComplaintsTab(context)
            tab.resize(1280, 760)
            tab.show()
            tab.grab()
            app.processEvents()
            tab.close()
            tab.deleteLater()

        def text_filter():
            model.set_query(ComplaintQuery(text="Nom42"))

        def late_only():
            model.set_query(ComplaintQuery(late_only=True))

        def fetch_more():
            model.set_query(ComplaintQuery())
            model.fetchMore()

        results = [
            ("premières lignes (modèle : compte + 1re page)", timed(first_page, args.runs),
             timed(floor, args.runs), 300),
            ("registre construit et peint (vue + grab)", timed(painted, args.runs),
             timed(floor_painted, args.runs), 300),
            ("onglet Réclamations construit et peint (badge retards compris)",
             timed(tab_painted, args.runs), timed(floor_painted, args.runs), 1000),
            ("filtre texte « Nom42 »", timed(text_filter, args.runs), timed(floor_text, args.runs),
             300),
            ("filtre « en retard »", timed(late_only, args.runs), timed(floor_late, args.runs),
             300),
            ("1re page + défilement (fetchMore)", timed(fetch_more, args.runs),
             timed(lambda: (floor(), floor_fetch_more()), args.runs), 300),
        ]
    print(f"Registre des réclamations : {args.complaints} réclamations, {args.customers} clients "
          f"(base construite en {built:.1f} s) ; {args.runs} essais, page de {batch} lignes ; "
          f"Qt {os.environ['QT_QPA_PLATFORM']}, {platform.machine()}, {os.cpu_count()} cœurs "
          f"partagés, Python {platform.python_version()}")
    print()
    print("| mesure | médiane | meilleur | plancher sqlite3 brut (médiane) | ratio | objectif |")
    print("|---|---|---|---|---|---|")
    ok = True
    for label, ours, floor_times, goal in results:
        med = statistics.median(ours)
        ok &= med * 1000 < goal
        if floor_times:
            fmed = statistics.median(floor_times)
            floor_text, ratio = f"{fmed * 1000:.1f} ms", f"{med / fmed:.1f}"
        else:
            floor_text, ratio = "—", "—"
        print(f"| {label} | {med * 1000:.1f} ms | {min(ours) * 1000:.1f} ms | {floor_text} | "
              f"{ratio} | < {goal} ms |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
