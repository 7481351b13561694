"""fold and clean_text: the comparison key and the cleaning of what users and files give."""

import pytest

from rcdesk.core.text import (
    MAX_SEARCH_WORD_CHARS,
    MAX_SEARCH_WORDS,
    clean_text,
    fold,
    search_words,
    strip_bidi,
)


@pytest.mark.parametrize("text, folded", [
    ("L’Hôtel", "l'hotel"), ("Hélène LŒUF", "helene lœuf"), ("ÉLÉONORE", "eleonore"),
    ("Straße", "strasse"), ("ﬁlet", "filet"), ("1\u00a0000", "1 000"), ("1\u202f000", "1 000"),
    ("Ça va", "ca va"), ("", ""), (None, ""), ("déjà-vu", "deja-vu"),
])
def test_fold_ignores_case_and_accents(text, folded):
    assert fold(text) == folded


def test_clean_text_keeps_every_printable_character():
    text = "Hélène 👍 « ok » — 12,50 €\tfin\nsuite"
    assert clean_text(text) == text
    assert clean_text(None) == "" and clean_text("") == ""


def test_clean_text_unifies_line_breaks():
    assert clean_text("a\r\nb\rc\nd") == "a\nb\nc\nd"


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x0e", "\x1b",
                                     "\x1f", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff"])
def test_clean_text_removes_control_characters(control):
    assert clean_text(f"ab{control}c") == "abc"
    assert clean_text(f"ab{control}c", multiline=False) == "abc"


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
                                  "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"])
def test_bidi_overrides_are_removed(mark):
    assert clean_text(f"photo_{mark}gpj.exe") == "photo_gpj.exe"
    assert strip_bidi(f"photo_{mark}gpj.exe") == "photo_gpj.exe"


def test_one_line_field_gets_spaces_for_breaks_and_tabs():
    assert clean_text("rue\r\ndes\tLilas\nbis", multiline=False) == "rue des Lilas bis"
    assert clean_text("rue\r\ndes\tLilas", multiline=True) == "rue\ndes\tLilas"


def test_a_clean_one_line_field_still_gets_spaces_for_breaks():
    # nothing to remove, only line breaks and tabs: the quick path must not keep them
    assert clean_text("rue\ndes Lilas", multiline=False) == "rue des Lilas"
    assert clean_text("rue\tdes Lilas", multiline=False) == "rue des Lilas"
    assert clean_text("rue des Lilas", multiline=False) == "rue des Lilas"


def test_clean_text_options_are_keywords_only():
    with pytest.raises(TypeError):
        clean_text("a\nb", False)


def test_strip_bidi_leaves_controls_alone():
    assert strip_bidi("a\x00\u202eb\n") == "a\x00b\n"


def test_search_words_keep_twenty_words_of_fifty_characters():
    assert (MAX_SEARCH_WORDS, MAX_SEARCH_WORD_CHARS) == (20, 50)
    words = [f"mot{i}" for i in range(25)]
    assert search_words(" ".join(words)) == words[:20]
    assert search_words(" ".join(words[:19])) == words[:19]
    assert search_words("x" * 49 + " " + "y" * 50 + " " + "z" * 51) == [
        "x" * 49, "y" * 50, "z" * 50]
    assert search_words("Théière  fêlée\n50%\tbis") == ["Théière", "fêlée", "50%", "bis"]
    assert search_words("dup\x00ont cas\u202esée") == ["dupont", "cassée"]
    assert search_words("") == [] and search_words(None) == []


def test_search_words_read_the_first_4080_characters_only():
    """4 × 20 words × (50 characters + a space): what is pasted beyond is never scanned."""
    assert search_words(" " * 4076 + "abcdef") == ["abcd"]
    assert search_words(" " * 4079 + "abcdef") == ["a"]
    assert search_words(" " * 4080 + "abcdef") == []
