"""Database files: every refusal leaves the file and its folder exactly as they were and names
the real cause; read-only files open read-only; a missing file is created only on request."""

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from schema_shape import FIXTURES

from rcdesk.core.errors import ReadOnlyDatabaseError
from rcdesk.db import (
    READ,
    WRITE,
    DatabaseOpenError,
    MissingDatabaseError,
    close_database,
    expected_schema,
    missing_schema,
    open_database,
    read_only_reason,
    schema_version,
    sqlite_columns,
)
from rcdesk.models.migrations import LATEST_VERSION
from rcdesk.services.settings import CompanyProfile, get_company, save_company


def folder_state(folder: Path) -> dict[str, str]:
    """Every entry of folder with its SHA-256 (folders marked as such)."""
    return {path.name: (hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file()
                        else "dossier")
            for path in sorted(folder.iterdir())}


def rcdesk_file(path: Path, *, wal: bool = True) -> Path:
    """A complete rcdesk file at the latest version, with a company name, closed."""
    open_database(path)
    save_company(CompanyProfile(name="Boulangerie Durand"))
    close_database()
    if not wal:
        con = sqlite3.connect(path)
        con.execute("PRAGMA journal_mode=DELETE")
        con.close()
    return path


def run_sql(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


def is_wal(path: Path) -> bool:
    return path.read_bytes()[18:20] == b"\x02\x02"


# --- every refusal: (make the file in folder, what open_database is asked, words of the cause)


def text_file(folder):
    (folder / "base.db").write_text("Liste des clients\nDurand;Lille\n", encoding="utf-8")


def truncated(folder):
    path = rcdesk_file(folder / "base.db", wal=False)
    run_sql(path, "CREATE TABLE filler (x TEXT)",
            "INSERT INTO filler VALUES " + ",".join(["('" + "x" * 500 + "')"] * 400))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def corrupted(folder):
    path = rcdesk_file(folder / "base.db", wal=False)
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data) - 4096, 4096):
        data[offset:offset + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(data))


def version(value, *, wal=True):
    def make(folder):
        path = rcdesk_file(folder / "base.db", wal=wal)
        run_sql(path, f"UPDATE rcdesk_meta SET value = '{value}' WHERE key = 'schema_version'")
        assert is_wal(path) == wal
    return make


def no_version_row(folder):
    run_sql(rcdesk_file(folder / "base.db"), "DELETE FROM rcdesk_meta")


def foreign_tables(folder):
    run_sql(folder / "base.db", "CREATE TABLE invoices (id INTEGER)")


def views_only(folder):
    run_sql(folder / "base.db", "CREATE VIEW chiffres AS SELECT 1 AS un, 2 AS deux")


def lost_table(folder):
    run_sql(rcdesk_file(folder / "base.db"), "DROP TABLE complaint_event")


def lost_column(folder):
    run_sql(rcdesk_file(folder / "base.db"), "ALTER TABLE company DROP COLUMN city")


def newer_only_in_the_wal(folder):
    """A session that died with its last commit (schema 99) still in the -wal, no -shm."""
    path = rcdesk_file(folder / "source.db")
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("UPDATE rcdesk_meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    shutil.copyfile(path, folder / "base.db")
    shutil.copyfile(f"{path}-wal", folder / "base.db-wal")
    con.close()
    for name in ("source.db", "source.db-wal", "source.db-shm"):
        (folder / name).unlink(missing_ok=True)
    assert sqlite3.connect(f"file:{folder / 'base.db'}?mode=ro&immutable=1", uri=True).execute(
        "SELECT value FROM rcdesk_meta").fetchone() == (str(LATEST_VERSION),)


def older_read_only(folder, read_only):
    shutil.copyfile(FIXTURES / "v2.db", folder / "base.db")
    read_only(folder / "base.db")


def write_on_read_only(folder, read_only):
    rcdesk_file(folder / "base.db")
    read_only(folder / "base.db")


def new_in_read_only_folder(folder, read_only):
    read_only(folder)


def newer_in_read_only_folder(folder, read_only):
    version(99)(folder)
    read_only(folder)


def empty(folder):
    (folder / "base.db").write_bytes(b"")


def nothing(folder):
    pass


REFUSALS = [
    ("texte", text_file, {}, "n'est pas au format SQLite"),
    ("tronqué", truncated, {}, "tronqué"),
    ("endommagé", corrupted, {}, "endommagé"),
    ("plus récent", version(99, wal=False), {}, "version plus récente de rcdesk (schéma 99"),
    ("plus récent WAL", version(99), {}, "version plus récente de rcdesk (schéma 99"),
    ("plus récent dans le -wal", newer_only_in_the_wal, {}, "version plus récente"),
    ("version 0", version(0, wal=False), {}, "version de schéma enregistrée (0) est invalide"),
    ("version -1", version(-1, wal=False), {}, "version de schéma enregistrée (-1) est invalide"),
    ("version illisible", version("quatre"), {}, "(« quatre ») est illisible"),
    ("sans version", no_version_row, {}, "n'indique pas de version de schéma"),
    ("tables étrangères", foreign_tables, {}, "pas une base rcdesk"),
    ("vues seulement", views_only, {}, "pas une base rcdesk (elle contient déjà des objets "
                                       "qui ne sont pas les siens : view)"),
    ("table perdue", lost_table, {}, "incomplète (table « complaint_event » manquante)"),
    ("colonne perdue", lost_column, {}, "table « company » : colonne « city » manquante"),
    ("ancien en lecture seule", older_read_only, {},
     f"au schéma 2 et doit être mise à jour vers le schéma {LATEST_VERSION}, ce qui est "
     "impossible : le fichier"),
    ("écrire en lecture seule", write_on_read_only, {"access": WRITE},
     "cette base est en lecture seule (le fichier"),
    ("créer dans un dossier en lecture seule", new_in_read_only_folder, {},
     "est en lecture seule : la base ne peut pas y être créée"),
    ("plus récent, dossier en lecture seule", newer_in_read_only_folder, {},
     "version plus récente"),
    ("absent sans création", nothing, {"create": False}, "n'existe pas"),
    ("vide sans création", empty, {"create": False}, "est vide : ce n'est pas encore une base"),
]


@pytest.mark.parametrize("make, kwargs, cause", [case[1:] for case in REFUSALS],
                         ids=[case[0] for case in REFUSALS])
def test_a_refusal_leaves_the_file_and_its_folder_as_they_were(tmp_path, read_only, make,
                                                                kwargs, cause):
    folder = tmp_path / "dossier"
    folder.mkdir()
    if "read_only" in make.__code__.co_varnames:
        make(folder, read_only)
    else:
        make(folder)
    before = folder_state(folder)
    target = folder / "base.db"
    with pytest.raises(DatabaseOpenError) as info:
        open_database(target, **kwargs)
    assert str(target) in str(info.value)
    assert cause in str(info.value)
    assert "endommagé" not in str(info.value) or make is corrupted
    assert folder_state(folder) == before


def test_missing_file_message_is_exactly_french(tmp_path):
    (tmp_path / "dossier").mkdir()
    path = tmp_path / "dossier" / "boutque.db"
    with pytest.raises(MissingDatabaseError) as info:
        open_database(path, create=False)
    assert str(info.value) == f"Le fichier « {path} » n'existe pas."
    assert list(path.parent.iterdir()) == []


def test_a_new_file_says_it_was_created(tmp_path):
    assert open_database(tmp_path / "neuf.db").created is True
    close_database()
    assert open_database(tmp_path / "neuf.db").created is False


def test_read_only_file_opens_read_only_and_refuses_writes_in_french(tmp_path, read_only):
    folder = tmp_path / "dossier"
    folder.mkdir()
    path = rcdesk_file(folder / "base.db")
    read_only(path)
    before = folder_state(folder)
    db = open_database(path)
    assert read_only_reason() == f"le fichier « {path} » n'est pas modifiable"
    assert get_company().name == "Boulangerie Durand"
    with pytest.raises(ReadOnlyDatabaseError) as info:
        save_company(CompanyProfile(name="Autre"))
    assert str(info.value) == (f"Cette base est en lecture seule : le fichier « {path} » n'est "
                               "pas modifiable. La modification n'a pas été enregistrée.")
    db.close()
    assert folder_state(folder) == before  # no -wal or -shm left behind


def test_read_only_folder_opens_the_file_read_only(tmp_path, read_only):
    folder = tmp_path / "dossier"
    folder.mkdir()
    path = rcdesk_file(folder / "base.db")
    read_only(folder)
    open_database(path)
    assert read_only_reason() == f"le dossier « {folder} » est en lecture seule"
    assert get_company().name == "Boulangerie Durand"


def test_read_access_never_changes_a_writable_file(tmp_path):
    folder = tmp_path / "dossier"
    folder.mkdir()
    shutil.copyfile(FIXTURES / "v4.db", folder / "base.db")  # rollback-journal mode, as made
    open_database(folder / "base.db")  # brought to the latest version first, its backup aside
    close_database()
    for old in folder.glob("base.avant-schema-*"):
        old.unlink()
    before = folder_state(folder)
    db = open_database(folder / "base.db", access=READ, create=False)
    assert schema_version(db) == LATEST_VERSION
    assert get_company().name
    with pytest.raises(ReadOnlyDatabaseError):
        save_company(CompanyProfile(name="Autre"))
    db.close()
    assert folder_state(folder) == before


def test_read_access_still_migrates_an_older_writable_file(tmp_path):
    path = tmp_path / "v2.db"
    shutil.copyfile(FIXTURES / "v2.db", path)
    db = open_database(path, access=READ, create=False)
    assert schema_version(db) == LATEST_VERSION
    assert len(list(tmp_path.glob("v2.avant-schema-*"))) == 1
    with pytest.raises(ReadOnlyDatabaseError):
        save_company(CompanyProfile(name="Autre"))


@pytest.mark.pg
def test_read_access_on_postgresql_refuses_writes(postgres_server):
    url = postgres_server.url(postgres_server.new_database())
    open_database(url).close()
    open_database(url, access=READ, create=False)
    assert get_company().name == ""
    with pytest.raises(ReadOnlyDatabaseError):
        save_company(CompanyProfile(name="Autre"))


@pytest.mark.pg
def test_postgresql_empty_database_is_created_only_on_request(postgres_server):
    url = postgres_server.url(postgres_server.new_database())
    with pytest.raises(MissingDatabaseError, match="est vide : ce n'est pas encore une base"):
        open_database(url, create=False)
    assert open_database(url).created is True


@pytest.mark.pg
def test_postgresql_database_holding_only_views_is_refused(postgres_server):
    name = postgres_server.new_database()
    url = postgres_server.url(name)
    import psycopg2

    pg = psycopg2.connect(host="127.0.0.1", port=postgres_server.port, user=postgres_server.user,
                          dbname=name)
    pg.autocommit = True
    pg.cursor().execute("CREATE VIEW chiffres AS SELECT 1 AS un")
    with pytest.raises(DatabaseOpenError, match="tables ou des vues qui ne sont pas"):
        open_database(url)
    cursor = pg.cursor()
    cursor.execute("SELECT count(*) FROM information_schema.tables "
                   "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
    assert cursor.fetchone() == (0,)
    pg.close()


@pytest.mark.pg
def test_postgresql_lost_table_is_refused_before_migrating(postgres_server):
    url = postgres_server.url(postgres_server.new_database())
    db = open_database(url)
    db.execute_sql('DROP TABLE "complaint_event"')
    db.close()
    with pytest.raises(DatabaseOpenError, match="table « complaint_event » manquante"):
        open_database(url)


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_expected_schema_of_each_version_is_the_fixture_s(version):
    con = sqlite3.connect(f"file:{FIXTURES / f'v{version}.db'}?mode=ro", uri=True)
    expected = expected_schema(version, "sqlite")
    assert missing_schema(sqlite_columns(con, expected), version, "sqlite") == []
    con.close()
    assert ("complaint" in expected) == (version >= 4)
    assert "customer_fts" not in expected_schema(version, "postgresql")
