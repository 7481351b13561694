"""The one table model of long lists: rows paged from a service query, sorted in SQL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's key (its first value)
VALUE_ROLE = Qt.ItemDataRole.UserRole  # the cell's value as the service gave it
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

# fetch_page(query, offset, limit) -> rows; count(query) -> how many rows query has in all.
PageFetcher = Callable[[Any, int, int], Sequence[tuple]]
RowCounter = Callable[[Any], int]


@dataclass(frozen=True)
class RowStyle:
    """How one row stands out (late complaint, ...): colours, bold columns, a tooltip."""

    foreground: QColor | None = None
    background: QColor | None = None
    bold_keys: frozenset[str] = frozenset()
    tooltip: str | None = None


class PagedTableModel(QAbstractTableModel):
    """Rows of a long list, fetched BATCH at a time as the view scrolls (never the whole table).

    The query is plain data from the area's service: a dataclass whose `sort` and `descending`
    fields the service turns into ORDER BY. Each row is the service's tuple: its key first,
    then one value per column of `columns` ((key, French title) pairs). Only the rows already
    scrolled to are held; a new query replaces them with its first page.

    Hooks an area overrides: display_text(key, value) for a cell's text, column_alignment()
    for a column's alignment (None: Qt's default), row_style(values) for colours."""

    BATCH = 200  # rows fetched per scroll step; one page paints in well under 50 ms
    TOOLTIP_CHARS: int | None = None  # a cell longer than this shows its text as tooltip

    total_changed = Signal(int)

    def __init__(self, columns: Sequence[tuple[str, str]], fetch_page: PageFetcher,
                 count: RowCounter, query, parent=None):
        super().__init__(parent)
        self.columns: list[tuple[str, str]] = list(columns)
        self._keys = [key for key, _ in self.columns]
        self._fetch_page = fetch_page
        self._count = count
        self._query = query
        self._rows: list[tuple] = []
        self._total = 0
        self._loaded = False  # no SQL before the first set_query (views sort on creation)
        self._shown: dict[int, list[str]] = {}  # row -> display texts (rows painted so far)
        self._alignments: list[int | None] = [None] * len(self.columns)
        self._bold = QFont()
        self._bold.setBold(True)

    # --- query ----------------------------------------------------------------------------

    def query(self):
        """The current filters and sort (plain data, for exports and the next query)."""
        return self._query

    def set_query(self, query) -> None:
        """Run query: count in SQL, then load its first page only."""
        self._load(query, self.BATCH)

    def refresh(self) -> None:
        """Same query, fresh data (after a save elsewhere); keeps as many rows as shown."""
        self._load(self._query, max(len(self._rows), self.BATCH))

    def _load(self, query, limit: int) -> None:
        self.beginResetModel()
        self._query = query
        self._total = self._count(query)
        self._rows = list(self._fetch_page(query, 0, min(limit, self._total))) \
            if self._total else []
        self._shown = {}
        self._alignments = [self.column_alignment(c) for c in range(len(self.columns))]
        self._loaded = True
        self.endResetModel()
        self.total_changed.emit(self._total)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens in SQL: the query's sort changes and its first page is read."""
        if not 0 <= column < len(self.columns):
            return
        query = replace(self._query, sort=self._keys[column],
                        descending=order == Qt.SortOrder.DescendingOrder)
        if self._loaded:
            self.set_query(query)
        else:
            self._query = query

    # --- rows -----------------------------------------------------------------------------

    def total(self) -> int:
        return self._total

    def column_key(self, column: int) -> str:
        return self._keys[column]

    def column_of(self, key: str) -> int:
        return self._keys.index(key) if key in self._keys else -1

    def row_id(self, row: int) -> int | None:
        return int(self._rows[row][0]) if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: int) -> int:
        """The row already loaded for row_id, or -1."""
        return next((i for i, values in enumerate(self._rows) if values[0] == row_id), -1)

    def row_values(self, row: int) -> tuple:
        """The service's tuple of a loaded row (key first)."""
        return self._rows[row]

    # --- hooks ----------------------------------------------------------------------------

    def display_text(self, key: str, value) -> str:
        return "" if value is None else str(value)

    def column_alignment(self, column: int) -> int | None:
        """LEFT, RIGHT or None (Qt's default); asked at each reset, first page loaded."""
        return None

    def row_style(self, values: tuple) -> RowStyle | None:
        return None

    # --- paging ---------------------------------------------------------------------------

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid():
            return
        start = len(self._rows)
        limit = min(self.BATCH, self._total - start)
        if limit <= 0:
            return
        more = list(self._fetch_page(self._query, start, limit))
        if not more:
            # The list shrank under us (another window deleted rows): stop asking.
            self._total = start
            self.total_changed.emit(self._total)
            return
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # --- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignments[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(row)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignments[column]
        if role == ID_ROLE:
            return int(self._rows[row][0])
        if role == VALUE_ROLE:
            return self._rows[row][column + 1]
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole,
                    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole):
            return self._styled(row, column, role)
        return None

    def _styled(self, row: int, column: int, role):
        style = self.row_style(self._rows[row])
        if role == Qt.ItemDataRole.ToolTipRole:
            if style is not None and style.tooltip:
                return style.tooltip
            text = self._texts(row)[column]
            limit = self.TOOLTIP_CHARS
            return text if limit is not None and len(text) > limit else None
        if style is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return style.foreground
        if role == Qt.ItemDataRole.BackgroundRole:
            return style.background
        return self._bold if self._keys[column] in style.bold_keys else None

    def _texts(self, row: int) -> list[str]:
        """The row's cells as shown, formatted the first time the row is painted."""
        texts = self._shown.get(row)
        if texts is None:
            values = self._rows[row]
            texts = [self.display_text(key, values[col + 1]) for col, key in enumerate(self._keys)]
            self._shown[row] = texts
        return texts
