"""The Fidélité tab: Comptoir (lookup and card screen), À relancer, Rentabilité, Programme."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from rcdesk.ui.forms import shortcut
from rcdesk.ui.loyalty.counter import CounterView
from rcdesk.ui.loyalty.profitability import ProfitabilityView
from rcdesk.ui.loyalty.programme import ProgrammeView
from rcdesk.ui.loyalty.reminders import RemindersView


class LoyaltyTab(QWidget):
    """Focus goes to the lookup field on first show: a scanner can be used at once."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.counter = CounterView(context, self)
        self.reminders = RemindersView(context, self)
        self.programme = ProgrammeView(context, self)
        self.profitability = ProfitabilityView(context, self)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("loyaltyPages")
        self.pages.addTab(self.counter, self.tr("Comptoir"))
        self.pages.addTab(self.reminders, self.tr("À relancer"))
        self.pages.addTab(self.profitability, self.tr("Rentabilité"))
        self.pages.addTab(self.programme, self.tr("Programme"))
        self.reminders.open_card.connect(self._open_card)
        self.counter.changed.connect(lambda: setattr(self.reminders, "rows", []))
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        shortcut(self, "Ctrl+F", self._lookup)
        QTimer.singleShot(0, self, self.counter.focus_lookup)

    def _lookup(self) -> None:
        self.pages.setCurrentWidget(self.counter)
        self.counter.focus_lookup()

    def _open_card(self, card_id: int) -> None:
        self.pages.setCurrentWidget(self.counter)
        self.counter.open_card(card_id)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.pages.currentWidget() is self.counter:
            self.counter.focus_lookup()
