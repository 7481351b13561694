"""Customer list: search, filters, SQL sort and paging (FTS5 on SQLite, trigrams on PostgreSQL)."""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass

from peewee import SQL, NodeList, OperationalError, SqliteDatabase, fn

from rcdesk.core.phones import format_phone
from rcdesk.core.text import (
    MAX_SEARCH_WORD_CHARS,
    MAX_SEARCH_WORDS,
    clean_text,
    fold,
    search_words,
)
from rcdesk.models.base import database_proxy
from rcdesk.models.customers import FTS_PREFIX_LENGTHS, FTS_TABLE, Customer

LIST_COLUMNS: list[tuple[str, str]] = [
    ("name", "Nom"),
    ("kind", "Type"),
    ("status", "Statut"),
    ("email", "E-mail"),
    ("phone", "Téléphone"),
    ("postal_code", "Code postal"),
    ("city", "Ville"),
    ("segments", "Segments"),
    ("last_contact", "Dernier contact"),
    ("created_at", "Créé le"),
]

_SORT_FIELDS = {
    "name": Customer.sort_name, "kind": Customer.kind, "status": Customer.status,
    "email": Customer.email, "phone": Customer.phone, "postal_code": Customer.postal_code,
    "city": Customer.city, "segments": Customer.segments, "last_contact": Customer.last_contact,
    "created_at": Customer.created_at,
}
_PHONE_PART = re.compile(r"^[+(]?[\d().\-/]+$")
# Letters and digits: what FTS5's unicode61 tokenizer indexes ("_" and "%" separate words on
# both engines, so "jean_doe" is two words and "%" alone is none).
_WORD = re.compile(r"[^\W_]+")
ANONYMOUS_NAME = "Client anonymisé"


@dataclass
class CustomerQuery:
    """What the Clients list shows: search text, filters and sort (plain data)."""

    text: str = ""
    kind: str | None = None
    status: str | None = None
    segment: str | None = None
    place: str | None = None  # city or region
    consent: bool | None = None
    sort: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class CustomerHit:
    customer_id: int
    display: str
    contact: str


def display_name(first_name: str, last_name: str, company_name: str, kind: str) -> str:
    """A professional by company name, a person by "First Last"; anonymised records by a label.
    (Called for every row of long lists: no generator, no join.)"""
    if kind == "professionnel" and company_name:
        company = company_name.strip()
        if company:
            return company
    first = first_name.strip() if first_name else ""
    last = last_name.strip() if last_name else ""
    if first and last:
        return f"{first} {last}"
    return first or last or (company_name.strip() if company_name else "") or ANONYMOUS_NAME


def sort_key(first_name: str, last_name: str, company_name: str, kind: str) -> str:
    """The stored sort_name: last name first for people, company for professionals."""
    company = (company_name or "").strip()
    if kind == "professionnel" and company:
        return fold(company)[:120]
    person = f"{(last_name or '').strip()} {(first_name or '').strip()}".strip()
    return fold(person or company)[:120]


_FAST_CODES = ("+33", "+212")


def phone_search_forms(*e164_numbers: str) -> str:
    """Every form a user may type a stored phone in: 33612345678 0612345678 612345678."""
    import phonenumbers

    forms: list[str] = []
    for number in e164_numbers:
        if not number:
            continue
        code = ("+33" if number.startswith("+33") else "+212" if number.startswith("+212")
                else None)  # _FAST_CODES
        digits = number[1:] if code and number[1:].isdecimal() else re.sub(r"\D", "", number)
        if code:  # France, Morocco: no parsing (an import computes this 100,000 times)
            national = digits[len(code) - 1:]
            forms += [digits, "0" + national, national]
            continue
        try:
            parsed = phonenumbers.parse(number, None)
            national = str(parsed.national_number)
            forms += [digits, "0" + national, national]
        except phonenumbers.NumberParseException:
            forms.append(digits)
    return " ".join(dict.fromkeys(forms))


def display_phone(e164: str, home: str = "FR") -> str:
    """core.phones.format_phone: national for the company's country (home), international
    for any other (+212 6 61 23 45 67)."""
    return format_phone(e164, home)


def _home_country() -> str:
    """The company's country, read once per list page or search."""
    from rcdesk.services.settings import get_company

    return get_company().country or "FR"


def search_terms(text: str) -> list[str]:
    """The words to look for: runs of phone-like pieces become one digit string
    ("06 12 34" -> "061234", "+33 6 12" -> "33612"), but a postal code stays apart from a
    phone typed after it ("59000 0612"). Read through core.text.search_words (control
    characters removed, 20 words of 50 characters at most) and bounded the same way after
    splitting ("a-b-c" gives three words)."""
    terms: list[str] = []
    digits, international = "", False
    for piece in search_words(text):
        if _PHONE_PART.match(piece) and any(c.isdigit() for c in piece):
            part = re.sub(r"\D", "", piece)
            starts_number = piece.startswith(("+", "00")) or (
                piece.startswith("0") and len(digits) == 5 and not international)
            if digits and starts_number:
                terms.append(digits)
                digits = ""
            if not digits:
                international = piece.startswith(("+", "00"))
                if piece.startswith("00"):
                    part = part[2:]
            digits += part
            continue
        if digits:
            terms.append(digits)
            digits = ""
        terms += [fold(w) for w in _WORD.findall(piece)]
    if digits:
        terms.append(digits)
    return [t[:MAX_SEARCH_WORD_CHARS] for t in terms if t][:MAX_SEARCH_WORDS]


def _is_sqlite() -> bool:
    return isinstance(database_proxy.obj, SqliteDatabase)


def _fts_match(terms: list[str]) -> str:
    """Every term as a quoted prefix ("dup"* "06"*): the user's text never becomes FTS syntax."""
    return " ".join('"' + t.replace('"', "") + '"*' for t in terms)


def _ph() -> str:
    return database_proxy.obj.param


LIKE_ESCAPE = "\\"


def escape_like(text: str) -> str:
    """text matched literally by LIKE ... ESCAPE LIKE_ESCAPE: "50%" finds "50%", not "500"."""
    return (text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%")
            .replace("_", LIKE_ESCAPE + "_"))


def _filter_value(value: str | None) -> str:
    """A filter's value as the columns can hold it: one line, no control character, no more
    than a column's 255 characters (a longer value matches nothing either way)."""
    return clean_text(value, multiline=False).strip()[:256]


def _filtered(query: CustomerQuery, select):
    conditions = []
    terms = search_terms(query.text)
    if terms:
        if _is_sqlite():
            match = _fts_match(terms)
            conditions.append(Customer.id.in_(
                SQL(f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH {_ph()})", (match,))))
        else:
            for term in terms:
                # Folded by the same SQL function as the column (unaccent: "œ" -> "oe").
                conditions.append(SQL(
                    f"search_text LIKE ('%%' || rcdesk_fold({_ph()}) || '%%') ESCAPE {_ph()}",
                    (escape_like(term), LIKE_ESCAPE)))
    kind, status = _filter_value(query.kind), _filter_value(query.status)
    if kind:
        conditions.append(Customer.kind == kind)
    if status:
        conditions.append(Customer.status == status)
    tag = _filter_value(query.segment)
    if tag:
        conditions.append(SQL(f"LOWER(',' || segments || ',') LIKE {_ph()} ESCAPE {_ph()}",
                              (f"%,{escape_like(tag.lower())},%", LIKE_ESCAPE)))
    place = _filter_value(query.place).lower()
    if place:
        conditions.append((fn.LOWER(Customer.city) == place) | (fn.LOWER(Customer.region) == place))
    if query.consent is not None:
        conditions.append(Customer.consent == bool(query.consent))
    for condition in conditions:
        select = select.where(condition)
    return select


def merge_search_index() -> None:
    """SQLite: merge the FTS5 index into one segment. FTS5 deletes are markers: the terms of
    a deleted or rewritten customer stay in older segments until a merge (SQLite 3.40 has no
    'secure-delete' option), and a GDPR erasure must not leave them. 'optimize' rewrites the
    index without them (~0.1 s for 20,000 customers); the pages it frees are zeroed
    (secure_delete). PostgreSQL's search_text is a column of the row: nothing to do."""
    if _is_sqlite():
        database_proxy.obj.execute_sql(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")


def count_customers(query: CustomerQuery) -> int:
    terms = search_terms(query.text)
    if terms and _only_text(query) and _is_sqlite():
        # The FTS table has one row per customer: counting there skips the join (3× faster).
        return database_proxy.obj.execute_sql(
            f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?",
            (_fts_match(terms),)).fetchone()[0]
    return _filtered(query, Customer.select(fn.COUNT(SQL("*")))).scalar() or 0


# How SQLite reads one page of a text search (same rows, same order; only the cost differs).
PLAN_SORT = "sort"  # every hit read with its row, then sorted: cheap while the hits are few
PLAN_WALK = "walk"  # the sort column's index walked in order, each row tested against the
#                     list of hits (built once from FTS): no row read or sorted in vain
PLAN_PROBE = "probe"  # the index walked, each row tested by one FTS lookup of its rowid in the
#                       prefix indexes: nothing built, stops once the page is full
# Index of each sort column (SQLite keeps the rowid in every index: the index order is
# (column, id), the list's ORDER BY). segments has none: always PLAN_SORT.
SORT_INDEXES = {
    "name": "customer_sort_name", "kind": "customer_kind", "status": "customer_status",
    "email": "customer_email", "phone": "customer_phone", "postal_code": "customer_postal_code",
    "city": "customer_city", "last_contact": "customer_last_contact",
    "created_at": "customer_created_at",
}
PROBE_BUDGET = 1000  # index rows PLAN_PROBE may expect to test (~10-50 µs each)
PROBE_ROW = 60  # SQLite instructions budgeted per probed row (×4: up to 240; see walk_budget)
WALK_FACTOR = 4  # PLAN_WALK when hits² × WALK_FACTOR > rows needed × customers (measured:
#                  a hit read and sorted costs ~5× an index row walked and tested)


def page_plan(terms: list[str], hits: int, customers: int, needed: int) -> str:
    """The cheapest plan for the first `needed` rows of a search with `hits` matches (at least:
    a capped count) among about `customers`. Walking the index tests needed × customers / hits
    rows on average; sorting reads every hit."""
    if hits <= 0 or customers <= 0 or needed <= 0:
        return PLAN_SORT
    walked = needed * customers / hits
    if walked <= PROBE_BUDGET and all(len(t) <= max(FTS_PREFIX_LENGTHS) for t in terms):
        return PLAN_PROBE  # every word read from a prefix index: one lookup per row
    if hits * hits * WALK_FACTOR > needed * customers:
        return PLAN_WALK
    return PLAN_SORT


def _hits_cap(customers: int, needed: int) -> int:
    """The fewest hits that settle page_plan: past it, the capped count can stop."""
    return max(math.ceil(needed * customers / PROBE_BUDGET),
               math.isqrt(needed * customers // WALK_FACTOR) + 1, 1)


def _only_text(query: CustomerQuery) -> bool:
    return not (_filter_value(query.kind) or _filter_value(query.status)
                or _filter_value(query.segment) or _filter_value(query.place)
                or query.consent is not None)


def walk_budget(plan: str, hits: int, customers: int, needed: int) -> int:
    """SQLite VM instructions a walking plan may use before it gives way to PLAN_SORT: four
    times the rows it expects to walk (but at least PROBE_BUDGET probes or 20,000 index rows),
    the hit list it builds, and the page. Measured: ~8 instructions per walked index row or
    listed hit; a probed row costs 185 to 235 on the 500,000-customer demo (« l », « le »:
    a one- or two-letter prefix's doclist is long), so PROBE_ROW instructions each, four times
    over, cover it. The estimate assumes the hits spread along the sort order;
    a name sorted by name ("lef" among the Lefèvre) or a city sorted by city packs them far
    from the start, and then sorting them is cheaper."""
    walked = needed * customers / max(hits, 1)
    if plan == PLAN_PROBE:
        return int(PROBE_ROW * max(4 * walked, PROBE_BUDGET) + 100 * needed)
    return int(10 * hits + 10 * max(4 * walked, 20_000) + 100 * needed)


def _choose_plan(query: CustomerQuery, terms: list[str], needed: int) -> tuple[str, int | None]:
    """A text-only SQLite search sorted on an indexed column picks its plan from a capped count
    of the hits, with its walk_budget; every other query sorts its hits (PLAN_SORT, the plain
    query)."""
    if not (terms and _is_sqlite() and _only_text(query) and query.sort in SORT_INDEXES):
        return PLAN_SORT, None
    db = database_proxy.obj
    customers = db.execute_sql("SELECT MAX(id) FROM customer").fetchone()[0] or 0
    cap = _hits_cap(customers, needed)
    hits = db.execute_sql(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? LIMIT ?)",
        (_fts_match(terms), cap)).fetchone()[0]
    plan = page_plan(terms, hits, customers, needed)
    if plan == PLAN_SORT:
        return plan, None
    return plan, capped_budget(plan, hits, cap, customers, needed)


def capped_budget(plan: str, hits: int, cap: int, customers: int, needed: int) -> int:
    """walk_budget() for a count stopped at cap: when it reached it, there are at least cap
    hits (the walk tests at most needed × customers / cap rows) and at most every customer
    (the hit list a walk builds): budgeted for the worse of the two."""
    if hits < cap:
        return walk_budget(plan, hits, customers, needed)
    return max(walk_budget(plan, cap, customers, needed),
               walk_budget(plan, customers, customers, needed))


def _page_rows(query: CustomerQuery, columns: tuple, offset: int, limit: int,
               plan: str | None = None):
    """(columns...) tuples of one page of query, in its order, read with plan (None: chosen)."""
    field = _SORT_FIELDS.get(query.sort, Customer.sort_name)
    order = [field.desc() if query.descending else field.asc(),
             Customer.id.desc() if query.descending else Customer.id.asc()]
    offset, limit = max(0, offset), max(0, limit)
    terms = search_terms(query.text)
    budget = None  # a forced plan (tests, benchmarks) runs to its end
    if plan is None:
        plan, budget = _choose_plan(query, terms, offset + limit)
    if plan == PLAN_SORT:
        return list(_filtered(query, Customer.select(*columns)).order_by(*order)
                    .offset(offset).limit(limit).tuples())
    match = _fts_match(terms)
    if plan == PLAN_PROBE:
        condition = NodeList((SQL(f"EXISTS (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? "
                                  f"AND {FTS_TABLE}.rowid =", (match,)), Customer.id, SQL(")")))
    else:
        condition = Customer.id.in_(
            SQL(f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)", (match,)))
    select = (Customer.select(*columns).where(condition).order_by(*order)
              .offset(offset).limit(limit))
    sql, params = select.sql()
    table = 'FROM "customer" AS "t1"'
    if sql.count(table) != 1:
        raise AssertionError(f"requête inattendue : {sql}")
    index = SORT_INDEXES.get(query.sort, SORT_INDEXES["name"])
    sql = sql.replace(table, f'{table} INDEXED BY "{index}"')
    rows = _walk_within_budget(sql, params, budget)
    if rows is None:  # the hits sit far along the index: sorting them is cheaper
        return _page_rows(query, columns, offset, limit, PLAN_SORT)
    return [tuple(column.python_value(value) for column, value in zip(columns, row))
            for row in rows]


_STEP = 1000  # instructions between two calls of the progress handler


def _walk_within_budget(sql: str, params, budget: int | None) -> list[tuple] | None:
    """The rows of a walking plan, or None when it ran past budget VM instructions (counted,
    not timed: the same choice on a busy machine). SQLite interrupts a read (no transaction
    is touched); the caller then sorts the hits, so the worst case is the plain plan plus the
    budget."""
    db = database_proxy.obj
    if budget is None:
        return db.execute_sql(sql, params).fetchall()
    connection = db.connection()
    left = [budget // _STEP]

    def spend() -> bool:
        left[0] -= 1
        return left[0] < 0

    connection.set_progress_handler(spend, _STEP)
    try:
        return db.execute_sql(sql, params).fetchall()
    except (OperationalError, sqlite3.OperationalError) as exc:  # at execute, at fetch
        if "interrupted" not in str(exc):
            raise
        return None
    finally:
        connection.set_progress_handler(None, 0)


_LIST_COLUMNS_SQL = (
    Customer.id, Customer.first_name, Customer.last_name, Customer.company_name,
    Customer.kind, Customer.status, Customer.email, Customer.phone, Customer.postal_code,
    Customer.city, Customer.segments, Customer.last_contact, Customer.created_at,
)


def list_customers(query: CustomerQuery, offset: int = 0, limit: int = 200,
                   plan: str | None = None) -> list[tuple]:
    """One page of the list: (id, then one value per LIST_COLUMNS key) sorted in SQL.

    name is the display name, phone is formatted for reading, dates are datetimes. plan (tests
    and benchmarks) forces how SQLite reads the page; None picks the cheapest (page_plan)."""
    rows = []
    home = _home_country()
    for (cid, first, last, company, kind, status, email, phone, postal, city, segments,
         last_contact, created) in _page_rows(query, _LIST_COLUMNS_SQL, offset, limit, plan):
        rows.append((cid, display_name(first, last, company, kind), kind, status, email,
                     display_phone(phone, home), postal, city, segments, last_contact, created))
    return rows


def quick_search(text: str, limit: int = 10) -> list[CustomerHit]:
    """A few customers matching text, for intake dialogs (complaints, answers)."""
    if not search_terms(text):
        return []
    rows = _page_rows(CustomerQuery(text=text), (
        Customer.id, Customer.first_name, Customer.last_name, Customer.company_name,
        Customer.kind, Customer.email, Customer.phone, Customer.city,
    ), 0, limit)
    hits = []
    home = _home_country()
    for cid, first, last, company, kind, email, phone, city in rows:
        contact = " · ".join(p for p in (display_phone(phone, home), city, email) if p)
        hits.append(CustomerHit(cid, display_name(first, last, company, kind), contact))
    return hits
