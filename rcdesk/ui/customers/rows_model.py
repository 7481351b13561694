"""A read-only table model over rows of display texts (purchases, interactions, purge list).

One reset per refresh instead of one QTableWidgetItem per cell: thousands of rows stay cheap.
These lists are held whole; a list that grows with the file is paged by ui/paged_model.py."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from rcdesk.ui.paged_model import ID_ROLE, LEFT, RIGHT


class RowsModel(QAbstractTableModel):
    """rows: list of lists of texts; ids: one key per row (ID_ROLE); right: right-aligned
    columns; checkable: a check box in column 0 (checked_ids())."""

    def __init__(self, headers: list[str], right: tuple[int, ...] = (), checkable: bool = False,
                 parent=None):
        super().__init__(parent)
        self._headers = list(headers)
        self._right = set(right)
        self._checkable = checkable
        self._rows: list[list[str]] = []
        self._ids: list[int] = []
        self._checked: set[int] = set()
        self._colours: dict[int, object] = {}

    def set_rows(self, rows: list[list[str]], ids: list[int], checked: bool = True,
                 colours: dict[int, object] | None = None) -> None:
        """Replaces every row; colours maps a row to the foreground of its first cell."""
        self.beginResetModel()
        self._rows = rows
        self._ids = ids
        self._checked = set(ids) if checked and self._checkable else set()
        self._colours = colours or {}
        self.endResetModel()

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def text(self, row: int, column: int) -> str:
        return self._rows[row][column]

    def checked_ids(self) -> list[int]:
        return [i for i in self._ids if i in self._checked]

    def set_all_checked(self, checked: bool) -> None:
        self._checked = set(self._ids) if checked else set()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self._right:
            return RIGHT
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column in self._right else LEFT
        if role == ID_ROLE:
            return self._ids[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._rows[row][column]
            return text if len(text) > 40 else None
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable and column == 0:
            return (Qt.CheckState.Checked if self._ids[row] in self._checked
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return self._colours.get(row)
        return None

    def flags(self, index):
        flags = super().flags(index)
        if self._checkable and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self._checkable or index.column():
            return False
        key = self._ids[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(key)
        else:
            self._checked.discard(key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
