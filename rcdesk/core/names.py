"""How a person's name typed in one box splits into first name and surname."""

from __future__ import annotations


def _is_capitals(word: str) -> bool:
    """BENALI, DE LA FONTAINE's words, N'DIAYE: letters all upper case, at least two of them."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def split_person_name(text: str) -> tuple[str, str]:
    """(first name, surname) of a name typed in one box.

    The words written all in capitals are the surname, wherever they stand ("BENALI Karima",
    "Karima BENALI", "Jean DE LA FONTAINE"); when none is, or every word is, the last word is
    the surname ("Nadia Benali", "NADIA BENALI"). One word is a surname alone."""
    words = text.split()
    if not words:
        return "", ""
    if len(words) == 1:
        return "", words[0]
    capitals = [w for w in words if _is_capitals(w)]
    if capitals and len(capitals) < len(words):
        return " ".join(w for w in words if not _is_capitals(w)), " ".join(capitals)
    return " ".join(words[:-1]), words[-1]
