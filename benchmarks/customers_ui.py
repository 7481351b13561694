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
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QEvent, QEventLoop, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QTableView

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # read when the QApplication is built

KEYSTROKES = ["d", "du", "dup", "dupo", "dupon", "dupont", "h", "he", "hel", "hele", "helen",
              "helene", "06", "06 1", "06 12", "06 12 3", "06 12 34", "l", "li", "lil", "lill",
              "lille", "m", "ma", "mar", "mart", "marti", "martin", "martin p", "martin pa",
              "+33 6", "+33 6 1", "0612", "061234", "59", "590", "5900", "59000", "gmail",
              "c1000", "c10001", "c100012", "be", "ber", "bern", "berna", "bernar", "bernard"]


# --- the tab's timings and their raw floor (sqlite3 rows in a bare model and view) ----------

FLOOR_COLUMNS = ("id, first_name, last_name, company_name, kind, status, email, phone, "
                 "postal_code, city, segments, last_contact, created_at")


class _RowsModel(QAbstractTableModel):
    """The bare minimum to show raw rows: the floor's model (no formatting, no paging)."""

    def __init__(self, rows: list[tuple], parent=None):
        super().__init__(parent)
        self.rows = rows

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 10

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        if index.column() == 0:
            return " ".join(p for p in (row[1], row[2]) if p) or row[3]
        value = row[index.column() + 3]
        return "" if value is None else str(value)


class _PaintWatch(QObject):
    """Notes the first paint of a view's viewport once its model has rows."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.painted = False
        self.loop = QEventLoop(self)
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if (event.type() == QEvent.Type.Paint and self.view.model() is not None
                and self.view.model().rowCount() > 0):
            if not self.painted:
                self.painted = True
                QTimer.singleShot(0, self.loop.quit)  # right after this paint
        return False

    def wait(self, start: float, limit_s: float = 10.0) -> float:
        """Runs an event loop until the paint (one exec(), not a processEvents() spin)."""
        if not self.painted:
            QTimer.singleShot(int(limit_s * 1000), self.loop.quit)
            self.loop.exec()
        if not self.painted:
            raise TimeoutError("la liste des clients n'a jamais été peinte")
        return time.perf_counter() - start


def first_rows_painted(context, size=(1280, 800)) -> tuple[float, object]:
    """Seconds from building the CustomersTab to its table's first paint with rows.

    Returns (seconds, tab); the caller closes the tab. The first call in a process includes
    importing the tab's modules, as opening the tab in the window does."""
    start = time.perf_counter()
    from rcdesk.ui.customers.tab import CustomersTab

    tab = CustomersTab(context)
    watch = _PaintWatch(tab.table)
    tab.resize(*size)
    tab.show()
    return watch.wait(start), tab


def search_keystroke(tab, text: str) -> float:
    """Seconds for one search text to reach the screen: query, model reset, table repainted.

    The 150 ms debounce is skipped (it is a pause on purpose, not work)."""
    start = time.perf_counter()
    tab.search.blockSignals(True)
    tab.search.setText(text)
    tab.search.blockSignals(False)
    tab.apply_query()
    tab.table.viewport().repaint()
    return time.perf_counter() - start


def floor_first_rows_painted(db_path: str, limit: int = 200, size=(1280, 800)) -> float:
    """The same first page read with raw sqlite3 into a bare table model and view."""
    start = time.perf_counter()
    con = sqlite3.connect(db_path)
    con.execute("SELECT count(*) FROM customer").fetchone()
    rows = con.execute(f"SELECT {FLOOR_COLUMNS} FROM customer ORDER BY sort_name, id "
                       "LIMIT ?", (limit,)).fetchall()
    con.close()
    view = QTableView()
    model = _RowsModel(rows, view)
    view.setModel(model)
    watch = _PaintWatch(view)
    view.resize(*size)
    view.show()
    seconds = watch.wait(start)
    view.close()
    view.deleteLater()
    return seconds


def floor_search(db_path: str, text: str, view: QTableView, limit: int = 200) -> float:
    """Raw FTS5 count + first page for text into a bare table model, view repainted."""
    from rcdesk.services.customers.search import search_terms

    start = time.perf_counter()
    terms = search_terms(text)
    con = sqlite3.connect(db_path)
    if terms:
        match = " ".join('"' + t.replace('"', "") + '"*' for t in terms)
        where = "WHERE id IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?)"
        args: tuple = (match,)
    else:
        where, args = "", ()
    con.execute(f"SELECT count(*) FROM customer {where}", args).fetchone()
    rows = con.execute(f"SELECT {FLOOR_COLUMNS} FROM customer {where} ORDER BY sort_name, id "
                       "LIMIT ?", (*args, limit)).fetchall()
    con.close()
    model = _RowsModel(rows, view)  # the view keeps every page alive; freed with the view
    view.setModel(model)
    view.viewport().repaint()
    return time.perf_counter() - start


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
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    from rcdesk.db import open_database
    from rcdesk.services.customers import CustomerQuery, count_customers
    from rcdesk.ui.context import AppContext

    open_database(db_path)
    total = count_customers(CustomerQuery())
    context = AppContext(str(db_path))

    cold, tab = first_rows_painted(context)
    tab.close()
    tab.deleteLater()
    warm = []
    for _ in range(args.runs):
        seconds, tab = first_rows_painted(context)
        warm.append(seconds)
        tab.close()
        tab.deleteLater()
        app.processEvents()
    floor_open = statistics.median(floor_first_rows_painted(str(db_path))
                                   for _ in range(args.runs))

    seconds, tab = first_rows_painted(context)
    for text in KEYSTROKES[:5]:  # warm the page cache once
        search_keystroke(tab, text)
    keys = [search_keystroke(tab, text) for text in KEYSTROKES]
    view = QTableView()
    view.resize(1280, 800)
    view.show()
    QTest.qWaitForWindowExposed(view)  # else repaint() would paint nothing
    floor_keys = [floor_search(str(db_path), text, view) for text in KEYSTROKES]
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
