"""The Pilotage tab: four pages — dashboard, reviews, customer journey, communication plan."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from rcdesk.ui.pilotage.dashboard import DashboardPage


class PilotageTab(QWidget):
    """The dashboard paints first; the other pages are built when first shown."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.pages = QTabWidget(self)
        self.pages.setObjectName("pilotagePages")
        self.dashboard = DashboardPage(context, self)
        self.pages.addTab(self.dashboard, self.tr("Tableau de bord"))
        self._builders = {1: self._reviews, 2: self._journey, 3: self._plan}
        for title in (self.tr("Revues d'indicateurs"), self.tr("Parcours client"),
                      self.tr("Plan de communication")):
            holder = QWidget(self)
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.pages.addTab(holder, title)
        self.built: dict[int, QWidget] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.pages.currentChanged.connect(self.page)
        self.dashboard.indicator_opened.connect(self.open_indicator)
        if context is not None:
            context.data_changed.connect(lambda _area: self.dashboard.invalidate())
        self.dashboard.table.setFocus()

    def page(self, index: int) -> QWidget:
        """The page at index, built the first time."""
        if index == 0:
            return self.dashboard
        if index not in self.built:
            widget = self._builders[index]()
            self.pages.widget(index).layout().addWidget(widget)
            self.built[index] = widget
        return self.built[index]

    def _reviews(self) -> QWidget:
        from rcdesk.ui.pilotage.reviews import ReviewsPage

        return ReviewsPage(self.context, self)

    def _journey(self) -> QWidget:
        from rcdesk.ui.pilotage.journey import JourneyPage

        return JourneyPage(self.context, self)

    def _plan(self) -> QWidget:
        from rcdesk.ui.pilotage.comm_plan import CommPlanPage

        return CommPlanPage(self.context, self)

    def open_indicator(self, key: str) -> None:
        from rcdesk.ui.pilotage.detail import IndicatorDetailDialog

        period = self.dashboard.period_box.period()
        dialog = IndicatorDetailDialog(key, period.end, self, period=period)
        dialog.exec()
        if dialog.changed:
            self.dashboard.invalidate()
            self.dashboard.refresh()
