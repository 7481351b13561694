"""What every tab receives: the open database's name, settings, and a signal hub."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal

from rcdesk.services.settings import CompanyProfile, current_operator, get_company


class AppContext(QObject):
    """Passed to each tab's constructor instead of reaching for globals.

    data_changed(area) tells other tabs that an area's records changed ("customers",
    "complaints", ...) so they can refresh; company_changed follows a profile save."""

    company_changed = Signal()
    data_changed = Signal(str)
    operator_changed = Signal(str)

    def __init__(self, target: str, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        self.target = target
        self.settings = settings or QSettings()

    def company(self) -> CompanyProfile:
        return get_company()

    def operator(self) -> str:
        return current_operator()
