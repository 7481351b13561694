"""Export the filtered customer list to CSV for French Excel or XLSX, formulas neutralised."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from rcdesk.core.files import write_atomically
from rcdesk.core.text import clean_text
from rcdesk.models.customers import Customer
from rcdesk.services.customers.search import (
    _SORT_FIELDS,
    CustomerQuery,
    _filtered,
    count_customers,
    display_phone,
)

EXPORT_COLUMNS = [
    ("id", "N°"), ("external_id", "Identifiant externe"), ("kind", "Type"), ("status", "Statut"),
    ("civility", "Civilité"), ("last_name", "Nom"), ("first_name", "Prénom"),
    ("company_name", "Raison sociale"), ("legal_id", "SIRET / ICE"),
    ("birth_date", "Date de naissance"), ("email", "E-mail"), ("email2", "E-mail 2"),
    ("phone", "Téléphone"), ("phone2", "Téléphone 2"), ("address", "Adresse"),
    ("postal_code", "Code postal"), ("city", "Ville"), ("region", "Région"), ("country", "Pays"),
    ("segments", "Segments"), ("source", "Source"), ("preferred_channel", "Canal préféré"),
    ("consent", "Consentement"), ("consent_date", "Date du consentement"),
    ("consent_how", "Recueil du consentement"), ("created_at", "Créé le"),
    ("last_contact", "Dernier contact"), ("notes", "Notes"),
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BATCH = 5000


def neutralise(text: str) -> str:
    """A cell starting with = + - @ (or tab/CR) gets a leading apostrophe: no formula runs."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    # A control character (a row written by another program, an older rcdesk) would make the
    # XLSX writer give up half-way: it goes, like everywhere else rcdesk reads text.
    text = clean_text(str(value))
    if text.startswith("+") and text[1:].isdigit():
        return display_phone(text)  # 06 12 34 56 78, as French users type it
    return neutralise(text)


def _rows(query: CustomerQuery):
    fields = [getattr(Customer, key) for key, _ in EXPORT_COLUMNS]
    sort = _SORT_FIELDS.get(query.sort, Customer.sort_name)
    select = _filtered(query, Customer.select(*fields)).order_by(
        sort.desc() if query.descending else sort, Customer.id)
    offset = 0
    while True:
        page = list(select.offset(offset).limit(BATCH).tuples())
        if not page:
            return
        for row in page:
            yield [_cell(v) for v in row]
        offset += BATCH


def export_customers(query: CustomerQuery, path: str | Path, *,
                     progress: Callable[[int, int], None] | None = None) -> int:
    """Write the customers the query selects; .xlsx gives a workbook, anything else a CSV.

    Written like every output file (core.files: a temporary file beside it, then renamed) so a
    failed or cancelled export never leaves half a file.
    progress(done, total) is called every BATCH rows (XLSX takes ~25 s for 100,000)."""
    headers = [label for _, label in EXPORT_COLUMNS]
    count = 0
    total = count_customers(query) if progress else 0

    def step() -> None:
        if progress and count % BATCH == 0:
            progress(count, total)

    def write(tmp: str) -> None:
        nonlocal count
        if Path(path).suffix.lower() == ".xlsx":
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet("Clients")
            sheet.append(headers)
            for row in _rows(query):
                sheet.append(row)
                count += 1
                step()
            book.save(tmp)
        else:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, delimiter=";")
                writer.writerow(headers)
                for row in _rows(query):
                    writer.writerow(row)
                    count += 1
                    step()

    # an existing file is replaced, as the export always did (the save dialog asks first)
    write_atomically(write, path, overwrite=True)
    return count


