"""Follow-ups due (relances): interactions whose follow-up date has come, to do or mark done."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from rcdesk.core.errors import ServiceError
from rcdesk.core.formatting import format_date
from rcdesk.services import customers as customers_service
from rcdesk.ui.customers.lazy_page import LazyPage
from rcdesk.ui.customers.rows_model import RowsModel
from rcdesk.ui.forms import read_only_rows


class FollowUpsPanel(LazyPage):
    """due_follow_ups(today), oldest first; Enter or double-click opens the customer."""

    def __init__(self, context, parent=None, service=customers_service):
        super().__init__(context, parent, service)
        self.count = QLabel()
        self.open_button = QPushButton(self.tr("&Ouvrir la fiche"))
        self.open_button.clicked.connect(self._open_current)
        self.done_button = QPushButton(self.tr("Marquer comme &faite"))
        self.done_button.clicked.connect(self.mark_done)
        bar = QHBoxLayout()
        bar.addWidget(self.count, 1)
        bar.addWidget(self.open_button)
        bar.addWidget(self.done_button)
        self.model = RowsModel([self.tr("Relance le"), self.tr("Client"), self.tr("Objet"),
                                self.tr("Canal")], parent=self)
        self.table = read_only_rows(QTableView(), self._open_current)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._customers: list[int] = []
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        self._stale = False
        today = date.today()
        rows = self._service.due_follow_ups(today)
        self._customers = [due.customer_id for due in rows]
        late = {i: QColor(Qt.GlobalColor.darkRed) for i, due in enumerate(rows)
                if due.follow_up < today}
        self.model.set_rows([[format_date(d.follow_up), d.customer_name, d.subject, d.channel]
                             for d in rows], [d.interaction_id for d in rows], colours=late)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.count.setText(self.tr("%n relance(s) à faire", "", len(rows)))
        if rows:
            self.table.selectRow(0)

    def _current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def _open_current(self) -> None:
        row = self._current_row()
        if row >= 0:
            self.open_customer.emit(self._customers[row])

    def mark_done(self) -> None:
        row = self._current_row()
        if row < 0:
            return
        try:
            self._service.mark_follow_up_done(self.model.id_at(row))
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("Relances"), str(exc))
        self.refresh()
