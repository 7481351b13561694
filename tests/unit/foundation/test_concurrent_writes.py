"""Three counters writing at once on one database, as real processes (writer_process.py).

Each does about a hundred writes that read before they write (resume a complaint from « En
attente du client », rename and add categories, edit and reorder the charter, rename an
organisation). On SQLite such a transaction must take the write lock up front (BEGIN IMMEDIATE):
begun as a plain BEGIN, its first read pins a snapshot and its first write fails at once with
« database is locked » when another process wrote meanwhile. Nothing may fail, on SQLite nor on
PostgreSQL, and nothing may be lost: every pause and resume is in the timelines, the charter
keeps numbers 1, 2, 3..."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from rcdesk.models.charter import Commitment
from rcdesk.models.complaints import Complaint, ComplaintCategory, ComplaintEvent
from rcdesk.services import customers
from rcdesk.services.assessment.orgs import create_organisation, get_organisation
from rcdesk.services.charter import records
from rcdesk.services.complaints import (
    ComplaintInput,
    Qualification,
    add_category,
    qualify,
    register_complaint,
)
from rcdesk.services.settings import CompanyProfile, save_company

WORKERS = 3
ROUNDS = 12  # nine writes a round: 108 writes per process
WRITES = 9
WRITER = Path(__file__).with_name("writer_process.py")
ROOT = Path(__file__).resolve().parents[3]


def _setup(worker: int) -> tuple[int, ...]:
    category = add_category(f"Catégorie {worker}")
    complaint = register_complaint(ComplaintInput(
        walk_in_name=f"Client {worker}", walk_in_contact="06 12 34 56 78",
        description="Nappe tachée")).id
    qualify(complaint, Qualification(category, "bonne foi"))
    commitment = records.add_commitment(records.CommitmentInput(
        wording=f"Engagement {worker}."), {}).id
    org = create_organisation(f"Client {worker}").id
    customer = customers.create_customer(customers.CustomerData(last_name=f"Client {worker}"))
    return complaint, category, commitment, org, customer


def _run(target: str, setups: list[tuple[int, ...]], folder: Path) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), os.environ.get("PYTHONPATH", "")])}
    procs = [subprocess.Popen(
        [sys.executable, str(WRITER), target, str(worker), str(ROUNDS), *map(str, setup),
         str(folder)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env) for worker, setup in enumerate(setups)]
    try:
        for proc in procs:  # every process has opened the database before any writes
            assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        for proc in procs:
            proc.stdin.write("go\n")
            proc.stdin.flush()
        reports = []
        for proc in procs:
            out, err = proc.communicate(timeout=50)
            assert proc.returncode == 0, err
            reports.append(json.loads(out.strip().splitlines()[-1]))
        return reports
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_three_counters_write_at_once_and_nothing_fails_nor_is_lost(database, tmp_path):
    save_company(CompanyProfile(name="Maison Test", country="FR"))
    setups = [_setup(worker) for worker in range(WORKERS)]
    categories_before = ComplaintCategory.select().count()
    events_before = {c: ComplaintEvent.select().where(ComplaintEvent.complaint == c).count()
                     for c, *_ in setups}

    customers_before = customers.count_customers(customers.CustomerQuery())
    reports = _run(database.target, setups, tmp_path)

    errors = [e for r in reports for e in r["errors"]]
    assert errors == [], f"{len(errors)} write(s) failed, first ones: {errors[:5]}"
    assert [r["done"] for r in reports] == [ROUNDS * WRITES] * WORKERS
    for worker, (complaint, category, commitment, org, customer) in enumerate(setups):
        row = Complaint.get_by_id(complaint)
        assert (row.status, row.paused_on, row.paused_from) == ("Qualifiée", None, "")
        events = ComplaintEvent.select().where(ComplaintEvent.complaint == complaint).count()
        assert events - events_before[complaint] == 2 * ROUNDS
        assert ComplaintCategory.get_by_id(category).name == f"Catégorie {worker}-{ROUNDS - 1}"
        assert Commitment.get_by_id(commitment).wording == f"Engagement {worker} relu {ROUNDS - 1} fois."
        assert get_organisation(org).name == f"Client {worker}-{ROUNDS - 1}"
        stored = customers.get_customer(customer)
        assert (stored.city, stored.version) == (f"Ville {worker}-{ROUNDS - 1}", 1 + ROUNDS)
    assert customers.count_customers(customers.CustomerQuery()) == \
        customers_before + WORKERS * ROUNDS * 2
    assert customers.count_customers(customers.CustomerQuery(text="import")) == \
        WORKERS * ROUNDS * 2  # the search index has every imported customer
    assert ComplaintCategory.select().count() == categories_before + WORKERS * ROUNDS
    positions = sorted(p for (p,) in ComplaintCategory.select(ComplaintCategory.position).tuples())
    assert len(set(positions)) == len(positions), "two categories appended at the same place"
    assert sorted(records.list_commitments(), key=lambda c: c.position)[-1].position == WORKERS
    assert [c.position for c in records.list_commitments()] == list(range(1, WORKERS + 1))
