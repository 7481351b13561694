"""A name typed in one box at the counter: the all-capitals words are the surname."""

from __future__ import annotations

import pytest

from rcdesk.core.names import split_person_name


@pytest.mark.parametrize(("typed", "expected"), [
    ("BENALI Karima", ("Karima", "BENALI")),
    ("Karima BENALI", ("Karima", "BENALI")),
    ("  BENALI   Karima ", ("Karima", "BENALI")),
    ("Jean DE LA FONTAINE", ("Jean", "DE LA FONTAINE")),
    ("N'DIAYE Awa", ("Awa", "N'DIAYE")),
    ("MARTIN-DUBOIS Anne Sophie", ("Anne Sophie", "MARTIN-DUBOIS")),
    ("Nadia Benali", ("Nadia", "Benali")),
    ("Jean Paul Martin", ("Jean Paul", "Martin")),
    ("NADIA BENALI", ("NADIA", "BENALI")),
    ("Benali", ("", "Benali")),
    ("", ("", "")),
    # one capital letter is an initial, not a surname
    ("Karima B Benali", ("Karima B", "Benali")),
])
def test_all_capitals_words_are_the_surname(typed, expected):
    assert split_person_name(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    # a particle just before the surname belongs to it, whatever its case
    ("Anne-Sophie de La Rochefoucauld", ("Anne-Sophie", "de La Rochefoucauld")),
    ("Van den BROECK Jan", ("Jan", "Van den BROECK")),
    ("Jan van den Broeck", ("Jan", "van den Broeck")),
    ("Ait BENHADDOU Youssef", ("Youssef", "Ait BENHADDOU")),
    ("Youssef ait Benhaddou", ("Youssef", "ait Benhaddou")),
    ("Mohamed el Fassi", ("Mohamed", "el Fassi")),
    ("Ludwig von Beethoven", ("Ludwig", "von Beethoven")),
    ("Charles d'Orléans", ("Charles", "d'Orléans")),
    # a particle alone is no name: nothing moves
    ("de Martin", ("de", "Martin")),
    ("Anne Del", ("Anne", "Del")),
])
def test_particles_go_with_the_surname(typed, expected):
    assert split_person_name(typed) == expected
