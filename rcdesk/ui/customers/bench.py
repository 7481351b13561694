"""Timings of the Clients tab for benchmarks/customers_ui.py: first rows painted, one keystroke.

Needs a QApplication and an open database; nothing here runs in the application itself."""

from __future__ import annotations

import sqlite3
import time

from PySide6.QtCore import QAbstractTableModel, QEvent, QEventLoop, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QTableView

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
