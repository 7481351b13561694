"""Customer file timings beside their floor (the same work in raw sqlite3 / psycopg2).

Figures, with 100,000 customers and about 1,000,000 purchases made by the demo generator:
import of a 100,000-row French CSV (cp1252, ';', dd/mm/yyyy), in 1 process and with the rows
checked by a pool of all the cores (import_pool.py), vs the same rows validated with
phonenumbers + email-validator in one process, given the derived columns rcdesk stores (sort
name, the phone's search forms) and inserted with raw sqlite3 executemany (peak
memory of each in its own process; the pool's workers beside); one search keystroke (count +
first page of 200) vs the raw FTS query; the first page of the unfiltered list; the tab's
figures vs the raw aggregates; RFM quintiles; and the same search on PostgreSQL (unaccent +
trigram) when a server can be started.
"First rows painted" of the Clients tab is the UI's figure: benchmarks/customers_ui.py (UI
engineer) measures it; here the first-page query is the service part of it.
Run: .venv/bin/python benchmarks/customers.py [--customers 100000] [--rows 100000] [--no-pg]
[--runs 3] (the imports taken in turns, medians: wall and processor time)"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

KEYSTROKES = ["d", "du", "dup", "dupo", "dupon", "dupont", "h", "he", "hel", "hele", "helen",
              "helene", "06", "06 1", "06 12", "06 12 3", "06 12 34", "l", "li", "lil", "lill",
              "lille", "m", "ma", "mar", "mart", "marti", "martin", "martin p", "martin pa",
              "+33 6", "+33 6 1", "0612", "061234", "59", "590", "5900", "59000", "gmail",
              "c1000", "c10001", "c100012", "be", "ber", "bern", "berna", "bernar", "bernard"]
LIST_SQL = ("SELECT id, first_name, last_name, company_name, kind, status, email, phone, "
            "postal_code, city, segments, last_contact, created_at FROM customer {where} "
            "ORDER BY sort_name, id LIMIT 200")


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def row(name: str, ours: float, floor: float | None, target: str = "") -> str:
    ratio = f"{ours / floor:.2f}×" if floor else "—"
    floor_text = f"{floor * 1000:.1f}" if floor is not None else "—"
    return f"| {name} | {ours * 1000:.1f} | {floor_text} | {ratio} | {target} |"


# --- data -------------------------------------------------------------------------------


def build_database(path: Path, customers: int) -> float:
    import random as rnd

    from faker import Faker

    from rcdesk.db import open_database
    from rcdesk.models.base import database_proxy
    from rcdesk.services.area_types import DemoOptions
    from rcdesk.services.customers.demo import populate as populate_demo
    from rcdesk.services.settings import CompanyProfile, save_company

    open_database(path)
    save_company(CompanyProfile(name="Banc d'essai", country="FR", currency="EUR"))
    fake = Faker("fr_FR")
    fake.seed_instance(2026)
    start = time.perf_counter()
    with database_proxy.atomic():
        populate_demo(fake, rnd.Random(2026), DemoOptions(customers=customers))
    elapsed = time.perf_counter() - start
    database_proxy.obj.execute_sql("ANALYZE")
    return elapsed


def write_french_csv(path: Path, rows: int) -> None:
    from faker import Faker

    fake = Faker("fr_FR")
    fake.seed_instance(7)
    rng = random.Random(7)
    first = [fake.first_name() for _ in range(300)]
    last = [fake.last_name() for _ in range(300)]
    towns = [(fake.postcode(), fake.city()) for _ in range(200)]
    with path.open("w", encoding="cp1252", errors="replace", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["Civilité", "Nom", "Prénom", "Courriel", "Tél. portable", "Code postal",
                      "Ville", "Date de naissance", "Code client"])
        for n in range(rows):
            f, la = rng.choice(first), rng.choice(last)
            digits = f"{rng.randrange(10**8):08d}"
            lead = rng.choice(("06", "07"))
            if lead == "07" and digits[0] < "3" or lead == "06" and digits[0] == "9":
                digits = "5" + digits[1:]  # 070-072 and 069 are not allocated
            phone = lead + " " + " ".join(digits[i:i + 2] for i in range(0, 8, 2))
            town = rng.choice(towns)
            birth = date(rng.randrange(1940, 2005), rng.randrange(1, 13), rng.randrange(1, 29))
            out.writerow([rng.choice(("M.", "Mme")), la, f, f"client{n}@exemple.fr", phone,
                          town[0], town[1], birth.strftime("%d/%m/%Y"), f"B{n:06d}"])


PEAK = """
def peak_kib():  # VmHWM: this process's own peak (ru_maxrss would include the parent's at fork)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
"""

CHILD_OURS = PEAK + """
import resource, sys, time
from rcdesk.db import open_database
from rcdesk.services.customers.imports import import_customers
if __name__ == "__main__":  # the import's workers are spawned: they must not run this
    open_database(sys.argv[1])
    t, cpu = time.perf_counter(), time.process_time()
    r = import_customers(sys.argv[2], workers=int(sys.argv[3]))
    elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += workers.ru_utime + workers.ru_stime  # the validation processes' share
    print(elapsed, peak_kib(), r.imported, cpu, workers.ru_maxrss)  # the biggest worker's
"""

CHILD_FLOOR = PEAK + """
import csv, sqlite3, sys, time, unicodedata
from datetime import datetime
import phonenumbers
from email_validator import validate_email
t, cpu = time.perf_counter(), time.process_time()
con = sqlite3.connect(sys.argv[1])
rows = []
E164 = phonenumbers.PhoneNumberFormat.E164
with open(sys.argv[2], encoding="cp1252", newline="") as handle:
    reader = csv.reader(handle, delimiter=";")
    next(reader)
    for civ, last, first, email, phone, cp, city, birth, ext in reader:
        number = phonenumbers.parse(phone, "FR")
        if not phonenumbers.is_valid_number(number):
            continue
        e164 = phonenumbers.format_number(number, E164)
        email = validate_email(email, check_deliverability=False).normalized
        born = datetime.strptime(birth, "%d/%m/%Y").date()
        # the two derived columns rcdesk stores (and indexes for the search): the sort name,
        # last name first without accents nor case, and the phone in the three forms a user
        # types it in (international digits, national with 0, national without)
        person = last + " " + first
        sort = (person.casefold() if person.isascii() else "".join(
            c for c in unicodedata.normalize("NFKD", person.replace("\\u2019", "'"))
            if not unicodedata.combining(c)
            ).casefold())[:120]
        national = str(number.national_number)
        forms = e164[1:] + " 0" + national + " " + national
        rows.append((civ, last, first, email, e164, cp, city, born, ext, "particulier",
                     "prospect", "FR", sort, "2026-01-01", 0, forms) + ("",) * 12)
blank = ("search_phones, company_name, legal_id, email2, phone2, address, region, segments, "
         "source, preferred_channel, consent_how, notes, consent_date")
# The best raw way to the same end state, as rcdesk does it: the search index is filled in
# one statement after the rows instead of by the per-row trigger (see customers_bulk.py).
con.execute("PRAGMA cache_size = -200000")
with con:
    before = con.execute("SELECT COALESCE(MAX(id), 0) FROM customer").fetchone()[0]
    con.execute("DROP TRIGGER " + sys.argv[3])
    con.executemany("INSERT INTO customer (civility, last_name, first_name, email, phone, "
                    "postal_code, city, birth_date, external_id, kind, status, country, "
                    "sort_name, created_at, consent, " + blank + ") VALUES (" +
                    ",".join("?" * 28) + ")", rows)
    con.execute(sys.argv[4], (before,))
    con.execute(sys.argv[5])
print(time.perf_counter() - t, peak_kib(), len(rows), time.process_time() - cpu)
"""


def run_child(code: str, db: Path, source: Path, *extra: str
              ) -> tuple[float, float, int, float, float]:
    """(seconds, peak MB, rows imported, biggest worker's peak MB or 0, processor seconds of
    the import and its workers)."""
    out = subprocess.run([sys.executable, "-c", code, str(db), str(source), *extra],
                         check=True, capture_output=True, text=True).stdout.split()
    return (float(out[0]), int(out[1]) / 1024, int(out[2]),
            int(out[4]) / 1024 if len(out) > 4 else 0.0, float(out[3]))


def import_runs(db: Path, source: Path, runs: int) -> dict[str, list[tuple]]:
    """The 1-process import, the pool of all the cores and the floor, each on a fresh copy of
    db, taken in turns runs times: on a shared machine the load then weighs on all three
    alike, and the medians are compared."""
    from rcdesk.models.customers import FTS_INSERT_TRIGGER, fts_fill_sql, fts_insert_trigger_sql

    cores = os.cpu_count() or 1
    results: dict[str, list[tuple]] = {"ours": [], "pool": [], "floor": []}
    copy = db.parent / "import.db"
    for _ in range(runs):
        for name in results:
            shutil.copyfile(db, copy)
            for side in source.parent.glob(f"{source.stem}_*.csv"):  # rejects of a run
                side.unlink()
            if name == "floor":
                result = run_child(CHILD_FLOOR, copy, source, FTS_INSERT_TRIGGER,
                                   fts_fill_sql(), fts_insert_trigger_sql())
            else:
                result = run_child(CHILD_OURS, copy, source, "1" if name == "ours" else
                                   str(cores))
            results[name].append(result)
    copy.unlink()
    return results


def median_run(runs: list[tuple]) -> tuple[float, float, int, float, float]:
    """Median seconds and processor seconds, the highest peaks, the rows of the first run."""
    return (statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[0][2],
            max(r[3] for r in runs), statistics.median(r[4] for r in runs))


# --- measures ---------------------------------------------------------------------------


def search_times(count, page, texts) -> list[float]:
    times = []
    for text in texts:
        start = time.perf_counter()
        count(text)
        page(text)
        times.append(time.perf_counter() - start)
    return times


def measure_search_sqlite(db_path: Path) -> dict:
    from rcdesk.services.customers import CustomerQuery, count_customers, list_customers
    from rcdesk.services.customers.search import search_terms

    con = sqlite3.connect(db_path)

    def raw_where(text):
        match = " ".join(f'"{t}"*' for t in search_terms(text))
        return "WHERE id IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?)", (match,)

    def raw_count(text):
        _, args = raw_where(text)
        return con.execute("SELECT COUNT(*) FROM customer_fts WHERE customer_fts MATCH ?",
                           args).fetchone()

    def raw_page(text):
        where, args = raw_where(text)
        return con.execute(LIST_SQL.format(where=where), args).fetchall()

    ours = search_times(lambda t: count_customers(CustomerQuery(text=t)),
                        lambda t: list_customers(CustomerQuery(text=t), 0, 200), KEYSTROKES)
    floor = search_times(raw_count, raw_page, KEYSTROKES)
    first_ours, _ = timed(lambda: (count_customers(CustomerQuery()),
                                   list_customers(CustomerQuery(), 0, 200)))
    first_floor, _ = timed(lambda: (con.execute("SELECT COUNT(*) FROM customer").fetchone(),
                                    con.execute(LIST_SQL.format(where="")).fetchall()))
    con.close()
    return {"ours": ours, "floor": floor, "first": (first_ours, first_floor)}


def measure_figures(db_path: Path) -> dict:
    from rcdesk.core.periods import Period
    from rcdesk.services.customers import customer_figures
    from rcdesk.services.customers.figures import RFM_RAW_SQL, rfm_scores

    end = date.today()
    start = end - timedelta(days=365)
    period = Period(start, end)
    ours = statistics.median(timed(customer_figures, period)[0] for _ in range(3))
    con = sqlite3.connect(db_path)

    def raw():
        con.execute("SELECT status, COUNT(*) FROM customer GROUP BY status").fetchall()
        con.execute("SELECT COUNT(*), SUM(CASE WHEN lost_at BETWEEN ? AND ? THEN 1 ELSE 0 END) "
                    "FROM customer WHERE client_since < ? AND (lost_at IS NULL OR lost_at >= ?)",
                    (start.isoformat(), end.isoformat(), start.isoformat(),
                     start.isoformat())).fetchone()
        con.execute("WITH per AS (SELECT customer_id, SUM(amount_cents) AS s, COUNT(*) AS n "
                    "FROM purchase WHERE date >= ? AND date <= ? GROUP BY customer_id) "
                    "SELECT customer_id, s, n, SUM(n) OVER (), SUM(s) OVER (), COUNT(*) OVER () "
                    "FROM per ORDER BY s DESC, customer_id LIMIT 10",
                    (start.isoformat(), end.isoformat())).fetchall()

    floor = statistics.median(timed(raw)[0] for _ in range(3))
    rfm_ours, _ = timed(rfm_scores)
    rfm_cached, _ = timed(rfm_scores)
    rfm_floor, _ = timed(lambda: con.execute(RFM_RAW_SQL).fetchall())
    con.close()
    return {"figures": (ours, floor), "rfm": (rfm_ours, rfm_floor), "rfm_cached": rfm_cached}


def measure_postgresql(customers: int) -> dict | None:
    """Start a throwaway server like tests/conftest.py, load the demo, time the search."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "rc_conftest", Path(__file__).resolve().parent.parent / "tests" / "conftest.py")
    conftest = importlib.util.module_from_spec(spec)
    sys.modules["rc_conftest"] = conftest
    try:
        spec.loader.exec_module(conftest)
    except Exception as exc:  # noqa: BLE001 - no pytest / PySide6: skip with the reason
        print(f"PostgreSQL sauté : {exc}")
        return None
    bindir = conftest._find_pg_bindir()
    if not bindir:
        print("PostgreSQL sauté : initdb introuvable")
        return None
    server = conftest.PostgresServer(bindir)
    try:
        server.start()
        url = server.url(server.new_database())
        import psycopg2

        from rcdesk.db import close_database
        from rcdesk.services.customers import CustomerQuery, count_customers, list_customers
        from rcdesk.services.customers.search import search_terms

        close_database()
        load, _ = timed(build_database, url, customers)
        from rcdesk.models.base import database_proxy

        database_proxy.obj.execute_sql("ANALYZE")
        con = psycopg2.connect(host="127.0.0.1", port=server.port, user=server.user,
                               dbname=url.rsplit("/", 1)[1])
        cur = con.cursor()

        def raw_where(text):
            terms = search_terms(text)
            return (" AND ".join("search_text LIKE %s" for _ in terms),
                    [f"%{t}%" for t in terms])

        def raw_count(text):
            where, args = raw_where(text)
            cur.execute(f"SELECT COUNT(*) FROM customer WHERE {where}", args)
            return cur.fetchone()

        def raw_page(text):
            where, args = raw_where(text)
            cur.execute(LIST_SQL.format(where="WHERE " + where), args)
            return cur.fetchall()

        ours = search_times(lambda t: count_customers(CustomerQuery(text=t)),
                            lambda t: list_customers(CustomerQuery(text=t), 0, 200), KEYSTROKES)
        floor = search_times(raw_count, raw_page, KEYSTROKES)
        accent = count_customers(CustomerQuery(text="helene")) == count_customers(
            CustomerQuery(text="hélène"))
        con.close()
        close_database()
        return {"ours": ours, "floor": floor, "load": load, "accent": accent}
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=100_000, help="lignes du CSV importé")
    parser.add_argument("--no-pg", action="store_true", help="ne pas mesurer PostgreSQL")
    parser.add_argument("--runs", type=int, default=1,
                        help="imports de chaque sorte, pris à tour de rôle (médianes)")
    args = parser.parse_args()
    os.environ.setdefault("RCDESK_DATA_DIR", tempfile.mkdtemp(prefix="rcdesk-bench-data-"))
    work = Path(tempfile.mkdtemp(prefix="rcdesk-bench-"))
    db = work / "clients.db"
    demo_time = build_database(db, args.customers)
    purchases = sqlite3.connect(db).execute("SELECT COUNT(*) FROM purchase").fetchone()[0]
    search = measure_search_sqlite(db)
    figures = measure_figures(db)
    from rcdesk.db import close_database

    close_database()
    source = work / "clients_fr.csv"
    write_french_csv(source, args.rows)
    # Both import into a copy of the 100,000-customer file, as a shop would.
    # Once in-process (1 process), once with the rows checked by a pool of all the cores.
    cores = os.cpu_count() or 1
    checkpoint = sqlite3.connect(db)
    checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    load_before = os.getloadavg()[0]
    runs = import_runs(db, source, max(1, args.runs))
    load_after = os.getloadavg()[0]
    imp, imp_pool, flo = (median_run(runs[k]) for k in ("ours", "pool", "floor"))
    pg = None if args.no_pg else measure_postgresql(args.customers)

    print(f"\nMachine : {platform.processor() or platform.machine()}, {os.cpu_count()} cœurs, "
          f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version} "
          "(machine partagée avec d'autres tâches)")
    print(f"Base : {args.customers} clients, {purchases} achats (démo générée en "
          f"{demo_time:.1f} s)\n")
    print("| Mesure | rcdesk (ms) | plancher brut (ms) | ratio | objectif |")
    print("|---|---|---|---|---|")
    target = "< 12 s, ≤ 1,5× plancher, < 400 Mo"
    print(row(f"Import CSV {args.rows} lignes, 1 processus (pic {imp[1]:.0f} Mo / plancher "
              f"{flo[1]:.0f} Mo)", imp[0], flo[0], target))
    print(row(f"Import CSV {args.rows} lignes, {cores} processus (pic {imp_pool[1]:.0f} Mo "
              f"+ {imp_pool[3]:.0f} Mo par processus de validation)", imp_pool[0], flo[0],
              target))
    print(row("Import CSV, temps processeur, 1 processus", imp[4], flo[4], "≤ 1,5× plancher"))
    print(row(f"Import CSV, temps processeur, {cores} processus (tous)", imp_pool[4], flo[4],
              ""))
    print(row("Frappe de recherche, médiane", statistics.median(search["ours"]),
              statistics.median(search["floor"]), "< 50 ms"))
    print(row("Frappe de recherche, p95", pct(search["ours"], 95), pct(search["floor"], 95),
              "< 150 ms"))
    print(row("Première page de la liste (compte + 200 lignes)", *search["first"],
              "partie service des 300 ms"))
    print(row("Chiffres de l'onglet (12 mois)", *figures["figures"], "< 500 ms"))
    print(row("Quintiles RFM (calcul)", *figures["rfm"], ""))
    print(row("Quintiles RFM (2e appel, résumés)", figures["rfm_cached"], None, ""))
    if pg:
        print(row("PostgreSQL : frappe, médiane", statistics.median(pg["ours"]),
                  statistics.median(pg["floor"]), "< 50 ms"))
        print(row("PostgreSQL : frappe, p95", pct(pg["ours"], 95), pct(pg["floor"], 95),
                  "< 150 ms"))
        accent = "oui" if pg["accent"] else "NON"
        print(f"\nPostgreSQL : démo chargée en {pg['load']:.1f} s ; "
              f"« helene » = « hélène » : {accent}")
    print(f"\nImport : {imp[2]} lignes importées en 1 processus, {imp_pool[2]} en {cores} "
          f"(plancher : {flo[2]}) ; médianes de {max(1, args.runs)} mesure(s) prises à tour "
          f"de rôle, charge moyenne {load_before:.1f} avant, {load_after:.1f} après.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
