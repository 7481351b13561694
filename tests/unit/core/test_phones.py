"""The one rule of showing a phone number: national at home, international otherwise."""

import pytest

from rcdesk.core.phones import format_phone


@pytest.mark.parametrize("e164, home, shown", [
    ("+33612345678", "FR", "06 12 34 56 78"),
    ("+212661234567", "FR", "+212 6 61 23 45 67"),
    ("+32470123456", "FR", "+32 470 12 34 56"),
    ("+212661234567", "MA", "06 61 23 45 67"),
    ("+212522123456", "MA", "05 22 12 34 56"),
    ("+33612345678", "MA", "+33 6 12 34 56 78"),
    ("+32470123456", "MA", "+32 470 12 34 56"),
    ("+33612345678", "", "+33 6 12 34 56 78"),  # no home: every number international
    ("", "FR", ""),
    ("pas un numéro", "FR", "pas un numéro"),
])
def test_phone_shown_national_at_home_and_international_elsewhere(e164, home, shown):
    assert format_phone(e164, home) == shown
