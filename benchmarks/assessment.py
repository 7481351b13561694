"""Self-assessment timings beside their floor: the same rows written and read with raw sqlite3.

Figures: record one assessment (1 + 8 rows, validated), the history of an organisation holding
N assessments, `stats` (latest assessment), and the PDF diagnosis (no SQL floor: ReportLab).
Run: .venv/bin/python benchmarks/assessment.py [--assessments 500] [--runs 5]"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

SCORES = [7, 5, 6, 8, 4, 6, 7, 5]


def best_of(runs: int, function) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def raw_insert(con: sqlite3.Connection, org_id: int, day: date) -> None:
    with con:
        cur = con.execute("INSERT INTO assessment (organisation_id, date, assessor, strengths, "
                          "weaknesses, opportunities, threats, created_by, created_at, "
                          "updated_at) VALUES (?, ?, 'bench', '', '', '', '', 'bench', "
                          "'2026-01-01', '2026-01-01')", (org_id, day.isoformat()))
        con.executemany("INSERT INTO assessment_score (assessment_id, theme, score, comment, "
                        "recommendation) VALUES (?, ?, ?, '', '')",
                        [(cur.lastrowid, n, s) for n, s in enumerate(SCORES, start=1)])


def raw_history(con: sqlite3.Connection, org_id: int) -> list:
    rows = con.execute("SELECT a.id, a.date, s.theme, s.score FROM assessment a JOIN "
                       "assessment_score s ON s.assessment_id = a.id WHERE a.organisation_id = ? "
                       "ORDER BY a.date, a.id, s.theme", (org_id,)).fetchall()
    return rows


def raw_latest(con: sqlite3.Connection) -> list:
    (head,) = con.execute("SELECT id FROM assessment ORDER BY date DESC, id DESC LIMIT 1").fetchall()
    return con.execute("SELECT score FROM assessment_score WHERE assessment_id = ? ORDER BY theme",
                       head).fetchall()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--assessments", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RCDESK_DATA_DIR"] = tmp
        from rcdesk.core.periods import Period
        from rcdesk.db import open_database
        from rcdesk.reports.maturity import build_maturity_report
        from rcdesk.services import assessment as service

        path = Path(tmp) / "bench.db"
        open_database(path)
        org = service.create_organisation("Banc d'essai")
        start_day = date.today() - timedelta(days=args.assessments)
        counter = iter(range(10**9))

        def ours_insert():
            day = start_day + timedelta(days=next(counter) % args.assessments)
            service.save_assessment(service.AssessmentInput(organisation_id=org.id, date=day,
                                                            scores=SCORES))

        con = sqlite3.connect(str(path))
        con.execute("PRAGMA synchronous = normal")  # as rcdesk opens its files
        raw_counter = iter(range(10**9))

        def floor_insert():
            raw_insert(con, org.id, start_day + timedelta(days=next(raw_counter) % args.assessments))

        for _ in range(args.assessments // 2):
            ours_insert()
            floor_insert()
        rows = [
            ("enregistrer une évaluation (1 + 8 lignes)", best_of(args.runs, ours_insert),
             best_of(args.runs, floor_insert)),
            (f"historique d'une organisation ({args.assessments} évaluations)",
             best_of(args.runs, lambda: service.history(org.id)),
             best_of(args.runs, lambda: raw_history(con, org.id))),
            ("stats : dernière évaluation", best_of(args.runs, lambda: service.stats(Period())),
             best_of(args.runs, lambda: raw_latest(con))),
        ]
        latest = service.latest_assessment().id
        pdf = best_of(args.runs, lambda: build_maturity_report(latest, BytesIO()))
        con.close()
    print(f"Auto-évaluation ({args.runs} essais, médiane ; {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cœurs, Python {platform.python_version()}, SQLite)")
    print()
    print("| mesure | rcdesk | plancher sqlite3 brut | ratio |")
    print("|---|---|---|---|")
    for label, ours, floor in rows:
        print(f"| {label} | {ours * 1000:.2f} ms | {floor * 1000:.2f} ms | {ours / floor:.1f} |")
    print(f"| diagnostic PDF (3 pages, radar vectoriel) | {pdf * 1000:.0f} ms | — | — |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
