"""The customer file as a Qt table model: rows paged from the service query, sorted in SQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from rcdesk.core.formatting import format_date, format_money, format_number
from rcdesk.services import customers as customers_service
from rcdesk.services.settings import format_phone

ID_ROLE = Qt.ItemDataRole.UserRole + 1
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@lru_cache(maxsize=4096)
def _day_text(day: date) -> str:
    """Dates repeat across a customer file: each is formatted by babel once."""
    return format_date(day)


class CustomerTableModel(QAbstractTableModel):
    """Rows of the customer file, paged from a service query.

    Only the rows already scrolled to are held; a new query (search text, filter, sort)
    replaces them with its first page."""

    BATCH = 200  # rows fetched per scroll step; one page paints in well under 50 ms

    total_changed = Signal(int)

    def __init__(self, service=customers_service, currency: str = "EUR", parent=None):
        super().__init__(parent)
        self._service = service
        self._currency = currency
        self._columns: list[tuple[str, str]] = list(service.LIST_COLUMNS)
        self._query = service.CustomerQuery()
        self._rows: list[tuple] = []
        self._total = 0
        self._loaded = False
        self._shown: dict[int, list[str]] = {}  # row -> display texts (rows painted so far)
        self._alignments = [int(LEFT)] * len(self._columns)

    # --- query --------------------------------------------------------------------------

    def query(self):
        """The current search, filters and sort (plain data, for exports)."""
        return self._query

    def set_query(self, query) -> None:
        """Run query and show its first page (count and page both come from SQL)."""
        self.beginResetModel()
        self._query = query
        self._total = self._service.count_customers(query)
        self._rows = list(self._service.list_customers(query, 0, min(self.BATCH, self._total)))
        self._shown = {}
        self._alignments = [int(RIGHT if self._is_numeric(c) else LEFT)
                            for c in range(len(self._columns))]
        self._loaded = True
        self.endResetModel()
        self.total_changed.emit(self._total)

    def refresh(self) -> None:
        """Read the current query again (after an edit, a delete, an import)."""
        self.set_query(self._query)

    def total(self) -> int:
        return self._total

    def column_key(self, column: int) -> str:
        return self._columns[column][0]

    def column_of(self, key: str) -> int:
        return next((i for i, (k, _) in enumerate(self._columns) if k == key), -1)

    def customer_id(self, row: int) -> int | None:
        if 0 <= row < len(self._rows):
            return int(self._rows[row][0])
        return None

    def row_of(self, customer_id: int) -> int:
        """The row already loaded for customer_id, or -1."""
        return next((i for i, r in enumerate(self._rows) if r[0] == customer_id), -1)

    # --- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid():
            return
        start = len(self._rows)
        count = min(self.BATCH, self._total - start)
        if count <= 0:
            return
        more = list(self._service.list_customers(self._query, start, count))
        if not more:
            # The file shrank under us (another window deleted rows): stop asking.
            self._total = start
            self.total_changed.emit(self._total)
            return
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        query = replace(self._query, sort=self._columns[column][0], descending=descending)
        if self._loaded or query != self._query:
            self.set_query(query)
        else:
            self._query = query

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._columns):
                return self._columns[section][1]
            if role == Qt.ItemDataRole.TextAlignmentRole and 0 <= section < len(self._columns):
                return self._alignments[section]
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(index.row())[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignments[index.column()]
        if role == ID_ROLE:
            return int(self._rows[index.row()][0])
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._texts(index.row())[index.column()]
            return text if len(text) > 30 else None
        return None

    def _texts(self, row: int) -> list[str]:
        """The row's cells as shown, formatted the first time the row is painted."""
        texts = self._shown.get(row)
        if texts is None:
            values = self._rows[row]
            texts = [self.display_text(key, values[col + 1])
                     for col, (key, _title) in enumerate(self._columns)]
            self._shown[row] = texts
        return texts

    # --- formatting ------------------------------------------------------------------------

    def display_text(self, key: str, value) -> str:
        """A cell as French users read it: dates dd/mm/yyyy, money, national phone numbers."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return self.tr("Oui") if value else self.tr("Non")
        if isinstance(value, datetime):
            return _day_text(value.date())
        if isinstance(value, date):
            return _day_text(value)
        if key.endswith("_cents") and isinstance(value, int):
            return format_money(value, self._currency)
        if isinstance(value, (int, float)):
            return format_number(value, 0 if isinstance(value, int) else 1)
        if key == "segments" and isinstance(value, str):
            return ", ".join(tag for tag in value.split(",") if tag)
        if key.startswith("phone") and isinstance(value, str) and value.startswith("+"):
            return format_phone(value)
        return str(value)

    def _is_numeric(self, column: int) -> bool:
        key = self._columns[column][0]
        if key.endswith(("_cents", "_count", "count")) or key in ("revenue", "purchases"):
            return True
        for row in self._rows[:1]:
            value = row[column + 1]
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        return False
