"""The register: a table model paged from the complaints query, and its filter bar."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rcdesk.core.formatting import format_date
from rcdesk.ui.complaints import operations as ops
from rcdesk.ui.complaints.common import LATE_BG, LATE_FG, SOON_BG, SOON_FG
from rcdesk.ui.forms import action_button, date_edit, from_qdate, read_only_rows, to_qdate
from rcdesk.ui.paged_model import PagedTableModel, RowStyle

# Marked here, translated where shown (ComplaintTableModel).
STATE_LABELS = {"late": "En retard", "soon": "Bientôt dû", "ok": ""}
STANDOUT_KEYS = frozenset(("number", "due_state"))  # bold on late and nearly-late rows


class ComplaintTableModel(PagedTableModel):
    """Rows of the register, paged from the complaints query (never the whole table).

    Each row is the service's tuple: id first, then one value per REGISTER_COLUMNS key; the
    late / nearly-late colour comes from its due_state column (the service's one rule)."""

    def __init__(self, parent=None):
        service = ops.complaints()
        super().__init__(
            service.REGISTER_COLUMNS,
            lambda query, offset, limit: ops.list_complaints(query=query, offset=offset,
                                                             limit=limit),
            lambda query: ops.count_complaints(query=query),
            service.ComplaintQuery(), parent)
        state_column = self.column_of("due_state")
        self._state_col = state_column + 1 if state_column >= 0 else None  # in the row tuple
        self._styles = {
            "late": RowStyle(LATE_FG, LATE_BG, STANDOUT_KEYS, self.tr(STATE_LABELS["late"])),
            "soon": RowStyle(SOON_FG, SOON_BG, STANDOUT_KEYS, self.tr(STATE_LABELS["soon"]))}

    def complaint_id(self, row: int) -> int | None:
        return self.row_id(row)

    def state(self, row: int) -> str:
        return self._state_of(self.row_values(row))

    def _state_of(self, values: tuple) -> str:
        return "ok" if self._state_col is None else values[self._state_col]

    def display_text(self, key: str, value) -> str:
        if key == "due_state":
            return self.tr(STATE_LABELS.get(value, value)) if value != "ok" else ""
        if isinstance(value, date):
            return format_date(value)
        return "" if value is None else str(value)

    def row_style(self, values: tuple) -> RowStyle | None:
        """Late rows in red, nearly-late in orange: number and delay in bold, label as tooltip."""
        return self._styles.get(self._state_of(values))


class RegisterView(QWidget):
    """Filter bar + table. Double-click or Enter on a row emits open_requested(id)."""

    open_requested = Signal(int)
    selection_changed = Signal()
    TEXT_DELAY_MS = 250

    def __init__(self, parent=None):
        super().__init__(parent)
        service = ops.complaints()
        self.model = ComplaintTableModel(self)
        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("Tous les statuts"), None)
        for name in service.STATUSES:
            self.status.addItem(name, name)
        self.late = QCheckBox(self.tr("En &retard"), self)
        self.late.setObjectName("lateFilter")
        self.category = QComboBox(self)
        self.category.setObjectName("categoryFilter")
        self.channel = QComboBox(self)
        self.channel.setObjectName("channelFilter")
        self.channel.addItem(self.tr("Tous les canaux"), None)
        for name in service.CHANNELS:
            self.channel.addItem(name, name)
        self.period = QCheckBox(self.tr("Reçues du"), self)
        self.period.setObjectName("periodFilter")
        today = date.today()
        self.start = date_edit(date(today.year, 1, 1), self)
        self.end = date_edit(today, self)
        self.text = QLineEdit(self)
        self.text.setObjectName("textFilter")
        self.text.setPlaceholderText(self.tr("Rechercher (n°, client, produit, description)…"))
        self.text.setClearButtonEnabled(True)
        self.customer_button = action_button(self.tr("C&lient…"), self.choose_customer, self,
                                             name="customerFilter")
        self.customer_label = QLabel(self)
        self.customer_clear = QPushButton(self.tr("× tous les clients"), self)
        self.customer_clear.setFlat(True)
        self.customer_clear.clicked.connect(lambda: self.set_customer(None, ""))
        self.customer_id: int | None = None
        self.count_label = QLabel(self)
        self.count_label.setObjectName("registerCount")

        self.table = QTableView(self)
        self.table.setObjectName("registerTable")
        self.table.setModel(self.model)
        read_only_rows(self.table, self._open_current)  # double-click and Enter open
        self.table.setAlternatingRowColors(False)  # late rows have their own colours
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)

        top = QHBoxLayout()
        top.addWidget(self.text, 2)
        top.addWidget(self.status)
        top.addWidget(self.category)
        top.addWidget(self.channel)
        top.addWidget(self.late)
        second = QHBoxLayout()
        second.addWidget(self.period)
        second.addWidget(self.start)
        second.addWidget(QLabel(self.tr("au"), self))
        second.addWidget(self.end)
        second.addSpacing(12)
        second.addWidget(self.customer_button)
        second.addWidget(self.customer_label)
        second.addWidget(self.customer_clear)
        second.addStretch(1)
        second.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.table, 1)

        self._text_timer = QTimer(self, singleShot=True, interval=self.TEXT_DELAY_MS)
        self._text_timer.timeout.connect(self.apply_filters)
        self.text.textEdited.connect(lambda _t: self._text_timer.start())
        self.text.returnPressed.connect(self.apply_filters)
        for combo in (self.status, self.category, self.channel):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.late.toggled.connect(self.apply_filters)
        self.period.toggled.connect(self.apply_filters)
        self.start.dateChanged.connect(self._period_changed)
        self.end.dateChanged.connect(self._period_changed)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit())
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.set_customer(None, "", apply=False)
        self.reload_categories(apply=False)
        self.apply_filters()
        self._size_columns()

    def _size_columns(self) -> None:
        widths = {"number": 115, "received_on": 85, "customer": 170, "channel": 105,
                  "category": 140, "product": 150, "place": 110, "status": 125,
                  "due_date": 85, "due_state": 85}
        for column, (key, _) in enumerate(self.model.columns):
            self.table.setColumnWidth(column, widths.get(key, 120))

    def reload_categories(self, apply: bool = True) -> None:
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("Toutes catégories"), None)
        for category_id, name in ops.list_categories():
            self.category.addItem(name, category_id)
        index = self.category.findData(current)
        self.category.setCurrentIndex(max(0, index))
        self.category.blockSignals(False)
        if apply:
            self.apply_filters()

    def set_customer(self, customer_id: int | None, name: str, apply: bool = True) -> None:
        """Show only one customer's complaints (from the detail's « ses réclamations »)."""
        self.customer_id = customer_id
        self.customer_label.setText(self.tr("Client : %1").replace("%1", name)
                                    if customer_id is not None else "")
        self.customer_label.setVisible(customer_id is not None)
        self.customer_clear.setVisible(customer_id is not None)
        if apply:
            self.apply_filters()

    def choose_customer(self) -> None:
        from rcdesk.ui.complaints.customer_picker import CustomerPickDialog

        dialog = CustomerPickDialog(self)
        if dialog.exec() and dialog.customer_id is not None:
            self.set_customer(dialog.customer_id, dialog.display)

    def _period_changed(self) -> None:
        if self.period.isChecked():
            self.apply_filters()

    def build_query(self):
        service = ops.complaints()
        query = service.ComplaintQuery(
            status=self.status.currentData(), late_only=self.late.isChecked(),
            category_id=self.category.currentData(), channel=self.channel.currentData(),
            customer_id=self.customer_id,
            start=from_qdate(self.start.date()) if self.period.isChecked() else None,
            end=from_qdate(self.end.date()) if self.period.isChecked() else None,
            text=self.text.text().strip())
        old = self.model.query()
        query.sort, query.descending = old.sort, old.descending
        return query

    def apply_filters(self) -> None:
        self._text_timer.stop()
        self.model.set_query(self.build_query())

    def reload(self) -> None:
        selected = self.selected_ids()
        self.model.refresh()
        for complaint_id in selected[:1]:
            row = self.model.row_of(complaint_id)
            if row >= 0:
                self.table.selectRow(row)

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(to_qdate(start))
        self.end.setDate(to_qdate(end))
        self.period.setChecked(True)

    def _update_count(self, *args) -> None:
        total = self.model.total()
        self.count_label.setText(self.tr("%n réclamation(s)", "", total))

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [cid for cid in (self.model.complaint_id(r) for r in rows) if cid is not None]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.complaint_id(index.row()) if index.isValid() else None

    def _open_current(self) -> None:
        complaint_id = self.current_id()
        if complaint_id is not None:
            self.open_requested.emit(complaint_id)
