"""How a person's name typed in one box splits into first name and surname."""

from __future__ import annotations

# Words that belong to the surname that follows them, whatever their case: « de La
# Rochefoucauld », « van den Broeck », « Ait Benhaddou », « el Fassi », « von Beethoven ».
PARTICLES = frozenset(("de", "du", "des", "la", "le", "van", "von", "der", "den", "ter", "ten",
                       "el", "al", "ben", "bin", "ibn", "ait", "aït", "da", "di", "dos", "das",
                       "del", "della"))


def _is_capitals(word: str) -> bool:
    """BENALI, DE LA FONTAINE's words, N'DIAYE: letters all upper case, at least two of them."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def split_person_name(text: str) -> tuple[str, str]:
    """(first name, surname) of a name typed in one box.

    The words written all in capitals are the surname, wherever they stand ("BENALI Karima",
    "Karima BENALI", "Jean DE LA FONTAINE"); when none is, or every word is, the last word is
    the surname ("Nadia Benali", "NADIA BENALI"). One word is a surname alone. The particles
    just before the surname go with it ("Anne-Sophie de La Rochefoucauld", "Van den BROECK
    Jan"), unless nothing would be left for the first name ("de Martin")."""
    words = text.split()
    if not words:
        return "", ""
    if len(words) == 1:
        return "", words[0]
    capitals = [i for i, w in enumerate(words) if _is_capitals(w)]
    surname = set(capitals) if capitals and len(capitals) < len(words) else {len(words) - 1}
    base = set(surname)
    i = min(surname) - 1
    while i >= 0 and words[i].lower() in PARTICLES:
        surname.add(i)
        i -= 1
    if len(surname) == len(words):  # a particle alone is no first name ("de Martin")
        surname = base
    return (" ".join(w for i, w in enumerate(words) if i not in surname),
            " ".join(w for i, w in enumerate(words) if i in surname))
