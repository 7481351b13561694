"""How a stored phone number (E.164) is shown: the one rule for lists, files, exports, PDFs."""

from __future__ import annotations

import phonenumbers

# Countries whose numbers are shown nationally without parsing (a list page formats 200 of
# them, an export 100,000): the code and the national trunk prefix.
_FAST = {"FR": ("+33", 9), "MA": ("+212", 9)}


def format_phone(e164: str, home: str = "FR") -> str:
    """A number of the company's country (home) as people there write it, any other in its
    international form, so that it can be dialled and read back from anywhere:
    +33612345678 with home FR -> "06 12 34 56 78"; +212661234567 with home FR ->
    "+212 6 61 23 45 67"; +32470123456 -> "+32 470 12 34 56". A stored value that is not a
    phone number is shown as it is; home "" shows every number internationally."""
    if not e164:
        return ""
    fast = _FAST.get(home)
    if fast and e164.startswith(fast[0]) and len(e164) == len(fast[0]) + fast[1] \
            and e164[1:].isdigit():
        national = "0" + e164[len(fast[0]):]
        return " ".join(national[i:i + 2] for i in range(0, len(national), 2))
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == home:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
