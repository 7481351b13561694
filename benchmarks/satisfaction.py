"""Satisfaction timings beside their floor: the same aggregate or insert with raw sqlite3.

Base: 100,000 responses over 20 campaigns of the counter questionnaire (NPS, 6 criteria, a
single choice, yes/no, a free text: 9 answers each, 900,000 answer rows). Figures: one
campaign's NPS + criteria + mapping (service) against the one GROUP BY the service runs; its
PDF report (no SQL floor: ReportLab); importing a Google Forms CSV of 10,000 responses (two
streamed passes, batches) against csv.reader + executemany of the same rows; the import's peak
Python memory (tracemalloc) for 10,000 and 50,000 rows, to show it does not grow with the file.
Run: .venv/bin/python benchmarks/satisfaction.py [--responses 100000] [--runs 5]"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import sqlite3
import statistics
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path

CAMPAIGNS = 20


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def best_of(runs: int, function) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fill(questionnaire, campaign_ids: list[int], per_campaign: int, rng) -> None:
    from rcdesk.models.base import write_transaction
    from rcdesk.services.surveys import CRITERION, NPS, SINGLE, TEXT, YESNO
    from rcdesk.services.surveys.imports import insert_responses

    next_id = 1
    start = datetime(2026, 1, 1, 9, 0)
    with write_transaction():
        for cid in campaign_ids:
            responses, answers = [], []
            for i in range(per_campaign):
                responses.append((next_id, cid, None, start + timedelta(minutes=i), "bench"))
                for q in questionnaire.questions:
                    if q.kind == NPS:
                        answers.append((next_id, q.id, rng.randint(0, 10), None,
                                        "Attente trop longue" if rng.random() < 0.2 else ""))
                    elif q.kind == CRITERION:
                        answers.append((next_id, q.id, rng.randint(0, 5), rng.randint(0, 5), ""))
                    elif q.kind == SINGLE:
                        pick = rng.randint(1, len(q.choices))
                        answers.append((next_id, q.id, pick, None, q.choices[pick - 1]))
                    elif q.kind == YESNO:
                        answers.append((next_id, q.id, rng.randint(0, 1), None, ""))
                    elif q.kind == TEXT:
                        answers.append((next_id, q.id, None, None, "Rien à signaler"))
                next_id += 1
            insert_responses(responses, answers)


def raw_results(con: sqlite3.Connection, campaign_id: int) -> list:
    """The floor: the one aggregate the results run (scores, importances, written answers)."""
    return con.execute(
        "SELECT a.question_id, a.value, a.importance, CASE WHEN a.text != '' THEN 1 ELSE 0 "
        "END AS t, COUNT(*) FROM survey_answer a JOIN survey_response r ON r.id = a.response_id"
        " WHERE r.campaign_id = ? GROUP BY a.question_id, a.value, a.importance, t",
        (campaign_id,)).fetchall()


def write_google_csv(path: Path, questionnaire, rows: int, rng) -> None:
    from rcdesk.services.surveys import CRITERION, NPS

    headers = ["Horodateur", "Adresse e-mail"]
    for q in questionnaire.questions:
        if q.kind == NPS:
            headers += [q.label, "Pourquoi ?"]
        elif q.kind == CRITERION:
            headers += [f"{q.label} [Satisfaction]", f"{q.label} [Importance]"]
    start = datetime(2026, 3, 1, 8, 0)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for i in range(rows):
            at = start + timedelta(seconds=37 * i)
            cells = [at.strftime("%d/%m/%Y %H:%M:%S"), ""]
            for q in questionnaire.questions:
                if q.kind == NPS:
                    cells += [str(rng.randint(0, 10)), "Bien" if i % 3 else ""]
                elif q.kind == CRITERION:
                    cells += [str(rng.randint(0, 5)), str(rng.randint(0, 5))]
            writer.writerow(cells)


def raw_import(con: sqlite3.Connection, path: Path, campaign_id: int, columns) -> None:
    """The floor: csv.reader, int() of the scores, executemany into the two tables."""
    with con, path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        (last,) = con.execute("SELECT COALESCE(MAX(id), 0) FROM survey_response").fetchone()
        responses, answers = [], []
        for row in reader:
            last += 1
            at = datetime.strptime(row[0], "%d/%m/%Y %H:%M:%S")
            responses.append((last, campaign_id, None, at.isoformat(" "), "import"))
            for qid, value_col, extra_col, kind in columns:
                if kind == "nps":
                    answers.append((last, qid, int(row[value_col]), None, row[extra_col]))
                else:
                    answers.append((last, qid, int(row[value_col]), int(row[extra_col]), ""))
        con.executemany("INSERT INTO survey_response (id, campaign_id, customer_id, answered_at,"
                        " source) VALUES (?, ?, ?, ?, ?)", responses)
        con.executemany("INSERT INTO survey_answer (response_id, question_id, value, "
                        "importance, text) VALUES (?, ?, ?, ?, ?)", answers)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RCDESK_DATA_DIR"] = tmp
        from rcdesk.db import open_database
        from rcdesk.reports.satisfaction import write_satisfaction_report
        from rcdesk.services.settings import CompanyProfile, save_company
        from rcdesk.services.surveys import (
            CRITERION,
            NPS,
            create_campaign,
            create_from_template,
            get_questionnaire,
        )
        from rcdesk.services.surveys.imports import import_responses
        from rcdesk.services.surveys.results import campaign_results

        path = Path(tmp) / "bench.db"
        open_database(path)
        save_company(CompanyProfile(name="Banc d'essai", country="FR", currency="EUR"))
        qid = create_from_template("Visite en boutique", "comptoir")
        questionnaire = get_questionnaire(qid)
        campaigns = [create_campaign(qid, f"Campagne {n + 1}", start=date(2026, 1, 1))
                     for n in range(CAMPAIGNS)]
        started = time.perf_counter()
        fill(questionnaire, campaigns, args.responses // CAMPAIGNS, rng)
        filled = time.perf_counter() - started
        target = campaigns[CAMPAIGNS // 2]
        con = sqlite3.connect(str(path))
        rows = [(f"NPS + critères + mapping d'une campagne ({_n(args.responses // CAMPAIGNS)} "
                 "réponses)",
                 best_of(args.runs, lambda: campaign_results(target)),
                 best_of(args.runs, lambda: raw_results(con, target)))]
        pdf = best_of(max(1, args.runs // 2), lambda: write_satisfaction_report(
            target, Path(tmp) / "r.pdf", overwrite=True))
        # import: each run into a fresh campaign (the same file twice would be skipped)
        source = Path(tmp) / "google.csv"
        write_google_csv(source, questionnaire, args.import_rows, rng)
        columns = []
        index = 2
        for q in questionnaire.questions:
            if q.kind == NPS:
                columns.append((q.id, index, index + 1, "nps"))
                index += 2
            elif q.kind == CRITERION:
                columns.append((q.id, index, index + 1, "criterion"))
                index += 2
        runs = max(1, args.runs // 2)

        def ours_import():
            cid = create_campaign(qid, "Import")
            result = import_responses(cid, source)
            assert result.imported == args.import_rows, result.summary()

        def floor_import():
            raw_import(con, source, create_campaign(qid, "Import brut"), columns)

        ours = best_of(runs, ours_import)
        floor = best_of(runs, floor_import)
        rows.append((f"import Google Forms de {_n(args.import_rows)} réponses", ours, floor))
        peaks = []
        for size in (args.import_rows, args.import_rows * 5):
            big = Path(tmp) / f"google_{size}.csv"
            write_google_csv(big, questionnaire, size, rng)
            cid = create_campaign(qid, f"Mémoire {size}")
            tracemalloc.start()
            import_responses(cid, big, dry_run=True)
            peaks.append((size, tracemalloc.get_traced_memory()[1]))
            tracemalloc.stop()
        con.close()
    print(f"Satisfaction ({args.runs} essais, médiane ; {platform.processor() or platform.machine()},"
          f" {os.cpu_count()} cœurs, Python {platform.python_version()}, SQLite ; base de "
          f"{_n(args.responses)} réponses sur {CAMPAIGNS} campagnes remplie en {filled:.1f} s)")
    print()
    print("| mesure | rcdesk | plancher sqlite3 brut | ratio |")
    print("|---|---|---|---|")
    for label, ours, floor in rows:
        print(f"| {label} | {ours * 1000:.1f} ms | {floor * 1000:.1f} ms | {ours / floor:.1f} |")
    print(f"| rapport PDF d'une campagne (mapping vectoriel) | {pdf * 1000:.0f} ms | — | — |")
    for size, peak in peaks:
        print(f"| mémoire Python maximale, vérification de {_n(size)} lignes | "
              f"{peak / 1e6:.1f} Mo | — | — |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
