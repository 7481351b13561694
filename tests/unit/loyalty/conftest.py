"""A customer with a card, on both engines."""

from datetime import date

import pytest
from loyalty_support import make_customer

from rcdesk.models.loyalty import LoyaltyCard
from rcdesk.services.loyalty.cards import issue_card


@pytest.fixture
def card(database):
    """Marc Delattre's card, issued on 15/11/2025 (expires 15/11/2026)."""
    cid = make_customer()
    number = issue_card(cid, date(2025, 11, 15))
    return LoyaltyCard.get(LoyaltyCard.number == number)


@pytest.fixture
def card_on():
    """A card in the database given (for tests that choose their engine)."""

    def make(_database):
        cid = make_customer()
        return LoyaltyCard.get(LoyaltyCard.number == issue_card(cid, date(2025, 11, 15)))

    return make
