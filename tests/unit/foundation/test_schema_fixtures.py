"""Real files of every released schema version (tests/fixtures/schema/vN.db) open and migrate.

Each fixture was made by the rcdesk of its time (make_fixtures.py): a copy of it is opened with
open_database, migrated to the latest version, and must keep every row, its accents, dates and
NULLs, find its customer through the search, and end with the very schema of a new file."""

import shutil
import sqlite3
from datetime import date, datetime

import pytest
from schema_shape import FIXTURES, fixture_versions

from rcdesk.db import open_database, schema_version
from rcdesk.models.migrations import LATEST_VERSION
from rcdesk.services.customers import CustomerQuery, count_customers, list_customers, quick_search
from rcdesk.services.maintenance import check_database
from rcdesk.services.settings import get_company, get_setting, operator_name

VERSIONS = fixture_versions()


def test_every_released_version_has_a_fixture():
    assert set(range(1, LATEST_VERSION)) <= set(VERSIONS)
    for version in VERSIONS:
        con = sqlite3.connect(f"file:{FIXTURES / f'v{version}.db'}?mode=ro", uri=True)
        stored = con.execute("SELECT value FROM rcdesk_meta WHERE key = 'schema_version'").fetchone()
        con.close()
        assert stored == (str(version),)


# FTS5's index pages and segment list: their row count is the index's layout (step 11 rebuilt
# it with prefix indexes), not data; its rows are in customer_fts_content and _docsize.
FTS_LAYOUT = {"customer_fts_data", "customer_fts_idx"}


def counts(con) -> dict[str, int]:
    tables = [row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
              if row[0] not in FTS_LAYOUT]
    return {table: con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}


def master(con) -> list[tuple]:
    return sorted(con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(),
                  key=lambda row: (row[0], row[1]))


@pytest.fixture
def new_file_schema(tmp_path) -> list[tuple]:
    """sqlite_master of a file created by this rcdesk."""
    path = tmp_path / "new.db"
    open_database(path).close()
    con = sqlite3.connect(path)
    try:
        return master(con)
    finally:
        con.close()


def since(first: int):
    """The fixture versions that have the tables of schema version first, as test parameters."""
    return pytest.mark.parametrize("version", [v for v in VERSIONS if v >= first],
                                   ids=lambda v: f"v{v}")


def open_fixture(version: int, tmp_path):
    """Rows per table of fixture vN, and a copy of it opened (so migrated) by open_database."""
    path = tmp_path / f"v{version}.db"
    shutil.copyfile(FIXTURES / f"v{version}.db", path)
    con = sqlite3.connect(path)
    before = counts(con)
    con.close()
    db = open_database(path)
    assert schema_version(db) == LATEST_VERSION
    return before, db


@since(1)
def test_every_row_is_kept(version, tmp_path):
    before, db = open_fixture(version, tmp_path)
    con = db.connection()
    after = counts(con)
    assert {table: after.get(table) for table in before} == before
    assert check_database() == []
    if version < 4:  # step 4 brought the default complaint categories
        assert after["complaint_category"] == 6


@since(1)
def test_schema_is_the_one_of_a_new_file(version, tmp_path, new_file_schema):
    _before, db = open_fixture(version, tmp_path)
    assert master(db.connection()) == new_file_schema


@since(1)
def test_settings_and_operators_survive(version, tmp_path):
    open_fixture(version, tmp_path)
    company = get_company()
    assert (company.name, company.city) == ("Boulangerie Lefèvre & Fils", "Besançon")
    assert company.address == "12, rue de l'Église\nBâtiment B"
    assert company.complaint_deadline_days == 7
    assert company.logo.startswith(b"\x89PNG")
    assert get_setting("charter.jargon") == ["SAV", "délai de rétractation"]
    assert operator_name("jean-francois") == "Jean-François Œuvray"
    from rcdesk.models.settings import User

    assert User.get(User.login == "jean-francois").created_at == datetime(2026, 11, 20, 8, 5, 42, 125000)


@since(2)
def test_customers_survive_and_are_found(version, tmp_path):
    open_fixture(version, tmp_path)
    from rcdesk.models.customers import Customer, Purchase

    helene = Customer.get_by_id(1)
    assert (helene.first_name, helene.last_name) == ("Hélène", "Dupré-Çelik")
    assert helene.birth_date == date(1984, 2, 29)
    assert helene.last_contact == datetime(2026, 11, 18, 16, 45, 12, 500000)
    cafe = Customer.get_by_id(2)
    assert (cafe.birth_date, cafe.external_id, cafe.referred_by_id) == (None, None, 1)
    assert sum(p.amount_cents for p in Purchase.select()) == 1250 + 4599 + 99000
    assert [hit.customer_id for hit in quick_search("helene celik")] == [1]
    assert [hit.customer_id for hit in quick_search("06 12 34 56 78")] == [1]
    rows = list_customers(CustomerQuery(text="etoile"))
    assert [(row[0], row[1]) for row in rows] == [(2, "Café de l'Étoile")]
    # the search triggers still run on the migrated file
    Customer.update(city="Montbéliard").where(Customer.id == 2).execute()
    assert count_customers(CustomerQuery(text="montbeliard")) == 1
    created = Customer.create(first_name="Noémie", last_name="Å", sort_name="a noemie")
    assert [hit.customer_id for hit in quick_search("noemie")] == [created.id]


@since(3)
def test_assessment_and_charter_survive(version, tmp_path):
    open_fixture(version, tmp_path)
    from rcdesk.models.assessment import Assessment, AssessmentScore
    from rcdesk.models.charter import Commitment, CommitmentReading

    scores = [s.score for s in AssessmentScore.select().where(AssessmentScore.assessment == 1)
              .order_by(AssessmentScore.theme)]
    assert scores == [7, 5, 8, 3, 6, 10, 0, 4]
    assert Assessment.get_by_id(1).threats == "Concurrence à bas prix"
    assert Commitment.get_by_id(2).target_value is None
    assert Commitment.get_by_id(1).review_date == date(2027, 1, 31)
    assert CommitmentReading.get(CommitmentReading.value == 92.5).note == "Enquête « sourire »"


@since(4)
def test_complaints_and_actions_survive(version, tmp_path):
    open_fixture(version, tmp_path)
    from rcdesk.models.actions import ActionComplaint, QualityAction
    from rcdesk.models.complaints import Complaint, ComplaintCategory, ComplaintEvent

    first = Complaint.get(Complaint.number == "REC-2026-0001")
    assert first.received_at == datetime(2026, 11, 16, 9, 12, 30, 250000)
    assert (first.customer_id, first.founded, first.category.name) == (1, True, "Produit défectueux")
    walk_in = Complaint.get(Complaint.number == "REC-2026-0002")
    assert (walk_in.customer_id, walk_in.founded, walk_in.walk_in_name) == (None, None, "Gérard Lemaître")
    assert walk_in.category.name == "Hygiène"
    assert [e.what for e in first.events.order_by(ComplaintEvent.at)] == [
        "Réclamation reçue", "Réponse envoyée"]
    assert first.attachments.get().filename == "photo brioche été.jpg"
    assert ComplaintCategory.select().count() == 7
    assert QualityAction.get_by_id(1).causes_5m == "méthode,matière"
    assert ActionComplaint.select().count() == 2


@since(1)
def test_records_start_at_version_one(version, tmp_path):
    """Step 5 numbers every record a form edits: the rows already there are version 1."""
    _before, db = open_fixture(version, tmp_path)
    for table in ("customer", "complaint", "quality_action", "commitment", "company"):
        versions = {row[0] for row in db.execute_sql(f'SELECT version FROM "{table}"')}
        assert versions <= {1}, table
    assert db.execute_sql('SELECT version FROM "company"').fetchall() == [(1,)]
