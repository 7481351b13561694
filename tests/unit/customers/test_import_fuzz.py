"""The three importers (customers, purchases, complaints) fuzzed with hypothesis: CSV bytes in
any encoding, mangled or not, and XLSX workbooks, whole or damaged.

Whatever the file: no exception but a French refusal (ServiceError) escapes; every row read
is imported, updated, already there or a line of the rejects file (one line per rejected
row, its line number among the file's); a cleanly written file is read with exactly its
rows; the command line answers 0, 1 or 2, never a traceback."""

import csv
import io
import os
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from rcdesk.core.errors import ServiceError
from rcdesk.services.complaints.imports import import_complaints
from rcdesk.services.customers import CustomerData, create_customer
from rcdesk.services.customers.imports import import_customers
from rcdesk.services.customers.purchases_import import import_purchases

# 60 examples in the suite; RCDESK_FUZZ_EXAMPLES=2000 for a longer hunt
FUZZ = settings(max_examples=int(os.environ.get("RCDESK_FUZZ_EXAMPLES", "60")), deadline=None,
                database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])

HEADERS = {
    "customers": ["Nom", "Prénom", "E-mail", "Téléphone", "Code client", "Date de naissance",
                  "Consentement", "Date du consentement", "Pays", "Type", "Notes", "Créé le",
                  "Segments", "Couleur"],
    "purchases": ["Code client", "E-mail", "Date", "Montant", "Canal", "Référence", "Remarque"],
    "complaints": ["Date de réception", "E-mail client", "Client", "Canal", "Catégorie",
                   "Description", "Statut", "Date de réponse", "Coût", "Produit", "Divers"],
}
PLAUSIBLE = ["Dupont", "Hélène", "helene@exemple.fr", "loic@exemple.fr", "C1", "C2", "06 12 34 56 78",
             "+32 2 512 34 56", "05/03/1980", "2026-02-30", "01/01/0001", "31/12/9999", "oui",
             "peut-être", "FR", "Maroc", "professionnel", "12,50", "1 234,56 €", "-5",
             "99999999999999999999", "1e308", "nan", "téléphone", "comptoir", "Clôturée",
             "Reçue", "Livraison", "Vase cassé", "'=1+1", "=HYPERLINK(\"x\")", "Noël ; Œuvre",
             "a\u202eb", "\x0b", "\x00", "\ufeff", "\uffff", "x" * 300, "", " "]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
CELL = st.one_of(st.sampled_from(PLAUSIBLE), TEXT)
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "iso-8859-15", "utf-16", "mixed"]


def table(kind: str):
    """A header drawn from the importer's usual columns, then rows of cells."""
    return st.lists(st.sampled_from(HEADERS[kind]), min_size=1, max_size=8, unique=True).flatmap(
        lambda header: st.tuples(
            st.just(header),
            st.lists(st.lists(CELL, min_size=0, max_size=len(header) + 2), max_size=12)))


def csv_bytes(header, rows, encoding, separator, quoted, damage):
    """The table written as a CSV: quoted as Excel does, or cells glued with the separator."""
    out = io.StringIO()
    if quoted:
        csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows([header, *rows])
    else:
        out.write("".join(separator.join(r) + "\n" for r in [header, *rows]))
    text = out.getvalue()
    if encoding == "mixed":
        lines = text.splitlines(keepends=True)
        raw = b"".join(line.encode("cp1252" if i % 3 == 2 else "utf-8", "replace")
                       for i, line in enumerate(lines))
    else:
        raw = text.encode(encoding, "replace")
    return _damage(raw, damage)


def _damage(raw: bytes, damage):
    kind, position, byte = damage
    if not raw or kind == "none":
        return raw
    at = position % len(raw)
    if kind == "flip":
        return raw[:at] + bytes([raw[at] ^ byte]) + raw[at + 1:]
    if kind == "insert":
        return raw[:at] + bytes([byte]) + raw[at:]
    return raw[:at]  # truncated


DAMAGE = st.tuples(st.sampled_from(["none", "none", "flip", "insert", "truncate"]),
                   st.integers(0, 10**6), st.integers(0, 255))


def clean(value) -> bool:
    return isinstance(value, str) and not any(c in value for c in "\r\n\"")


def expected_rows(rows, width) -> int:
    return sum(1 for r in rows if any(c.strip() for c in r))


def xlsx_value(text: str):
    """A cell as a spreadsheet holds it: numbers and dates as such, text without what XLSX
    cannot hold (and never a formula: nothing computes it)."""
    for parse in (int, float):
        try:
            number = parse(text.replace(",", "."))
            if number == number and abs(number) < 1e300:
                return number
        except (ValueError, OverflowError):
            pass
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        pass
    text = ILLEGAL_CHARACTERS_RE.sub("", text).replace("\ufffe", "").replace("\uffff", "")
    return text.lstrip("=")


def xlsx_bytes(header, rows, tmp: Path, damage) -> tuple[Path, int]:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    written = 0
    for row in rows:
        values = [xlsx_value(c) for c in row]
        sheet.append(values)
        if any(v not in ("", None) and str(v).strip() for v in values):
            written += 1
    path = tmp / "fichier.xlsx"
    book.save(path)
    if damage[0] != "none":
        path.write_bytes(_damage(path.read_bytes(), damage))
    return path, written


IMPORTERS = {"customers": import_customers, "purchases": import_purchases,
             "complaints": import_complaints}


def check(kind: str, path: Path, exact: int | None):
    """Run the importer and check the accounting; returns the result, or the refusal's
    message."""
    try:
        result = IMPORTERS[kind](path)
    except ServiceError as exc:
        assert str(exc).strip()
        return str(exc)
    done = result.imported + getattr(result, "updated", 0) + getattr(result, "already", 0)
    assert done + result.rejected == result.total
    if exact is not None:
        assert result.total == exact
    if result.rejected:
        with result.rejects_path.open(encoding="utf-8-sig", newline="") as handle:
            lines = list(csv.reader(handle, delimiter=";"))[1:]
        assert len(lines) == result.rejected
        numbers = [int(line[0]) for line in lines]
        assert len(set(numbers)) == len(numbers) and min(numbers) >= 2
        assert all(line[1] for line in lines)
    else:
        assert result.rejects_path is None
    return result


@pytest.fixture
def known_customers(database):
    create_customer(CustomerData(last_name="Dupont", first_name="Hélène",
                                 email="helene@exemple.fr", external_id="C1"))
    create_customer(CustomerData(last_name="Martin", first_name="Loïc",
                                 email="loic@exemple.fr", external_id="C2"))


@pytest.mark.parametrize("kind", ["customers", "purchases", "complaints"])
@FUZZ
@given(data=st.data())
def test_csv_files_of_any_shape(tmp_path, known_customers, kind, data):
    header, rows = data.draw(table(kind))
    encoding = data.draw(st.sampled_from(ENCODINGS))
    separator = data.draw(st.sampled_from([";", ",", "\t"]))
    quoted = data.draw(st.booleans())
    damage = data.draw(DAMAGE)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    path = folder / "fichier.csv"
    path.write_bytes(csv_bytes(header, rows, encoding, separator, quoted, damage))
    exact = None
    if quoted and damage[0] == "none" and encoding in ("utf-8", "utf-8-sig") and all(
            clean(c) and "\x00" not in c for r in [header, *rows] for c in r):
        exact = expected_rows(rows, len(header))
    check(kind, path, exact)


@pytest.mark.parametrize("kind", ["customers", "purchases", "complaints"])
@FUZZ
@given(data=st.data())
def test_workbooks_whole_or_damaged(tmp_path, known_customers, kind, data):
    header, rows = data.draw(table(kind))
    damage = data.draw(DAMAGE)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    path, written = xlsx_bytes(header, rows, folder, damage)
    result = check(kind, path, written if damage[0] == "none" else None)
    if damage[0] == "none" and isinstance(result, str):  # refused for its columns, not read
        assert "classeur" not in result and "illisible" not in result, result


@FUZZ
@given(kind=st.sampled_from(["customers", "purchases", "complaints"]), data=st.data())
def test_the_command_line_answers_0_1_or_2(tmp_path, capsys, kind, data):
    from rcdesk.cli import main

    header, rows = data.draw(table(kind))
    workbook = data.draw(st.booleans())
    damage = data.draw(DAMAGE)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    if workbook:
        path, _ = xlsx_bytes(header, rows, folder, damage)
    else:
        path = folder / "fichier.csv"
        path.write_bytes(csv_bytes(header, rows, data.draw(st.sampled_from(ENCODINGS)), ";",
                                   data.draw(st.booleans()), damage))
    db = str(tmp_path / "fuzz.db")
    status = main(["--db", db, "import", kind, str(path)])
    out, err = capsys.readouterr()
    assert status in (0, 1, 2), err
    assert "Traceback" not in err
    if status == 2:
        assert err.strip() and not out
    else:
        assert out.strip()
        assert (status == 1) == ("Lignes rejetées :" in out)


def test_dates_and_spreadsheet_values_survive(tmp_path, known_customers):
    """A fixed workbook through the same check: numbers, dates and booleans as Excel keeps
    them (the fuzz draws text; this pins the typed values)."""
    book = Workbook()
    book.active.append(["Code client", "Date", "Montant", "Canal"])
    book.active.append(["C1", date(2025, 1, 5), 12.5, True])
    book.active.append(["C2", datetime(2025, 1, 6, 10, 30), 7, None])
    path = tmp_path / "achats.xlsx"
    book.save(path)
    result = check("purchases", path, 2)
    assert (result.imported, result.rejected) == (2, 0)
