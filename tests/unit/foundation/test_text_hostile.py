"""Text rules: what a search box reads of a hostile text, what clean_text keeps."""

from rcdesk.core.text import (
    MAX_SEARCH_WORD_CHARS,
    MAX_SEARCH_WORDS,
    clean_text,
    search_words,
)


def test_search_words_keep_twenty_words_of_fifty_characters():
    assert (MAX_SEARCH_WORDS, MAX_SEARCH_WORD_CHARS) == (20, 50)
    words = [f"mot{i}" for i in range(1000)]
    assert search_words(" ".join(words)) == words[:20]
    assert search_words("x" * 1_000_000) == ["x" * 50]
    assert search_words("x" * 1_000_000 + " suite") == ["x" * 50]  # the rest is ignored
    assert search_words("  Théière\tfêlée\n50%  ") == ["Théière", "fêlée", "50%"]


def test_search_words_drop_controls_and_bidi_overrides():
    assert search_words("dup\x00ont \x07 cas\u202esée") == ["dupont", "cassée"]
    assert search_words("\x00\x00") == []
    assert search_words(None) == []


def test_clean_text_keeps_printable_text_and_drops_controls():
    assert clean_text("Ligne 1\r\nLigne\x00 2\x1b\u202e") == "Ligne 1\nLigne 2"
    assert clean_text("a\nb\tc", multiline=False) == "a b c"
    assert clean_text("Émoji 😀 « ok »") == "Émoji 😀 « ok »"
