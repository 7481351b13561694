"""A database's schema as plain comparable data (SQLite and PostgreSQL), and what the models declare.

shape(db) reads tables, columns (type, nullability, default, key; by name, not position: a step's
ALTER TABLE appends), foreign keys, CHECK clauses, indexes, triggers, and on PostgreSQL functions,
sequences and extensions. build_declared(db) creates on an empty database what today's code
declares: every model's table and indexes (db.create_tables), the search index the customer
services query (from SEARCH_COLUMNS), the company row. differences(a, b) lists what differs, one
readable line each."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from peewee import SqliteDatabase

import rcdesk.models
from rcdesk.models import purchase_summaries as summaries
from rcdesk.models.base import BaseModel
from rcdesk.models.customers import FTS_TABLE, SEARCH_COLUMNS, fts_insert_trigger_sql

# vN.db: a database file as schema version N left it (see make_fixtures.py there)
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "schema"


def fixture_versions() -> list[int]:
    return sorted(int(path.stem[1:]) for path in FIXTURES.glob("v*.db"))

# --- reading a schema ----------------------------------------------------------------------


def _sql_text(sql: str | None) -> str:
    """SQL text compared without layout: runs of whitespace are one space, no IF NOT EXISTS."""
    text = re.sub(r"\s+", " ", sql or "").strip()
    return re.sub(r"(?i) IF NOT EXISTS", "", text)


def _checks(sql: str) -> list[str]:
    return sorted(_sql_text(m) for m in re.findall(r"CHECK\s*\((?:[^()]|\([^()]*\))*\)", sql or ""))


def sqlite_shape(db) -> dict:
    rows = db.execute_sql("SELECT type, name, tbl_name, sql FROM sqlite_master "
                          "WHERE name NOT LIKE 'sqlite_stat%'").fetchall()
    shape: dict = {}
    for kind, name, table, sql in rows:
        if kind == "table":
            columns = sorted(tuple(r[1:]) for r in db.execute_sql(f'PRAGMA table_xinfo("{name}")'))
            keys = sorted(tuple(r[2:]) for r in db.execute_sql(f'PRAGMA foreign_key_list("{name}")'))
            virtual = _sql_text(sql) if sql.upper().startswith("CREATE VIRTUAL") else None
            shape[f"table {name}"] = {"columns": columns, "foreign keys": keys,
                                      "checks": _checks(sql), "virtual": virtual}
            for _seq, index, unique, origin, partial in db.execute_sql(f'PRAGMA index_list("{name}")'):
                parts = [tuple(r[1:]) for r in db.execute_sql(f'PRAGMA index_xinfo("{index}")')]
                shape[f"index {index}"] = {"table": name, "unique": unique, "origin": origin,
                                           "partial": partial, "columns": parts}
        elif kind == "trigger":
            shape[f"trigger {name}"] = {"table": table, "sql": _sql_text(sql)}
    return shape


def _pg_rows(db, sql: str) -> list[tuple]:
    return [tuple(r) for r in db.execute_sql(sql).fetchall()]


def postgresql_shape(db) -> dict:
    shape: dict = {}
    for table, *column in _pg_rows(db, """
            SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision,
                   is_nullable, column_default
            FROM information_schema.columns WHERE table_schema = 'public'"""):
        shape.setdefault(f"table {table}", {"columns": [], "constraints": []})
        shape[f"table {table}"]["columns"].append(tuple(column))
    for table, name, kind, definition in _pg_rows(db, """
            SELECT c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid)
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"""):
        shape[f"table {table}"]["constraints"].append((name, kind, definition))
    for entry in shape.values():
        entry["columns"].sort()
        entry["constraints"].sort()
    for table, name, definition in _pg_rows(db, "SELECT tablename, indexname, indexdef FROM pg_indexes "
                                                "WHERE schemaname = 'public'"):
        shape[f"index {name}"] = {"table": table, "definition": definition}
    for table, name, definition in _pg_rows(db, """
            SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"""):
        shape[f"trigger {name}"] = {"table": table, "definition": definition}
    for name, definition in _pg_rows(db, """
            SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"""):
        shape[f"function {name}"] = {"definition": _sql_text(definition)}
    for (name,) in _pg_rows(db, "SELECT sequence_name FROM information_schema.sequences "
                                "WHERE sequence_schema = 'public'"):
        shape[f"sequence {name}"] = {}
    for (name,) in _pg_rows(db, "SELECT extname FROM pg_extension"):
        shape[f"extension {name}"] = {}
    return shape


def shape(db) -> dict:
    return sqlite_shape(db) if isinstance(db, SqliteDatabase) else postgresql_shape(db)


def differences(actual: dict, expected: dict) -> list[str]:
    """One line per object missing, unexpected or different ("actual" against "expected")."""
    lines = []
    for key in sorted(set(actual) | set(expected)):
        if key not in actual:
            lines.append(f"{key}: missing, expected {expected[key]}")
        elif key not in expected:
            lines.append(f"{key}: not expected, found {actual[key]}")
        elif actual[key] != expected[key]:
            for part in sorted(set(actual[key]) | set(expected[key])):
                found, wanted = actual[key].get(part), expected[key].get(part)
                if found == wanted:
                    continue
                if isinstance(found, list) and isinstance(wanted, list):
                    extra = [item for item in found if item not in wanted]
                    absent = [item for item in wanted if item not in found]
                    lines.append(f"{key}, {part}: found only {extra}, expected only {absent}")
                else:
                    lines.append(f"{key}, {part}: found {found!r}, expected {wanted!r}")
    return lines


# --- what today's code declares ------------------------------------------------------------


def declared_models() -> list:
    """Every model class of rcdesk.models (each module imported), found by subclassing."""
    for module in pkgutil.iter_modules(rcdesk.models.__path__):
        if module.name != "migrations":
            importlib.import_module(f"rcdesk.models.{module.name}")
    found, todo = [], list(BaseModel.__subclasses__())
    while todo:
        model = todo.pop()
        todo.extend(model.__subclasses__())
        if model.__module__.startswith("rcdesk.models."):
            found.append(model)
    return sorted(found, key=lambda m: m._meta.table_name)


def _concat(prefix: str) -> str:
    return " || ' ' || ".join(f"coalesce({prefix}.{name}, '')" for name in SEARCH_COLUMNS)


def _sqlite_search(db) -> None:
    """The FTS5 table the search service matches, kept by triggers over SEARCH_COLUMNS; the insert
    trigger is the one bulk imports drop and recreate (fts_insert_trigger_sql)."""
    db.execute_sql(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(body, "
                   "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')")
    db.execute_sql(fts_insert_trigger_sql())
    db.execute_sql(f"CREATE TRIGGER customer_fts_ad AFTER DELETE ON customer BEGIN "
                   f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END")
    db.execute_sql(f"CREATE TRIGGER customer_fts_au AFTER UPDATE OF {', '.join(SEARCH_COLUMNS)} "
                   f"ON customer BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = old.id; "
                   f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (new.id, {_concat('new')}); END")


def _postgresql_search(db) -> None:
    """search_text (the search service's LIKE target) folded by rcdesk_fold from SEARCH_COLUMNS."""
    db.execute_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    db.execute_sql("CREATE FUNCTION rcdesk_fold(text) RETURNS text LANGUAGE sql IMMUTABLE "
                   "PARALLEL SAFE AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, "
                   "coalesce($1, ''))) $$")
    db.execute_sql("ALTER TABLE customer ADD COLUMN search_text TEXT NOT NULL DEFAULT ''")
    db.execute_sql("CREATE FUNCTION customer_search_text() RETURNS trigger LANGUAGE plpgsql AS "
                   f"$$ BEGIN NEW.search_text := rcdesk_fold({_concat('NEW')}); RETURN NEW; END $$")
    db.execute_sql("CREATE TRIGGER customer_search_text_trg BEFORE INSERT OR UPDATE ON customer "
                   "FOR EACH ROW EXECUTE FUNCTION customer_search_text()")
    db.execute_sql("CREATE INDEX customer_search_trgm ON customer USING gin (search_text gin_trgm_ops)")


def _indicator_triggers(db) -> None:
    """The triggers of the indicator cache, the card holders' revenue per day and the stored
    answer delays (rcdesk.models.indicators)."""
    from rcdesk.models.indicators import cache_trigger_sql, delay_trigger_sql, holder_day_sql

    engine = "sqlite" if isinstance(db, SqliteDatabase) else "postgresql"
    for statement in cache_trigger_sql(engine) + holder_day_sql(engine) + delay_trigger_sql(engine):
        db.execute_sql(statement)


INDICATOR_TRIGGERS = {
    "sqlite": {f"trigger {t}_ic_{op}" for t in (
        "complaint", "purchase", "customer", "company", "loyalty_programme", "loyalty_card",
        "loyalty_voucher", "loyalty_card_event", "survey_campaign", "survey_question",
        "survey_response", "survey_answer") for op in ("insert", "delete", "update")}
    | {"trigger purchase_holder_ai", "trigger purchase_holder_ad", "trigger purchase_holder_au",
       "trigger card_holder_ai", "trigger card_holder_ad", "trigger card_holder_au_old",
       "trigger card_holder_au_new", "trigger complaint_delay_reset",
       "trigger company_country_delays"},
    "postgresql": {f"trigger {t}_indicator_cache" for t in (
        "complaint", "purchase", "customer", "company", "loyalty_programme", "loyalty_card",
        "loyalty_voucher", "loyalty_card_event", "survey_campaign", "survey_question",
        "survey_response", "survey_answer")}
    | {"trigger purchase_holder_day", "trigger card_holder_day", "trigger complaint_delay_reset",
       "trigger purchase_holder_gone", "trigger card_holder_gone",
       "trigger company_country_delays"},
}


def build_declared(db) -> None:
    """Create on the empty db what the models and the search services expect, plus the company row."""
    from rcdesk.models.settings import Company

    models = declared_models()
    with db.bind_ctx(models), db.atomic():
        db.create_tables(models)
        if isinstance(db, SqliteDatabase):
            _sqlite_search(db)
            statements = summaries.SQLITE_TRIGGERS
        else:
            _postgresql_search(db)
            statements = (*summaries.POSTGRESQL_FUNCTIONS, *summaries.POSTGRESQL_TRIGGERS)
        for statement in statements:  # the purchase summaries' triggers (step 16)
            db.execute_sql(statement)
        _indicator_triggers(db)
        Company.insert(id=1).execute()
