"""The Auto-évaluation tab: the maturity diagnosis and, beside it, the charter of commitments."""

from __future__ import annotations

import importlib.util
from importlib import import_module

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from rcdesk.ui.assessment.maturity_page import MaturityPage

CHARTER_MODULE = "rcdesk.ui.charter"


def charter_panel_class():
    """The charter area's CharterPanel, or None while that area is not installed."""
    if importlib.util.find_spec(CHARTER_MODULE) is None:
        return None
    module = import_module(CHARTER_MODULE)
    panel = getattr(module, "CharterPanel", None)
    if panel is None and importlib.util.find_spec(f"{CHARTER_MODULE}.panel") is not None:
        panel = getattr(import_module(f"{CHARTER_MODULE}.panel"), "CharterPanel", None)
    return panel


class AssessmentTab(QWidget):
    """Two pages: "Diagnostic de maturité" (built at once) and "Charte d'engagements" (built
    the first time it is shown)."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.pages = QTabWidget(self)
        self.maturity = MaturityPage(context)
        self.pages.addTab(self.maturity, self.tr("Diagnostic de maturité"))
        self.charter = None
        self._charter_holder = None
        if importlib.util.find_spec(CHARTER_MODULE) is not None:
            self._charter_holder = QWidget()
            QVBoxLayout(self._charter_holder).setContentsMargins(0, 0, 0, 0)
            self.pages.addTab(self._charter_holder, self.tr("Charte d'engagements"))
            self.pages.currentChanged.connect(self._page_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def _page_shown(self, index: int) -> None:
        if self.pages.widget(index) is self._charter_holder and self.charter is None:
            self.build_charter()

    def build_charter(self):
        panel_class = charter_panel_class()
        if panel_class is None or self._charter_holder is None:
            return None
        if self.charter is None:
            self.charter = panel_class(self.context, self._charter_holder)
            self._charter_holder.layout().addWidget(self.charter)
        return self.charter
