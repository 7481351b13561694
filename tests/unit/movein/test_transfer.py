"""rcdesk transfer: a whole base copied SQLite → PostgreSQL → SQLite, every row of every table
the area registry names, compared value by value; check and stats identical on both sides."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal

import pytest

from rcdesk.core.errors import ServiceError
from rcdesk.core.periods import Period
from rcdesk.db import ZEROED_KEY, close_database, expected_schema, open_database
from rcdesk.models.base import database_proxy
from rcdesk.models.customers import Customer
from rcdesk.models.indicators import DERIVED_TABLES
from rcdesk.models.migrations import LATEST_VERSION
from rcdesk.models.purchase_summaries import TABLES as SUMMARY_TABLES
from rcdesk.services.area_types import DemoOptions
from rcdesk.services.customers.records import CustomerData, create_customer
from rcdesk.services.demo import make_demo
from rcdesk.services.maintenance import check_database
from rcdesk.services.stats import collect_stats
from rcdesk.services.transfer import transfer_database, transfer_models

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def _normal(value):
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value)
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] == " ":
        return datetime.fromisoformat(value).isoformat(sep=" ")  # SQLite's datetime text
    return value


def dump() -> dict[str, list[dict]]:
    """Every row of every table of the open base, in primary-key order, as plain values."""
    db = database_proxy.obj
    tables = {}
    for model in transfer_models():
        table = model._meta.table_name
        columns = sorted(expected_schema(LATEST_VERSION, "sqlite")[table]
                         & expected_schema(LATEST_VERSION, "postgresql")[table])
        names = ", ".join(f'"{c}"' for c in columns)
        key = model._meta.primary_key.column_name
        rows = db.execute_sql(f'SELECT {names} FROM "{table}" ORDER BY "{key}"').fetchall()
        tables[table] = [dict(zip(columns, map(_normal, row))) for row in rows
                         if row[0] != ZEROED_KEY]  # a file's own mark: how it erases
    return tables


def stats() -> dict:
    return collect_stats(Period(None, None))


def make_source(path) -> dict:
    """A demo base with what a demo lacks: a referrer with a higher id than its godchild, a
    logo (bytes), a setting."""
    open_database(path)
    make_demo(DemoOptions(customers=40, seed=7))
    from rcdesk.models.settings import Company
    from rcdesk.services.settings import set_setting

    Company.update(logo=PNG).execute()
    set_setting("backup_folder", "/media/cle")
    from rcdesk.models.complaints import Complaint, ComplaintAttachment

    ComplaintAttachment.insert(complaint=Complaint.select(Complaint.id).limit(1).scalar(),
                               sha256="ab" * 32, stored_name="ab" * 32 + ".pdf",
                               filename="facture été.pdf", size=1234).execute()
    late = create_customer(CustomerData(first_name="Zoé", last_name="Parrain"))
    Customer.update(referred_by=late).where(Customer.id == 1).execute()
    return {"dump": dump(), "stats": stats(), "summaries": summaries()}


def summaries() -> dict:
    db = database_proxy.obj
    return {table: sorted(tuple(str(v) for v in row) for row in db.execute_sql(
        f'SELECT * FROM "{table}"').fetchall()) for table in ("purchase_day", "customer_purchase")}


def test_every_table_of_the_schema_is_transferred():
    tables = {m._meta.table_name for m in transfer_models()}
    schema = set(expected_schema(LATEST_VERSION, "postgresql"))  # no SQLite search table
    # the tables the base derives itself (indicators' cache, holders' revenue, purchase
    # summaries) are made again on the target, never copied
    assert schema == tables | set(DERIVED_TABLES) | set(SUMMARY_TABLES)
    assert not tables & (set(SUMMARY_TABLES) | set(DERIVED_TABLES))


def test_parents_are_copied_before_their_children():
    order = [m._meta.table_name for m in transfer_models()]
    assert order.index("customer") < order.index("purchase")
    assert order.index("customer") < order.index("complaint")
    assert order.index("complaint") < order.index("complaint_event")
    assert order.index("complaint") < order.index("action_complaint")
    assert order.index("quality_action") < order.index("action_complaint")


NEW_AREAS = ("customer_contact", "survey_response", "survey_answer", "loyalty_card",
             "loyalty_ledger", "loyalty_voucher", "indicator_target", "indicator_review",
             "review_line", "contact_point", "comm_plan_row")


def test_sqlite_to_sqlite_gives_the_same_base(tmp_path):
    before = make_source(tmp_path / "a.db")
    # the areas merged last are in the comparison with rows, not as empty tables
    assert [t for t in NEW_AREAS if not before["dump"][t]] == []
    result = transfer_database(tmp_path / "b.db")
    assert result.counts["customer"] == 41 and result.counts["company"] == 1
    assert result.counts["complaint_attachment"] == 1
    assert Customer.select().count() == 41  # the source is still the open base
    close_database()
    open_database(tmp_path / "b.db")
    assert check_database() == []  # the purchase summaries included, summed once
    assert dump() == before["dump"]
    assert stats() == before["stats"]
    assert summaries() == before["summaries"]
    assert Customer.get_by_id(1).referred_by_id == 41
    # the card holders' revenue per day made again from the purchases copied
    from rcdesk.services.loyalty.figures import _holders_revenue, holders_revenue_from_purchases

    assert _holders_revenue(Period(None, None))[0] == holders_revenue_from_purchases(
        Period(None, None)) > 0
    # the indexes dropped for the copy are back, as a new base has them
    schema = ("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
              "ORDER BY name")
    copied = database_proxy.obj.execute_sql(schema).fetchall()
    close_database()
    open_database(tmp_path / "neuve.db")
    assert copied == database_proxy.obj.execute_sql(schema).fetchall()
    assert len(copied) > 20
    close_database()
    open_database(tmp_path / "b.db")
    # the search index of the new file was filled
    assert database_proxy.obj.execute_sql(
        "SELECT COUNT(*) FROM customer_fts WHERE customer_fts MATCH 'parrain'").fetchone()[0] == 1


def test_a_target_with_data_is_refused_then_replaced_when_asked(tmp_path):
    make_source(tmp_path / "a.db")
    close_database()
    open_database(tmp_path / "other.db")
    create_customer(CustomerData(first_name="Seul", last_name="Client"))
    close_database()
    open_database(tmp_path / "a.db")
    with pytest.raises(ServiceError, match=r"contient déjà des données \(customer : 1"):
        transfer_database(tmp_path / "other.db")
    con = sqlite3.connect(tmp_path / "other.db")
    assert con.execute("SELECT last_name FROM customer").fetchall() == [("Client",)]
    con.close()
    result = transfer_database(tmp_path / "other.db", replace=True)
    assert result.replaced and result.counts["customer"] == 41
    con = sqlite3.connect(tmp_path / "other.db")
    assert con.execute("SELECT COUNT(*) FROM customer WHERE last_name = 'Client' "
                       "AND first_name = 'Seul'").fetchone()[0] == 0
    con.close()


def test_the_open_base_itself_and_a_missing_folder_are_refused(tmp_path):
    make_source(tmp_path / "a.db")
    with pytest.raises(ServiceError, match="la base ouverte elle-même"):
        transfer_database(tmp_path / "a.db")
    with pytest.raises(ServiceError, match="n'existe pas"):
        transfer_database(tmp_path / "nulle-part" / "b.db")
    assert not (tmp_path / "nulle-part").exists()


def test_progress_is_reported_per_table(tmp_path):
    make_source(tmp_path / "a.db")
    seen = []
    transfer_database(tmp_path / "b.db", progress=lambda t, d, n: seen.append((t, d, n)))
    assert ("customer", 41, 41) in seen
    assert ("customer", 0, 41) in seen


SCHEMA_OBJECTS = (
    "SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes "
    "WHERE schemaname = current_schema() UNION ALL "
    "SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
    "WHERE connamespace = to_regnamespace(current_schema())")


def keys_and_indexes() -> set[str]:
    return {r[0] for r in database_proxy.obj.execute_sql(SCHEMA_OBJECTS).fetchall()}


def fresh_keys_and_indexes(server) -> set[str]:
    current = database_proxy.obj
    fresh = open_database(server.url(server.new_database()))
    try:
        return keys_and_indexes()
    finally:
        fresh.close()
        database_proxy.initialize(current)


@pytest.mark.pg
def test_sqlite_to_postgresql_and_back_keeps_every_value(tmp_path, postgres_server):
    before = make_source(tmp_path / "a.db")
    url = postgres_server.url(postgres_server.new_database())
    result = transfer_database(url)
    assert result.counts["customer"] == 41
    close_database()
    open_database(url)
    assert check_database() == []
    assert dump() == before["dump"]
    assert stats() == before["stats"]
    assert summaries() == before["summaries"]
    # the foreign keys and indexes dropped for the copy are all back, as a new base has them
    objects = keys_and_indexes()
    assert objects == fresh_keys_and_indexes(postgres_server)
    assert sum("FOREIGN KEY" in o for o in objects) >= 10
    assert any("customer_search_trgm" in o for o in objects)
    # the sequences follow the copied ids: the next customer is number 42
    assert create_customer(CustomerData(first_name="Nouveau", last_name="Poste")) == 42
    Customer.delete().where(Customer.id == 42).execute()
    # a second transfer into the same PostgreSQL base is refused: it holds data
    close_database()
    open_database(tmp_path / "a.db")
    with pytest.raises(ServiceError, match="contient déjà des données"):
        transfer_database(url)
    close_database()
    open_database(url)
    back = tmp_path / "retour.db"
    transfer_database(back)
    close_database()
    open_database(back)
    assert check_database() == []
    assert dump() == before["dump"]
    assert stats() == before["stats"]


def test_cli_transfer_shows_progress_and_refuses_a_full_target(tmp_path, capsys):
    from rcdesk.cli import main

    make_source(tmp_path / "a.db")
    close_database()
    assert main(["--db", str(tmp_path / "a.db"), "transfer", "--to",
                 str(tmp_path / "b.db")]) == 0
    captured = capsys.readouterr()
    assert "  customer : 41/41" in captured.err.splitlines()
    assert f"Base remplie : {tmp_path / 'b.db'} — " in captured.out
    assert main(["--db", str(tmp_path / "b.db"), "check"]) == 0
    capsys.readouterr()
    assert main(["--db", str(tmp_path / "a.db"), "transfer", "--to",
                 str(tmp_path / "b.db")]) == 2
    assert "contient déjà des données" in capsys.readouterr().err
    assert main(["--db", str(tmp_path / "a.db"), "transfer", "--quiet", "--replace", "--to",
                 str(tmp_path / "b.db")]) == 0
    captured = capsys.readouterr()
    assert "Base remplacée" in captured.out and "customer :" not in captured.err
