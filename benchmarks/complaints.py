"""Complaint register timings beside their floor: the same work done with raw sqlite3.

Figures (targets of issue 5): the register's first rows with 50,000 complaints (< 300 ms),
saving a new complaint at 5,000 and at 200,000 complaints (< 50 ms, must not grow), a year's
indicators (< 500 ms), the register PDF of 1,000 complaints (< 5 s).
Run: .venv/bin/python benchmarks/complaints.py [--runs 5] [--big 200000]"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

CHANNELS = ("comptoir", "téléphone", "courrier", "e-mail", "site web")
STATUSES = ("Clôturée",) * 8 + ("Réponse envoyée", "En traitement", "Reçue")


def median_time(runs: int, function) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fill(target: int, rng: random.Random, customers: list[int], first_day: date, days: int):
    """Bulk-insert complaints (and one timeline event each) up to target rows."""
    from peewee import fn

    from rcdesk.core.workdays import add_working_days
    from rcdesk.models.base import database_proxy
    from rcdesk.models.complaints import Complaint, ComplaintCounter, ComplaintEvent

    have = Complaint.select(fn.COUNT(Complaint.id)).scalar()
    counters = dict(ComplaintCounter.select(ComplaintCounter.year, ComplaintCounter.last).tuples())
    while have < target:
        rows = []
        for _ in range(min(5000, target - have)):
            day = first_day + timedelta(days=rng.randrange(days))
            counters[day.year] = counters.get(day.year, 0) + 1
            status = rng.choice(STATUSES)
            answered = day + timedelta(days=rng.randint(1, 9)) if status in (
                "Clôturée", "Réponse envoyée") else None
            rows.append(dict(
                number=f"REC-{day.year}-{counters[day.year]:04d}",
                received_at=datetime.combine(day, datetime.min.time()), received_on=day,
                due_date=add_working_days(day, 5, "FR"), customer=rng.choice(customers),
                channel=rng.choice(CHANNELS), product=f"Produit {rng.randint(1, 40)}",
                place=f"Magasin {rng.randint(1, 6)}", description="Réclamation de test",
                status=status, category=rng.randint(1, 6),
                answer_date=min(answered, date.today()) if answered else None,
                answer_text="Réponse" if answered else "",
                cost_cents=rng.choice((0, 0, 500, 2500)), resatisfied=rng.choice(("oui", "non", ""))
                if status == "Clôturée" else ""))
        with database_proxy.atomic():
            Complaint.insert_many(rows).execute()
            last = Complaint.select(fn.MAX(Complaint.id)).scalar()
            ComplaintEvent.insert_many([dict(complaint=i, who="bench", what="Enregistrée")
                                        for i in range(last - len(rows) + 1, last + 1)]).execute()
            for year, value in counters.items():
                ComplaintCounter.insert(year=year, last=value).on_conflict(
                    conflict_target=[ComplaintCounter.year],
                    update={ComplaintCounter.last: value}).execute()
        have += len(rows)


# --- the floor: the same statements through raw sqlite3 ---------------------------------

RAW_FIRST_ROWS = """SELECT c.id, c.number, c.received_on, u.first_name, u.last_name,
    u.company_name, u.kind, c.walk_in_name, c.channel, k.name, c.product, c.place, c.status,
    c.due_date, c.paused_on FROM complaint c LEFT JOIN customer u ON c.customer_id = u.id
    LEFT JOIN complaint_category k ON c.category_id = k.id
    ORDER BY c.received_on DESC, c.id DESC LIMIT 200"""


def raw_first_rows(con) -> list:
    con.execute("SELECT COUNT(id) FROM complaint").fetchone()
    return con.execute(RAW_FIRST_ROWS).fetchall()


RAW_LATE = """SELECT c.id, c.number, c.received_on, u.first_name, u.last_name, u.company_name,
    u.kind, c.walk_in_name, c.channel, k.name, c.product, c.place, c.status, c.due_date,
    c.paused_on FROM complaint c LEFT JOIN customer u ON c.customer_id = u.id
    LEFT JOIN complaint_category k ON c.category_id = k.id WHERE {late}
    ORDER BY c.received_on DESC, c.id DESC LIMIT 200"""
LATE = ("c.status IN ('Reçue', 'Qualifiée', 'En traitement', 'En attente du client') AND "
        "((c.paused_on IS NULL AND c.due_date < ?) OR (c.paused_on IS NOT NULL AND "
        "c.due_date < c.paused_on))")


def raw_late_rows(con) -> list:
    today = date.today().isoformat()
    con.execute("SELECT COUNT(c.id) FROM complaint c WHERE " + LATE, (today,)).fetchone()
    return con.execute(RAW_LATE.format(late=LATE), (today,)).fetchall()


def raw_save(con, customer_id: int, day: date) -> None:
    """Counter bumped, complaint and its event inserted, in one immediate transaction."""
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO complaint_counter (year, last) VALUES (?, 1) ON CONFLICT (year) "
                "DO UPDATE SET last = last + 1", (day.year,))
    (last,) = con.execute("SELECT last FROM complaint_counter WHERE year = ?",
                          (day.year,)).fetchone()
    cur = con.execute(
        "INSERT INTO complaint (number, received_at, received_on, due_date, customer_id, "
        "walk_in_name, walk_in_contact, channel, product, place, description, expectation, "
        "status, type, severity, entity, paused_from, waited_days, answer_text, compensation, "
        "cost_cents, resatisfied, updated_at) VALUES (?, ?, ?, ?, ?, '', '', 'comptoir', "
        "'Vase', 'Lille', 'Vase fêlé', '', 'Reçue', '', '', '', '', 0, '', 'aucune', 0, '', ?)",
        (f"REC-{day.year}-{last + 1_000_000}", datetime.now(), day, day + timedelta(days=7),
         customer_id, datetime.now()))
    con.execute("INSERT INTO complaint_event (complaint_id, at, who, what, comment) VALUES "
                "(?, ?, 'bench', 'Réclamation enregistrée', '')", (cur.lastrowid, datetime.now()))
    con.execute("COMMIT")


def raw_indicators(con, start: date, end: date) -> None:
    con.execute("SELECT c.received_on, c.due_date, c.answer_date, c.status, c.paused_on, "
                "c.waited_days, c.resatisfied, c.cost_cents, k.name, c.product, c.place, "
                "c.channel FROM complaint c LEFT JOIN complaint_category k ON "
                "c.category_id = k.id WHERE c.received_on >= ? AND c.received_on <= ?",
                (start, end)).fetchall()
    con.execute("SELECT COUNT(id), SUM(amount_cents) FROM purchase WHERE date >= ? AND date <= ?",
                (start, end)).fetchone()


def raw_report_rows(con, start: date, end: date) -> list:
    return con.execute("SELECT c.number, c.received_on, u.first_name, u.last_name, c.channel, "
                       "k.name, c.status, c.due_date, c.answer_date, c.cost_cents FROM complaint "
                       "c LEFT JOIN customer u ON c.customer_id = u.id LEFT JOIN "
                       "complaint_category k ON c.category_id = k.id WHERE c.received_on >= ? "
                       "AND c.received_on <= ? ORDER BY c.received_on, c.id",
                       (start, end)).fetchall()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big", type=int, default=200_000)
    args = parser.parse_args()
    rng = random.Random(5)
    rows: list[tuple[str, float, float | None, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RCDESK_DATA_DIR"] = tmp
        from rcdesk.core.periods import Period
        from rcdesk.db import open_database
        from rcdesk.models.base import database_proxy
        from rcdesk.models.customers import Customer, Purchase
        from rcdesk.reports.complaint_register import write_register_report
        from rcdesk.services import complaints as service
        from rcdesk.services.settings import CompanyProfile, save_company

        path = Path(tmp) / "bench.db"
        open_database(path)
        save_company(CompanyProfile(name="Banc d'essai", country="FR"))
        with database_proxy.atomic():
            Customer.insert_many([dict(first_name=f"Prénom{i}", last_name=f"Nom{i}",
                                       status="client") for i in range(2000)]).execute()
            customers = [i for (i,) in Customer.select(Customer.id).tuples()]
            first_day = date(2025, 1, 1)
            days = (date.today() - first_day).days
            for _chunk in range(0, 100_000, 10_000):
                Purchase.insert_many([dict(customer=rng.choice(customers),
                                           date=first_day + timedelta(days=rng.randrange(days)),
                                           amount_cents=rng.randint(500, 30_000))
                                      for _ in range(10_000)]).execute()
        con = sqlite3.connect(str(path), isolation_level=None)
        con.execute("PRAGMA synchronous = normal")  # as rcdesk opens its files
        con.execute("PRAGMA busy_timeout = 5000")
        data = service.ComplaintInput(customer_id=customers[0], channel="comptoir",
                                      product="Vase", place="Lille", description="Vase fêlé")

        def ours_save():
            service.register_complaint(data)

        def floor_save():
            raw_save(con, customers[0], date.today())

        def saving(size: int) -> None:
            fill(size, rng, customers, first_day, days)
            ours = median_time(args.runs * 4, ours_save)
            floor = median_time(args.runs * 4, floor_save)
            rows.append((f"enregistrer une réclamation ({size:,} en base)".replace(",", " "),
                         ours, floor, "< 50 ms"))

        saving(5_000)
        fill(50_000, rng, customers, first_day, days)
        query = service.ComplaintQuery()
        rows.append(("registre : premières lignes (compte + 200 lignes, 50 000)",
                     median_time(args.runs, lambda: (service.count_complaints(query),
                                                     service.list_complaints(query, 0, 200))),
                     median_time(args.runs, lambda: raw_first_rows(con)), "< 300 ms"))
        late = service.ComplaintQuery(late_only=True)
        rows.append(("registre : en retard seulement (50 000)",
                     median_time(args.runs, lambda: (service.count_complaints(late),
                                                     service.list_complaints(late, 0, 200))),
                     median_time(args.runs, lambda: raw_late_rows(con)), "< 300 ms"))
        year = Period(date(2025, 1, 1), date(2025, 12, 31))
        received = service.count_complaints(service.ComplaintQuery(start=year.start, end=year.end))
        rows.append((f"indicateurs d'une année ({received:,} réclamations)".replace(",", " "),
                     median_time(args.runs, lambda: service.complaint_indicators(year)),
                     median_time(args.runs, lambda: raw_indicators(con, year.start, year.end)),
                     "< 500 ms"))
        start = date(2025, 3, 1)
        (end,) = con.execute("SELECT received_on FROM complaint WHERE received_on >= ? ORDER BY "
                             "received_on, id LIMIT 1 OFFSET 999", (start,)).fetchone()
        end = date.fromisoformat(end)
        period = Period(start, end)
        count = service.count_complaints(service.ComplaintQuery(start=start, end=end))
        pdf_path = Path(tmp) / "registre.pdf"
        rows.append((f"PDF du registre ({count:,} réclamations)".replace(",", " "),
                     median_time(max(1, args.runs // 2),
                                 lambda: write_register_report(period, pdf_path, overwrite=True)),
                     median_time(args.runs, lambda: raw_report_rows(con, start, end)), "< 5 s"))
        saving(args.big)
        con.close()
        database_proxy.obj.close()
    print(f"Réclamations ({args.runs} essais, médiane ; "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cœurs partagés, "
          f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version})")
    print()
    print("| mesure | rcdesk | plancher sqlite3 brut | ratio | objectif |")
    print("|---|---|---|---|---|")
    for label, ours, floor, target in rows:
        floor_text = f"{floor * 1000:.2f} ms" if floor is not None else "—"
        ratio = f"{ours / floor:.1f}" if floor else "—"
        print(f"| {label} | {ours * 1000:.2f} ms | {floor_text} | {ratio} | {target} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
