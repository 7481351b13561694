"""The customer import's rows checked in a process pool (import_pool.py) give exactly what the
in-process check gives: the same customers and contacts in the same order, the same rejects
(reasons and line numbers), duplicates and warnings, on the moving-in files and on a generated
file full of bad rows; and the pool starts from the window's worker thread ('spawn')."""

import csv
import os
import random
import shutil
import sqlite3
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

import pytest

from rcdesk.db import close_database, open_database
from rcdesk.services.customers import import_pool
from rcdesk.services.customers import imports as imports_module
from rcdesk.services.customers.imports import import_customers
from rcdesk.services.settings import CompanyProfile, save_company

FIXTURES = Path(__file__).parents[2] / "fixtures" / "moving_in"
MOVING_IN = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".csv", ".xls"))
FIXED_NOW = datetime(2026, 11, 20, 9, 30)
SEED = "\n".join([
    "Nom;Prénom;Courriel;Tél. portable;Code postal;Ville;Code client",
    "Martin;Lucie;lucie.martin@exemple.fr;06 11 22 33 44;59000;Lille;S1",
    "Durand;Paul;paul.durand@exemple.fr;06 55 44 33 22;75011;Paris;S2",
    "Bernard;Hélène;;07 40 00 00 01;69003;Lyon;",
]) + "\n"


class CountingPool(import_pool.ProcessPoolExecutor):
    """The real pool, counting the chunks sent to it (the pool run must use it)."""

    submitted = 0

    def submit(self, fn, /, *args, **kwargs):
        CountingPool.submitted += 1
        return super().submit(fn, *args, **kwargs)


def write_varied_file(path: Path, rows: int = 2400) -> None:
    """A French cp1252 file with every kind of row: good ones, bad phones, e-mails, dates,
    unknown civilities and statuses, short rows, repeated rows, the same e-mail twice, the
    same phone written another way, close names in the same postal code, the stored
    customers again, Belgian postal codes and company rows."""
    rng = random.Random(12)
    first = ["Lucie", "Paul", "Hélène", "Jean", "Amélie", "Karim", "Inès", "Théo", "Zoé"]
    last = ["Martin", "Durand", "Lefèvre", "Moreau", "Fournier", "Girard", "Bonnet", "Roux"]
    towns = [("59000", "Lille", "FR"), ("75011", "Paris", "France"), ("1000", "Bruxelles",
                                                                      "Belgique"),
             ("69003", "Lyon", ""), ("13001", "Marseille", "FR")]
    header = ["Civilité", "Nom", "Prénom", "Raison sociale", "Courriel", "Tél. portable",
              "Code postal", "Ville", "Pays", "Date de naissance", "Statut", "Code client"]
    out_rows = [header]
    made = []
    for n in range(rows):
        town = rng.choice(towns)
        phone = f"06 {rng.randrange(10, 99)} {rng.randrange(10, 99)} {n // 100 % 100:02d} " \
                f"{n % 100:02d}"
        if town[2] == "Belgique":
            phone = f"+32 470 {n // 100 % 100:02d} {n % 100:02d} 1{rng.randrange(10)}"
        row = [rng.choice(("M.", "Mme", "Madame", "")), rng.choice(last), rng.choice(first),
               "", f"client{n}@exemple.fr", phone, town[0], town[1], town[2],
               f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/"
               f"{rng.randrange(1940, 2005)}", rng.choice(("prospect", "client", "Client", "")),
               f"V{n:05d}"]
        if n % 37 == 5:
            row[5] = "12345"
        if n % 41 == 6:
            row[4] = "pas-un-email@"
        if n % 43 == 7:
            row[0] = "Sire"
        if n % 47 == 8:
            row[10] = "fournisseur exotique"
        if n % 73 == 10:
            row[9] = "31/02/1980"
        if n % 29 == 11:
            row[1], row[2], row[3] = "", "", f"Société {rng.choice(last)} {n}"
        if made and n % 61 == 13:
            row[4] = made[rng.randrange(len(made))][4]
            row[11] = f"W{n:05d}"
        if made and n % 67 == 14:
            earlier = made[rng.randrange(len(made))]
            if len(earlier) > 5 and earlier[5].startswith("06 "):
                row[5] = "+33 6" + earlier[5][2:].replace(" ", "")
                row[4], row[11] = "", ""
        if made and n % 71 == 15:
            earlier = made[rng.randrange(len(made))]
            if len(earlier) == len(header) and earlier[1]:
                row[1], row[2], row[6] = earlier[1], earlier[2] + "e", earlier[6]
                row[4], row[5], row[11] = "", "", ""
        if n % 79 == 16:
            row[1], row[2], row[4], row[5], row[11] = "Martin", "Lucie", "", "06 11 22 33 44", ""
        if n % 83 == 17:
            row[4] = "paul.durand@exemple.fr"
        if made and n % 59 == 12:
            row = list(made[-1])
        if n % 53 == 9:
            row = row[:7]
        out_rows.append(row)
        made.append(row)
    with path.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(out_rows)


def run_import(tmp_path: Path, name: str, source: Path, workers: int, **options):
    """Import source into a new base (holding the seed customers) in its own folder; the
    base's rows, the result and the rejects and warnings files."""
    folder = tmp_path / name
    folder.mkdir()
    target = folder / source.name
    shutil.copy(source, target)
    seed = folder / "seed.csv"
    seed.write_text(SEED, encoding="utf-8")
    close_database()
    open_database(folder / "base.db")
    save_company(CompanyProfile(name="Boutique", country="FR", currency="EUR"))
    import_customers(seed, workers=1)
    before = CountingPool.submitted
    result = import_customers(target, workers=workers, **options)
    pooled = CountingPool.submitted - before
    close_database()
    con = sqlite3.connect(folder / "base.db")
    con.row_factory = sqlite3.Row
    tables = {table: [dict(r) for r in con.execute(f"SELECT * FROM {table} ORDER BY id")]
              for table in ("customer", "customer_contact")}
    con.close()
    files = {kind: path.read_text(encoding="utf-8-sig") if path else None
             for kind, path in (("rejets", result.rejects_path),
                                ("avertissements", result.warnings_path))}
    summary = {k: v for k, v in asdict(result).items()
               if k not in ("rejects_path", "warnings_path")}
    return tables, files, summary, pooled


@pytest.fixture
def pool(monkeypatch):
    """Small chunks (many of them in flight, out of step with the file's own order), the
    pool counted, the import's clock fixed (the rows it dates itself compare equal)."""
    monkeypatch.setattr(import_pool, "CHUNK_ROWS", 7)
    monkeypatch.setattr(import_pool, "ProcessPoolExecutor", CountingPool)
    monkeypatch.setattr(imports_module, "utcnow", lambda: FIXED_NOW)
    yield
    close_database()


def assert_same(tmp_path, source, **options):
    alone = run_import(tmp_path, "seul", source, 1, **options)
    pooled = run_import(tmp_path, "pool", source, 2, **options)
    assert alone[3] == 0, "the in-process run must not start a pool"
    assert pooled[3] > 0, "the pool run must send its rows to the workers"
    assert pooled[0] == alone[0]
    assert pooled[1] == alone[1]
    assert pooled[2] == alone[2]
    return alone


def test_a_varied_file_imports_the_same_with_and_without_the_pool(tmp_path, pool):
    source = tmp_path / "clients_varies.csv"
    write_varied_file(source)
    tables, files, summary, _ = assert_same(tmp_path, source)
    # the file really is varied: every kind of outcome is there
    assert summary["total"] == 2400
    assert summary["imported"] > 1800 and summary["rejected"] > 200
    reasons = files["rejets"]
    for reason in ("Téléphone :", "E-mail :", "Civilité : civilité inconnue « Sire »",
                   "Date de naissance", "colonnes au lieu de", "ligne identique à la ligne",
                   "même e-mail qu'à la ligne", "doublon probable de la ligne",
                   "doublon probable du client n° 1", "client déjà présent (n° 2)"):
        assert reason in reasons, reason
    belgians = [c for c in tables["customer"] if c["city"] == "Bruxelles"]
    assert belgians and {(c["country"], c["postal_code"]) for c in belgians} == {("BE", "1000")}
    assert any(c["company_name"].startswith("Société ") for c in tables["customer"])
    assert len(tables["customer"]) == 3 + summary["imported"]


def test_a_varied_file_kept_invalid_imports_the_same_with_and_without_the_pool(tmp_path, pool):
    source = tmp_path / "clients_varies.csv"
    write_varied_file(source, 900)
    _, files, summary, _ = assert_same(tmp_path, source, keep_invalid=True,
                                       duplicates="create")
    assert summary["warned"] > 30 and files["avertissements"]
    assert "gardé(e) dans les notes" in files["avertissements"]


@pytest.mark.parametrize("name", MOVING_IN)
@pytest.mark.parametrize("keep", [False, True])
def test_the_moving_in_files_import_the_same_with_and_without_the_pool(tmp_path, pool, name,
                                                                       keep):
    assert_same(tmp_path, FIXTURES / name, keep_invalid=keep)


def test_the_pool_is_sized_to_the_cores_for_big_files_only():
    cores = os.cpu_count() or 1
    assert import_pool.pool_size(1999) == 1
    assert import_pool.pool_size(2000) == (cores if cores > 1 else 1)
    assert import_pool.pool_size(10, workers=2) == 2
    assert import_pool.pool_size(100_000, workers=1) == 1
    assert import_pool.pool_size(100_000, workers=0) == 1


def test_a_pool_that_breaks_leaves_the_rest_to_the_caller():
    """A chunk whose worker died is checked in-process: no row lost, same order."""
    from concurrent.futures.process import BrokenProcessPool

    class Broken:
        def submit(self, *args, **kwargs):
            raise BrokenProcessPool("mort")

        def shutdown(self, **kwargs):
            pass

    checks = import_pool.RowChecks(((n, [str(n)]) for n in range(2, 30)), _double, _state,
                                   (3,), 2)
    checks._pool = Broken()
    assert [o for _, _, o in checks] == [n * 3 for n in range(2, 30)]


def _state(factor):
    return factor


def _double(state, line, cells):
    return int(cells[0]) * state


def test_the_pool_runs_from_the_windows_worker_thread(qtbot, tmp_path, sqlite_database,
                                                     monkeypatch):
    """As the import dialog runs it: in a ServiceWorker (QThreadPool thread), workers spawned."""
    from rcdesk.ui.worker import ServiceWorker

    monkeypatch.setattr(import_pool, "ProcessPoolExecutor", CountingPool)
    source = tmp_path / "clients.csv"
    write_varied_file(source, 300)
    before = CountingPool.submitted
    worker = ServiceWorker(import_customers, source, workers=2)
    progress = []
    worker.signals.sig_progress.connect(lambda done, total: progress.append(done))
    with qtbot.waitSignal(worker.signals.sig_done, timeout=120000) as signal:
        worker.start()
    result = signal.args[0]
    assert CountingPool.submitted > before
    assert result.total == 300 and result.imported + result.rejected == 300
    assert result.imported == sqlite_database.db.execute_sql(
        "SELECT COUNT(*) FROM customer").fetchone()[0]


@pytest.mark.parametrize("when", [0, 2])
def test_cancelling_a_pooled_import_leaves_the_base_unchanged(tmp_path, sqlite_database, when):
    """Annuler while the workers get their first rows (when=0) or at the write (when=2)."""
    from rcdesk.services.customers import CustomerQuery, count_customers

    source = tmp_path / "clients.csv"
    write_varied_file(source, 1200)
    seen = []
    result = import_customers(source, workers=2,
                              progress=lambda done, total: seen.append(done),
                              cancelled=lambda: len(seen) >= when)
    assert result.cancelled and result.imported == 0
    assert count_customers(CustomerQuery()) == 0
    assert not list(tmp_path.glob("clients_*.csv"))
