"""The Auto-évaluation tab (to be built by its issue)."""

from rcdesk.ui.placeholder import ComingSoonTab


class AssessmentTab(ComingSoonTab):
    def __init__(self, context, parent=None):
        super().__init__(context, "Auto-évaluation", parent)
