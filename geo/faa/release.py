"""Read one FAA UAS sightings release (CSV, XLSX or XLS) into one DataFrame row per sheet row."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.faa.cells import clean_narrative, clean_text, dedupe_key, parse_date_cell
from geo.faa.columns import ROLES, ColumnMap, column_map, find_roles
from geo.faa.errors import FaaFormatError
from geo.faa.sheets import Grid, read_grid
from geo.faa.states import normalise_state

COLUMNS = (
    "source_file", "source_row", "source_release", "date", "local_time", "city", "state",
    "state_raw", "state_source", "country_hint", "narrative", "skip_reason", "warning",
    "dedupe_key", "source_key",
)  # fmt: skip

# Cell texts that mark a row as bookkeeping, not a report (the Apr-Jun 2016 release has one).
NOT_A_REPORT = frozenset({"DUPLICATE RECORD"})
_CSV_RELEASE = re.compile(r"^(\d{4}-\d{2}_\d{4}-\d{2})__")
_CITY_PLACEHOLDERS = frozenset({"NOT FOUND", "NULL", "N/A", "UNKNOWN", "UNKN"})


@dataclass(frozen=True, slots=True)
class FaaRelease:
    """One release file as read: where each role was found, and the rows (see ``COLUMNS``)."""

    path: Path
    release: str
    sheet: str | None
    headers: dict[str, str]  # role → the header text it had in this file
    rows: pd.DataFrame


def read_release(path: str | Path, *, release: str | None = None) -> FaaRelease:
    """Read one release, mapping its columns by meaning.

    ``source_row`` is the 1-based data row (the row after the header is 1), so a spreadsheet and
    the CSV converted from it number their rows alike. Trailing empty rows are dropped; an empty
    row inside the table is kept, with ``skip_reason`` 'empty row', so numbering never shifts.

    ``release`` defaults to the ``YYYY-MM_YYYY-MM`` prefix of the shared CSV names, else it is
    derived from the dates in the file (see ``release_from_dates``), so an original spreadsheet
    and its CSV twin get the same id. Raises ``FaaFormatError`` for an empty or unreadable file,
    a missing date/city/state/narrative column, or a header with no data rows.
    """
    path = Path(path)
    if not path.is_file():
        raise FaaFormatError(path, "no such file")
    if path.stat().st_size == 0:
        raise FaaFormatError(path, "empty file")
    grid = read_grid(path, _find_header)
    if grid is None:
        raise _missing_columns(path)
    columns = column_map(grid.header)
    assert columns is not None  # _find_header only accepts a header that maps
    records = [_record(path, number, cells, columns) for number, cells in _numbered(grid)]
    if not records:
        raise FaaFormatError(path, "header but no data rows")
    rows = pd.DataFrame.from_records(records, columns=COLUMNS)
    for optional in ("date", "local_time"):
        # Missing values stay None (not NaN/NaT), so callers can test them the same in every file.
        rows[optional] = rows[optional].astype(object).where(rows[optional].notna(), None)
    release = release or _csv_release(path) or release_from_dates(rows["date"]) or path.stem
    rows["source_release"] = release
    return FaaRelease(path, release, grid.sheet, columns.headers, rows)


def read_releases(paths: Iterable[str | Path]) -> pd.DataFrame:
    """All rows of many releases, in the order given (first occurrence of a report comes first)."""
    frames = [read_release(path).rows for path in paths]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(frames, ignore_index=True)


def release_from_dates(dates: Iterable[dt.date | None]) -> str:
    """``YYYY-MM_YYYY-MM`` from the first and last report date; '' when no row has a date.

    A release that starts on the last day of a month is named from the next month: the FAA's
    quarterly releases sometimes begin with the previous quarter's last evening (2023-03-31,
    2023-06-30, 2023-09-30, 2024-12-31). This reproduces the names of all 42 shared releases.
    """
    known = [d for d in dates if isinstance(d, dt.date)]
    if not known:
        return ""
    first, last = min(known), max(known)
    if (first + dt.timedelta(days=1)).month != first.month:
        first = first + dt.timedelta(days=1)
    return f"{first:%Y-%m}_{last:%Y-%m}"


def _csv_release(path: Path) -> str:
    match = _CSV_RELEASE.match(path.name)
    return match.group(1) if match else ""


def _find_header(head: Sequence[Sequence[object]]) -> tuple[int, int] | None:
    for at, row in enumerate(head):
        columns = column_map(row)
        if columns is not None:
            return at, columns.width
    return None


def _missing_columns(path: Path) -> FaaFormatError:
    """Name the roles the best-looking header lacks, for an actionable error message."""
    best: dict[str, int] = {}

    def remember(head: Sequence[Sequence[object]]) -> None:
        for row in head:
            roles = find_roles(row)
            if len(roles) > len(best):
                best.clear()
                best.update(roles)

    read_grid(path, lambda head: remember(head))
    missing = tuple(role for role in ROLES if role not in best)
    return FaaFormatError(path, f"no {', '.join(missing)} column found", missing=missing)


def _numbered(grid: Grid) -> list[tuple[int, list[object]]]:
    numbered = list(enumerate(grid.rows, start=1))
    while numbered and not any(clean_text(cell) for cell in numbered[-1][1]):
        numbered.pop()
    return numbered


def _record(path: Path, number: int, cells: list[object], columns: ColumnMap) -> dict[str, object]:
    cells = cells + [None] * (columns.width - len(cells))  # short CSV lines
    raw_date = cells[columns.date]
    narrative = clean_narrative(cells[columns.narrative])
    state_raw = clean_text(cells[columns.state])
    city = clean_text(cells[columns.city])
    parsed = parse_date_cell(raw_date)
    hint = normalise_state(state_raw, narrative)
    if city.upper() in _CITY_PLACEHOLDERS:
        city = ""
    skip_reason = _skip_reason(clean_text(raw_date), parsed.date, narrative, city, state_raw)
    key = ""
    if parsed.date is not None and not skip_reason:
        # An empty narrative would make every such row of one day "the same report"; the place
        # keeps them apart (one row in 42 releases: HONOLULU, 2018-06-18).
        key = dedupe_key(
            parsed.date, narrative or f"(no narrative) {city}, {hint.state or state_raw}"
        )
    return {
        "source_file": path.name,
        "source_row": number,
        "source_release": "",
        "date": parsed.date,
        "local_time": parsed.local_time,
        "city": city,
        "state": hint.state,
        "state_raw": state_raw,
        "state_source": hint.source,
        "country_hint": hint.country,
        "narrative": narrative,
        "skip_reason": skip_reason,
        "warning": "" if narrative or skip_reason else "no narrative",
        "dedupe_key": key,
        # An import is keyed on the report, not on (file, row): the same words on the same day in
        # two rows or two releases are one report, so re-importing a release, or importing
        # overlapping ones, creates nothing new. The first occurrence's file and row are kept
        # as provenance by the importer.
        "source_key": key,
    }


def _skip_reason(
    date_text: str, date: dt.date | None, narrative: str, city: str, state: str
) -> str:
    """Why a row is not a report, or ''. A dated row with a place but no narrative IS a report
    (the FAA listed it); it only carries ``warning`` 'no narrative' for triage."""
    if not (date_text or narrative or city or state):
        return "empty row"
    for text in (date_text, narrative.strip()):
        if text.upper() in NOT_A_REPORT:
            return f"not a report: {text.upper()}"
    if date is None:
        return f"unparseable date: {date_text[:40]!r}" if date_text else "no date"
    if not (narrative or city or state):
        return "no narrative"
    return ""
