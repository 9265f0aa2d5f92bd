"""Read the raw cell grid of a release: CSV, XLSX (openpyxl) or legacy XLS (xlrd).

The caller passes ``find_header``, which looks at the first few rows and says which one is the
header and how many leading columns matter. Only those columns are then read, which is what makes
the three releases with 16,384 columns (all but four empty, headed ``Column1`` ... ``Column16380``)
cheap: openpyxl still parses each row's XML, but never builds 16k-cell tuples for it.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from geo.faa.errors import FaaFormatError

HEAD_ROWS = 10  # a header is looked for in this many leading rows

Cell = object
HeaderFinder = Callable[[Sequence[Sequence[Cell]]], "tuple[int, int] | None"]


@dataclass(frozen=True, slots=True)
class Grid:
    """The header row and the data rows below it, each cut to the columns that matter."""

    sheet: str | None  # worksheet name; None for CSV
    header: list[Cell]
    rows: list[list[Cell]]


def read_grid(path: Path, find_header: HeaderFinder) -> Grid | None:
    """The first sheet with a recognisable header, or None when no sheet has one."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _grid_from_rows(None, _csv_rows(path), find_header)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_grid(path, find_header)
    if suffix == ".xls":
        return _xls_grid(path, find_header)
    raise FaaFormatError(
        path, f"unsupported file type {suffix or '(none)'}; expected .csv, .xlsx or .xls"
    )


def _grid_from_rows(
    sheet: str | None, rows: list[list[Cell]], find_header: HeaderFinder
) -> Grid | None:
    found = find_header(rows[:HEAD_ROWS])
    if found is None:
        return None
    at, width = found
    return Grid(sheet, list(rows[at]), [list(row[:width]) for row in rows[at + 1 :]])


def _csv_rows(path: Path) -> list[list[Cell]]:
    # FAA exports have been UTF-8 (with and without BOM); cp1252 is the usual Windows fallback.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            with path.open(newline="", encoding=encoding) as handle:
                return [list(row) for row in csv.reader(handle)]
        except UnicodeDecodeError:
            continue
        except csv.Error as error:  # e.g. a field beyond the csv module's size limit
            raise FaaFormatError(path, f"not readable as CSV ({error})") from error
    raise FaaFormatError(path, "not UTF-8 or cp1252 text")


def _xlsx_grid(path: Path, find_header: HeaderFinder) -> Grid | None:
    import openpyxl  # imported here: CSV-only callers should not pay for it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # zipfile/XML errors have no common base class
        raise FaaFormatError(path, f"not a readable .xlsx workbook ({error})") from error
    try:
        for sheet in workbook.worksheets:
            head = cast(
                "list[list[Cell]]",
                [list(row) for row in sheet.iter_rows(max_row=HEAD_ROWS, values_only=True)],
            )
            found = find_header(head)
            if found is None:
                continue
            at, width = found
            body = sheet.iter_rows(min_row=at + 2, max_col=width, values_only=True)
            return Grid(sheet.title, head[at], [list(row) for row in body])
        return None
    finally:
        workbook.close()  # read-only workbooks keep the zip file open until closed


def _xls_grid(path: Path, find_header: HeaderFinder) -> Grid | None:
    import xlrd

    try:
        book = xlrd.open_workbook(path, on_demand=True)
    except Exception as error:  # xlrd raises several unrelated types for a bad file
        raise FaaFormatError(path, f"not a readable .xls workbook ({error})") from error
    try:
        for sheet in book.sheets():
            rows = [
                [_xls_value(cell, book.datemode) for cell in sheet.row(i)]
                for i in range(sheet.nrows)
            ]
            grid = _grid_from_rows(sheet.name, rows, find_header)
            if grid is not None:
                return grid
        return None
    finally:
        book.release_resources()


def _xls_value(cell: object, datemode: int) -> Cell:
    import xlrd

    ctype, value = cell.ctype, cell.value  # type: ignore[attr-defined]
    if ctype == xlrd.XL_CELL_DATE:
        moment = xlrd.xldate_as_datetime(value, datemode)
        # A date serial is a float day count: 15:34 comes back as 15:33:59.99999; round to the second.
        return (moment + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    return value
