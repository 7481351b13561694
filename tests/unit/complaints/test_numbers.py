"""reserve_numbers: the one place REC-YYYY-NNNN numbers are taken (intake, import, demo)."""

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import rcdesk
from rcdesk.models.base import database_proxy
from rcdesk.models.complaints import Complaint, ComplaintCounter
from rcdesk.services.complaints import ComplaintInput, register_complaint
from rcdesk.services.complaints.imports import import_complaints
from rcdesk.services.complaints.workflow import reserve_numbers


def walk_in(**kw) -> ComplaintInput:
    return ComplaintInput(walk_in_name="Mme Roux", walk_in_contact="roux@exemple.fr",
                          description="Vase fêlé", **kw)


def test_numbers_are_contiguous_per_year_and_start_at_one(company):
    assert reserve_numbers(2026, 3) == ["REC-2026-0001", "REC-2026-0002", "REC-2026-0003"]
    assert reserve_numbers(2026, 2) == ["REC-2026-0004", "REC-2026-0005"]
    assert reserve_numbers(2025, 1) == ["REC-2025-0001"]
    assert reserve_numbers(2026, 0) == []
    assert dict(ComplaintCounter.select(ComplaintCounter.year, ComplaintCounter.last)
                .tuples()) == {2025: 1, 2026: 5}


def test_a_rolled_back_transaction_gives_its_numbers_back(company):
    assert reserve_numbers(2026, 1) == ["REC-2026-0001"]
    with database_proxy.atomic() as transaction:
        assert reserve_numbers(2026, 4)[-1] == "REC-2026-0005"
        transaction.rollback()
    assert reserve_numbers(2026, 1) == ["REC-2026-0002"]


def test_intake_import_and_reservations_share_the_one_counter(customer, tmp_path):
    assert register_complaint(walk_in(), received_on=date(2026, 3, 2)).number == "REC-2026-0001"
    source = tmp_path / "registre.csv"
    source.write_text("Date de réception;E-mail client;Description\n"
                      "04/03/2026;helene@example.fr;Colis en retard\n"
                      "03/03/2026;helene@example.fr;Attente en caisse\n"
                      "30/12/2025;helene@example.fr;Nappe tachée\n", encoding="utf-8")
    assert import_complaints(source).imported == 3
    assert register_complaint(walk_in(), received_on=date(2026, 3, 5)).number == "REC-2026-0004"
    numbers = dict(Complaint.select(Complaint.number, Complaint.description).tuples())
    assert numbers == {"REC-2026-0001": "Vase fêlé", "REC-2025-0001": "Nappe tachée",
                       "REC-2026-0002": "Attente en caisse", "REC-2026-0003": "Colis en retard",
                       "REC-2026-0004": "Vase fêlé"}  # imported rows numbered in receipt order


RACER = """
import sys, time
from datetime import date
from pathlib import Path
from rcdesk.db import open_database
from rcdesk.services.complaints import ComplaintInput, register_complaint
from rcdesk.services.complaints.workflow import reserve_numbers

open_database(sys.argv[1])
go = Path(sys.argv[2])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.005)
numbers = []
for i in range(30):
    if i % 2:
        numbers.append(register_complaint(ComplaintInput(
            walk_in_name="Course", walk_in_contact="0612345678", description="course"),
            received_on=date(2026, 6, 1)).number)
    else:
        numbers += reserve_numbers(2026, 1 + i % 3)  # an import's block of numbers
print("\\n".join(numbers), flush=True)
"""


def test_processes_racing_get_unique_contiguous_numbers(company, database, tmp_path):
    """Three processes at once, each taking single numbers (intake) and blocks (import)."""
    go = tmp_path / "go"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(Path(rcdesk.__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")]))
    racers = [subprocess.Popen([sys.executable, "-c", RACER, database.target, str(go)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
              for _ in range(3)]
    for racer in racers:
        assert racer.stdout.readline().strip() == "ready", racer.stderr.read()
    time.sleep(0.05)
    go.touch()
    taken = []
    for racer in racers:
        out, err = racer.communicate(timeout=120)
        assert racer.returncode == 0, err
        taken += out.split()
    per_process = 15 + sum(1 + i % 3 for i in range(0, 30, 2))
    assert len(taken) == 3 * per_process
    assert sorted(taken) == [f"REC-2026-{n:04d}" for n in range(1, len(taken) + 1)]
    assert ComplaintCounter.get_by_id(2026).last == len(taken)
