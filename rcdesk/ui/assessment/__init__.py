"""The Auto-évaluation tab."""

from rcdesk.ui.assessment.tab import AssessmentTab

__all__ = ["AssessmentTab"]
