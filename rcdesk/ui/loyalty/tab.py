"""The Fidélité tab (to be built by its issue)."""

from rcdesk.ui.placeholder import ComingSoonTab


class LoyaltyTab(ComingSoonTab):
    def __init__(self, context, parent=None):
        super().__init__(context, "Fidélité", parent)
