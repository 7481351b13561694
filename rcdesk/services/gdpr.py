"""GDPR operations on one customer across every area: erasure, deletion impact, access export.

Each area says what it holds through the area interface (areas.py); this module walks them."""

from __future__ import annotations

import json
from pathlib import Path

from peewee import SqliteDatabase

from rcdesk.core.errors import ServiceError
from rcdesk.core.files import write_atomically
from rcdesk.db import scrub_sqlite
from rcdesk.models.base import database_proxy, utcnow, write_transaction
from rcdesk.services.area_types import DeleteImpact
from rcdesk.services.areas import AREAS
from rcdesk.services.customers.records import get_customer, not_anonymised, personal_data
from rcdesk.services.customers.search import merge_search_index
from rcdesk.services.settings import get_company

CHUNK = 500


def anonymise_customers(customer_ids: list[int]) -> int:
    """GDPR erasure: every area blanks what identifies these customers (their own rows, and any
    free text that names them), in one transaction; purchases and statistics stay.
    On SQLite the old bytes then leave the file too: the search index is merged and the file
    scrubbed (_leave_no_trace). Returns the number of customers erased now (already
    anonymised ones are not counted)."""
    ids = sorted({int(i) for i in customer_ids})
    done, files = 0, []
    with write_transaction():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            done += len(not_anonymised(chunk))
            people = personal_data(chunk)  # read before any area blanks it
            for area in AREAS:
                files += area.anonymise(chunk, people) or []
    _leave_no_trace()
    failed = []
    for path in files:  # only once nothing can be rolled back any more
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            failed.append(f"{path.name} ({exc.strerror})")
    if failed:
        raise ServiceError("Les données sont effacées, mais ces fichiers n'ont pas pu être "
                           f"supprimés du dossier des pièces jointes : {', '.join(failed)}. "
                           "Supprimez-les à la main.")
    return done


def _leave_no_trace() -> None:
    """After the erasure's commit, SQLite only (a caller's open transaction defers it): the
    full-text index drops the erased terms (merge_search_index), and the file and its WAL
    keep no image of the erased rows (db.scrub_sqlite: secure_delete, one VACUUM for a file
    older than it, WAL checkpoint with TRUNCATE). PostgreSQL keeps dead row versions until
    its VACUUM: the README says what the administrator does."""
    db = database_proxy.obj
    if not isinstance(db, SqliteDatabase) or db.transaction_depth():
        return
    with database_proxy.atomic():
        merge_search_index()
    scrub_sqlite(db)


def purge_candidates(years: int | None = None, today=None) -> list:
    """The « À purger » list: the customers area's prospects without contact for years (the
    purge_years setting), less those a complaint keeps (open, or received or answered within
    the delay: complaints.customers_kept_by_complaints)."""
    from datetime import date

    from rcdesk.core.periods import years_before
    from rcdesk.services.complaints.gdpr import customers_kept_by_complaints
    from rcdesk.services.customers.gdpr import purge_candidates as prospects_without_contact
    from rcdesk.services.customers.gdpr import purge_years

    years = purge_years() if years is None else years
    today = today or date.today()
    candidates = prospects_without_contact(years, today)
    kept = customers_kept_by_complaints([c.customer_id for c in candidates],
                                        years_before(today, years))
    return [c for c in candidates if c.customer_id not in kept]


def anonymise_customer(customer_id: int) -> None:
    get_customer(customer_id)  # a French error when it does not exist
    anonymise_customers([customer_id])


def delete_impact(customer_id: int) -> DeleteImpact:
    """What goes with a customer on delete, and what stays without a link, over every area."""
    get_customer(customer_id)
    total = DeleteImpact()
    for area in AREAS:
        part = area.delete_impact(customer_id)
        for label, count in part.gone.items():
            total.gone[label] = total.gone.get(label, 0) + count
        for label, count in part.kept.items():
            total.kept[label] = total.kept.get(label, 0) + count
    return total


def delete_impact_text(impact: DeleteImpact) -> str:
    """"3 achat(s), 2 interaction(s) supprimé(s) avec lui ; 1 réclamation(s) conservé(s) sans
    lien vers lui", or "rien d'autre"."""
    gone = [f"{n} {label}" for label, n in impact.gone.items() if n]
    stay = [f"{n} {label}" for label, n in impact.kept.items() if n]
    parts = []
    if gone:
        parts.append(", ".join(gone) + " supprimé(s) avec lui")
    if stay:
        parts.append(", ".join(stay) + " conservé(s) sans lien vers lui")
    return " ; ".join(parts) if parts else "rien d'autre"


def export_customer_data(customer_id: int) -> dict:
    """Everything held on one customer (GDPR right of access), JSON-ready: the controller, then
    each area's part under its own keys."""
    get_customer(customer_id)
    company = get_company()
    payload = {
        "exported_at": utcnow().replace(microsecond=0).isoformat(),
        "controller": {"name": company.name, "address": company.address,
                       "postal_code": company.postal_code, "city": company.city,
                       "email": company.email},
    }
    for area in AREAS:
        payload.update(area.export_customer(customer_id))
    return payload


def write_customer_data_json(customer_id: int, path: str | Path, *,
                             overwrite: bool = False) -> Path:
    """The access file as readable UTF-8 JSON, written like every output (core.files)."""
    text = json.dumps(export_customer_data(customer_id), ensure_ascii=False, indent=2)
    return write_atomically(lambda tmp: Path(tmp).write_text(text, encoding="utf-8"), path,
                            overwrite=overwrite)
