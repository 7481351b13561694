"""The Satisfaction tab."""

from rcdesk.ui.surveys.tab import SurveysTab

__all__ = ["SurveysTab"]
