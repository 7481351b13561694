"""Pilotage: yearly targets on the indicator registry, the dashboard, indicator reviews, the
customer journey map and the annual communication plan."""
