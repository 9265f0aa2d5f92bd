"""Keeping reporter text inert in spreadsheets (OWASP "CSV injection").

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some spreadsheets skip before looking) is read by Excel, LibreOffice and Google Sheets as a
formula: ``=HYPERLINK(...)`` in a narrative would run on an analyst's machine.

* **CSV** carries no cell types, so such text gets a leading apostrophe, the spreadsheets' own
  "this is text" mark. Text that already starts with apostrophes followed by a trigger gets one
  more, so ``text_restore`` (used by ``import_reports``) can strip exactly one and give back the
  original: the round trip is exact.
* **XLSX** cells are typed: such text is written as a string cell (openpyxl would otherwise store
  any text starting with ``=`` as a formula) with the ``quotePrefix`` flag, which is how Excel
  itself stores text typed with a leading apostrophe: the cell shows the original text, stays
  text when edited, and reads back unchanged.
* Numbers are never touched: only text columns are (a negative latitude stays a number).

GeoJSON and GeoPackage are left exact: they are read by GIS software and programs that do not
evaluate formulas, and a changed value would corrupt the data for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
from openpyxl.worksheet.worksheet import Worksheet

TRIGGERS = "=+-@\t\r"
_FORMULA = re.compile(r"[=+\-@\t\r]")  # what a spreadsheet would evaluate
_ESCAPE = re.compile(r"'*[=+\-@\t\r]")  # what gets one more leading apostrophe in CSV
_RESTORE = re.compile(r"'+[=+\-@\t\r]")  # what had one added


def text_neutralise(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet evaluates."""
    return "'" + text if _ESCAPE.match(text) else text


def text_restore(text: str) -> str:
    """The inverse of ``text_neutralise``."""
    return text[1:] if _RESTORE.match(text) else text


def _text_hits(frame: pd.DataFrame, pattern: re.Pattern[str]) -> dict[str, pd.Series]:
    """Per text column with at least one match: the boolean mask of cells matching ``pattern``
    at their start. Numeric, boolean and date columns are never text columns."""
    hits: dict[str, pd.Series] = {}
    for name in frame.columns:
        column = frame[name]
        if column.dtype == object or isinstance(column.dtype, pd.StringDtype):
            hit = column.str.match(pattern.pattern, na=False)
            if hit.any():
                hits[name] = hit
    return hits


def _mapped(
    frame: pd.DataFrame, pattern: re.Pattern[str], change: Callable[[str], str]
) -> pd.DataFrame:
    hits = _text_hits(frame, pattern)
    if not hits:
        return frame
    out = frame.copy()
    for name, hit in hits.items():
        column = out[name].astype(object)
        column[hit] = [change(text) for text in column[hit]]
        out[name] = column
    return out


def frame_neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell passed through ``text_neutralise`` (a copy if any was)."""
    return _mapped(frame, _ESCAPE, text_neutralise)


def frame_restore(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell passed through ``text_restore`` (a copy if any was)."""
    return _mapped(frame, _RESTORE, text_restore)


def sheet_protect_text(sheet: Worksheet, frame: pd.DataFrame, *, header_rows: int = 1) -> None:
    """Mark the cells of ``frame`` (as written to ``sheet`` from A1, without the index) whose
    text starts with a trigger as text with a quote prefix: never a formula."""
    positions = {name: i for i, name in enumerate(frame.columns, start=1)}
    for name, hit in _text_hits(frame, _FORMULA).items():
        for row in hit.to_numpy().nonzero()[0]:
            cell = sheet.cell(row=header_rows + int(row) + 1, column=positions[name])
            cell.data_type = "s"
            cell.quotePrefix = True


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text (no index) with every text cell neutralised.

    Lines end in CRLF as RFC 4180 says; that also makes the writer quote a cell holding a bare
    carriage return (it quotes only the line terminator's characters), which with ``\n`` alone
    split the row in two."""
    return frame_neutralise(frame).to_csv(index=False, lineterminator="\r\n")
