"""The first worksheet of an old Excel workbook (.xls, BIFF) through xlrd.

An .xls holds at most 65,536 rows and the file itself is limited (MAX_FILE_BYTES): xlrd reads
it whole, in memory bounded by that size; rows are then given one by one like the XLSX
reader's. Dates become datetimes (the workbook's 1900/1904 epoch), booleans bool."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rcdesk.services.tabular.xlsx import Broken


def read_rows(path: Path) -> Iterator[tuple[int, dict[int, object]]]:
    """(sheet row number, {column number: value}) of the first sheet's non-empty rows;
    Broken when the file cannot be read, PermissionError for an encrypted workbook."""
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise PermissionError("classeur protégé par un mot de passe") from exc
        raise Broken(str(exc)) from exc
    except (AssertionError, IndexError, ValueError, KeyError, TypeError) as exc:  # damaged BIFF
        raise Broken(f"{type(exc).__name__}") from exc
    try:
        if book.nsheets == 0:
            raise Broken("il ne contient aucune feuille de calcul")
        sheet = book.sheet_by_index(0)
        for index in range(sheet.nrows):
            values: dict[int, object] = {}
            for column, cell in enumerate(sheet.row(index), start=1):
                value = _value(cell, book.datemode)
                if value is not None and value != "":
                    values[column] = value
            if values:
                yield index + 1, values
    finally:
        book.release_resources()


def _value(cell, datemode: int):
    import xlrd

    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return cell.value
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if kind == xlrd.XL_CELL_NUMBER:
        number = float(cell.value)
        return int(number) if number.is_integer() else number
    return cell.value
