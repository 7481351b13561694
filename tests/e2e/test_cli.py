"""The command line through its entry point, rcdesk.cli.main (the `rcdesk` script)."""

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rcdesk import __version__
from rcdesk.cli import main
from rcdesk.db import open_database
from rcdesk.models.migrations import LATEST_VERSION
from rcdesk.services.settings import default_login


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def new_base(path) -> str:
    """An empty rcdesk database at path (commands that only read refuse a missing file)."""
    open_database(path).close()
    return str(path)


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"rcdesk {__version__}"


def test_info_json_on_a_new_file(capsys, tmp_path):
    path = tmp_path / "x.db"
    new_base(path)
    status, out, _ = run(capsys, "--db", str(path), "info", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["file"] == str(path)
    assert data["engine"] == "sqlite"
    assert data["schema_version"] == LATEST_VERSION
    assert data["counts"]["company"] == 1
    assert data["counts"]["customer"] == 0


def test_db_option_after_the_command_and_env_variable(capsys, tmp_path, monkeypatch):
    path = tmp_path / "y.db"
    new_base(path)
    status, out, _ = run(capsys, "info", "--db", str(path))
    assert status == 0
    assert f"Fichier : {path}" in out
    assert f"Version du schéma : {LATEST_VERSION}" in out
    env_path = tmp_path / "env.db"
    new_base(env_path)
    monkeypatch.setenv("RCDESK_DB", str(env_path))
    status, out, _ = run(capsys, "info", "--json")
    assert json.loads(out)["file"] == str(env_path)


def test_default_database_lives_in_the_data_dir(capsys, isolated_data_dir):
    default = isolated_data_dir / "rcdesk.db"
    status, _, err = run(capsys, "info", "--json")
    assert (status, err) == (2, f"Le fichier « {default} » n'existe pas.\n")
    assert not default.exists()
    assert run(capsys, "demo", "--customers", "0")[0] == 0
    status, out, _ = run(capsys, "info", "--json")
    assert status == 0
    assert json.loads(out)["file"] == str(default)


@pytest.mark.pg
def test_info_on_postgresql(capsys, postgres_server):
    name = postgres_server.new_database()
    url = postgres_server.url(name)
    new_base(url)
    status, out, _ = run(capsys, "--db", url, "info", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["engine"] == "postgresql"
    assert data["schema_version"] == LATEST_VERSION
    assert data["counts"]["company"] == 1


@pytest.mark.parametrize("content, fragment", [
    (b"Nom;Ville\nDurand;Lille\n", "n'est pas au format SQLite"),
    (b"SQLite format 3\x00" + b"\x10\x00" + b"\x00" * 82, "tronqué"),
])
def test_bad_files_exit_2_with_message_and_stay_unchanged(capsys, tmp_path, content, fragment):
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    status, out, err = run(capsys, "--db", str(path), "info")
    assert status == 2
    assert str(path) in err and fragment in err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_missing_folder_exits_2(capsys, tmp_path):
    status, _, err = run(capsys, "--db", str(tmp_path / "nope" / "x.db"), "info")
    assert status == 2
    assert "n'existe pas" in err


def test_backup_writes_a_usable_copy_and_refuses_to_overwrite(capsys, tmp_path):
    db = tmp_path / "shop.db"
    assert run(capsys, "--db", str(db), "demo", "--customers", "0")[0] == 0
    copy = tmp_path / "copie.db"
    status, out, _ = run(capsys, "--db", str(db), "backup", "-o", str(copy))
    assert status == 0 and str(copy) in out
    con = sqlite3.connect(copy)
    assert con.execute("SELECT name FROM company").fetchone()[0].startswith("Maison Lambert")
    con.close()
    other = tmp_path / "existe.db"
    other.write_bytes(b"garder")
    status, _, err = run(capsys, "--db", str(db), "backup", "-o", str(other))
    assert status == 2 and "existe déjà" in err
    assert other.read_bytes() == b"garder"


def test_check_passes_then_finds_a_broken_foreign_key(capsys, tmp_path):
    db = tmp_path / "c.db"
    new_base(db)
    status, out, _ = run(capsys, "--db", str(db), "check")
    assert status == 0 and "Aucun problème" in out
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("INSERT INTO purchase (customer_id, date, amount_cents, channel, reference) "
                "VALUES (999, '2026-01-05', 1000, '', '')")
    con.commit()
    con.close()
    status, out, _ = run(capsys, "--db", str(db), "check")
    assert status == 1
    assert "« purchase »" in out and "« customer »" in out


def test_stats_json_has_period_and_rejects_bad_dates(capsys, tmp_path):
    db = new_base(tmp_path / "s.db")
    status, out, _ = run(capsys, "--db", db, "stats", "--json", "--from", "01/01/2026",
                         "--to", "2026-12-31")
    assert status == 0
    data = json.loads(out)
    assert data["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    assert data["schema_version"] == LATEST_VERSION
    status, _, err = run(capsys, "--db", db, "stats", "--json", "--from", "31/02/2026")
    assert status == 2 and "Date invalide" in err
    status, _, err = run(capsys, "--db", db, "stats", "--json", "--from", "2026-12-01",
                         "--to", "2026-01-01")
    assert status == 2 and "précède" in err


def test_demo_fills_an_empty_base_once(capsys, tmp_path):
    db = str(tmp_path / "d.db")
    status, out, _ = run(capsys, "--db", db, "demo", "--customers", "0")
    assert status == 0 and "Maison Lambert" in out
    status, out, _ = run(capsys, "--db", db, "info", "--json")
    con = sqlite3.connect(db)
    logins = {login for (login,) in con.execute("SELECT login FROM user")}
    con.close()
    # the three demo counters, and the operator who ran the demo
    assert logins == {"sophie.martin", "karim.benali", "julie.moreau", default_login()}
    assert json.loads(out)["counts"]["user"] == 4
    status, _, err = run(capsys, "--db", db, "demo")
    assert status == 2 and "contient déjà des données" in err


def test_no_command_without_display_says_how_to_get_one(capsys, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    status, _, err = run(capsys)
    assert status == 2
    assert "xvfb-run" in err and "écran" in err


def test_main_py_runs_the_cli_in_a_fresh_process(tmp_path):
    root = Path(__file__).resolve().parents[2]
    new_base(tmp_path / "m.db")
    result = subprocess.run([sys.executable, "main.py", "--db", str(tmp_path / "m.db"), "info",
                             "--json"], capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema_version"] == LATEST_VERSION


def test_argument_errors_are_french_and_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["demo", "--customers", "beaucoup"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "erreur : option --customers: nombre entier invalide : 'beaucoup'" in err
    with pytest.raises(SystemExit) as info:
        main(["import"])
    assert info.value.code == 2
    assert "arguments obligatoires manquants : QUOI" in capsys.readouterr().err


def test_help_is_french(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : rcdesk")
    assert "affiche cette aide et quitte" in out
    assert "\ncommandes et arguments :\n" in out
    assert out.count("\noptions :\n") == 1  # the common options join the same section
    assert ":\n" not in out.replace(" :\n", "")
