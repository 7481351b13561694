"""The Satisfaction tab."""

from rcdesk.ui.surveys.tab import SurveysTab  # noqa: F401
