"""The three ways SQLite reads a page of a text search (sort the hits, walk the sort index
against the hit list, walk it with one FTS lookup per row) give the same rows in the same
order as the plain query of before, on a varied file; and which one is picked."""

import random

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rcdesk.models.base import database_proxy
from rcdesk.services.customers import (
    CustomerData,
    CustomerQuery,
    count_customers,
    create_customer,
    delete_customer,
    get_customer,
    list_customers,
    quick_search,
    search,
    update_customer,
)
from rcdesk.services.customers.search import (
    PLAN_PROBE,
    PLAN_SORT,
    PLAN_WALK,
    page_plan,
    search_terms,
)

FIRST = ["Jean", "Hélène", "Léa", "Lucas", "Marc", "Marie", "Éloïse", "Zoé", "Anaïs", "Noël",
         "Youssef", "Fatima-Zahra", "Ahmed", "Leïla", ""]
LAST = ["Dupont", "Dupond", "Martin", "Martinez", "Lefèvre", "Le Goff", "L'Hôpital", "Bernard",
        "Benali", "El Amrani", "Œuvray", "Müller", "Durand", "Lambert", ""]
COMPANIES = ["Boulangerie Lefèvre", "Les Délices de Lille", "Atlas Négoce", "Dupont & Fils",
             "SARL Martin"]
CITIES = [("59000", "Lille"), ("75011", "Paris"), ("69001", "Lyon"), ("20000", "Casablanca"),
          ("10000", "Rabat"), ("59800", "Lille"), ("13001", "Marseille")]
DOMAINS = ["gmail.com", "orange.fr", "laposte.net", "menara.ma", "exemple.fr"]

SORTS = ["name", "kind", "status", "email", "phone", "postal_code", "city", "segments",
         "last_contact", "created_at"]


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return ""
    if rng.random() < 0.25:  # Morocco
        return "+2126" + "".join(rng.choice("0123456789") for _ in range(8))
    start = rng.choice(["+3361", "+3362", "+3366", "+3376", "+3378", "+3320", "+3314"])
    while True:  # a number phonenumbers calls valid (not every range is allocated)
        number = start + "".join(rng.choice("0123456789") for _ in range(12 - len(start)))
        if phonenumbers.is_valid_number(phonenumbers.parse(number)):
            return number


@pytest.fixture
def varied_file(sqlite_database):
    """~260 customers: people and companies, accents, apostrophes, empty names, many equal sort
    names (ties broken by id), French and Moroccan phones; then edits and deletions, so that the
    search index has several segments and deleted entries."""
    rng = random.Random(2026)
    ids = []
    for n in range(260):
        postal, city = rng.choice(CITIES)
        pro = rng.random() < 0.2
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if not (first or last or pro):
            last = "Sans-Nom"
        data = CustomerData(
            kind="professionnel" if pro else "particulier",
            status=rng.choice(["prospect", "client", "ancien client"]),
            first_name=first, last_name=last,
            company_name=rng.choice(COMPANIES) if pro else "",
            email=(f"{(first or 'x').lower()}.{n}@{rng.choice(DOMAINS)}"
                   if rng.random() < 0.8 else ""),
            phone=_phone(rng), postal_code=postal, city=city,
            segments=rng.sample(["VIP", "fidèle", "pro", "salon"], rng.randint(0, 2)),
            external_id=f"C{1000 + n}" if rng.random() < 0.5 else None)
        ids.append(create_customer(data))
    for customer_id in rng.sample(ids, 30):  # rewritten: new index entries, old ones marked
        data = get_customer(customer_id)
        data.last_name = rng.choice(LAST) or "Lemoine"
        data.city = rng.choice(CITIES)[1]
        update_customer(customer_id, data)
    for customer_id in rng.sample(ids, 15):
        delete_customer(customer_id)
    return ids


def _reference_ids(query: CustomerQuery, offset: int, limit: int) -> list[int]:
    """The query of before this change, written out: every hit, then ORDER BY."""
    columns = {"name": "sort_name"}.get(query.sort, query.sort)
    direction = "DESC" if query.descending else "ASC"
    match = " ".join('"' + t.replace('"', "") + '"*' for t in search_terms(query.text))
    sql = (f"SELECT id FROM customer WHERE id IN (SELECT rowid FROM customer_fts WHERE "
           f"customer_fts MATCH ?) ORDER BY {columns} {direction}, id {direction} "
           f"LIMIT ? OFFSET ?")
    return [row[0] for row in database_proxy.obj.execute_sql(sql, (match, limit, offset))]


TYPED = ["l", "le", "lef", "lille", "d", "du", "dup", "dupont", "m", "ma", "mar", "martin",
         "martin l", "06", "06 1", "+33 6", "0612", "33", "6", "2126", "59", "590", "59000",
         "gmail", "gm", "orange", "c1", "c10", "c1001", "e", "el", "œ", "oe", "helene", "hé",
         "zo", "lh", "l'h", "les d", "sarl", "a", "x", "q", "sans"]


@pytest.mark.parametrize("text", TYPED)
def test_every_plan_gives_the_rows_of_before_in_the_same_order(varied_file, text):
    query = CustomerQuery(text=text)
    expected = _reference_ids(query, 0, 200)
    assert count_customers(query) == len(expected)
    for plan in (PLAN_SORT, PLAN_WALK, PLAN_PROBE, None):
        rows = list_customers(query, 0, 200, plan=plan)
        assert [row[0] for row in rows] == expected, plan
    assert [h.customer_id for h in quick_search(text)] == expected[:10]


def test_the_varied_file_has_broad_and_narrow_prefixes(varied_file):
    """The cases above are not all empty or all everything."""
    sizes = {text: count_customers(CustomerQuery(text=text)) for text in ("l", "06", "martin l")}
    total = count_customers(CustomerQuery())
    assert total == 245
    assert sizes["l"] > total // 3
    assert sizes["06"] > 50
    assert 0 < sizes["martin l"] < sizes["l"] // 2


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet="ldumaert06 1+'éhœcg", min_size=1, max_size=6),
       sort=st.sampled_from(SORTS), descending=st.booleans(),
       offset=st.sampled_from([0, 1, 7, 50, 200]), limit=st.sampled_from([1, 10, 30, 200]),
       plan=st.sampled_from([PLAN_SORT, PLAN_WALK, PLAN_PROBE, None]))
def test_any_typed_text_sort_and_page_match_the_plain_query(varied_file, text, sort, descending,
                                                            offset, limit, plan):
    query = CustomerQuery(text=text, sort=sort, descending=descending)
    if not search_terms(text):
        return  # no word: the whole file, the plain query (no plan to choose)
    if plan in (PLAN_WALK, PLAN_PROBE) and sort not in search.SORT_INDEXES:
        plan = None  # a forced walk needs an index (segments has none)
    rows = list_customers(query, offset, limit, plan=plan)
    assert [row[0] for row in rows] == _reference_ids(query, offset, limit)


def test_filters_keep_the_plain_plan(varied_file, monkeypatch):
    chosen = []
    original = search._choose_plan

    def spy(query, terms, needed):
        result = original(query, terms, needed)
        chosen.append(result[0])
        return result

    monkeypatch.setattr(search, "_choose_plan", spy)
    list_customers(CustomerQuery(text="l", status="client"), 0, 200)
    list_customers(CustomerQuery(text="l", sort="segments"), 0, 200)
    list_customers(CustomerQuery(text="c1001"), 0, 200)
    list_customers(CustomerQuery(text="l"), 0, 200)
    assert chosen == [PLAN_SORT, PLAN_SORT, PLAN_SORT, PLAN_PROBE]


def _explain(plan: str, text: str, sort: str = "name") -> list[str]:
    db = database_proxy.obj
    seen, original = [], db.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        if (sql.lstrip().upper().startswith('SELECT "T1"."ID"')
                and 'FROM "CUSTOMER" AS "T1"' in sql.upper()):  # not the company's row
            seen.append((sql, params))
        return original(sql, params, *args, **kwargs)

    db.execute_sql = execute_sql
    try:
        list_customers(CustomerQuery(text=text, sort=sort), 0, 200, plan=plan)
    finally:
        del db.execute_sql
    (sql, params), = seen
    return [row[3] for row in original("EXPLAIN QUERY PLAN " + sql, params).fetchall()]


def test_sqlite_walks_the_sort_index_without_sorting(varied_file):
    probe = _explain(PLAN_PROBE, "l")
    assert probe[0] == "SCAN t1 USING INDEX customer_sort_name"
    assert not any("TEMP B-TREE" in step for step in probe)
    walk = _explain(PLAN_WALK, "gmail", sort="city")
    assert walk[0] == "SCAN t1 USING INDEX customer_city"
    assert not any("TEMP B-TREE" in step for step in walk)
    plain = _explain(PLAN_SORT, "l")
    assert "USE TEMP B-TREE FOR ORDER BY" in plain


@pytest.mark.parametrize("terms, hits, customers, needed, plan", [
    # measured at 500,000 customers: "l" has 247,583 hits, "06" 255,277 (about 400 rows to test)
    (["l"], 247_583, 500_000, 200, PLAN_PROBE),
    (["06"], 255_277, 500_000, 200, PLAN_PROBE),
    # "gmail" (83,406 hits): 1,199 rows to test, a word too long for the prefix indexes
    (["gmail"], 83_406, 500_000, 200, PLAN_WALK),
    (["le"], 109_784, 500_000, 200, PLAN_PROBE),
    (["le"], 109_784, 500_000, 2_000, PLAN_WALK),  # scrolled far: too many rows to test
    (["martin", "p"], 1_485, 500_000, 200, PLAN_SORT),  # 1,485² × 4 < 200 × 500,000
    (["dup"], 6_817, 500_000, 200, PLAN_WALK),
    (["c1000"], 99, 500_000, 200, PLAN_SORT),
    (["l"], 0, 500_000, 200, PLAN_SORT),
    (["l"], 10, 0, 200, PLAN_SORT),
])
def test_page_plan(terms, hits, customers, needed, plan):
    assert page_plan(terms, hits, customers, needed) == plan


def test_the_capped_count_settles_the_plan():
    """Past _hits_cap hits, more hits never change the plan: counting can stop there."""
    for customers, needed in ((500_000, 200), (100_000, 200), (245, 10), (500_000, 1_000)):
        cap = search._hits_cap(customers, needed)
        for terms in (["l"], ["gmail"]):
            assert page_plan(terms, cap, customers, needed) == page_plan(
                terms, cap * 50, customers, needed)


@pytest.mark.parametrize("text, sort, limit, plan", [
    ("l", "name", 200, PLAN_PROBE), ("06", "name", 200, PLAN_PROBE),
    ("gmail", "city", 10, PLAN_WALK), ("lille", "name", 10, PLAN_WALK)])
def test_a_walk_past_its_budget_sorts_the_hits_instead(varied_file, monkeypatch, text, sort,
                                                       limit, plan):
    """Hits packed far along the index (a name sorted by name, a city by city): SQLite
    interrupts the walk once past its budget and the hits are sorted, with the same rows."""
    calls = []
    original = search._page_rows

    def spy(query, columns, offset, limit, plan=None):
        calls.append(plan)
        return original(query, columns, offset, limit, plan)

    monkeypatch.setattr(search, "_page_rows", spy)
    query = CustomerQuery(text=text, sort=sort)
    expected = _reference_ids(query, 0, limit)
    assert [row[0] for row in list_customers(query, 0, limit)] == expected
    assert calls == [None]  # the chosen walk finished within its budget
    assert search._choose_plan(query, search_terms(text), limit)[0] == plan
    calls.clear()
    monkeypatch.setattr(search, "walk_budget", lambda *args: 1)  # past it at once
    monkeypatch.setattr(search, "_STEP", 1)
    assert [row[0] for row in list_customers(query, 0, limit)] == expected
    assert calls == [None, PLAN_SORT]
    assert expected  # the file has such customers


def test_walk_budget():
    # "l" at 500,000 customers: ~404 rows to probe, 4 × 403.9 allowed, 60 instructions each
    assert search.walk_budget(PLAN_PROBE, 247_583, 500_000, 200) == 116_937
    # "33": every customer matches, 200 rows expected: PROBE_BUDGET (1,000) allowed
    assert search.walk_budget(PLAN_PROBE, 500_000, 500_000, 200) == 60 * 1000 + 100 * 200
    # "gmail": 83,406 hits listed, ~1,199 rows expected, at least 20,000 walked
    assert search.walk_budget(PLAN_WALK, 83_406, 500_000, 200) == (
        10 * 83_406 + 10 * 20_000 + 100 * 200)
    # scrolled far: 4 × the 4,000 rows expected
    assert search.walk_budget(PLAN_PROBE, 250_000, 500_000, 2_000) == (
        60 * 16_000 + 100 * 2_000)


def test_a_capped_count_budgets_the_probe_for_the_fewest_hits_it_may_stand_for():
    # 500,000 customers, « l » matches ~247,000: the count stops at the cap (100,000). The
    # probe then tests up to 200 × 500,000 / 100,000 = 1,000 rows (~200 instructions each):
    # budgeting it as if every customer matched (200 rows) interrupted it and sorted 247,000
    # hits instead (151 ms rather than 29 ms)
    cap = search._hits_cap(500_000, 200)
    assert cap == 100_000
    assert search.capped_budget(PLAN_PROBE, cap, cap, 500_000, 200) == 60 * 4 * 1_000 + 100 * 200
    # the real walks measured there: « l » 75,000 instructions, « le » 215,000
    assert search.capped_budget(PLAN_PROBE, cap, cap, 500_000, 200) > 215_000
    # the walking plan's hit list stays budgeted for every customer
    assert search.capped_budget(PLAN_WALK, cap, cap, 500_000, 200) == search.walk_budget(
        PLAN_WALK, 500_000, 500_000, 200)
    # under the cap, the count is exact
    assert search.capped_budget(PLAN_PROBE, 5_000, cap, 500_000, 200) == search.walk_budget(
        PLAN_PROBE, 5_000, 500_000, 200)
