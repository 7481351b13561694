"""The Fidélité tab."""

from rcdesk.ui.loyalty.tab import LoyaltyTab

__all__ = ["LoyaltyTab"]
