"""What every tab receives: the open database's name, settings, and a signal hub."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from rcdesk.services.settings import CompanyProfile, current_operator, get_company

# A page an area adds to a customer's file: (context, customer_id, parent) -> (French title,
# page), or None when the area has nothing to show for that customer.
CustomerPage = Callable[["AppContext", int, QWidget | None], tuple[str, QWidget] | None]


class AppContext(QObject):
    """Passed to each tab's constructor instead of reaching for globals.

    data_changed(area) tells other tabs that an area's records changed ("customers",
    "complaints", ...) so they can refresh; company_changed follows a profile save.
    customer_pages: what other areas add to a customer's file (the main window's tab lines)."""

    company_changed = Signal()
    data_changed = Signal(str)
    operator_changed = Signal(str)
    demo_requested = Signal()  # a tab offers the demonstration base: the window opens it

    def __init__(self, target: str, settings: QSettings | None = None, parent=None, *,
                 customer_pages: Iterable[CustomerPage] = ()):
        super().__init__(parent)
        self.target = target
        self.settings = settings or QSettings()
        self.customer_pages: tuple[CustomerPage, ...] = tuple(customer_pages)

    def company(self) -> CompanyProfile:
        return get_company()

    def operator(self) -> str:
        return current_operator()
