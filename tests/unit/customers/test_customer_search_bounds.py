"""The customer search, quick search and filters on hostile input: bounded, literal, the same
on both engines (FTS5 on SQLite, unaccent + trigrams on PostgreSQL)."""

from contextlib import contextmanager

import pytest

from rcdesk.models.base import database_proxy
from rcdesk.services.customers import (
    CustomerData,
    CustomerQuery,
    count_customers,
    create_customer,
    list_customers,
    quick_search,
)
from rcdesk.services.customers.search import search_terms


@contextmanager
def recorded_sql():
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
def people(database):
    ids = {}
    for key, first, last, postal, segments in (
            ("helene", "Hélène", "Dupont", "59000", ["50%", "VIP_1"]),
            ("marc", "Marc", "Martin", "50000", ["500", "VIPX1"]),
            ("jean", "Jean", "Durand", "69001", ["VIP"])):
        ids[key] = create_customer(CustomerData(first_name=first, last_name=last,
                                                postal_code=postal, segments=segments,
                                                email=f"{key}@exemple.fr"))
    return ids


def _found(**query) -> set[int]:
    q = CustomerQuery(**query)
    ids = {row[0] for row in list_customers(q, 0, 100)}
    assert count_customers(q) == len(ids)
    return ids


@pytest.mark.parametrize("count", [100, 1000])
def test_many_words_keep_the_first_twenty(people, count):
    text = " ".join(["dupont"] * 20 + [f"absent{i}" for i in range(count - 20)])
    with recorded_sql() as seen:
        assert _found(text=text) == {people["helene"]}
        assert [h.customer_id for h in quick_search(text)] == [people["helene"]]
    assert all("absent" not in str(params) for _, params in seen)
    assert len(search_terms(text)) == 20
    assert _found(text=" ".join(f"absent{i}" for i in range(count))) == set()


def test_a_million_character_word_runs_the_bounded_query(people):
    with recorded_sql() as seen:
        assert _found(text="x" * 1_000_000) == set()
        assert quick_search("dupont" + "x" * 1_000_000) == []
        assert _found(segment="V" * 1_000_000) == set()
    longest = max(len(p) for _, params in seen for p in params if isinstance(p, str))
    assert longest <= 300  # 50 characters a word; a filter no longer than a column
    assert search_terms("x" * 1_000_000) == ["x" * 50]


def test_nul_and_control_characters_are_ignored(people):
    assert _found(text="dup\x00ont") == {people["helene"]}
    assert [h.customer_id for h in quick_search("mar\x00tin\x1b")] == [people["marc"]]
    assert _found(segment="VIP\x00") == {people["jean"]}
    assert _found(place="\x00") == set(people.values())  # nothing left to filter on


def test_segment_filter_matches_percent_and_underscore_literally(people):
    assert _found(segment="50%") == {people["helene"]}
    assert _found(segment="%") == set()
    assert _found(segment="_") == set()
    assert _found(segment="VIP_1") == {people["helene"]}
    assert _found(segment="VIP%") == set()
    assert _found(segment="vip") == {people["jean"]}
    assert _found(segment="500") == {people["marc"]}


@pytest.mark.parametrize("text", ["%", "_", "%_%", "\\"])
def test_wildcards_alone_are_no_search_word_on_both_engines(people, text):
    # FTS5 indexes letters and digits only: "_" and "%" separate words everywhere.
    assert search_terms(text) == []
    assert _found(text=text) == set(people.values())
    assert quick_search(text) == []


def test_percent_in_a_word_is_not_a_wildcard(people):
    assert search_terms("50%") == ["50"]
    assert search_terms("jean_dupont") == ["jean", "dupont"]
    assert _found(text="50%") == {people["marc"]}
