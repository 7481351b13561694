"""Helpers of the Clients tab tests: a context on the test database, answering modal dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QProgressDialog

from rcdesk.services import customers
from rcdesk.ui.context import AppContext


@pytest.fixture
def context(sqlite_database, qapp):
    ctx = AppContext(sqlite_database.target)
    yield ctx
    ctx.deleteLater()


def _add_customer(**values) -> int:
    values.setdefault("last_name", "Martin")
    return customers.create_customer(customers.CustomerData(**values))


@pytest.fixture
def add_customer():
    """Creates a customer through the service (defaults for what is not given); returns its id.

    Works on whichever database the test asked for (context: SQLite; database: both)."""
    return _add_customer


_PENDING: list = []  # keeps each answer alive until it has clicked (its timer holds no ref)


class ModalAnswer:
    """Clicks the button named `button` in the next modal dialog and keeps what it said."""

    def __init__(self, button: str, fill=None):
        _PENDING.append(self)
        self.button = button
        self.fill = fill  # fill(dialog) runs first: type into the modal form
        self.text = ""
        self.title = ""
        self.clicked = False
        self.buttons: list[str] = []
        self.dead = False
        self._tries = 0
        QTimer.singleShot(0, self._answer)

    def _answer(self) -> None:
        if self.dead:
            return
        widget = QApplication.activeModalWidget()
        buttons = [] if widget is None or isinstance(widget, QProgressDialog) else [
            b for b in widget.findChildren(QAbstractButton)
            if b.text().replace("&", "") == self.button and b.isVisible()]
        if not buttons:  # not our dialog yet: look again, and give up after 10 s
            self._tries += 1
            if self._tries < 1000:
                QTimer.singleShot(10, self._answer)
            else:
                _PENDING.remove(self)
                if widget is not None:
                    widget.close()  # never leave a test hanging on a dialog
            return
        _PENDING.remove(self)
        self.title = widget.windowTitle()
        if isinstance(widget, QMessageBox):
            self.text = widget.text()
        self.buttons = [b.text().replace("&", "") for b in widget.findChildren(QAbstractButton)]
        if self.fill is not None:
            self.fill(widget)
        self.clicked = True
        buttons[0].click()


@pytest.fixture
def answer_modal():
    """ModalAnswer(button); an answer still waiting when the test ends never outlives it."""
    yield ModalAnswer
    for answer in list(_PENDING):
        answer.dead = True
        _PENDING.remove(answer)
