"""The Réclamations tab."""

from rcdesk.ui.complaints.tab import ComplaintsTab

__all__ = ["ComplaintsTab"]
