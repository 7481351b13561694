"""Backups: the daily copy and its rotation (7 days, 4 weeks), the list with counts, restoring
with the current base kept aside, the CLI's backup/restore, the portable copy of PostgreSQL."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

import pytest

from rcdesk.cli import main
from rcdesk.core.errors import ServiceError
from rcdesk.db import close_database, open_database
from rcdesk.models.customers import Customer
from rcdesk.services.backups import (
    auto_backup,
    backup_failure,
    backup_folder,
    backup_now,
    copies_to_keep,
    list_backups,
    prune,
    restore_file,
    set_backup_folder,
)
from rcdesk.services.customers.records import CustomerData, create_customer


def customers_in(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT last_name FROM customer ORDER BY id")]
    finally:
        con.close()


def test_rotation_keeps_7_days_then_the_last_copy_of_4_weeks():
    today = date(2026, 11, 29)  # a Sunday
    days = [today - timedelta(days=n) for n in range(60)]
    keep = copies_to_keep(days)
    daily = {today - timedelta(days=n) for n in range(7)}  # 23/11 .. 29/11
    # older weeks, newest day of each: Sun 22/11, Sun 15/11, Sun 8/11, Sun 1/11
    weekly = {date(2026, 11, 22), date(2026, 11, 15), date(2026, 11, 8), date(2026, 11, 1)}
    assert keep == daily | weekly
    assert len(keep) == 11


def test_rotation_with_gaps_counts_copies_not_calendar_days():
    days = [date(2026, 1, 5), date(2026, 1, 1), date(2025, 12, 1)]
    assert copies_to_keep(days) == set(days)


def test_automatic_copy_once_a_day_into_the_folder_then_rotated(tmp_path, isolated_data_dir):
    open_database(tmp_path / "boutique.db")
    create_customer(CustomerData(last_name="Durand"))
    folder = backup_folder()
    assert folder == isolated_data_dir / "sauvegardes"
    start = date(2026, 10, 1)
    for n in range(45):
        auto_backup(today=start + timedelta(days=n))
    assert auto_backup(today=start + timedelta(days=44)) is None  # once a day
    names = sorted(p.name for p in folder.glob("*.db"))
    assert len(names) == 11
    assert names[-1] == "boutique-2026-11-14.db" and "boutique-2026-11-08.db" in names
    assert customers_in(folder / names[-1]) == ["Durand"]
    other = folder / "autre-2020-01-01.db"  # another base's copy, and a stray file: untouched
    other.write_bytes(b"")
    (folder / "notes.txt").write_text("à garder")
    assert prune(folder, "boutique", date(2026, 11, 14)) == []
    assert other.exists() and (folder / "notes.txt").exists()


def test_the_folder_is_a_setting(tmp_path):
    open_database(tmp_path / "b.db")
    key = tmp_path / "cle-usb"
    with pytest.raises(ServiceError, match="n'existe pas"):
        set_backup_folder(key)
    key.mkdir()
    set_backup_folder(key)
    assert backup_folder() == key
    path = backup_now(today=date(2026, 3, 2))
    assert path == key / "b-2026-03-02.db"


def test_list_gives_date_and_counts_newest_first(tmp_path):
    open_database(tmp_path / "b.db")
    create_customer(CustomerData(last_name="Un"))
    backup_now(today=date(2026, 3, 1))
    create_customer(CustomerData(last_name="Deux"))
    backup_now(today=date(2026, 3, 2))
    (backup_folder() / "b-2026-03-03.db").write_bytes(b"pas une base")
    found = list_backups()
    assert [b.day for b in found] == [date(2026, 3, 3), date(2026, 3, 2), date(2026, 3, 1)]
    assert "pas au format SQLite" in found[0].summary()
    assert found[1].counts == {"customer": 2, "complaint": 0, "purchase": 0}
    assert found[1].summary() == "2 clients, 0 réclamation, 0 achat"
    assert found[2].counts["customer"] == 1


def test_restore_puts_the_copy_back_and_keeps_the_current_base_aside(tmp_path):
    base = tmp_path / "b.db"
    open_database(base)
    create_customer(CustomerData(last_name="Avant"))
    copy = backup_now(today=date(2026, 3, 1))
    create_customer(CustomerData(last_name="Après"))
    close_database()
    aside = restore_file(copy, base, now=datetime(2026, 3, 2, 10, 0, 0))
    assert aside == tmp_path / "b.avant-restauration-2026-03-02-100000.db"
    assert customers_in(aside) == ["Avant", "Après"]
    open_database(base)
    assert [c.last_name for c in Customer.select().order_by(Customer.id)] == ["Avant"]


def test_restore_refuses_a_file_that_is_not_a_base_and_changes_nothing(tmp_path):
    base = tmp_path / "b.db"
    open_database(base)
    create_customer(CustomerData(last_name="Garde"))
    close_database()
    bad = tmp_path / "faux.db"
    bad.write_text("bonjour")
    before = base.read_bytes()
    with pytest.raises(ServiceError, match="ne peut pas être restaurée"):
        restore_file(bad, base)
    assert base.read_bytes() == before
    assert list(tmp_path.glob("*avant-restauration*")) == []


def test_cli_backup_and_restore(tmp_path, capsys):
    base = tmp_path / "b.db"
    open_database(base)
    create_customer(CustomerData(last_name="Cli"))
    close_database()
    out_dir = tmp_path / "copies"
    out_dir.mkdir()
    assert main(["--db", str(base), "backup", "--to", str(out_dir)]) == 0
    copy = out_dir / f"b-{date.today().isoformat()}.db"
    assert str(copy) in capsys.readouterr().out
    open_database(base)
    create_customer(CustomerData(last_name="Ensuite"))
    close_database()
    assert main(["--db", str(base), "restore", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "Base d'avant gardée" in out and "Sauvegarde restaurée" in out
    assert customers_in(base) == ["Cli"]
    assert main(["--db", str(base), "check"]) == 0


@pytest.mark.pg
def test_postgresql_backup_is_a_portable_sqlite_copy(tmp_path, postgres_server, capsys):
    url = postgres_server.url(postgres_server.new_database())
    open_database(url)
    create_customer(CustomerData(last_name="Serveur", email="a@exemple.fr"))
    close_database()
    assert main(["--db", url, "backup", "--to", str(tmp_path)]) == 0
    copies = list(tmp_path.glob("*.db"))
    assert len(copies) == 1 and customers_in(copies[0]) == ["Serveur"]
    assert main(["--db", str(copies[0]), "check"]) == 0
    # restore into the server: the copy's rows come back, its present state is kept aside
    open_database(url)
    create_customer(CustomerData(last_name="Plus tard"))
    close_database()
    assert main(["--db", url, "restore", str(copies[0])]) == 0
    open_database(url)
    assert [c.last_name for c in Customer.select()] == ["Serveur"]
    kept = list(backup_folder().glob("*.db"))
    assert len(kept) == 1 and sorted(customers_in(kept[0])) == ["Plus tard", "Serveur"]
    assert "-avant-restauration-" in kept[0].name  # never today's rotated copy


def test_two_bases_with_the_same_name_keep_their_own_copies(tmp_path, isolated_data_dir):
    # /magasin-a/boutique.db and /magasin-b/boutique.db back up into the same default folder:
    # neither replaces the other's copy of the day, and each rotation deletes only its own
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    start = date(2026, 10, 1)
    open_database(tmp_path / "a" / "boutique.db")
    create_customer(CustomerData(last_name="Arnaud"))
    assert auto_backup(today=start).name == "boutique-2026-10-01.db"
    close_database()
    open_database(tmp_path / "b" / "boutique.db")
    create_customer(CustomerData(last_name="Bernard"))
    first_b = auto_backup(today=start)  # A's copy of the day does not count as B's
    assert first_b is not None and first_b.name.startswith("boutique-")
    assert first_b.name != "boutique-2026-10-01.db"
    for n in range(1, 40):
        auto_backup(today=start + timedelta(days=n))
    folder = backup_folder()
    assert customers_in(folder / "boutique-2026-10-01.db") == ["Arnaud"]  # never pruned by B
    b_copies = [p for p in folder.glob("boutique-*.db") if p.name != "boutique-2026-10-01.db"]
    assert len(b_copies) == 11 and all(customers_in(p) == ["Bernard"] for p in b_copies)
    close_database()
    open_database(tmp_path / "a" / "boutique.db")
    made = auto_backup(today=start + timedelta(days=1))
    assert made.name == "boutique-2026-10-02.db" and customers_in(made) == ["Arnaud"]
    assert auto_backup(today=start + timedelta(days=1)) is None  # A's own copy of the day


def test_a_failed_automatic_copy_is_remembered_until_one_succeeds(tmp_path):
    open_database(tmp_path / "boutique.db")
    key = tmp_path / "cle-usb"
    key.mkdir()
    set_backup_folder(key)
    key.rmdir()  # the USB key was pulled out; its parent is read-only for the copy
    (tmp_path / "cle-usb").write_text("pas un dossier")
    with pytest.raises(ServiceError):
        auto_backup(today=date(2026, 11, 28))
    failure = backup_failure()
    assert failure.startswith("La sauvegarde automatique du 28/11/2026 n'a pas pu être faite "
                              f"dans « {key} » : Le dossier des sauvegardes")
    (tmp_path / "cle-usb").unlink()
    key.mkdir()
    assert auto_backup(today=date(2026, 11, 29)).name == "boutique-2026-11-29.db"
    assert backup_failure() is None
