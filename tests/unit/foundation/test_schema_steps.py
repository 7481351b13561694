"""The frozen schema steps against today's models, on SQLite and on PostgreSQL from empty.

A database made by the steps must have exactly the schema the models declare (db.create_tables on
another empty database, plus the search index the customer services query). When this fails after
a model was edited, a new step is missing in rcdesk/models/migrations/ (README: Développement)."""

import hashlib
import inspect
import re
from pathlib import Path

import pytest
from peewee import PostgresqlDatabase, SqliteDatabase
from schema_shape import (
    INDICATOR_TRIGGERS,
    build_declared,
    declared_models,
    differences,
    fixture_versions,
    shape,
)

from rcdesk.models.migrations import LATEST_VERSION, MIGRATIONS, STEPS

# Fingerprint of each released step's SQL and apply(): a released step never changes. A version
# is released once a fixture of it is in tests/fixtures/schema/; add its fingerprint then.
RELEASED = {
    1: "49fd0c190214",
    2: "57cbc68aaf93",
    3: "1258e82afacd",
    4: "3a900111d1a0",
    5: "59af6d68b17e",
    6: "65251dd42f96",
    7: "715faee92146",
    8: "bf82311ce285",
    9: "28c5267b43ba",
    10: "ee6f104e7087",
    11: "6e817163a180",
    12: "ffd3a32ce3ec",
    13: "4a4ceb302815",
    14: "0bea86109e1f",
    15: "cfb89cefeb42",
    16: "be9b74a91016",
}


def fingerprint(step) -> str:
    parts = [f"{name}={value!r}" for name, value in sorted(vars(step).items())
             if name.isupper() and name not in ("VERSION", "LABEL") and isinstance(value, (str, tuple))]
    parts.append(inspect.getsource(step.apply))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


@pytest.fixture
def declared(database, tmp_path, request):
    """An empty database of the same engine with what the models declare built in it."""
    if database.engine == "sqlite":
        db = SqliteDatabase(str(tmp_path / "declared.db"))
        build_declared(db)
        yield db
        db.close()
        return
    server = request.getfixturevalue("postgres_server")
    name = server.new_database()
    db = PostgresqlDatabase(name, host="127.0.0.1", port=server.port, user=server.user)
    try:
        build_declared(db)
        yield db
    finally:
        db.close()
        server.admin(f"DROP DATABASE IF EXISTS {name}")


def test_steps_build_exactly_what_the_models_declare(database, declared):
    made = shape(database.db)
    problems = differences(made, shape(declared))
    assert not problems, ("the migration steps and the models disagree (a model changed without "
                          "a new step?):\n" + "\n".join(problems))
    tables = {key for key in made if key.startswith("table ")}
    assert {f"table {m._meta.table_name}" for m in declared_models()} <= tables
    triggers = {key for key in made if key.startswith("trigger ")}
    assert triggers == ({"trigger customer_fts_ai", "trigger customer_fts_ad", "trigger customer_fts_au",
                         "trigger purchase_sum_ai", "trigger purchase_sum_ad", "trigger purchase_sum_au"}
                        if database.engine == "sqlite"
                        else {"trigger customer_search_text_trg", "trigger purchase_summaries_trg",
                              "trigger purchase_periods_trg"}) | INDICATOR_TRIGGERS[database.engine]


def test_seed_rows_are_what_the_models_would_insert(database, declared):
    columns = ("id, name, legal_id, address, postal_code, city, phone, email, logo, country, currency, "
               "complaint_deadline_days")
    query = f"SELECT {columns} FROM company"
    assert database.db.execute_sql(query).fetchall() == declared.execute_sql(query).fetchall()
    updated = database.db.execute_sql("SELECT updated_at FROM company").fetchone()[0]
    assert str(updated)[:4] >= "2026"
    categories = database.db.execute_sql(
        "SELECT id, name, position FROM complaint_category ORDER BY id").fetchall()
    assert [tuple(row) for row in categories] == [
        (1, "Produit défectueux", 0), (2, "Livraison", 1), (3, "Accueil", 2), (4, "Facturation", 3),
        (5, "Délai", 4), (6, "Service après-vente", 5)]


def test_a_schema_change_without_a_step_is_reported(tmp_path):
    declared = SqliteDatabase(str(tmp_path / "declared.db"))
    build_declared(declared)
    before = shape(declared)
    declared.execute_sql('ALTER TABLE "customer" ADD COLUMN "added_without_step" INTEGER')
    declared.execute_sql('CREATE INDEX "purchase_without_step" ON "purchase" ("reference")')
    problems = differences(before, shape(declared))
    declared.close()
    assert any(line.startswith("table customer, columns") and "added_without_step" in line
               for line in problems)
    assert any(line.startswith("index purchase_without_step: missing") for line in problems)


def test_steps_are_numbered_modules_that_use_no_model():
    assert [version for version, _label, _step in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))
    for step in STEPS:
        path = Path(step.__file__)
        assert re.fullmatch(rf"v{step.VERSION:04d}_\w+\.py", path.name), path.name
        assert step.SQLITE and step.POSTGRESQL, path.name
        imports = re.findall(r"^\s*(?:from|import) (rcdesk[\w.]*)", path.read_text(), re.M)
        assert set(imports) <= {"rcdesk.models.migrations.sql"}, (path.name, imports)


def test_released_steps_never_change():
    released = fixture_versions()
    found = {step.VERSION: fingerprint(step) for step in STEPS}
    missing = [v for v in released if v not in RELEASED]
    assert not missing, f"fingerprints to add to RELEASED: { {v: found[v] for v in missing} }"
    changed = {v: found.get(v) for v, expected in RELEASED.items() if found.get(v) != expected}
    assert not changed, (f"released steps {sorted(changed)} changed: a released step never changes, "
                         f"append a new step instead (found {changed})")
