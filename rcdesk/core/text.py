"""Text rules shared by every area: folding for comparison, cleaning what users and files give."""

from __future__ import annotations

import re
import unicodedata

# C0 controls but tab and newline, DEL, C1 controls, and the non-characters U+FFFE / U+FFFF:
# they break XLSX writers, PostgreSQL (NUL) and terminals, and no user means them.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Bidirectional overrides and isolates: they make "photo_gpj.exe" display as "photo_exe.jpg".
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_DIRTY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\u200e\u200f\u202a-\u202e"
                    "\u2066-\u2069]")  # _CONTROLS, _BIDI and \r
_BREAKS = re.compile("[\n\t]")
_DIRTY_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff\u200e\u200f\u202a-\u202e"
                         "\u2066-\u2069]")  # _DIRTY and _BREAKS: a one-line text's one scan


def fold(text: str | None) -> str:
    """Case and accents ignored, apostrophes and spaces made plain: "L’Hôtel" -> "l'hotel".

    The one comparison key of rcdesk (search, sort, duplicates, matching headers, jargon)."""
    if text and text.isascii():  # nothing to decompose nor replace (an import folds 100,000)
        return text.casefold()
    text = (text or "").replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def clean_text(text: str | None, *, multiline: bool = True) -> str:
    """Control characters and bidi overrides removed; \\r\\n made \\n; a one-line field gets
    its line breaks turned into spaces. Accents, emoji and every printable character stay."""
    if not text:
        return ""
    if not (_DIRTY if multiline else _DIRTY_LINE).search(text):
        return text  # the usual case, at the cost of one scan (imports clean every cell)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BIDI.sub("", _CONTROLS.sub("", text))
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def strip_bidi(text: str) -> str:
    return _BIDI.sub("", text)


# What a search box reads of its text: the first MAX_SEARCH_WORDS words, each cut to
# MAX_SEARCH_WORD_CHARS characters; the rest is ignored without an error. A search then costs
# the same on both engines whatever is typed or pasted (SQLite's parser overflows near 90
# conditions, peewee's query builder near 500, PostgreSQL scans a million-character pattern
# for minutes).
MAX_SEARCH_WORDS = 20
MAX_SEARCH_WORD_CHARS = 50
# Enough raw text for the words kept, with room for the spaces between them.
_MAX_SEARCH_INPUT = 4 * MAX_SEARCH_WORDS * (MAX_SEARCH_WORD_CHARS + 1)


def search_words(text: str | None) -> list[str]:
    """The words of a search text as every search reads them: control characters (NUL
    included) and bidi overrides removed, at most MAX_SEARCH_WORDS words of at most
    MAX_SEARCH_WORD_CHARS characters. Case and accents are left to the caller."""
    cleaned = clean_text((text or "")[:_MAX_SEARCH_INPUT], multiline=False)
    return [word[:MAX_SEARCH_WORD_CHARS] for word in cleaned.split()[:MAX_SEARCH_WORDS]]
