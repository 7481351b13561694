"""The table of the customer file: column sizes, state kept between sessions, row keys."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

# A typical value per column: its width sizes the column (name and e-mail share the rest);
# the phone's is a foreign number in international form, the longest usual one.
COLUMN_SAMPLES = {"name": "Marguerite Alexandre", "kind": "professionnel",
                  "status": "ancien client", "email": "marguerite.alexandre@orange.fr",
                  "phone": "+212 6 61 23 45 67", "postal_code": "00000",
                  "city": "Sainte-Marie-la-Mer", "segments": "Newsletter, VIP",
                  "last_contact": "00/00/0000", "created_at": "00/00/0000"}
STRETCH_COLUMNS = ("name", "email")
HEADER_KEY = "customers/list_header"
HEADER_COLUMNS_KEY = "customers/list_columns"  # the state only fits the same columns


class CustomerListView(QTableView):
    """Rows selected whole, sorted by header click (the model sorts in SQL).

    sig_open on Enter or double-click, sig_delete on the Delete key, sig_menu(pos) on a
    right click over a row."""

    sig_open = Signal()
    sig_delete = Signal()
    sig_menu = Signal(object)

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.doubleClicked.connect(lambda _index: self.sig_open.emit())
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        for key, signal in ((Qt.Key.Key_Return, self.sig_open), (Qt.Key.Key_Enter, self.sig_open),
                            (QKeySequence.StandardKey.Delete, self.sig_delete)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(signal.emit)
        self.size_columns()

    def size_columns(self) -> None:
        """Each column as wide as its usual content and never narrower than its header;
        name and e-mail share what is left."""
        model = self.model()
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        metrics = self.fontMetrics()
        char = metrics.averageCharWidth()
        for col in range(model.columnCount()):
            key = model.column_key(col)
            title = str(model.headerData(col, Qt.Orientation.Horizontal))
            sample = COLUMN_SAMPLES.get(key, "x" * 14)
            width = max(metrics.horizontalAdvance(sample),
                        metrics.horizontalAdvance(title) + 3 * char) + 14
            header.resizeSection(col, width)
            mode = (QHeaderView.ResizeMode.Stretch if key in STRETCH_COLUMNS
                    else QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(col, mode)
        header.setMinimumSectionSize(4 * char)

    def _keys(self) -> list[str]:
        model = self.model()
        return [model.column_key(col) for col in range(model.columnCount())]

    def restore_state(self, settings) -> None:
        """Widths, order and sort the user left last time (QSettings: window state)."""
        state = settings.value(HEADER_KEY)
        if state is not None and settings.value(HEADER_COLUMNS_KEY) == self._keys():
            self.horizontalHeader().restoreState(state)

    def save_state(self, settings) -> None:
        settings.setValue(HEADER_KEY, self.horizontalHeader().saveState())
        settings.setValue(HEADER_COLUMNS_KEY, self._keys())

    def selected_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def _menu(self, pos) -> None:
        index = self.indexAt(pos)
        if index.isValid():
            self.selectRow(index.row())
            self.sig_menu.emit(self.viewport().mapToGlobal(pos))
