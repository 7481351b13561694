"""Reading CSV/XLSX files as French Excel writes them, parsing their cells, writing rejects.

Every importer reads through here: read_table (header + rows), checked_rows (shape, damaged
rows, progress, cancel), ignored_columns, the cell parsers and write_rejects. The limits below
are the README's (« Importer »): beyond them a file is refused, in bounded memory; a damaged
row (a NUL byte, an over-long cell) is a reject line, not a refusal."""

from __future__ import annotations

import codecs
import csv
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rcdesk.core.dates import check_date_range
from rcdesk.core.errors import ServiceError
from rcdesk.core.money import parse_money
from rcdesk.services.tabular import ods, xls, xlsx

SEPARATORS = (";", ",", "\t", "|")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls, or a workbook protected by a password

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ROWS = 200_000  # data rows, header not counted
MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_767  # Excel's own limit for a cell
MAX_UNCOMPRESSED = xlsx.MAX_UNCOMPRESSED

# "utf-8+cp1252": each line read as UTF-8 when it is valid UTF-8, else in the second encoding.
MIXED = "+"
_C1 = re.compile(rb"[\x80-\x9f]")  # printable in cp1252 (€ Œ œ ’ …), controls in latin-9
_LATIN9 = re.compile(rb"[\xa4\xbc-\xbe]")  # € Œ œ Ÿ in latin-9, ¤ ¼ ½ ¾ in cp1252
_CP1252_HOLES = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")  # no character in cp1252
_LINE_ENDS = re.compile(rb"(?<=\r)(?!\n)")  # after a lone CR (old Mac line ends)
_TEXT_LINE_ENDS = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_ASCII_PROBE = "\r\n;,\t|\"' azAZ09"


@dataclass(frozen=True)
class FileFormat:
    encoding: str = "utf-8-sig"
    separator: str = ";"
    kind: str = "csv"  # csv | xlsx | xls | ods


class BadRow(list):
    """The cells of a row that cannot be imported as it is; problem says why (French)."""

    def __init__(self, cells: Iterable, problem: str):
        super().__init__(cells)
        self.problem = problem


class Cancelled(Exception):
    """The user stopped the import: nothing is written."""


def _size_text(size: int) -> str:
    return f"{size / 2**20:.0f} Mo" if size >= 2**20 else f"{size // 1024} Ko"


def _check_path(path: Path) -> None:
    if not path.exists():
        raise ServiceError(f"Le fichier « {path} » n'existe pas.")
    if path.is_dir():
        raise ServiceError(f"« {path} » est un dossier, pas un fichier.")
    size = path.stat().st_size
    if size == 0:
        raise ServiceError(f"Le fichier « {path.name} » est vide.")
    if size > MAX_FILE_BYTES:
        raise ServiceError(f"Le fichier « {path.name} » pèse {_size_text(size)} : un import "
                           f"accepte au plus {_size_text(MAX_FILE_BYTES)}. Découpez-le en "
                           "plusieurs fichiers.")


# --- encodings ------------------------------------------------------------------------


def _byte_lines(handle) -> Iterator[bytes]:
    """Physical lines with their ends (\\r\\n, \\n or a lone \\r)."""
    for raw in handle:
        if b"\r" in raw[:-2] or raw.endswith(b"\r"):
            yield from (piece for piece in _LINE_ENDS.split(raw) if piece)
        else:
            yield raw


def _is_binary(sample: bytes) -> bool:
    """NUL in the header line, or control bytes making more than a tenth of the start."""
    first = sample.split(b"\n", 1)[0]
    if b"\x00" in first:
        return True
    return len(_CONTROL_BYTES.findall(sample)) * 10 > len(sample)


def _binary_error() -> ServiceError:
    return ServiceError("Ce fichier n'est pas un fichier texte CSV (contenu binaire) : "
                        "enregistrez-le en CSV ou en XLSX depuis le tableur.")


def _line_list(numbers: list[int], total: int | None = None) -> str:
    total = len(numbers) if total is None else total
    shown = ", ".join(str(n) for n in numbers[:10])
    more = total - min(len(numbers), 10)
    return f"{shown} et {more} autre(s)" if more > 0 else shown


def _classify(lines: Iterable[bytes]) -> str:
    """The encoding of these lines: "utf-8" when they all are, "cp1252" or "iso-8859-15"
    when none with accents is, "utf-8+<that>" when both kinds are there; ServiceError naming
    the lines that no encoding reads."""
    utf8 = 0
    other: list[int] = []
    holes: list[int] = []
    c1 = latin9 = False
    for number, raw in enumerate(lines, start=1):
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
            utf8 += 1
            continue
        except UnicodeDecodeError:
            pass
        other.append(number)
        c1 = c1 or bool(_C1.search(raw))
        latin9 = latin9 or bool(_LATIN9.search(raw))
        if _CP1252_HOLES.search(raw):
            holes.append(number)
    if not other:
        return "utf-8"
    single = "cp1252" if c1 or not latin9 else "iso-8859-15"
    if single == "cp1252" and holes:
        raise ServiceError("Encodage du fichier non reconnu (ni UTF-8 ni Windows-1252), "
                           f"ligne(s) {_line_list(holes)} : choisissez l'encodage vous-même "
                           "ou réenregistrez le fichier en CSV UTF-8.")
    return f"utf-8{MIXED}{single}" if utf8 else single


def detect_encoding(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252 or Latin-9 (ISO-8859-15),
    or UTF-8 lines mixed with lines in one of those ("utf-8+cp1252"); ServiceError if none."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _is_binary(raw[:65536]):
        raise _binary_error()
    return _classify(raw.splitlines(keepends=True))


def _file_encoding(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(65536)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        if _is_binary(head):
            raise _binary_error()
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:  # the usual case at C speed; line by line only when it fails
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            handle.seek(0)
            return _classify(_byte_lines(handle))


def _ascii_compatible(encoding: str) -> bool:
    try:
        return _ASCII_PROBE.encode(encoding) == _ASCII_PROBE.encode("ascii")
    except (LookupError, UnicodeError):
        return False


def _line_decoder(encoding: str) -> Callable[[bytes], str] | None:
    """A function decoding one physical line, or None for an encoding that is not read line
    by line (UTF-16); ServiceError for an unknown encoding."""
    names = encoding.split(MIXED) if MIXED in encoding else [encoding]
    for name in names:
        try:
            codecs.lookup(name)
        except LookupError:
            raise ServiceError(f"Encodage inconnu : « {encoding} » (exemples : utf-8, cp1252, "
                               "iso-8859-15, utf-16).") from None
    if not all(_ascii_compatible(name) for name in names):
        if len(names) > 1:
            raise ServiceError(f"Encodage inconnu : « {encoding} ».")
        return None
    if len(names) == 1:
        name = names[0]
        return lambda raw: raw.decode(name)
    first, second = names[0], names[1]

    def decode(raw: bytes) -> str:
        try:
            return raw.decode(first)
        except UnicodeDecodeError:
            return raw.decode(second)

    return decode


def _decoded_lines(path: Path, encoding: str) -> Iterator[str]:
    """The file's physical lines as text; ServiceError naming the lines the encoding cannot
    read (never a garbled line)."""
    decode = _line_decoder(encoding or "utf-8-sig")
    with path.open("rb") as handle:
        if decode is None:  # UTF-16 and the like: the codec splits the lines itself
            reader = codecs.getreader(encoding)(handle)
            done = 0
            try:
                for text in _text_lines(reader):
                    yield text
                    done += 1
            except UnicodeError:
                raise _encoding_error(encoding, [done + 1]) from None
            return
        lines = _byte_lines(handle)
        for number, raw in enumerate(lines, start=1):
            try:
                text = decode(raw)
            except UnicodeDecodeError:
                bad = [number]
                for later, rest in enumerate(lines, start=number + 1):
                    try:
                        decode(rest)
                    except UnicodeDecodeError:
                        bad.append(later)
                raise _encoding_error(encoding, bad) from None
            if number == 1 and text.startswith("\ufeff"):
                text = text[1:]
            yield text


def _text_lines(reader) -> Iterator[str]:
    """Lines of a decoded stream split at \\r\\n, \\n or a lone \\r, ends kept."""
    pending = ""
    while True:
        chunk = reader.read(1 << 16)
        if not chunk:
            break
        pieces = _TEXT_LINE_ENDS.split(pending + chunk)
        pending = pieces.pop()  # maybe incomplete
        if pieces and pieces[-1].endswith("\r") and not pending:
            pending = pieces.pop()  # its \n may open the next chunk
        yield from pieces
    if pending:
        yield pending


def _encoding_error(encoding: str, lines: list[int]) -> ServiceError:
    return ServiceError(f"Le fichier ne se lit pas avec l'encodage « {encoding} » (ligne(s) "
                        f"{_line_list(lines)}) : choisissez-en un autre.")


# --- formats and rows -----------------------------------------------------------------


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
        xlsx.check_archive(path)
        return FileFormat(encoding="", separator="", kind="ods" if ods.is_ods(path) else "xlsx")
    if head == OLE_MAGIC:
        _check_xls(path)
        return FileFormat(encoding="", separator="", kind="xls")
    if path.suffix.lower() == ".xlsx":
        raise ServiceError(f"« {path.name} » n'est pas un classeur Excel valide.")
    encoding = _file_encoding(path)
    sample = []
    size = 0
    lines = _decoded_lines(path, encoding)
    for text in lines:
        sample.append(text)
        size += len(text)
        if size > 65536 or len(sample) >= 40:
            break
    lines.close()
    return FileFormat(encoding=encoding, separator=detect_separator("".join(sample)),
                      kind="csv")


def iter_rows(path: str | Path, fmt: FileFormat) -> Iterator[tuple[int, list]]:
    """(line number, cells) for every row, header included; blank lines skipped.

    A row that cannot be imported as it is comes as a BadRow saying why."""
    path = Path(path)
    _check_path(path)
    if fmt.kind in SHEET_READERS:
        yield from _iter_xlsx(path, SHEET_READERS[fmt.kind])
        return
    separator = fmt.separator or ";"
    if len(separator) != 1 or separator in "\"\r\n" or separator.isalnum():
        raise ServiceError(f"Séparateur invalide : « {separator} » (un seul caractère : ; , "
                           "tabulation ou |).")
    yield from _iter_csv(path, fmt.encoding, separator)


def _iter_csv(path: Path, encoding: str, separator: str) -> Iterator[tuple[int, list]]:
    csv.field_size_limit(MAX_FILE_BYTES)  # an over-long cell becomes a reject, not a crash
    physical: list[str] = []

    def source() -> Iterator[str]:
        for text in _decoded_lines(path, encoding):
            physical.append(text)
            yield text

    reader = csv.reader(source(), delimiter=separator)
    width = None
    line = 1
    headers: list[str] = []
    try:
        for cells in reader:
            end = reader.line_num
            lines = physical[:]
            physical.clear()
            rows = [(line, cells)]
            if end > line and width is not None:
                pieces = [_split_line(text, separator, width) for text in lines]
                if len(cells) != width or all(len(p) == width for p in pieces):
                    # A stray quote swallowed the next lines: each line is a row of its own,
                    # so the good rows after it are not lost.
                    rows = list(enumerate(pieces, start=line))
                    lines = None
            for number, parts in rows:
                if not any(c.strip() for c in parts):
                    continue
                if width is None:
                    width = len(parts)
                    headers = parts
                texts = lines if lines is not None else ["".join(parts)]
                yield number, _checked_cells(parts, texts, headers)
            line = end + 1
    except csv.Error as exc:
        raise ServiceError(f"Ligne {line} illisible : {exc}.") from exc


def _checked_cells(cells: list, texts: list[str], headers: list) -> list:
    """The cells, or a BadRow when the row holds a NUL byte, an over-long cell or too many
    columns (kept to MAX_COLUMNS: memory stays bounded)."""
    if any("\x00" in text for text in texts):
        return BadRow(cells[:MAX_COLUMNS], "caractère nul (octet 0) dans la ligne : fichier "
                                           "endommagé à cet endroit")
    if len(cells) > MAX_COLUMNS:
        return BadRow(cells[:MAX_COLUMNS], f"{len(cells)} colonnes : au plus {MAX_COLUMNS}")
    if sum(len(t) for t in texts) > MAX_CELL_CHARS:
        for index, cell in enumerate(cells):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                return BadRow(cells, f"{column_name(headers, index)} : la cellule dépasse "
                                     f"{MAX_CELL_CHARS} caractères ({len(cell)})")
    return cells


def column_name(headers: list, index: int) -> str:
    """« Nom » for a column with a header, « colonne 5 » without."""
    header = cell_text(headers[index]) if index < len(headers) else ""
    return f"colonne « {header[:60]} »" if header else f"colonne {index + 1}"


def _split_line(raw: str, separator: str, width: int) -> list[str]:
    """One physical line as cells: quoted as usual, else with quotes as plain characters."""
    raw = raw.rstrip("\r\n")
    cells = next(csv.reader([raw], delimiter=separator), [])
    if len(cells) == width:
        return cells
    return next(csv.reader([raw], delimiter=separator, quoting=csv.QUOTE_NONE), [])


SHEET_READERS = {"xlsx": xlsx.read_rows, "ods": ods.read_rows, "xls": xls.read_rows}


def _check_xls(path: Path) -> None:
    """An old .xls that xlrd opens; ServiceError for a workbook protected by a password (the
    same OLE container) or one that is not a workbook."""
    import xlrd

    try:
        xlrd.open_workbook(str(path), on_demand=True).release_resources()
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise ServiceError(f"« {path.name} » est protégé par un mot de passe : enregistrez-le "
                               "sans mot de passe.") from exc
        raise ServiceError(f"« {path.name} » n'est pas un classeur Excel lisible ({exc}) : "
                           "enregistrez-le en .xlsx ou en CSV.") from exc
    except Exception as exc:  # noqa: BLE001 - xlrd raises many kinds on a damaged file
        raise ServiceError(f"« {path.name} » n'est pas un classeur Excel lisible "
                           f"({type(exc).__name__}) : enregistrez-le en .xlsx ou en CSV.") from exc


def _iter_xlsx(path: Path, read_rows=xlsx.read_rows) -> Iterator[tuple[int, list]]:
    import zipfile
    import zlib
    from xml.etree.ElementTree import ParseError

    if read_rows is not xls.read_rows:
        xlsx.check_archive(path)
    headers: list = []
    last = 0
    try:
        for number, values in read_rows(path):
            last = number
            if not any(type(v) is not str or v.strip() for v in values.values()):
                continue  # blank, as a CSV line of spaces
            width = max(values)
            problem = None
            if width > MAX_COLUMNS:
                problem = f"une valeur en colonne {width} : au plus {MAX_COLUMNS} colonnes"
                width = MAX_COLUMNS
            cells: list = [""] * width
            for column, value in values.items():
                if column <= width:
                    cells[column - 1] = value
            if problem is None:
                for index, value in enumerate(cells):
                    if isinstance(value, str) and (len(value) > MAX_CELL_CHARS
                                                   or "\x00" in value):
                        problem = (f"{column_name(headers, index)} : la cellule dépasse "
                                   f"{MAX_CELL_CHARS} caractères ({len(value)})"
                                   if len(value) > MAX_CELL_CHARS else
                                   f"{column_name(headers, index)} : caractère nul dans "
                                   "la cellule")
                        break
            if not headers:
                headers = cells
            yield number, (BadRow(cells, problem) if problem else cells)
    except xlsx.Broken as exc:
        raise ServiceError(f"« {path.name} » n'est pas un classeur Excel lisible ({exc}).") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ServiceError(f"« {path.name} » n'est pas un classeur Excel lisible (archive "
                           f"endommagée ou tronquée, après la ligne {last}).") from exc
    except NotImplementedError as exc:
        raise ServiceError(f"« {path.name} » n'est pas un classeur Excel lisible (méthode de "
                           "compression non prise en charge).") from exc
    except RuntimeError as exc:  # zipfile: an encrypted part
        raise ServiceError(f"« {path.name} » est protégé par un mot de passe : enregistrez-le "
                           "sans mot de passe.") from exc
    except ParseError as exc:
        raise ServiceError(f"« {path.name} » n'est pas un classeur Excel lisible (XML invalide "
                           f"ou caractère interdit, après la ligne {last}).") from exc
    except (OSError, KeyError, ValueError) as exc:
        raise ServiceError(f"« {path.name} » n'est pas un classeur Excel lisible "
                           f"({type(exc).__name__}).") from exc


def read_preview(path: str | Path, fmt: FileFormat, rows: int = 20) -> tuple[list[str], list[list]]:
    """The header and the first rows, for the mapping dialog."""
    headers: list[str] | None = None
    body: list[list] = []
    for _, cells in iter_rows(path, fmt):
        if headers is None:
            headers = [cell_text(c) for c in cells]
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
    when it has no line, a header only ("aucune <what> à importer"), a damaged header or more
    than MAX_ROWS rows."""
    fmt = fmt or detect_format(path)
    rows = iter_rows(path, fmt)
    first = next(rows, None)
    if first is None:
        raise ServiceError("Le fichier ne contient aucune ligne.")
    if isinstance(first[1], BadRow):
        raise ServiceError(f"Ligne d'en-tête inutilisable : {first[1].problem}.")
    headers = [cell_text(c) for c in first[1]]
    body = []
    for row in rows:
        body.append(row)
        if len(body) > MAX_ROWS:
            rows.close()
            shown = f"{MAX_ROWS:,}".replace(",", "\u202f")
            raise ServiceError(f"Le fichier compte plus de {shown} lignes de données : "
                               "découpez-le en plusieurs fichiers.")
    if not body:
        raise ServiceError(f"Le fichier ne contient que la ligne d'en-tête : aucune {what} à "
                           "importer.")
    return fmt, headers, body


def shape_problem(cells: list, width: int) -> str | None:
    """A row with more cells than the header (an unquoted separator in a value shifted it),
    or a CSV row with fewer (a spreadsheet row simply ends at its last filled cell)."""
    if isinstance(cells, BadRow):
        return cells.problem
    if len(cells) > width:
        return f"{len(cells)} colonnes au lieu de {width} (séparateur dans une valeur ?)"
    return None


def checked_rows(body: list, width: int, fmt: FileFormat, rejects: list,
                 stop: Callable[[], bool] | None = None,
                 progress: Callable[[int, int], None] | None = None):
    """(line, cells) of each row shaped like the header; any other row goes to rejects with
    its reason. Reports progress and raises Cancelled when stop() says so, every 500 rows."""
    total = len(body)
    short = fmt.kind == "csv"
    for done, (line, cells) in enumerate(body, start=1):
        if done % 500 == 0:
            if stop is not None and stop():
                raise Cancelled
            if progress:
                progress(done, total)
        problem = shape_problem(cells, width)
        if problem is None and short and len(cells) < width:
            problem = f"{len(cells)} colonnes au lieu de {width}"
        if problem:
            rejects.append((line, problem, cells))
            continue
        yield line, cells


def ignored_columns(headers: list[str], mapping: dict[str, int], body: list,
                    known: dict[str, str] | None = None) -> tuple[str, ...]:
    """The columns no field reads, named (never dropped silently): a column without a header
    is named only when a row has a value in it. known gives a reason for a recognised
    header that is not imported (folded key -> text)."""
    used = set(mapping.values())
    names = []
    for index, header in enumerate(headers):
        if index in used:
            continue
        if header:
            reason = (known or {}).get(header_key(header))
            names.append(f"{header} ({reason})" if reason else header)
        elif any(index < len(cells) and cell_text(cells[index]) for _, cells in body):
            names.append(f"colonne {index + 1} (sans en-tête)")
    return tuple(names)


def header_key(header) -> str:
    """A header as compared with the known names: "Date du consentement" -> "dateduconsentement"."""
    from rcdesk.core.text import fold

    return re.sub(r"[^a-z0-9]", "", fold(str(header)))


# --- cells ------------------------------------------------------------------------------

_FORMULA_MARK = frozenset("=+-@\t\r")


def cell_text(value) -> str:
    """A cell as text: numbers from a spreadsheet without a trailing .0, dates dd/mm/yyyy.

    The apostrophe an export puts before = + - @ (so no formula runs) is taken off again."""
    if type(value) is str:  # every CSV cell: the fast path
        value = value.strip()
        if value[:1] == "'" and value[1:2] in _FORMULA_MARK and len(value) > 1:
            return value[1:]
        return value
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


def _in_years(day: date) -> date:
    """day itself within core.dates' range (the one rule); ValueError in French otherwise."""
    return check_date_range(day)


@functools.cache
def _parse_user_date():
    """core.formatting's parser, imported once on first use (it loads babel)."""
    from rcdesk.core.formatting import parse_user_date

    return parse_user_date


def parse_date_cell(value) -> date | None:
    """dd/mm/yyyy (and the other forms parse_user_date knows) or a spreadsheet date, years
    1900 to 2100; ValueError (French) otherwise."""
    parse_user_date = _parse_user_date()
    if isinstance(value, datetime):
        return _in_years(value.date())
    if isinstance(value, date):
        return _in_years(value)
    text = cell_text(value)
    if not text:
        return None
    if " " in text and re.match(r"^\d{4}-\d{2}-\d{2} ", text):  # 2026-11-24 00:00:00
        text = text.split(" ", 1)[0]
    if len(text) > 40:
        raise ValueError(f"Date invalide : « {text[:40]}… » (attendu JJ/MM/AAAA).")
    return _in_years(parse_user_date(text))


def parse_datetime_cell(value) -> datetime | None:
    """A date with an optional time (dd/mm/yyyy HH:MM, as the customer export writes it)."""
    if isinstance(value, datetime):
        _in_years(value.date())
        return value
    text = cell_text(value)
    match = re.fullmatch(r"(.+?)[ T](\d{1,2}):(\d{2})(?::(\d{2}))?", text)
    if not match:
        day = parse_date_cell(value)
        return None if day is None else datetime(day.year, day.month, day.day)
    day = parse_date_cell(match.group(1))
    hour, minute, second = int(match.group(2)), int(match.group(3)), int(match.group(4) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"Heure invalide : « {text[:40]} » (attendu JJ/MM/AAAA HH:MM).")
    return datetime(day.year, day.month, day.day, hour, minute, second)


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


def rejects_path_for(source: Path, suffix: str = "rejets") -> Path:
    """clients.csv -> clients_rejets.csv beside it (never overwriting: _rejets_2, _3...)."""
    candidate = source.with_name(f"{source.stem}_{suffix}.csv")
    n = 2
    while candidate.exists():
        candidate = source.with_name(f"{source.stem}_{suffix}_{n}.csv")
        n += 1
    return candidate


def write_rejects(source: Path, headers: list[str], rejects: list[tuple[int, str, list]],
                  suffix: str = "rejets", reason: str = "Motif") -> Path:
    """Rejected rows as a CSV (UTF-8 BOM, ;): Ligne, Motif, then the original columns, in
    line order. suffix / reason: the same for another list of rows (« avertissements »).

    Beside the source; in the data folder when the source's folder is read-only."""
    rejects = sorted(rejects, key=lambda r: r[0])
    try:
        return _write_rejects_at(rejects_path_for(source, suffix), headers, rejects, reason)
    except OSError:
        from rcdesk.paths import data_dir

        return _write_rejects_at(rejects_path_for(data_dir() / source.name, suffix), headers,
                                 rejects, reason)


def _write_rejects_at(path: Path, headers: list[str], rejects, reason: str = "Motif") -> Path:
    with path.open("x", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Ligne", reason, *headers])
        for line, reason, cells in rejects:
            writer.writerow([line, reason, *[_reject_cell(c) for c in cells]])
    return path


def _reject_cell(value) -> str:
    """The cell as the file gave it (a formula mark kept), surrogates made visible."""
    text = value.strip() if type(value) is str else cell_text(value)
    return text.encode("utf-8", "replace").decode("utf-8")
