"""Reading CSV/XLSX files as French Excel writes them, parsing their cells, writing rejects."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rcdesk.core.errors import ServiceError
from rcdesk.core.money import parse_money

SEPARATORS = (";", ",", "\t", "|")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls
MAX_CELL = 16 * 1024 * 1024  # csv field limit: a huge cell becomes a reject, not a crash


@dataclass(frozen=True)
class FileFormat:
    encoding: str = "utf-8-sig"
    separator: str = ";"
    kind: str = "csv"  # csv | xlsx


def _check_path(path: Path) -> None:
    if not path.exists():
        raise ServiceError(f"Le fichier « {path} » n'existe pas.")
    if path.is_dir():
        raise ServiceError(f"« {path} » est un dossier, pas un fichier.")
    if path.stat().st_size == 0:
        raise ServiceError(f"Le fichier « {path.name} » est vide.")


def detect_encoding(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; ServiceError if none."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in raw[:65536]:
        raise ServiceError("Ce fichier n'est pas un fichier texte CSV (contenu binaire) : "
                           "enregistrez-le en CSV ou en XLSX depuis le tableur.")
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        raise ServiceError("Encodage du fichier non reconnu (ni UTF-8 ni Windows-1252) : "
                           "choisissez l'encodage vous-même ou réenregistrez le fichier en "
                           "CSV UTF-8.") from None


def detect_separator(sample: str) -> str:
    """The separator whose count is the same, and not zero, on the most of the first lines."""
    lines = [line for line in sample.splitlines()[:20] if line.strip()]
    if not lines:
        return ";"
    best, best_score = ";", -1
    for sep in SEPARATORS:
        counts = [line.count(sep) for line in lines]
        if not counts[0]:
            continue
        score = sum(1 for c in counts if c == counts[0]) * 1000 + counts[0]
        if score > best_score:
            best, best_score = sep, score
    return best


def detect_format(path: str | Path) -> FileFormat:
    """Kind by content (a zip is XLSX whatever its name), then encoding and separator."""
    path = Path(path)
    _check_path(path)
    with path.open("rb") as handle:
        head = handle.read(4)
    if head == ZIP_MAGIC:
        return FileFormat(encoding="", separator="", kind="xlsx")
    if head == OLE_MAGIC:
        raise ServiceError("Ancien format Excel (.xls) : enregistrez le classeur en .xlsx ou en "
                           "CSV.")
    if path.suffix.lower() == ".xlsx":
        raise ServiceError(f"« {path.name} » n'est pas un classeur Excel valide.")
    raw = path.read_bytes()
    encoding = detect_encoding(raw)
    sample = raw[:65536].decode(encoding, errors="replace")
    return FileFormat(encoding=encoding, separator=detect_separator(sample), kind="csv")


def iter_rows(path: str | Path, fmt: FileFormat) -> Iterator[tuple[int, list]]:
    """(line number, cells) for every row, header included; blank lines skipped."""
    path = Path(path)
    _check_path(path)
    if fmt.kind == "xlsx":
        yield from _iter_xlsx(path)
        return
    try:
        text = path.read_bytes().decode(fmt.encoding or "utf-8-sig")
    except (UnicodeDecodeError, LookupError) as exc:
        raise ServiceError(f"Le fichier ne se lit pas avec l'encodage « {fmt.encoding} » : "
                           "choisissez-en un autre.") from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise ServiceError("Ce fichier n'est pas un fichier texte CSV (contenu binaire).")
    separator = fmt.separator or ";"
    if len(separator) != 1 or separator in "\"\r\n" or separator.isalnum():
        raise ServiceError(f"Séparateur invalide : « {separator} » (un seul caractère : ; , "
                           "tabulation ou |).")
    csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    raw_lines: list[str] | None = None
    width = None
    line = 1
    try:
        for cells in reader:
            end = reader.line_num
            if end > line and width is not None:
                if raw_lines is None:
                    raw_lines = io.StringIO(text, newline="").readlines()
                pieces = [_split_line(raw_lines[n - 1], separator, width)
                          for n in range(line, end + 1)]
                if len(cells) != width or all(len(p) == width for p in pieces):
                    # A stray quote swallowed the next lines: each line is a row of its own,
                    # so the good rows after it are not lost.
                    for number, parts in enumerate(pieces, start=line):
                        if any(c.strip() for c in parts):
                            yield number, parts
                    line = end + 1
                    continue
            if any(c.strip() for c in cells):
                width = len(cells) if width is None else width
                yield line, cells
            line = end + 1
    except csv.Error as exc:
        raise ServiceError(f"Ligne {line} illisible : {exc}.") from exc


def _split_line(raw: str, separator: str, width: int) -> list[str]:
    """One physical line as cells: quoted as usual, else with quotes as plain characters."""
    raw = raw.rstrip("\r\n")
    cells = next(csv.reader([raw], delimiter=separator), [])
    if len(cells) == width:
        return cells
    return next(csv.reader([raw], delimiter=separator, quoting=csv.QUOTE_NONE), [])


def _iter_xlsx(path: Path) -> Iterator[tuple[int, list]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    # Opened from a handle: a workbook renamed .csv is read by its content, not its name.
    with path.open("rb") as handle:
        try:
            book = load_workbook(handle, read_only=True, data_only=True)
        except (BadZipFile, KeyError, OSError, ValueError, InvalidFileException) as exc:
            raise ServiceError(f"« {path.name} » n'est pas un classeur Excel lisible "
                               f"({exc}).") from exc
        try:
            sheet = book.worksheets[0]
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = ["" if v is None else v for v in values]
                while cells and cells[-1] == "":
                    cells.pop()
                if any(str(c).strip() for c in cells):
                    yield number, cells
        finally:
            book.close()


def read_preview(path: str | Path, fmt: FileFormat, rows: int = 20) -> tuple[list[str], list[list]]:
    """The header and the first rows, for the mapping dialog."""
    headers: list[str] | None = None
    body: list[list] = []
    for _, cells in iter_rows(path, fmt):
        if headers is None:
            headers = [str(c).strip() for c in cells]
            continue
        body.append([cell_text(c) for c in cells])
        if len(body) >= rows:
            break
    if headers is None:
        raise ServiceError("Le fichier ne contient aucune ligne.")
    return headers, body


def read_table(path: Path, fmt: FileFormat | None = None, what: str = "ligne"
               ) -> tuple[FileFormat, list[str], list[tuple[int, list]]]:
    """The file's format, its header as text and its (line number, cells) rows; ServiceError
    when it has no line, or a header only ("aucune <what> à importer")."""
    fmt = fmt or detect_format(path)
    rows = iter_rows(path, fmt)
    first = next(rows, None)
    if first is None:
        raise ServiceError("Le fichier ne contient aucune ligne.")
    headers = [cell_text(c) for c in first[1]]
    body = list(rows)
    if not body:
        raise ServiceError(f"Le fichier ne contient que la ligne d'en-tête : aucune {what} à "
                           "importer.")
    return fmt, headers, body


# --- cells ------------------------------------------------------------------------------


def cell_text(value) -> str:
    """A cell as text: numbers from a spreadsheet without a trailing .0, dates dd/mm/yyyy."""
    if type(value) is str:  # every CSV cell: the fast path
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def parse_date_cell(value) -> date | None:
    """dd/mm/yyyy (and the other forms parse_user_date knows) or a spreadsheet date; ValueError."""
    from rcdesk.core.formatting import parse_user_date

    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    if " " in text and re.match(r"^\d{4}-\d{2}-\d{2} ", text):  # 2026-11-24 00:00:00
        text = text.split(" ", 1)[0]
    return parse_user_date(text)


def parse_amount_cents(value) -> int:
    """A cell of a file read as money (negative allowed: a refund); see core.money.parse_money."""
    if not isinstance(value, (int, float)):
        value = cell_text(value)
        if not value:
            raise ValueError("Montant invalide : la cellule est vide.")
    return parse_money(value, allow_negative=True)


def parse_bool_cell(value) -> bool:
    text = cell_text(value).lower()
    if text in ("", "0", "non", "n", "no", "false", "faux"):
        return False
    if text in ("1", "oui", "o", "yes", "y", "true", "vrai", "x"):
        return True
    raise ValueError(f"Valeur oui/non attendue : « {text[:40]} ».")


def rejects_path_for(source: Path) -> Path:
    """clients.csv -> clients_rejets.csv beside it (never overwriting: _rejets_2, _3...)."""
    candidate = source.with_name(f"{source.stem}_rejets.csv")
    n = 2
    while candidate.exists():
        candidate = source.with_name(f"{source.stem}_rejets_{n}.csv")
        n += 1
    return candidate


def write_rejects(source: Path, headers: list[str], rejects: list[tuple[int, str, list]]) -> Path:
    """Rejected rows as a CSV (UTF-8 BOM, ;): Ligne, Motif, then the original columns.

    Beside the source; in the data folder when the source's folder is read-only."""
    try:
        return _write_rejects_at(rejects_path_for(source), headers, rejects)
    except OSError:
        from rcdesk.paths import data_dir

        return _write_rejects_at(rejects_path_for(data_dir() / source.name), headers, rejects)


def _write_rejects_at(path: Path, headers: list[str], rejects) -> Path:
    with path.open("x", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Ligne", "Motif", *headers])
        for line, reason, cells in rejects:
            writer.writerow([line, reason, *[cell_text(c) for c in cells]])
    return path
