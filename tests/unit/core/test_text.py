"""fold and clean_text: the comparison key and the cleaning of what users and files give."""

import pytest

from rcdesk.core.text import clean_text, fold, strip_bidi


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


def test_clean_text_options_are_keywords_only():
    with pytest.raises(TypeError):
        clean_text("a\nb", False)


def test_strip_bidi_leaves_controls_alone():
    assert strip_bidi("a\x00\u202eb\n") == "a\x00b\n"
