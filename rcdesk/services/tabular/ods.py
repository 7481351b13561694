"""The first sheet of a LibreOffice / OpenDocument workbook (.ods), row by row, in bounded
memory: content.xml is streamed (iterparse) and each row's XML dropped once read, like the
XLSX reader. No dependency: the format is a zip holding one XML part.

Repeated rows and cells (table:number-rows-repeated / number-columns-repeated) are expanded
only up to the last non-empty cell of a row and never for blank rows, so a sheet whose style
runs to row 1,048,576 costs nothing."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

from rcdesk.services.tabular.xlsx import MAX_ROW_CELLS, MAX_SHEET_ROWS, Broken, local

MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_REPEAT_ROWS = f"{{{_TABLE}}}number-rows-repeated"
_REPEAT_COLUMNS = f"{{{_TABLE}}}number-columns-repeated"
_VALUE_TYPE = f"{{{_OFFICE}}}value-type"
_VALUE = f"{{{_OFFICE}}}value"
_DATE_VALUE = f"{{{_OFFICE}}}date-value"
_BOOLEAN_VALUE = f"{{{_OFFICE}}}boolean-value"


def is_ods(path: Path) -> bool:
    """A zip whose first part is the OpenDocument spreadsheet mimetype."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read("mimetype").strip() == MIMETYPE
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _text(cell) -> str:
    """The cell's paragraphs joined by line breaks, text:s spaces and text:line-break kept."""
    paragraphs = []
    for paragraph in cell:
        if local(paragraph.tag) != "p":
            continue
        parts = [paragraph.text or ""]
        for child in paragraph.iter():
            if child is paragraph:
                continue
            name = local(child.tag)
            if name == "s":
                parts.append(" " * int(child.get(f"{{{_TEXT}}}c", "1") or 1))
            elif name == "line-break":
                parts.append("\n")
            elif name == "tab":
                parts.append("\t")
            else:
                parts.append(child.text or "")
            parts.append(child.tail or "")
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _value(cell):
    kind = cell.get(_VALUE_TYPE)
    if kind in ("float", "percentage", "currency"):
        number = float(cell.get(_VALUE, "0"))
        return int(number) if number.is_integer() else number
    if kind == "date":
        text = cell.get(_DATE_VALUE, "")
        try:
            return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
        except ValueError:
            return _text(cell)
    if kind == "boolean":
        return cell.get(_BOOLEAN_VALUE) == "true"
    return _text(cell)


def read_rows(path: Path) -> Iterator[tuple[int, dict[int, object]]]:
    """(sheet row number, {column number: value}) of the first sheet's non-empty rows, as
    xlsx.read_rows; Broken when the file cannot be read."""
    with zipfile.ZipFile(path) as archive:
        if "content.xml" not in archive.namelist():
            raise Broken("il ne contient pas de feuille (content.xml manquant)")
        with archive.open("content.xml") as source:
            yield from _sheet(source)


def _sheet(source) -> Iterator[tuple[int, dict[int, object]]]:
    """Each row of the first table as it ends, then dropped from the tree (as the XLSX
    reader: every ended element leaves its parent, except inside a row)."""
    stack: list = []
    tables = 0
    in_row = 0  # depth of open table-row elements
    number = 0
    for event, element in ElementTree.iterparse(source, events=("start", "end")):
        name = local(element.tag)
        if event == "start":
            stack.append(element)
            if name == "table":
                tables += 1
            elif name == "table-row":
                in_row += 1
            continue
        stack.pop()
        if name == "table" and tables == 1:
            return  # the first sheet only
        if name == "table-row" and tables == 1:
            in_row -= 1
            rows = _row(element, number)
            if rows is None:  # blank rows (a style running down the sheet): skipped
                number += int(element.get(_REPEAT_ROWS, "1") or 1)
                if number > MAX_SHEET_ROWS:
                    return
            else:
                for values in rows:
                    number += 1
                    if number > MAX_SHEET_ROWS:
                        raise Broken(f"plus de {MAX_SHEET_ROWS} lignes")
                    yield number, values
        if not in_row and stack:
            stack[-1].remove(element)


def _row(element, number: int) -> list[dict[int, object]] | None:
    """The row's values (a repeated filled row given as many times, at most 1,000), or None
    for a blank row."""
    values: dict[int, object] = {}
    column = 0
    for cell in element:
        if local(cell.tag) not in ("table-cell", "covered-table-cell"):
            continue
        count = int(cell.get(_REPEAT_COLUMNS, "1") or 1)
        value = _value(cell)
        if value != "" and value is not None:
            if column + count > MAX_ROW_CELLS:
                raise Broken(f"plus de {MAX_ROW_CELLS} colonnes à la ligne {number + 1}")
            for offset in range(count):
                values[column + offset + 1] = value
        column += count
    if not values:
        return None
    repeat = min(int(element.get(_REPEAT_ROWS, "1") or 1), 1000)
    return [dict(values) for _ in range(repeat)]
