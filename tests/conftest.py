"""Test setup: offscreen Qt, a data dir and QSettings per test, databases on SQLite and PostgreSQL.

`database` gives each test a fresh, migrated database bound to the models, once on SQLite and
once on a real PostgreSQL server that this session starts on loopback in a temp dir. Where
PostgreSQL's binaries are missing, the PostgreSQL runs are skipped with the reason; under
RCDESK_REQUIRE_PG=1 (set by .ci/run) that is a failure instead."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools  # noqa: E402
import pwd  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from glob import glob  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from rcdesk.db import close_database, open_database  # noqa: E402
from rcdesk.models.base import database_proxy  # noqa: E402
from rcdesk.services import settings as settings_service  # noqa: E402

REQUIRE_PG = os.environ.get("RCDESK_REQUIRE_PG") == "1"


@dataclass
class TestDatabase:
    engine: str  # "sqlite" or "postgresql"
    target: str  # path or URL given to open_database
    db: object  # the peewee Database bound to the models


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Each test writes its logs, attachments and default database in its own folder."""
    data = tmp_path / "rcdesk-data"
    data.mkdir()
    monkeypatch.setenv("RCDESK_DATA_DIR", str(data))
    monkeypatch.delenv("RCDESK_DB", raising=False)
    monkeypatch.setattr(settings_service, "_current_operator", None)
    yield data
    close_database()


@pytest.fixture(scope="session", autouse=True)
def application_as_users_see_it(qapp):
    """The session's QApplication named and translated as rcdesk's own (French Qt texts)."""
    from rcdesk.ui.app import configure_application

    configure_application(qapp)
    return qapp


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path):
    """QSettings in an ini file under the test's folder, never the user's real settings."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "qsettings"))
    yield


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch):
    """Modal dialogs never block a test run: the static QMessageBox helpers (information,
    warning, critical, question, about) are recorded here and answered with their default
    (question: its default button, else No); a file or input dialog that a test did not replace
    fails the test at once. A QMessageBox built and exec()'d by the code is real: answer it with a
    timer (tests/ui/customers/conftest.py ModalAnswer). A test that needs another answer
    monkeypatches its own."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

    shown: list[tuple[str, str]] = []
    Button = QMessageBox.StandardButton

    def record(kind, default):
        def box(parent, title, text, *args, **kwargs):
            shown.append((kind, text))
            if kind == "question":
                buttons = [a for a in args if isinstance(a, Button)]
                return buttons[1] if len(buttons) > 1 else kwargs.get("defaultButton", Button.No)
            return default
        return staticmethod(box)

    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, record(kind, Button.Ok))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(
        lambda parent, title, text: shown.append(("about", text))))

    def refuse(name):
        def dialog(*args, **kwargs):
            raise AssertionError(f"un test a ouvert {name} sans le remplacer : il bloquerait")
        return staticmethod(dialog)

    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory",
                 "getOpenFileNames"):
        monkeypatch.setattr(QFileDialog, name, refuse(f"QFileDialog.{name}"))
    for name in ("getItem", "getText", "getInt", "getDouble", "getMultiLineText"):
        monkeypatch.setattr(QInputDialog, name, refuse(f"QInputDialog.{name}"))
    return shown


# --- PostgreSQL server for the session ---------------------------------------------------


class PostgresServer:
    """A throwaway PostgreSQL cluster on 127.0.0.1 in a temp dir, run as the postgres user
    when the tests run as root (initdb refuses root)."""

    _counter = itertools.count()

    def __init__(self, bindir: str):
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="rcdesk-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.user = "rcdesk"
        self._as = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *cmd: str) -> None:
        subprocess.run([*self._as, *cmd], check=True, capture_output=True, text=True)

    def start(self) -> None:
        self._run(f"{self.bindir}/initdb", "-D", str(self.data), "-U", self.user, "-A", "trust",
                  "-E", "UTF8", "--no-locale", "--no-sync")
        opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off")
        self._run(f"{self.bindir}/pg_ctl", "-D", str(self.data), "-o", opts, "-l",
                  str(self.dir / "log"), "-w", "start")

    def stop(self) -> None:
        try:
            self._run(f"{self.bindir}/pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def admin(self, sql: str) -> None:
        import psycopg2

        con = psycopg2.connect(host="127.0.0.1", port=self.port, user=self.user,
                               dbname="postgres")
        con.autocommit = True
        try:
            con.cursor().execute(sql)
        finally:
            con.close()

    def new_database(self) -> str:
        name = f"t{os.getpid()}_{next(self._counter)}"
        self.admin(f"CREATE DATABASE {name}")
        return name

    def url(self, name: str) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{name}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _find_pg_bindir() -> str | None:
    for candidate in sorted(glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(f"{candidate}/initdb"):
            return candidate
    found = shutil.which("initdb")
    return os.path.dirname(found) if found else None


@pytest.fixture(scope="session")
def postgres_server():
    """The session's PostgreSQL server, or a skip (a failure under RCDESK_REQUIRE_PG=1)."""
    bindir = _find_pg_bindir()
    reason = None
    server = None
    if bindir is None:
        reason = "PostgreSQL absent (initdb introuvable) : installez le paquet postgresql"
    elif os.geteuid() == 0 and shutil.which("runuser") is None:
        reason = "runuser introuvable pour lancer PostgreSQL sous l'utilisateur postgres"
    else:
        server = PostgresServer(bindir)
        try:
            server.start()
        except (subprocess.CalledProcessError, KeyError) as exc:
            detail = getattr(exc, "stderr", "") or str(exc)
            reason = f"PostgreSQL n'a pas démarré : {detail.strip()}"
            server = None
    if server is None:
        if REQUIRE_PG:
            pytest.fail(f"RCDESK_REQUIRE_PG=1 mais {reason}")
        pytest.skip(reason)
    yield server
    server.stop()


@pytest.fixture
def sqlite_database(tmp_path) -> TestDatabase:
    path = tmp_path / "test.db"
    db = open_database(path)
    yield TestDatabase("sqlite", str(path), db)
    db.close()


@pytest.fixture
def pg_database(postgres_server) -> TestDatabase:
    name = postgres_server.new_database()
    url = postgres_server.url(name)
    db = open_database(url)
    yield TestDatabase("postgresql", url, db)
    db.close()
    postgres_server.admin(f"DROP DATABASE IF EXISTS {name}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def database(request) -> TestDatabase:
    """A fresh migrated database, once per engine: every rule is proven on both. The
    PostgreSQL run carries the `pg` marker: `-m "not pg"` is a quick SQLite-only run."""
    fixture = "sqlite_database" if request.param == "sqlite" else "pg_database"
    handle = request.getfixturevalue(fixture)
    assert database_proxy.obj is handle.db
    return handle


@pytest.fixture
def read_only(monkeypatch):
    """read_only(path, ...) makes files or folders read-only for rcdesk until the test ends:
    by their permissions for a normal user; as root, whom permissions do not stop, by
    rcdesk.db._writable answering False for them (what SQLite then does is real: rcdesk opens
    the file through a read-only URI). tests/e2e/test_cli_files.py also runs the CLI on a truly
    read-only mount."""
    import rcdesk.db

    changed: list[tuple[Path, int]] = []
    frozen: set[str] = set()
    writable = rcdesk.db._writable
    monkeypatch.setattr(rcdesk.db, "_writable",
                        lambda path: str(Path(path)) not in frozen and writable(path))

    def make(*paths):
        for path in map(Path, paths):
            mode = path.stat().st_mode
            changed.append((path, mode))
            path.chmod(mode & ~0o222)
            frozen.add(str(path))

    yield make
    for path, mode in reversed(changed):
        path.chmod(mode)


def pytest_collection_modifyitems(config, items):
    """A test that reaches the PostgreSQL server must carry the `pg` marker, or `-m "not pg"`
    would start the server anyway: refuse the run and name the tests."""
    unmarked = [item.nodeid for item in items
                if "postgres_server" in getattr(item, "fixturenames", ())
                and item.get_closest_marker("pg") is None]
    if unmarked:
        raise pytest.UsageError("tests sur PostgreSQL sans le marqueur pg : "
                                + ", ".join(unmarked))
