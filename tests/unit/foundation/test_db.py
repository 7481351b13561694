"""Opening and migrating databases; every bad file refused in French and left untouched."""

import hashlib
import re
import shutil
import sqlite3

import pytest
from schema_shape import FIXTURES

from rcdesk.db import DatabaseOpenError, display_name, open_database, schema_version
from rcdesk.models.migrations import LATEST_VERSION, MIGRATIONS
from rcdesk.services.settings import CompanyProfile, get_company, save_company


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_valid_file(path) -> None:
    db = open_database(path)
    save_company(CompanyProfile(name="Boulangerie Durand"))
    db.execute_sql("CREATE TABLE filler (x TEXT)")
    db.execute_sql("INSERT INTO filler VALUES " + ",".join(["('" + "x" * 500 + "')"] * 400))
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute_sql("PRAGMA journal_mode=DELETE")
    db.close()


def test_latest_version_is_the_last_migration():
    assert LATEST_VERSION == MIGRATIONS[-1][0] == 6
    assert [m[0] for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))


def test_new_file_is_created_at_latest_version_with_pragmas(tmp_path):
    path = tmp_path / "new.db"
    db = open_database(path)
    assert path.exists()
    assert schema_version(db) == LATEST_VERSION
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert db.execute_sql("PRAGMA secure_delete").fetchone()[0] == 1  # deletions are zeroed
    assert db.execute_sql("SELECT value FROM rcdesk_meta WHERE key = 'secure_delete'"
                          ).fetchone() == ("1",)  # so no one-time VACUUM at its first erasure


def test_empty_file_is_initialised(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    db = open_database(path)
    assert schema_version(db) == LATEST_VERSION
    assert get_company().name == ""


def test_sqlite_url_is_accepted(tmp_path):
    path = tmp_path / "url.db"
    db = open_database(f"sqlite:///{path}")
    assert db.database == str(path)
    assert schema_version(db) == LATEST_VERSION


def test_older_file_is_backed_up_then_migrated_keeping_data(tmp_path):
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "v2.db", path)  # a file as schema 2 left it, made by its rcdesk
    con = sqlite3.connect(path)
    con.execute("UPDATE company SET name = 'Ancienne base' WHERE id = 1")
    con.commit()
    customers = con.execute("SELECT first_name, birth_date FROM customer ORDER BY id").fetchall()
    con.close()

    db = open_database(path)
    assert schema_version(db) == LATEST_VERSION
    assert get_company().name == "Ancienne base"
    assert db.execute_sql("SELECT first_name, birth_date FROM customer ORDER BY id").fetchall() == customers
    assert customers[0] == ("Hélène", "1984-02-29")
    backups = list(tmp_path.glob(f"old.avant-schema-{LATEST_VERSION}-*.db"))
    assert len(backups) == 1
    assert re.fullmatch(rf"old\.avant-schema-{LATEST_VERSION}-\d{{8}}-\d{{6}}\.db", backups[0].name)
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT value FROM rcdesk_meta WHERE key='schema_version'").fetchone() == ("2",)
    assert copy.execute("SELECT name FROM company").fetchone() == ("Ancienne base",)
    assert copy.execute("SELECT first_name, birth_date FROM customer ORDER BY id").fetchall() == customers
    assert "complaint" not in {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
    copy.close()
    db.close()


def test_reopening_latest_file_takes_no_backup(tmp_path):
    path = tmp_path / "cur.db"
    open_database(path).close()
    open_database(path).close()
    assert list(tmp_path.glob("*.avant-schema-*")) == []


def assert_refused_unchanged(path, fragment: str):
    before = digest(path)
    with pytest.raises(DatabaseOpenError) as info:
        open_database(path)
    message = str(info.value)
    assert str(path) in message
    assert fragment in message
    assert digest(path) == before
    assert not list(path.parent.glob(f"{path.stem}.avant-schema-*"))
    return message


def test_text_file_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("Liste des clients\nDurand;Lille\n", encoding="utf-8")
    assert_refused_unchanged(path, "n'est pas au format SQLite")


def test_truncated_file_is_refused(tmp_path):
    path = tmp_path / "cut.db"
    make_valid_file(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert_refused_unchanged(path, "tronqué")


def test_corrupted_file_is_refused(tmp_path):
    path = tmp_path / "bad.db"
    make_valid_file(path)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page, len(data) - page, page):  # scribble over every page but the first
        data[offset:offset + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(data))
    assert_refused_unchanged(path, "endommagé")


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE rcdesk_meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    message = assert_refused_unchanged(path, "version plus récente")
    assert "schéma 99" in message


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "autre.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.commit()
    con.close()
    assert_refused_unchanged(path, "pas une base rcdesk")


def test_missing_folder_is_refused(tmp_path):
    path = tmp_path / "absent" / "x.db"
    with pytest.raises(DatabaseOpenError, match="n'existe pas"):
        open_database(path)
    assert not path.parent.exists()


@pytest.mark.pg
def test_postgresql_url_opens_and_migrates(pg_database):
    assert schema_version(pg_database.db) == LATEST_VERSION
    assert "rcdesk_meta" in pg_database.db.get_tables()


def test_postgresql_unreachable_server_is_a_french_error():
    with pytest.raises(DatabaseOpenError, match="connexion au serveur PostgreSQL impossible"):
        open_database("postgresql://rcdesk:secret@127.0.0.1:1/absent")


def test_display_name_hides_the_password():
    assert display_name("postgresql://shop:secret@db.local:5432/rc") == \
        "postgresql://shop:***@db.local:5432/rc"
    assert display_name("/tmp/x.db") == "/tmp/x.db"
