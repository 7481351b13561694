"""Import purchases from the till or the accounting software (CSV/XLSX), rejects beside it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from peewee import fn

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.text import clean_text
from rcdesk.models.base import write_transaction
from rcdesk.models.customers import Customer, Purchase
from rcdesk.services.bulk import insert_rows
from rcdesk.services.customers.activity import check_purchase, promote_buyers
from rcdesk.services.customers.bulk import bulk_purchase_writes
from rcdesk.services.customers.imports import (
    CHUNK,
    PURCHASE_FIELDS,
    ImportResult,
    read_mapped,
    reject_reason,
    remember_mapping,
)
from rcdesk.services.loyalty.till import (
    card_number_or_error,
    cards_by_number,
    earn_for_imported,
)
from rcdesk.services.tabular import (
    Cancelled,
    FileFormat,
    cell_text,
    checked_rows,
    ignored_columns,
    parse_amount_cents,
    parse_date_cell,
    write_rejects,
)


def import_purchases(path: str | Path, mapping: dict[str, int] | None = None,
                     fmt: FileFormat | None = None, *, dry_run: bool = False,
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None, **_ignored) -> ImportResult:
    """Purchases from the till: customer by external id, e-mail or card number; date; amount.

    A purchase already recorded (same customer, date, amount and reference) is rejected, so
    importing a file twice never counts it twice. A prospect who bought becomes a client."""
    path = Path(path)
    fmt, headers, body, mapping = read_mapped(path, fmt, mapping, PURCHASE_FIELDS)
    if not ({"external_id", "email", "card_number"} & mapping.keys()):
        raise ServiceError("Associez une colonne pour reconnaître le client (identifiant, "
                           "e-mail ou n° de carte).")
    for needed in ("date", "amount"):
        if needed not in mapping:
            raise ServiceError(f"Associez la colonne « {PURCHASE_FIELDS[needed]} ».")
    ignored = ignored_columns(headers, mapping, body)
    by_external = dict(Customer.select(Customer.external_id, Customer.id)
                       .where(Customer.external_id.is_null(False)).tuples())
    by_email = dict(Customer.select(fn.LOWER(Customer.email), Customer.id)
                    .where(Customer.email != "").order_by(Customer.id.desc()).tuples())
    total, width = len(body), len(headers)
    stop = cancelled or (lambda: False)
    by_card: dict[str, tuple[int, int]] = {}
    if "card_number" in mapping:  # loyalty cards: one query per batch, not per row
        column = mapping["card_number"]
        by_card = cards_by_number(
            n for n, _ in (card_number_or_error(cell_text(cells[column]))
                           for _, cells in body if column < len(cells) and cells[column]) if n)
    cards_of: dict[tuple, int] = {}  # purchase key -> card that earns its points
    good: list[tuple] = []
    rejects: list[tuple[int, str, list]] = []
    seen: dict[tuple, int] = {}
    try:
        for line, cells in checked_rows(body, width, fmt, rejects, stop, progress):
            value = {name: cells[i] if i < len(cells) else "" for name, i in mapping.items()}
            cid = None
            ref_ext = cell_text(value.get("external_id", ""))
            ref_mail = cell_text(value.get("email", "")).lower()
            ref_card = cell_text(value.get("card_number", ""))
            if ref_ext:
                cid = by_external.get(ref_ext)
            if cid is None and ref_mail:
                cid = by_email.get(ref_mail)
            card_id = None
            if ref_card:
                number, problem = card_number_or_error(ref_card)
                if problem:
                    rejects.append((line, problem, cells))
                    continue
                card_id, card_customer = by_card.get(number, (None, None))
                if cid is None:
                    cid = card_customer
                elif card_customer is not None and card_customer != cid:
                    rejects.append((line, f"la carte {number} est celle d'un autre client",
                                    cells))
                    continue
            if cid is None:
                known = ref_ext or ref_mail or ref_card or "aucune référence"
                known = known if len(known) <= 60 else known[:60] + "…"
                rejects.append((line, f"client introuvable ({known})", cells))
                continue
            try:
                day = parse_date_cell(value["date"])
                amount = parse_amount_cents(value["amount"])
                channel = clean_text(cell_text(value.get("channel", "")), multiline=False)
                reference = clean_text(cell_text(value.get("reference", "")), multiline=False)
                check_purchase(day, amount, channel, reference)
            except ValueError as exc:
                rejects.append((line, str(exc), cells))
                continue
            except ValidationError as exc:
                rejects.append((line, reject_reason(PURCHASE_FIELDS, exc), cells))
                continue
            key = (cid, day, amount, reference)
            if key in seen:
                rejects.append((line, f"achat identique à la ligne {seen[key]}", cells))
                continue
            seen[key] = line
            good.append((cid, day, amount, channel, reference))
            if card_id is not None:
                cards_of[key] = card_id
    except Cancelled:
        return ImportResult(0, 0, 0, None, total, cancelled=True, dry_run=dry_run)
    good, already = _drop_recorded(good)
    cells_at = dict(body)
    for row in already:
        line = seen[(row[0], row[1], row[2], row[4])]
        reason = "achat déjà enregistré (même client, date, montant et référence)"
        rejects.append((line, reason, cells_at[line]))
    if progress:
        progress(total, total)
    if not dry_run and good:
        try:
            with write_transaction(), bulk_purchase_writes(len(good)):
                for start in range(0, len(good), CHUNK * 5):
                    if stop():
                        raise Cancelled
                    insert_rows(Purchase, ["customer", "date", "amount_cents", "channel",
                                           "reference"], good[start:start + CHUNK * 5])
                promote_buyers(sorted({row[0] for row in good}))
                earn_for_imported([(r[0], r[1], r[2], r[4], cards_of[(r[0], r[1], r[2], r[4])])
                                   for r in good if (r[0], r[1], r[2], r[4]) in cards_of])
                if stop():
                    raise Cancelled
        except Cancelled:
            return ImportResult(0, 0, 0, None, total, cancelled=True)
        remember_mapping(headers, mapping, "purchases")
    rejects_path = write_rejects(path, headers, rejects) if rejects else None
    return ImportResult(len(good), 0, len(rejects), rejects_path, total, dry_run=dry_run,
                        ignored=ignored)


def _drop_recorded(rows: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """Split rows into new ones and those already in the database (same customer, date,
    amount, reference)."""
    if not rows:
        return rows, []
    ids = sorted({r[0] for r in rows})
    existing = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        existing.update(Purchase.select(Purchase.customer, Purchase.date, Purchase.amount_cents,
                                        Purchase.reference)
                        .where(Purchase.customer.in_(chunk)).tuples())
    fresh, dup = [], []
    for row in rows:
        (dup if (row[0], row[1], row[2], row[4]) in existing else fresh).append(row)
    return fresh, dup
