"""The Auto-évaluation tab: the maturity diagnosis and, beside it, the charter of commitments."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from rcdesk.ui.assessment.maturity_page import MaturityPage


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
        """The charter page, built once; its modules load then (about 50 ms the tab skips)."""
        if self.charter is None:
            from rcdesk.ui.charter.panel import CharterPanel

            self.charter = CharterPanel(self.context, self._charter_holder)
            self._charter_holder.layout().addWidget(self.charter)
        return self.charter
