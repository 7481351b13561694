"""The CLI and database files: missing, read-only, incomplete; its output in any encoding; its
log and exit status 3. Read-only files are truly read-only here: permissions for a normal user,
a read-only bind mount in a private mount namespace when the tests run as root."""

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import rcdesk.cli
from rcdesk.cli import build_parser, main
from rcdesk.cli.common import INSPECTS, READS, WRITES
from rcdesk.db import close_database, open_database
from rcdesk.models.migrations import LATEST_VERSION
from rcdesk.services.charter.commitments import CommitmentInput, add_commitment
from rcdesk.services.settings import CompanyProfile, save_company

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def folder_state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def shop(path: Path, *, customers: int = 3) -> Path:
    """A demo database at path (closed, WAL mode as rcdesk leaves it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    assert main(["--db", str(path), "demo", "--customers", str(customers)]) == 0
    return path


def charter_shop(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    open_database(path)
    save_company(CompanyProfile(name="Crêperie Hélène"))
    add_commitment(CommitmentInput("Nous répondons dans le délai à ≥ 95 % des réclamations.",
                                   "Réponses dans le délai", "95", "%",
                                   review_date=date(2030, 1, 1)))
    close_database()
    return path


def cli(*argv, env=None, prefix=()) -> subprocess.CompletedProcess:
    """rcdesk in a fresh process (bytes out: the test decodes them as the process wrote)."""
    return subprocess.run([*prefix, sys.executable, str(ROOT / "main.py"), *map(str, argv)],
                          capture_output=True, cwd=ROOT, env=env, timeout=120)


# --- which commands write ----------------------------------------------------------------------


def leaf_commands(parser, path=()):
    """(command words, defaults) of every sub-command the parser runs."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from leaf_commands(sub, (*path, name))
            return
    yield " ".join(path), parser


def access_of(name: str) -> str:
    args = build_parser().parse_args(name.split() + REQUIRED.get(name, []))
    return getattr(args, "access", READS)


REQUIRED = {  # arguments a command cannot be parsed without
    "backup": ["-o", "x"], "import customers": ["f"], "import purchases": ["f"],
    "import complaints": ["f"], "export customers": ["f"], "export mailing": ["Perdus", "f"],
    "report customer-data": ["1", "-o", "x"],
    "report complaints": ["-o", "x"], "report ack": ["N", "-o", "x"],
    "report answer": ["N", "-o", "x"], "report paq": ["-o", "x"], "report maturity": ["1", "-o", "x"],
    "report charter": ["-o", "x"], "report charter-compliance": ["-o", "x"],
    "assess": ["--scores", "1"], "org rename": ["a", "b"], "org delete": ["a"],
    "survey create": ["--title", "T"], "survey results": ["1"], "survey compare": ["1", "2"],
    "campaign create": ["1", "--title", "T"], "import responses": ["1", "f"],
    "report satisfaction": ["1", "-o", "x"], "report questionnaire": ["1", "-o", "x"],
    "loyalty issue": ["1"], "loyalty card": ["1"], "loyalty purchase": ["1", "2"],
    "loyalty redeem": ["1"], "loyalty use": ["1"], "loyalty renew": ["1"],
    "loyalty replace": ["1"], "loyalty merge": ["1", "2"], "loyalty adjust": ["1", "2"],
    "loyalty grant-rebates": ["--from", "x", "--to", "y"], "import loyalty-balances": ["f"],
    "report loyalty-cards": ["--customer", "1", "-o", "x"],
    "report loyalty-letter": ["1", "-o", "x"], "report rebates": ["--from", "x", "--to", "y",
                                                                   "-o", "x"],
    "transfer": ["--to", "x"], "restore": ["f"],
    "target set": ["k", "1", "--year", "2026"], "target delete": ["k", "--year", "2026"],
    "reading add": ["k", "1", "--date", "01/01/2026"], "journey assign": ["N", "livraison"],
    "journey criterion": ["1", "1", "livraison"],
    "report review": ["-o", "x"], "report journey": ["-o", "x"],
    "report comm-plan": ["--year", "2026", "-o", "x"],
}


def test_each_command_says_where_it_is_registered_whether_it_writes():
    names = [name for name, _ in leaf_commands(build_parser())]
    assert set(REQUIRED) - set(names) == set()
    by_access = {}
    for name in names:
        by_access.setdefault(access_of(name), set()).add(name)
    assert by_access[WRITES] == {"demo", "import customers", "import purchases",
                                 "import complaints", "assess", "org rename", "org delete",
                                 "survey create", "campaign create", "import responses",
                                 "company set",
                                 "loyalty programme", "loyalty issue", "loyalty purchase",
                                 "loyalty redeem", "loyalty use", "loyalty renew",
                                 "loyalty replace", "loyalty merge", "loyalty adjust",
                                 "loyalty expire", "loyalty grant-rebates",
                                 "import loyalty-balances", "target set", "target delete",
                                 "reading add", "journey assign", "journey criterion",
                                     "rebuild-summaries"}
    assert by_access[INSPECTS] == {"info", "check", "backup", "backups"}
    assert by_access["none"] == {"restore"}  # replaces the file: never opens it first
    assert "transfer" in by_access[READS]
    assert {"stats", "export customers", "report paq", "report charter", "charter",
            "org list", "survey list", "survey results", "survey compare",
            "report satisfaction", "report questionnaire",
            "loyalty card", "loyalty reminders", "loyalty profitability",
            "report rebates"} <= by_access[READS]


# --- a missing file ----------------------------------------------------------------------------

READING = [
    ("info",), ("check",), ("stats", "--json"), ("charter",), ("org", "list"),
    ("export", "customers", "{out}/clients.csv"), ("report", "paq", "-o", "{out}/paq.pdf"),
    ("report", "charter", "-o", "{out}/charte.pdf"), ("backup", "-o", "{out}/copie.db"),
]


@pytest.mark.parametrize("argv", READING, ids=[" ".join(a[:2]) for a in READING])
def test_a_command_that_reads_refuses_a_missing_file_and_creates_nothing(capsys, tmp_path, argv):
    folder = tmp_path / "boutique"
    folder.mkdir()
    typo = folder / "boutque.db"
    status, out, err = run(capsys, "--db", typo, *(a.format(out=folder) for a in argv))
    assert (status, out, err) == (2, "", f"Le fichier « {typo} » n'existe pas.\n")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("argv", [
    ("demo", "--customers", "0"),
    ("assess", "--scores", "7,5,6,8,4,6,7,5"),
    ("import", "customers", "{csv}"),
])
def test_a_command_that_writes_creates_the_file_and_says_so(capsys, tmp_path, argv):
    csv = tmp_path / "clients.csv"
    csv.write_text("Nom;Prénom\r\nDurand;Léa\r\n", encoding="utf-8")
    path = tmp_path / "neuve.db"
    status, _, err = run(capsys, "--db", path, *(a.format(csv=csv) for a in argv))
    assert status == 0, err
    assert f"rcdesk : nouvelle base créée : {path}\n" in err
    assert path.exists()
    status, _, err = run(capsys, "--db", path, "info")
    assert status == 0 and "nouvelle base" not in err


# --- commands that read never write ----------------------------------------------------------


def test_commands_that_read_leave_the_file_byte_for_byte(capsys, tmp_path):
    folder = tmp_path / "boutique"
    db = shop(folder / "shop.db")
    out = tmp_path / "sorties"
    out.mkdir()
    before = folder_state(folder)
    for argv in READING:
        status, _, err = run(capsys, "--db", db, "--operator", "nouvelle.personne",
                             *(a.format(out=out) for a in argv))
        assert status in (0, 1), (argv, err)
        assert folder_state(folder) == before, argv  # not even the operator's row
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert con.execute("SELECT count(*) FROM user WHERE login = 'nouvelle.personne'").fetchone() == (0,)
    con.close()


# --- read-only files ---------------------------------------------------------------------------


@pytest.fixture
def read_only_cli():
    """read_only_cli(target, *argv): rcdesk in a fresh process with target (file or folder)
    read-only for it, whoever runs the tests."""
    if os.geteuid() != 0:
        def run_chmod(target, *argv):
            mode = target.stat().st_mode
            target.chmod(mode & ~0o222)
            try:
                return cli(*argv)
            finally:
                target.chmod(mode)
        return run_chmod
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "true"],
                           capture_output=True) if shutil.which("unshare") else None
    if probe is None or probe.returncode != 0:
        pytest.skip("tests lancés en root sans unshare : impossible de rendre un fichier "
                    "vraiment en lecture seule")
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"'

    def run_mounted(target, *argv):
        return cli(*argv, prefix=("unshare", "--mount", "--propagation", "private",
                                  "sh", "-c", script, "sh", str(target)))
    return run_mounted


@pytest.mark.parametrize("what", ["fichier", "dossier"])
def test_read_only_database_serves_the_commands_that_read(tmp_path, read_only_cli, what):
    folder = tmp_path / "archives"
    db = shop(folder / "boutique.db")
    out = tmp_path / "sorties"
    out.mkdir()
    target = db if what == "fichier" else folder
    before = folder_state(folder)
    for argv in READING:
        result = read_only_cli(target, "--db", db, *(a.format(out=out) for a in argv))
        assert result.returncode in (0, 1), (argv, result.stderr.decode())
        assert b"Traceback" not in result.stderr
    info = read_only_cli(target, "--db", db, "info")
    reason = (f"le fichier « {db} » n'est pas modifiable" if what == "fichier"
              else f"le dossier « {folder} » est en lecture seule")
    assert f"Lecture seule : {reason}\n" in info.stdout.decode()
    demo = read_only_cli(target, "--db", db, "org", "rename", "X", "Y")
    assert demo.returncode == 2
    assert f"cette base est en lecture seule ({reason}) : rien ne peut y être enregistré" in \
        demo.stderr.decode()
    assert folder_state(folder) == before
    assert (out / "paq.pdf").exists() and (out / "clients.csv").exists()


def test_newer_file_in_a_read_only_folder_is_refused_for_what_it_is(tmp_path, read_only_cli):
    folder = tmp_path / "archives"
    folder.mkdir()
    db = folder / "future.db"
    open_database(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE rcdesk_meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    before = folder_state(folder)
    result = read_only_cli(folder, "--db", db, "info")
    err = result.stderr.decode()
    assert result.returncode == 2
    assert "version plus récente de rcdesk (schéma 99" in err and "endommagé" not in err
    assert folder_state(folder) == before


# --- a file that lost a table -----------------------------------------------------------------


def test_check_and_info_report_what_the_schema_lacks(capsys, tmp_path):
    db = shop(tmp_path / "abime.db")
    capsys.readouterr()
    con = sqlite3.connect(db)
    con.execute("DROP TABLE complaint_event")
    con.execute("ALTER TABLE company DROP COLUMN city")
    con.commit()
    con.close()
    status, out, err = run(capsys, "--db", db, "check")
    assert status == 1
    assert out.splitlines() == ["schéma : table « company » : colonne « city » manquante",
                                "schéma : table « complaint_event » manquante"]
    assert err == "2 problème(s) trouvé(s).\n"
    status, out, _ = run(capsys, "--db", db, "info")
    assert status == 1
    assert "  customer : 3\n" in out and "complaint_event :" not in out
    assert out.endswith("Schéma incomplet (« rcdesk check » le contrôle) :\n"
                        "  table « company » : colonne « city » manquante\n"
                        "  table « complaint_event » manquante\n")
    status, out, _ = run(capsys, "--db", db, "info", "--json")
    data = json.loads(out)
    assert data["counts"]["customer"] == 3 and "complaint_event" not in data["counts"]
    assert data["missing"] == ["table « company » : colonne « city » manquante",
                               "table « complaint_event » manquante"]
    status, _, err = run(capsys, "--db", db, "stats", "--json")
    assert status == 2 and "incomplète (table « company »" in err and "rcdesk check" in err


@pytest.mark.pg
def test_check_reports_a_lost_table_on_postgresql(capsys, postgres_server):
    url = postgres_server.url(postgres_server.new_database())
    db = open_database(url)
    db.execute_sql('DROP TABLE "action_complaint"')
    db.close()
    status, out, _ = run(capsys, "--db", url, "check")
    assert (status, out) == (1, "schéma : table « action_complaint » manquante\n")


def test_info_and_check_read_an_older_file_as_it_is(capsys, tmp_path):
    (tmp_path / "ancien").mkdir()
    db = tmp_path / "ancien" / "v2.db"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "schema" / "v2.db", db)
    before = folder_state(db.parent)
    status, out, _ = run(capsys, "--db", db, "check")
    assert (status, out) == (0, "Aucun problème : schéma, intégrité et clés étrangères vérifiés.\n")
    status, out, _ = run(capsys, "--db", db, "info", "--json")
    data = json.loads(out)
    assert (status, data["schema_version"], data["missing"]) == (0, 2, [])
    assert "customer" in data["counts"] and "complaint" not in data["counts"]
    assert folder_state(db.parent) == before


# --- output in any encoding ----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_the_cli_never_dies_on_a_character(tmp_path, encoding):
    db = charter_shop(tmp_path / "données" / "crêperie.db")
    env = {**os.environ, "PYTHONIOENCODING": encoding}

    info = cli("--db", db, "info", env=env)
    assert info.returncode == 0, info.stderr
    text = info.stdout.decode(encoding)
    schema = f"Version du schéma : {LATEST_VERSION}"
    assert (schema if encoding == "cp1252" else schema.replace("é", "?")) in text

    charter = cli("--db", db, "charter", env=env)
    assert charter.returncode in (0, 1) and b"Traceback" not in charter.stderr
    text = charter.stdout.decode(encoding)
    assert "95" in text and "?" in text  # ≥ is in neither encoding: replaced, not fatal
    assert ("≥" in text) is False

    missing = tmp_path / "données" / "absente.db"
    refused = cli("--db", missing, "stats", "--json", env=env)
    assert refused.returncode == 2 and b"Traceback" not in refused.stderr
    expected = f"Le fichier « {missing} » n'existe pas."
    if encoding == "ascii":
        expected = expected.replace("«", "?").replace("»", "?").replace("é", "?")
    assert refused.stderr.decode(encoding).strip() == expected

    as_json = cli("--db", db, "info", "--json", env=env)  # JSON stays exact: escaped, not replaced
    assert json.loads(as_json.stdout.decode(encoding))["file"] == str(db)


def test_output_redirected_on_windows_is_utf8(monkeypatch):
    class Stream:
        def __init__(self, tty):
            self.tty, self.calls = tty, []

        def isatty(self):
            return self.tty

        def reconfigure(self, **kwargs):
            self.calls.append(kwargs)

    redirected, console = Stream(False), Stream(True)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "stdout", redirected)
    monkeypatch.setattr(sys, "stderr", console)
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    rcdesk.cli.configure_output()
    assert redirected.calls == [{"encoding": "utf-8", "errors": "replace"}]
    assert console.calls == [{"errors": "replace"}]  # the console's own encoding, never fatal


# --- one log; exit status 3 ----------------------------------------------------------------------


def test_an_unexpected_error_is_logged_without_data_and_exits_3(capsys, tmp_path, monkeypatch,
                                                                 isolated_data_dir):
    db = shop(tmp_path / "shop.db", customers=0)
    capsys.readouterr()
    customer = "".join(["Mme Du", "pont 06 12 34 56 78"])  # data, not source text

    def broken(args):
        raise RuntimeError(f"boum chez {customer}")

    monkeypatch.setattr(rcdesk.cli, "cmd_info", broken)
    status, out, err = run(capsys, "--db", db, "info")
    log = isolated_data_dir / "rcdesk.log"
    assert status == 3 and out == ""
    assert err == (f"Erreur inattendue : RuntimeError (boum chez {customer}) ; voir le journal "
                   f"{log}\n")
    for handler in logging.getLogger("rcdesk").handlers:
        handler.flush()
    logged = log.read_text(encoding="utf-8")
    assert "commande « rcdesk info » : erreur inattendue" in logged
    assert "builtins.RuntimeError" in logged and "test_cli_files.py" in logged
    assert "Dupont" not in logged and "06 12" not in logged


def test_the_cli_logs_in_the_window_s_log(capsys, tmp_path, isolated_data_dir):
    db = tmp_path / "ancienne.db"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "schema" / "v2.db", db)
    assert run(capsys, "--db", db, "stats", "--json")[0] == 0
    for handler in logging.getLogger("rcdesk").handlers:
        handler.flush()
    logged = (isolated_data_dir / "rcdesk.log").read_text(encoding="utf-8")
    assert "schema migrated to 4" in logged


def test_a_reader_that_stops_early_is_no_error(tmp_path):
    """`rcdesk info | head -1`: the pipe closes before rcdesk has written; no traceback."""
    db = shop(tmp_path / "shop.db", customers=0)
    child = subprocess.Popen([sys.executable, "main.py", "--db", str(db), "info"], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()  # the reader is gone before the first line
    err = child.stderr.read()
    assert child.wait(timeout=60) == 0
    assert err == b""
