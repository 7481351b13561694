"""The register's search on hostile input: bounded, literal, the same on both engines."""

from contextlib import contextmanager

import pytest

from rcdesk.models.base import database_proxy
from rcdesk.services.complaints import (
    ComplaintInput,
    ComplaintQuery,
    count_complaints,
    list_complaints,
    register_complaint,
)


@contextmanager
def recorded_sql():
    """Every (sql, params) the database runs inside the block."""
    db = database_proxy.obj
    seen, original = [], db.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        seen.append((sql, tuple(params or ())))
        return original(sql, params, *args, **kwargs)

    db.execute_sql = execute_sql
    try:
        yield seen
    finally:
        del db.execute_sql


@pytest.fixture
def complaints(customer):
    numbers = {}
    for key, text in (("half", "Remise de 50% refusée en caisse"),
                      ("price", "Prix affiché 500 euros, facturé 550"),
                      ("cotton", "Étiquette 100 % coton, tissu synthétique"),
                      ("code", "Le code PROMO_ETE ne passe pas"),
                      ("codex", "Le code PROMOXETE ne passe pas")):
        numbers[key] = register_complaint(ComplaintInput(
            customer_id=customer, channel="comptoir", description=text)).id
    return numbers


def _found(text: str) -> set[int]:
    query = ComplaintQuery(text=text)
    ids = {row[0] for row in list_complaints(query, 0, 100)}
    assert count_complaints(query) == len(ids)
    return ids


def test_percent_and_underscore_match_themselves(complaints):
    assert _found("50%") == {complaints["half"]}
    assert _found("%") == {complaints["half"], complaints["cotton"]}
    assert _found("_") == {complaints["code"]}
    assert _found("PROMO_ETE") == {complaints["code"]}
    assert _found("\\") == set()
    assert _found("50") == {complaints["half"], complaints["price"]}


@pytest.mark.parametrize("count", [100, 1000])
def test_many_words_keep_the_first_twenty(complaints, count):
    # 20 words that all match, then words found nowhere: they are ignored, not an error.
    text = " ".join(["remise"] * 20 + [f"absent{i}" for i in range(count - 20)])
    with recorded_sql() as seen:
        assert _found(text) == {complaints["half"]}
    patterns = [p for _, params in seen for p in params if isinstance(p, str) and "%" in p]
    assert patterns and all("absent" not in p for p in patterns)
    assert _found(" ".join(f"absent{i}" for i in range(count))) == set()


def test_a_million_character_word_runs_the_bounded_query(complaints):
    with recorded_sql() as seen:
        assert _found("x" * 1_000_000) == set()
        rows = list_complaints(ComplaintQuery(text="remise" + "x" * 1_000_000), 0, 10)
    assert rows == []
    longest = max(len(p) for _, params in seen for p in params if isinstance(p, str))
    assert longest <= 50 + 2  # the word cut to 50 characters, between two %


def test_nul_and_control_characters_are_ignored(complaints):
    assert _found("re\x00mise") == {complaints["half"]}
    assert _found("\x00") == set(complaints.values())
    assert _found("coton\x1b\u202e") == {complaints["cotton"]}
