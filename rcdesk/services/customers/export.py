"""Export the filtered customer list to CSV for French Excel (formulas neutralised with an
apostrophe) or XLSX (every value a text cell: nothing runs, nothing added).

The headers are the customer import's own labels: an exported file imports back whole."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from rcdesk.core.files import write_atomically
from rcdesk.core.text import clean_text
from rcdesk.models.customers import Customer, CustomerContact
from rcdesk.services.customers.columns import EXTRA_FIELDS
from rcdesk.services.customers.imports import CUSTOMER_FIELDS
from rcdesk.services.customers.search import (
    _SORT_FIELDS,
    CustomerQuery,
    _filtered,
    count_customers,
    display_phone,
)

_ORDER = ("external_id", "kind", "status", "civility", "last_name", "first_name",
          "company_name", "legal_id", "birth_date", "email", "email2", "phone", "phone2",
          "address", "postal_code", "city", "region", "country", "segments", "source",
          "preferred_channel", "consent", "consent_date", "consent_how", "created_at",
          "last_contact", "client_since", "lost_at", "notes")
EXPORT_COLUMNS = [("id", "N°"), *((name, CUSTOMER_FIELDS[name]) for name in _ORDER),
                  ("referred_by", CUSTOMER_FIELDS["referrer"])]  # the referrer's N°
# After the customers, one row per contact person: its company named by its N° (the import
# makes such a row a contact of that customer again).
CONTACT_COLUMNS = [("parent", EXTRA_FIELDS["parent"]), ("role", EXTRA_FIELDS["role"])]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PHONES = frozenset(("phone", "phone2"))
BATCH = 5000


def neutralise(text: str) -> str:
    """A cell starting with = + - @ (or tab/CR) gets a leading apostrophe: no formula runs."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value, neutral: bool = True) -> str:
    """A value as a cell: control characters (which XLSX cannot hold) removed, formulas
    neutralised (neutral=False: the workbook's text cells, which no spreadsheet runs)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S")  # to the second: it imports back whole
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = clean_text(str(value))
    return neutralise(text) if neutral else text


def phone_cell(e164: str, country: str, home: str = "FR", neutral: bool = True) -> str:
    """A number of the company's country (home) as users type it (06 12 34 56 78) when the
    customer is of that country too; any other in its international form (the one rule,
    core.phones), so it reads back as the same number whatever the customer's country."""
    if not e164:
        return ""
    shown = display_phone(e164, home if (country or "FR") == home else "")
    # "+32 2 512 34 56": neutralised like any CSV cell opening with +, read back by the import
    return neutralise(clean_text(shown)) if neutral else clean_text(shown)


def _text_cell(sheet, value: str):
    """A workbook cell holding value as text even when it opens with = (openpyxl would make
    it a formula): shown as typed, never run."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    return cell


def _rows(query: CustomerQuery, neutral: bool = True):
    fields = [getattr(Customer, key) for key, _ in EXPORT_COLUMNS]
    names = [key for key, _ in EXPORT_COLUMNS]
    country = names.index("country")
    from rcdesk.services.settings import get_company

    home = get_company().country or "FR"
    sort = _SORT_FIELDS.get(query.sort, Customer.sort_name)
    select = _filtered(query, Customer.select(*fields)).order_by(
        sort.desc() if query.descending else sort, Customer.id)
    offset = 0
    while True:
        page = list(select.offset(offset).limit(BATCH).tuples())
        if not page:
            break
        for row in page:
            yield [phone_cell(v, row[country], home, neutral) if name in PHONES
                   else _cell(v, neutral) for name, v in zip(names, row)] + ["", ""]
        offset += BATCH
    yield from _contact_rows(query, names, home, neutral)


def _contact_rows(query: CustomerQuery, names: list[str], home: str, neutral: bool):
    """Each exported customer's contact persons, in their order, as rows of the same sheet."""
    chosen = _filtered(query, Customer.select(Customer.id))
    at = {name: i for i, name in enumerate(names)}
    width = len(names)
    last = 0
    while True:
        page = list(CustomerContact.select(
            CustomerContact.id, CustomerContact.customer, CustomerContact.name,
            CustomerContact.role, CustomerContact.email, CustomerContact.phone,
            CustomerContact.notes, Customer.country)
            .join(Customer).where(CustomerContact.customer.in_(chosen)
                                  & (CustomerContact.id > last))
            .order_by(CustomerContact.id).limit(BATCH).tuples())
        if not page:
            return
        for cid, customer, name, role, email, phone, notes, country in page:
            cells = [""] * width
            cells[at["last_name"]] = _cell(name, neutral)
            cells[at["email"]] = _cell(email, neutral)
            cells[at["phone"]] = phone_cell(phone, country, home, neutral)
            cells[at["notes"]] = _cell(notes, neutral)
            yield cells + [f"N° {customer}", _cell(role, neutral)]
            last = cid


def export_customers(query: CustomerQuery, path: str | Path, *,
                     progress: Callable[[int, int], None] | None = None) -> int:
    """Write the customers the query selects; .xlsx gives a workbook, anything else a CSV.

    Written like every output file (core.files: a temporary file beside it, then renamed) so a
    failed or cancelled export never leaves half a file.
    progress(done, total) is called every BATCH rows (XLSX takes ~25 s for 100,000)."""
    headers = [label for _, label in (*EXPORT_COLUMNS, *CONTACT_COLUMNS)]
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
            for row in _rows(query, neutral=False):  # « +32 470 12 34 56 », no apostrophe
                sheet.append([_text_cell(sheet, v) if v[:1] == "=" else v for v in row])
                count += not row[-2]  # a contact row (its company's N°) is not a customer
                step()
            book.save(tmp)
        else:
            with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, delimiter=";")
                writer.writerow(headers)
                for row in _rows(query):
                    writer.writerow(row)
                    count += not row[-2]  # a contact row (its company's N°) is not a customer
                    step()

    # an existing file is replaced, as the export always did (the save dialog asks first)
    write_atomically(write, path, overwrite=True)
    return count


