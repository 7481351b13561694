"""What the Clients tab's pages built on first view (Chiffres, Relances, À purger) share."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from rcdesk.services import customers as customers_service


class LazyPage(QWidget):
    """A page that reads the services in refresh(): when first shown, then when shown again
    after the customer file changed (mark_stale), at once if it is on screen."""

    open_customer = Signal(int)

    def __init__(self, context, parent=None, service=customers_service):
        super().__init__(parent)
        self.context = context
        self._service = service
        self._stale = True

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh_if_stale(self) -> None:
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError
