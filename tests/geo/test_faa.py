"""Reading the FAA UAS sightings releases as published: formats, columns, states, keys.

The first half needs no data; the second reads ../shared/data/faa_uas_sightings and skips when it
is absent (fails under CI=true), see ``tests.conftest.require_shared_data``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.faa import (
    COLUMNS,
    FaaFormatError,
    dedupe_key,
    read_release,
    read_releases,
    release_from_dates,
    summarize_releases,
)
from geo.faa.cells import clean_narrative, parse_date_cell
from geo.faa.columns import column_map
from geo.faa.states import normalise_state
from tests.conftest import require_shared_data

NARRATIVE = "PRELIM INFO FROM FAA OPS: LOS ANGELES, CA/UAS INCIDENT/1057P/LAX ATCT ADVISED B738."


def write_csv(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


# --- columns, cells and states, no data needed -------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        [
            "EventDATETIME",
            "LocationCITY",
            "LocationSTATE",
            "EventREPORTNARRATIVE",
            "Item Type",
            "Path",
        ],
        ["spEventDateTime", "spCity", "spState", "Redacted"],
        ["Event Date & Time", "CITY", "STATE", "Event Description"],
        ["Date of Sighitng", "State", "City", "Summary"],
        ["Day of Date of Sighting", "State", "City", "Summary"],
        ["Day of Sighting", "State", "City", "Summary", "Column1", "Column2"],
        ["Event DATETIME", "Description", "Location CITY", "Location STATE"],
    ],
)
def test_columns_are_found_by_meaning_whatever_the_release_calls_them(header: list[str]) -> None:
    columns = column_map(header)
    assert columns is not None, f"no mapping for {header}"
    assert header[columns.date].lower().replace(" ", "").startswith(("event", "sp", "date", "day"))
    assert "city" in header[columns.city].lower()
    assert "state" in header[columns.state].lower()
    assert header[columns.narrative] in {
        "EventREPORTNARRATIVE",
        "Redacted",
        "Event Description",
        "Summary",
        "Description",
    }


@pytest.mark.parametrize(
    ("raw", "narrative", "state", "country"),
    [
        ("Florida", "", "FL", "US"),
        ("NEW YORK", "", "NY", "US"),
        ("District of Columbia", "", "DC", "US"),
        ("Louisana", "", "LA", "US"),
        ("MS15", "", "MS", "US"),
        ("MIN", "", "MN", "US"),
        ("PR", "", "PR", "PR"),
        ("U.S. Virgin Islands", "", "VI", "VI"),
        ("Northern Mariana Islands", "", "MP", "MP"),
        ("VIRGINIA", "", "VA", "US"),
        ("WEST VIRGINIA", "", "WV", "US"),
        ("BIMINI", "", "", "BS"),
        ("THE BAHAMAS", "", "", "BS"),
        (
            "CANADA",
            "PRELIM INFO FROM FAA OPS: WINDSOR, ONTARIO, CANADA/UAS INCIDENT/1250E/",
            "",
            "CA",
        ),
        # The FAA typed CANADA for Ontario, California; the narrative header says CA.
        (
            "CANADA",
            "PRELIM INFO FROM FAA OPS: ONTARIO, CA/UAS INCIDENT/1701P/SOUTHERN CAL TRACON",
            "CA",
            "US",
        ),
        ("", "PRELIM INFO FROM FAA OPS: SAN JUAN, PUERTO RICO/UAS INCIDENT/0940L/", "PR", "PR"),
        ("", "PRELIM INFO FROM FAA OPS: FREEPORT, BAHAMAS/UAS INCIDENT/0906L/", "", "BS"),
        ("", "PRELIM INFO FROM FAA OPS: /UAS INCIDENT/1412E/LIVERMORE ATCT", "", ""),
    ],
)
def test_state_names_codes_and_typos_become_usps_codes(
    raw: str, narrative: str, state: str, country: str
) -> None:
    hint = normalise_state(raw, narrative)
    assert (hint.state, hint.country) == (state, country)


def test_a_state_column_with_a_us_state_wins_over_the_narrative_header() -> None:
    # "NEW YORK, NY" header stored as Teterboro, NJ: the column is kept; geo.locate may differ.
    hint = normalise_state("NEW JERSEY", "PRELIM INFO FROM FAA OPS: NEW YORK, NY/UAS INCIDENT/")
    assert (hint.state, hint.source) == ("NJ", "column")


@pytest.mark.parametrize(
    ("cell", "date", "time_of_day"),
    [
        (dt.datetime(2014, 11, 13, 15, 34), dt.date(2014, 11, 13), "15:34"),
        (dt.datetime(2016, 10, 1, 0, 0), dt.date(2016, 10, 1), None),  # midnight = date only
        (dt.date(2022, 10, 1), dt.date(2022, 10, 1), None),
        ("2014-11-13 15:34:00", dt.date(2014, 11, 13), "15:34"),
        ("2018-06-30", dt.date(2018, 6, 30), None),
        ("4/5/2021", dt.date(2021, 4, 5), None),  # US order: April 5
        ("12/31/2020", dt.date(2020, 12, 31), None),
        ("April 9, 2017", dt.date(2017, 4, 9), None),
        (44835.0, dt.date(2022, 10, 1), None),  # an unformatted Excel date serial
        ("DUPLICATE RECORD", None, None),
        ("2/30/2021", None, None),
        ("", None, None),
        (None, None, None),
    ],
)
def test_the_date_cell_gives_a_date_and_a_time_of_day_when_it_has_one(
    cell: object, date: dt.date | None, time_of_day: str | None
) -> None:
    parsed = parse_date_cell(cell)
    assert (parsed.date, parsed.local_time) == (date, time_of_day)


def test_literal_x000d_becomes_a_line_break_and_blank_runs_shrink() -> None:
    raw = "NOTIFIED._x000D_\n_x000D_\n_x000D_\nUAS MOR Alert for C90_x000D_\nNumber: 1  _x000D_\n"
    assert clean_narrative(raw) == "NOTIFIED.\n\nUAS MOR Alert for C90\nNumber: 1"
    assert clean_narrative("A_x005F_x000D_B") == "A_x000D_B", "an escaped underscore stays literal"


def test_the_dedupe_key_ignores_case_and_spacing_but_not_words_or_date() -> None:
    day = dt.date(2024, 1, 2)
    key = dedupe_key(day, "AT 2,000 FEET.  NO EVASIVE ACTION TAKEN.")
    assert key == dedupe_key(day, "at 2,000 feet. no evasive\naction taken.")
    assert key != dedupe_key(day, "AT 2,500 FEET. NO EVASIVE ACTION TAKEN.")
    assert key != dedupe_key(dt.date(2024, 1, 3), "AT 2,000 FEET. NO EVASIVE ACTION TAKEN.")
    assert len(key) == 64, "Report.source_key holds 64 characters"


def test_a_release_starting_on_a_months_last_day_is_named_from_the_next_month() -> None:
    assert release_from_dates([dt.date(2023, 3, 31), dt.date(2023, 6, 30)]) == "2023-04_2023-06"
    assert (
        release_from_dates([dt.date(2014, 11, 13), None, dt.date(2015, 8, 20)]) == "2014-11_2015-08"
    )
    assert release_from_dates([None]) == ""


def test_a_small_csv_reads_with_provenance_and_skips(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "2016-04_2016-06__sample.csv",
        [
            ["spEventDateTime", "spCity", "spState", "Redacted", "Column2"],
            [
                "2016-04-01 13:28:00",
                "Phoenix",
                "Arizona",
                NARRATIVE + "_x000D_\nMOR Alert",
                "?????",
            ],
            ["DUPLICATE RECORD", "", "", "", ""],
            ["2016-04-02 00:00:00", "Phoenix", "Arizona", NARRATIVE.lower() + "  "],
            ["soon", "Mesa", "Arizona", NARRATIVE],
            ["", "", "", "", ""],
        ],
    )
    release = read_release(path)
    rows = release.rows
    assert list(rows.columns) == list(COLUMNS)
    assert release.release == "2016-04_2016-06"
    assert release.headers["narrative"] == "Redacted"
    assert rows["source_row"].tolist() == [1, 2, 3, 4], "trailing empty rows are not rows"
    first = rows.iloc[0]
    assert (first["date"], first["local_time"], first["state"]) == (
        dt.date(2016, 4, 1),
        "13:28",
        "AZ",
    )
    assert first["narrative"].endswith("B738.\nMOR Alert")
    assert first["source_key"] == first["dedupe_key"] != ""
    assert rows["skip_reason"].tolist() == [
        "",
        "not a report: DUPLICATE RECORD",
        "",
        "unparseable date: 'soon'",
    ]
    assert rows.loc[1:, "source_key"].tolist() == ["", rows.at[2, "dedupe_key"], ""]


def test_a_wide_xlsx_is_read_from_its_few_real_columns(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.create_sheet("Q1 2023 UAS Sightings", 0)
    sheet.append(["Date", "State", "City", "Summary"] + [f"Column{i}" for i in range(1, 3000)])
    sheet.append([dt.datetime(2022, 10, 1), "FLORIDA", "ORLANDO", "LINE ONE_x000D_\nLINE TWO"])
    sheet.append([dt.datetime(2022, 10, 2, 14, 5), "Louisana", "NEW ORLEANS", NARRATIVE])
    path = tmp_path / "uas_sightings_report_fy23-q1.xlsx"
    workbook.save(path)

    release = read_release(path)
    assert release.sheet == "Q1 2023 UAS Sightings"
    assert release.release == "2022-10_2022-10"  # no CSV-style name: derived from the dates
    assert release.rows["narrative"].tolist() == ["LINE ONE\nLINE TWO", NARRATIVE]
    assert release.rows["state"].tolist() == ["FL", "LA"]
    assert release.rows["local_time"].tolist() == [None, "14:05"]


def test_a_release_id_can_be_given(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "x.csv",
        [["Date", "State", "City", "Summary"], ["1/2/2020", "TX", "AUSTIN", NARRATIVE]],
    )
    assert read_release(path, release="2020-01_2020-03").rows["source_release"].tolist() == [
        "2020-01_2020-03"
    ]


# --- malformed inputs: one clear exception naming the file and what is missing -----------------


@pytest.mark.parametrize(
    ("name", "content", "problem", "missing"),
    [
        ("empty.csv", "", "empty file", ()),
        ("header_only.csv", "Date,State,City,Summary\n", "header but no data rows", ()),
        (
            "unknown.csv",
            "Foo,Bar\n1,2\n",
            "no date, city, state, narrative column found",
            ("date", "city", "state", "narrative"),
        ),
        (
            "no_narrative.csv",
            "Date,State,City\n2020-01-01,TX,AUSTIN\n",
            "no narrative column found",
            ("narrative",),
        ),
        ("no_date.csv", "State,City,Summary\nTX,AUSTIN,X\n", "no date column found", ("date",)),
        (
            "blank_lines.csv",
            "\n\n\n",
            "no date, city, state, narrative column found",
            ("date", "city", "state", "narrative"),
        ),
        ("not_a_workbook.xlsx", "Date,State,City,Summary\n", "not a readable .xlsx workbook", ()),
        ("not_a_workbook.xls", "garbage", "not a readable .xls workbook", ()),
        ("release.json", "{}", "unsupported file type .json", ()),
    ],
)
def test_malformed_files_raise_faa_format_error_naming_file_and_problem(
    tmp_path: Path, name: str, content: str, problem: str, missing: tuple[str, ...]
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FaaFormatError) as caught:
        read_release(path)
    assert str(caught.value).startswith(f"{name}: {problem}"), str(caught.value)
    assert caught.value.missing == missing


def test_a_missing_file_raises_faa_format_error(tmp_path: Path) -> None:
    with pytest.raises(FaaFormatError, match="nope.csv: no such file"):
        read_release(tmp_path / "nope.csv")


_cell = st.one_of(
    st.text(max_size=30), st.sampled_from(["2020-01-01", "1/2/2021", "DUPLICATE RECORD", "TX", ""])
)
_header_cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["Date", "City", "State", "Summary", "Redacted", "Column1"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(_header_cell, max_size=6),
    body=st.lists(st.lists(_cell, max_size=7), max_size=5),
)
def test_any_csv_either_reads_or_raises_faa_format_error(
    header: list[str], body: list[list[str]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "fuzz.csv", [header, *body])
        try:
            rows = read_release(path).rows
        except FaaFormatError as error:
            assert str(error).startswith("fuzz.csv: ")
            return
    assert list(rows.columns) == list(COLUMNS)
    assert rows["source_row"].is_unique
    reports = rows[rows["skip_reason"] == ""]
    assert reports["date"].notna().all(), "a report always has a date"
    assert (reports["source_key"].str.len() == 64).all()


# --- the real 42 releases and the 4 spreadsheets as published ----------------------------------

ALL_ROWS = 20_862
REPORTS = 20_861
BYTE_EXACT_REPEATS = 14  # repeated rows whose (date, narrative) text is byte-identical
WHITESPACE_ONLY_REPEATS = 1  # + one pair that differs only in a double space


@pytest.fixture(scope="module")
def faa_folder() -> Path:
    return require_shared_data("faa_uas_sightings")


@pytest.fixture(scope="module")
def manifest(faa_folder: Path) -> list[dict[str, object]]:
    return json.loads((faa_folder / "MANIFEST.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def all_rows(faa_folder: Path) -> pd.DataFrame:
    paths = sorted(faa_folder.glob("*.csv"))
    started = time.perf_counter()
    rows = read_releases(paths)
    elapsed = time.perf_counter() - started
    print(f"\nread {len(paths)} CSV releases, {len(rows)} rows in {elapsed:.2f} s")
    # Generous for a slow CI runner; measured about 1.2 s on the development machine.
    assert elapsed < 15, f"reading all releases took {elapsed:.1f} s"
    return rows


@pytest.mark.faa
def test_all_releases_read_every_row_and_skip_only_the_duplicate_record_marker(
    all_rows: pd.DataFrame,
) -> None:
    summary = summarize_releases(all_rows)
    assert summary.rows == ALL_ROWS
    assert summary.skipped == {"not a report: DUPLICATE RECORD": 1}
    assert summary.reports == REPORTS
    marker = all_rows[all_rows["skip_reason"] != ""].iloc[0]
    assert (marker["source_release"], marker["source_row"]) == ("2016-04_2016-06", 344)


@pytest.mark.faa
def test_fifteen_reports_repeat_an_earlier_one_fourteen_of_them_byte_for_byte(
    all_rows: pd.DataFrame,
) -> None:
    reports = all_rows[all_rows["skip_reason"] == ""]
    summary = summarize_releases(all_rows)
    assert summary.repeated_rows == BYTE_EXACT_REPEATS + WHITESPACE_ONLY_REPEATS
    assert summary.distinct_reports == REPORTS - 15 == 20_846

    # FAA-DATA.md's "28 exact duplicates of (date, city, summary)" counts the rows in the 14
    # byte-identical pairs; the copies beyond the first are 14. The cleaned narrative is compared
    # (the CSV's _x000D_ decoded) but nothing else is normalised.
    exact = reports.duplicated(subset=["date", "city", "narrative"], keep=False)
    assert exact.sum() == 2 * BYTE_EXACT_REPEATS == 28
    assert reports.duplicated(subset=["date", "narrative"]).sum() == BYTE_EXACT_REPEATS

    # The fifteenth: CHARLESTON, SC on 2024-01-02, "2,000 FEET.  NO EVASIVE" vs "FEET. NO EVASIVE".
    by_key = reports[reports.duplicated("dedupe_key", keep=False) & ~exact]
    assert by_key[["source_release", "source_row", "city"]].values.tolist() == [
        ["2024-01_2024-03", 14, "CHARLESTON"],
        ["2024-01_2024-03", 15, "CHARLESTON"],
    ]


@pytest.mark.faa
def test_repeats_sit_inside_one_release_and_boundary_days_hold_different_reports(
    all_rows: pd.DataFrame,
) -> None:
    reports = all_rows[all_rows["skip_reason"] == ""]
    releases_per_key = reports.groupby("dedupe_key")["source_release"].nunique()
    assert releases_per_key.max() == 1, "no report is listed by two releases"
    # ...although four pairs of releases share a calendar day at the quarter boundary.
    spans = reports.groupby("source_release")["date"].agg(["min", "max"]).sort_index()
    shared_days = [
        str(day) for day, nxt in zip(spans["max"][:-1], spans["min"][1:], strict=True) if nxt <= day
    ]
    assert shared_days == ["2023-06-30", "2023-09-30", "2024-12-31"]


@pytest.mark.faa
def test_reading_overlapping_inputs_adds_no_new_source_key(
    faa_folder: Path, all_rows: pd.DataFrame
) -> None:
    keys = set(all_rows["source_key"]) - {""}
    twice = read_releases(
        [*sorted(faa_folder.glob("2023-*.csv")), *sorted(faa_folder.glob("2023-*.csv"))]
    )
    assert set(twice["source_key"]) - {""} <= keys
    assert (
        summarize_releases(twice).distinct_reports
        == summarize_releases(read_releases(sorted(faa_folder.glob("2023-*.csv")))).distinct_reports
    )


@pytest.mark.faa
def test_row_counts_and_date_ranges_per_file_match_the_manifest(
    all_rows: pd.DataFrame, manifest: list[dict[str, object]]
) -> None:
    files = all_rows.groupby("source_file")
    for entry in manifest:
        rows = files.get_group(entry["csv"])
        assert len(rows) == entry["rows"], entry["csv"]
        dates = rows["date"].dropna()
        assert (str(dates.min()), str(dates.max())) == (entry["date_min"], entry["date_max"]), (
            entry["csv"]
        )
        # MANIFEST counts the DUPLICATE RECORD marker as the one unparsed date (2016-04).
        assert rows["date"].isna().sum() == entry["unparsed_dates"], entry["csv"]


@pytest.mark.faa
def test_every_report_has_a_date_and_release_ids_follow_from_the_dates(
    all_rows: pd.DataFrame,
) -> None:
    reports = all_rows[all_rows["skip_reason"] == ""]
    assert reports["date"].notna().all()
    for release, rows in reports.groupby("source_release"):
        assert release_from_dates(rows["date"]) == release


@pytest.mark.faa
def test_states_resolve_to_a_usps_code_or_a_country(all_rows: pd.DataFrame) -> None:
    reports = all_rows[all_rows["skip_reason"] == ""]
    unresolved = reports[(reports["state"] == "") & (reports["country_hint"] == "")]
    # Only rows with neither a State cell nor a "CITY, ST/" narrative header stay unknown.
    assert (unresolved["state_raw"] == "").all()
    assert len(unresolved) == 9
    assert set(reports["state"]) - {""} <= {
        *"AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU MP".split()
    }
    ontario = reports[(reports["state_raw"].str.upper() == "CANADA") & (reports["state"] == "CA")]
    assert len(ontario) == 6 and set(ontario["city"].str.upper()) == {"ONTARIO"}


@pytest.mark.faa
def test_narratives_are_clean_and_only_early_releases_carry_a_time(all_rows: pd.DataFrame) -> None:
    assert not all_rows["narrative"].str.contains("_x000D_", regex=False).any()
    with_time = all_rows[all_rows["local_time"].notna()]["source_release"].unique()
    # "A datetime up to 2017" — plus the Apr-Jun 2020 release, whose every cell has a time.
    assert sorted(with_time) == [
        "2014-11_2015-08", "2015-08_2016-01", "2016-02_2016-03", "2016-04_2016-06",
        "2016-07_2016-09", "2016-10_2016-12", "2017-07_2017-09", "2020-04_2020-06",
    ]  # fmt: skip
    one_empty = all_rows[all_rows["warning"] == "no narrative"]
    assert one_empty[["source_release", "source_row", "city"]].values.tolist() == [
        ["2018-04_2018-06", 119, "HONOLULU"]
    ]


def _csv_twin(original: Path, manifest: list[dict[str, object]]) -> str:
    """The shared CSV converted from ``original``: its name after the ``YYYY-MM_YYYY-MM__`` prefix."""
    twins = [
        e["csv"] for e in manifest if Path(str(e["csv"]).split("__", 1)[1]).stem == original.stem
    ]
    assert len(twins) == 1, (
        f"{original.name}: expected one CSV twin in MANIFEST.json, found {twins}"
    )
    return str(twins[0])


ORIGINALS = [
    "UASEventsNov2014-Aug2015.xls",
    "UAS_Sightings_report_21Aug-31Jan.xlsx",
    "fy25_q2.xlsx",
    "uas_sightings_report_fy23-q1.xlsx",
]


@pytest.mark.faa
@pytest.mark.parametrize("name", ORIGINALS)
def test_each_original_spreadsheet_reads_to_the_same_rows_as_its_csv_twin(
    faa_folder: Path, manifest: list[dict[str, object]], name: str
) -> None:
    original = faa_folder / "original" / name
    started = time.perf_counter()
    from_sheet = read_release(original)
    elapsed = time.perf_counter() - started
    print(f"\n{name}: {len(from_sheet.rows)} rows in {elapsed:.2f} s (sheet {from_sheet.sheet!r})")
    assert elapsed < 10, f"{name} took {elapsed:.1f} s; the 16,384-column sheets must stay cheap"

    twin = read_release(faa_folder / _csv_twin(original, manifest))
    assert from_sheet.release == twin.release
    compared = ["source_release", "source_row", "date", "local_time", "city", "state", "state_raw",
                "country_hint", "narrative", "skip_reason", "dedupe_key", "source_key"]  # fmt: skip
    pd.testing.assert_frame_equal(from_sheet.rows[compared], twin.rows[compared])
