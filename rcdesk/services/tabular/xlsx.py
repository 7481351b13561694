"""The first worksheet of an XLSX workbook, row by row, in bounded memory.

openpyxl's loader trusts the sheet's <dimension> (a wrong one loses rows), pads every row to
it, parses a sheet without one whole at load time and keeps every shared string as an XML
element: a small crafted file costs gigabytes. This reader checks the archive's sizes from
its directory before inflating anything, streams the sheet and drops each row's XML once
read. openpyxl only lends its date helpers."""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

from rcdesk.core.errors import ServiceError

# Checked from the zip's directory before anything is inflated (README, « Importer »).
MAX_UNCOMPRESSED = 256 * 1024 * 1024  # all the parts of a workbook
MAX_STRINGS = 64 * 1024 * 1024  # the shared strings, held in memory whole
MAX_SMALL_PART = 16 * 1024 * 1024  # workbook, relationships, styles: parsed whole
MAX_ENTRIES = 10_000
MAX_SHEET_ROWS = 1_048_576  # Excel's own limit, blank rows included
MAX_ROW_CELLS = 16_384  # Excel's own limit

_REL_DOC = "/officeDocument"
_LOCAL = re.compile(r"^(?:\{[^}]*\})?")
# Number formats 14-22 and 45-47 are Excel's built-in dates and times.
_BUILTIN_DATES = frozenset((*range(14, 23), 45, 46, 47))


class Broken(Exception):
    """The workbook cannot be read; the message (French) says why."""


def local(tag: str) -> str:
    return _LOCAL.sub("", tag)


def check_archive(path: Path) -> None:
    """Refuse, from the zip's directory alone, a workbook too big once inflated."""
    _check_entry_count(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ServiceError(f"« {path.name} » n'est pas un classeur Excel lisible (archive "
                           "endommagée ou tronquée).") from exc
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise ServiceError(f"« {path.name} » se décompresse en {total // 2**20} Mo : au plus "
                           f"{MAX_UNCOMPRESSED // 2**20} Mo par classeur. Enregistrez-le en CSV "
                           "ou découpez-le.")
    strings = sum(info.file_size for info in infos
                  if info.filename.lower().endswith("sharedstrings.xml"))
    if strings > MAX_STRINGS:
        raise ServiceError(f"« {path.name} » : ses textes partagés font {strings // 2**20} Mo, "
                           f"au plus {MAX_STRINGS // 2**20} Mo. Enregistrez-le en CSV ou "
                           "découpez-le.")


def _check_entry_count(path: Path) -> None:
    """The number of parts read from the end record, before zipfile lists them all."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        handle.seek(max(0, size - 65_557))
        tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        raise ServiceError(f"« {path.name} » n'est pas un classeur Excel lisible (archive "
                           "tronquée).")
    entries = struct.unpack("<H", tail[at + 10:at + 12])[0]
    if entries > MAX_ENTRIES:
        raise ServiceError(f"« {path.name} » n'est pas un classeur Excel ordinaire ({entries} "
                           "parties).")


def read_rows(path: Path) -> Iterator[tuple[int, dict[int, object]]]:
    """(sheet row number, {column number: value}) of the first worksheet's non-empty rows.

    Values are str, int, float, bool, datetime/date/time/timedelta as the cell holds them.
    Raises Broken when the file cannot be read."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        book = _resolve(_rels(archive, "_rels/.rels", names), _REL_DOC, "xl/workbook.xml")
        if book is None or book not in names:
            raise Broken("il ne contient pas de classeur")
        book_xml = _parse_small(archive, book)
        parts = _rels(archive, _rels_path(book), names)
        sheet_path = None
        ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        for element in book_xml.iter():
            if local(element.tag) != "sheet":
                continue
            rel_id = element.get(ns_rel) or next(
                (v for k, v in element.attrib.items() if local(k) == "id"), None)
            target, kind = parts.get(rel_id, (None, ""))
            if kind.endswith("/worksheet") and target in names:
                sheet_path = target
                break
        if sheet_path is None:
            raise Broken("il ne contient aucune feuille de calcul")
        epoch_1904 = any(local(e.tag) == "workbookPr" and e.get("date1904") in ("1", "true")
                         for e in book_xml.iter())
        strings: list[str] = []
        styles: tuple[frozenset, frozenset] = (frozenset(), frozenset())
        for target, kind in parts.values():
            if target not in names:
                continue
            if kind.endswith("/sharedStrings"):
                with archive.open(target) as source:
                    strings = _shared_strings(source)
            elif kind.endswith("/styles"):
                styles = _date_styles(_parse_small(archive, target))
        with archive.open(sheet_path) as source:
            yield from _sheet(source, strings, styles, epoch_1904)


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _rels(archive, path: str, names: set) -> dict[str, tuple[str, str]]:
    """Id -> (part path in the archive, relationship type)."""
    if path not in names:
        return {}
    base = posixpath.dirname(posixpath.dirname(path))
    found = {}
    for element in _parse_small(archive, path).iter():
        if local(element.tag) == "Relationship" and element.get("TargetMode") != "External":
            target = element.get("Target") or ""
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(base, target))
            found[element.get("Id")] = (target, element.get("Type") or "")
    return found


def _resolve(rels: dict, kind: str, default) -> str | None:
    return next((target for target, k in rels.values() if k.endswith(kind)), default)


def _parse_small(archive, name: str):
    info = archive.getinfo(name)
    if info.file_size > MAX_SMALL_PART:
        raise Broken(f"la partie « {name} » est démesurée")
    return ElementTree.fromstring(archive.read(name))


def _text_of(element) -> str:
    """The text of a shared or inline string: its <t>, or its runs' <t>, without phonetics."""
    parts = []
    for child in element:
        name = local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if local(t.tag) == "t")
    return "".join(parts)


def _shared_strings(source) -> list[str]:
    strings: list[str] = []
    root = None
    for event, element in ElementTree.iterparse(source, events=("start", "end")):
        if event == "start":
            if root is None:
                root = element
            continue
        if local(element.tag) == "si":
            strings.append(_text_of(element))
            root.remove(element)
    return strings


def _date_styles(styles) -> tuple[frozenset, frozenset]:
    """Indexes of the cell styles whose number format is a date, and those that are a duration."""
    from openpyxl.styles.numbers import is_date_format, is_timedelta_format

    custom = {}
    xfs = []
    for element in styles.iter():
        name = local(element.tag)
        if name == "numFmt":
            try:
                custom[int(element.get("numFmtId"))] = element.get("formatCode") or ""
            except (TypeError, ValueError):
                continue
        elif name == "cellXfs":
            xfs = [x for x in element if local(x.tag) == "xf"]
    dates, durations = set(), set()
    for index, xf in enumerate(xfs):
        try:
            number = int(xf.get("numFmtId") or 0)
        except ValueError:
            continue
        code = custom.get(number)
        if code is None:
            if number in _BUILTIN_DATES:
                dates.add(index)
        elif is_timedelta_format(code):
            durations.add(index)
        elif is_date_format(code):
            dates.add(index)
    return frozenset(dates), frozenset(durations)


def _sheet(source, strings: list[str], styles, epoch_1904: bool
           ) -> Iterator[tuple[int, dict[int, object]]]:
    """Each <row> as it ends, then dropped from the tree: memory stays at one row.

    Every element is removed from its parent once ended, except inside a row (its cells are
    read when the row ends): nothing piles up, whatever the sheet holds."""
    stack: list = []  # the open elements, for their parents
    row_tag = cell_tag = None
    names = None
    in_row = False
    cells = number = rows = 0
    for event, element in ElementTree.iterparse(source, events=("start", "end")):
        if event == "start":
            if not stack:
                tag = element.tag
                ns = tag[:tag.index("}") + 1] if tag[:1] == "{" else ""
                row_tag, cell_tag = ns + "row", ns + "c"
                names = _Names(ns)
            stack.append(element)
            if element.tag == row_tag:
                in_row, cells = True, 0
                rows += 1
                if rows > MAX_SHEET_ROWS:
                    raise Broken(f"la feuille dépasse {MAX_SHEET_ROWS} lignes")
            elif in_row and element.tag == cell_tag:
                cells += 1
                if cells > MAX_ROW_CELLS:
                    raise Broken(f"la ligne {number + 1} dépasse {MAX_ROW_CELLS} cellules")
            continue
        stack.pop()
        if element.tag == row_tag:
            in_row = False
            number = _row_number(element.get("r"), number)
            values = _row_values(element, number, names, strings, styles, epoch_1904)
            if values:
                yield number, values
        if not in_row and stack:
            stack[-1].remove(element)  # its parent's only child left: nothing piles up


class _Names:
    """The sheet's tags with its namespace (transitional or strict), compared as strings."""

    def __init__(self, ns: str):
        self.c, self.v, self.is_, self.t, self.r = (ns + n for n in ("c", "v", "is", "t", "r"))


def _row_number(text: str | None, previous: int) -> int:
    if not text:
        return previous + 1
    try:
        return int(text)
    except ValueError:
        raise Broken(f"numéro de ligne invalide après la ligne {previous}") from None


def _row_values(row, number: int, names: _Names, strings, styles, epoch_1904: bool
                ) -> dict[int, object]:
    values: dict[int, object] = {}
    column = 0
    for cell in row:
        if cell.tag != names.c:
            continue
        ref = cell.get("r")
        if ref:
            letters = ref.rstrip("0123456789").lstrip("$").rstrip("$")
            if not letters.isalpha() or not letters.isascii() or len(letters) > 3:
                raise Broken(f"référence de cellule invalide à la ligne {number}")
            column = _column_number(letters)
        else:
            column += 1
        if len(cell):
            value = _cell_value(cell, names, strings, styles, epoch_1904)
            if value is not None and value != "":
                values[column] = value
    return values


def _column_number(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def _cell_value(cell, names: _Names, strings, styles, epoch_1904: bool):
    kind = cell.get("t", "n")
    raw = None
    inline = None
    for child in cell:
        if child.tag == names.v:
            raw = child.text
        elif child.tag == names.is_:
            inline = child
    if kind == "inlineStr":
        return _text_of(inline) if inline is not None else None
    if raw is None:
        return None
    if kind == "s":
        try:
            return strings[int(raw)]
        except (ValueError, IndexError):
            raise Broken("référence à un texte partagé absent") from None
    if kind in ("str", "e"):
        return raw
    if kind == "b":
        return raw.strip() in ("1", "true")
    if kind == "d":
        from openpyxl.utils.datetime import from_ISO8601

        try:
            return from_ISO8601(raw)
        except ValueError:
            return raw
    try:
        number = float(raw) if any(c in raw for c in ".eE") else int(raw)
    except ValueError:
        return raw  # not a number after all: kept as the text it is
    dates, durations = styles
    style = cell.get("s")
    if style is None or not (dates or durations):
        return number
    try:
        style = int(style)
    except ValueError:
        return number
    if style in dates or style in durations:
        from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

        try:
            return from_excel(number, MAC_EPOCH if epoch_1904 else WINDOWS_EPOCH,
                              timedelta=style in durations)
        except (OverflowError, ValueError, TypeError):
            return number  # a "date" beyond the calendar: the number, refused later as a date
    return number
