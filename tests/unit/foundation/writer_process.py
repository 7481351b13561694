"""One counter of the concurrency test, run as its own process (test_concurrent_writes.py).

    python writer_process.py TARGET WORKER ROUNDS COMPLAINT_ID CATEGORY_ID COMMITMENT_ID ORG_ID
                             CUSTOMER_ID FOLDER

Opens the database, prints "ready", waits for a line on stdin, then does ROUNDS rounds of
writes that read before they write: put its complaint on hold, resume it from « En attente du
client », rename its category and add one, edit and move its charter commitment, rename its
organisation, save its customer as the form does (with the version it read), import two
customers from a CSV file (bulk writes). Each failure is kept (type and message); the last line
printed is a JSON report."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    target, worker, rounds, complaint_id, category_id, commitment_id, org_id = sys.argv[1:8]
    worker, rounds = int(worker), int(rounds)
    complaint_id, category_id = int(complaint_id), int(category_id)
    commitment_id, org_id = int(commitment_id), int(org_id)
    customer_id, folder = int(sys.argv[8]), Path(sys.argv[9])

    from rcdesk.db import open_database
    from rcdesk.services.assessment.orgs import rename_organisation
    from rcdesk.services.charter import records
    from rcdesk.services.complaints import add_category, move, rename_category
    from rcdesk.services.complaints.rules import QUALIFIED, WAITING
    from rcdesk.services.customers import get_customer, update_customer
    from rcdesk.services.customers.imports import import_customers

    db = open_database(target)
    print("ready", flush=True)
    sys.stdin.readline()
    errors: list[str] = []
    done = 0
    started = time.monotonic()

    def attempt(what: str, call, *args, **kwargs) -> None:
        nonlocal done
        try:
            call(*args, **kwargs)
            done += 1
        except Exception as exc:  # noqa: BLE001 - every failure is the test's finding
            errors.append(f"{what}: {type(exc).__name__}: {exc}")

    for number in range(rounds):
        attempt("pause", move, complaint_id, WAITING, f"photo demandée ({number})")
        attempt("resume", move, complaint_id, QUALIFIED, "photo reçue")
        attempt("category", rename_category, category_id, f"Catégorie {worker}-{number}")
        attempt("new category", add_category, f"Ajoutée {worker}-{number}")
        attempt("commitment", records.update_commitment, commitment_id, records.CommitmentInput(
            wording=f"Engagement {worker} relu {number} fois."), {})
        attempt("move commitment", records.move_commitment, commitment_id,
                -1 if number % 2 else 1)
        attempt("organisation", rename_organisation, org_id, f"Client {worker}-{number}")
        form = get_customer(customer_id)
        form.city = f"Ville {worker}-{number}"
        attempt("customer", update_customer, customer_id, form)
        sheet = folder / f"clients-{worker}-{number}.csv"
        sheet.write_text(f"Nom;Prénom\nImport {worker}-{number};Anne\n"
                         f"Import {worker}-{number};Paul\n", encoding="utf-8")
        attempt("import", import_customers, sheet)
    db.close()
    print(json.dumps({"worker": worker, "done": done, "errors": errors,
                      "seconds": round(time.monotonic() - started, 2)}), flush=True)


if __name__ == "__main__":
    main()
