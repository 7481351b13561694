"""Follow-ups due (relances): interactions whose follow-up date has come, to do or mark done."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rcdesk.services import customers as customers_service
from rcdesk.services.errors import ServiceError
from rcdesk.services.formatting import format_date


class FollowUpsPanel(QWidget):
    """due_follow_ups(today), oldest first; Enter or double-click opens the customer."""

    open_customer = Signal(int)

    def __init__(self, context, parent=None, service=customers_service):
        super().__init__(parent)
        self.context = context
        self._service = service
        self._stale = True
        self.count = QLabel()
        self.open_button = QPushButton(self.tr("&Ouvrir la fiche"))
        self.open_button.clicked.connect(self._open_current)
        self.done_button = QPushButton(self.tr("Marquer comme &faite"))
        self.done_button.clicked.connect(self.mark_done)
        bar = QHBoxLayout()
        bar.addWidget(self.count, 1)
        bar.addWidget(self.open_button)
        bar.addWidget(self.done_button)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Relance le"), self.tr("Client"),
                                              self.tr("Objet"), self.tr("Canal")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self._open_current())
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh_if_stale(self) -> None:
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        today = date.today()
        rows = self._service.due_follow_ups(today)
        self.table.setRowCount(len(rows))
        for row, due in enumerate(rows):
            when = QTableWidgetItem(format_date(due.follow_up))
            when.setData(Qt.ItemDataRole.UserRole, due.interaction_id)
            if due.follow_up < today:
                when.setForeground(Qt.GlobalColor.darkRed)
            name = QTableWidgetItem(due.customer_name)
            name.setData(Qt.ItemDataRole.UserRole, due.customer_id)
            for col, item in enumerate((when, name, QTableWidgetItem(due.subject),
                                        QTableWidgetItem(due.channel))):
                self.table.setItem(row, col, item)
        self.count.setText(self.tr("%n relance(s) à faire", "", len(rows)))
        if rows:
            self.table.selectRow(0)

    def _open_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.open_customer.emit(int(self.table.item(row, 1).data(Qt.ItemDataRole.UserRole)))

    def mark_done(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        try:
            self._service.mark_follow_up_done(
                int(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)))
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("Relances"), str(exc))
        self.refresh()
