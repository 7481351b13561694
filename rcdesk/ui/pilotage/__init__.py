"""The Pilotage tab: dashboard, indicator reviews, customer journey, communication plan."""

from rcdesk.ui.pilotage.tab import PilotageTab

__all__ = ["PilotageTab"]
