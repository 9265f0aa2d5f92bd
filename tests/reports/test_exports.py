"""Exports: the staff columns in four formats that read back (pyogrio, pandas) and round-trip
through ``import_reports``; background exports run once and report progress."""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pyogrio
import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from reports.models import Export, ExportStatus, Report
from reports.selectors import ReportFilters, report_list
from reports.services.enrichment import reports_enrich
from reports.services.exports import export_enqueue, export_frame, export_run, export_write
from reports.services.exports.columns import COLUMNS, export_columns
from reports.services.workflow import report_transition
from tests.reports.factories import new_report

pytestmark = pytest.mark.django_db


def some_reports() -> list[Report]:
    """Three enriched reports: one duplicate-linked, one unlocated, one published."""
    first, second, third = new_report(), new_report(), new_report()
    Report.objects.filter(pk=second.pk).update(
        latitude=None, longitude=None, location_text="", city="", contact_phone="+44 20 7946 0000"
    )
    reports_enrich(report_ids=[first.pk, second.pk, third.pk])
    Report.objects.filter(pk=third.pk).update(
        duplicate_of=first, aircraft_callsign="BAW12", narrative='Line one,\nline "two"; ünïcode'
    )
    for status in ("verified", "classified", "published"):
        report_transition(report=first, to_status=status, actor="analyst")
    return list(Report.objects.order_by("pk"))


def staff_frame(include_contact: bool = True) -> pd.DataFrame:
    frame, _ = export_frame(
        queryset=Report.objects.order_by("reference"), include_contact=include_contact
    )
    return frame.reset_index(drop=True)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "geojson", "gpkg"])
def test_an_export_imported_into_an_empty_database_gives_the_same_reports(tmp_path, fmt):
    some_reports()
    before = staff_frame()
    path = tmp_path / f"reports.{fmt}"
    assert export_write(path=path, fmt=fmt, include_contact=True) == 3
    Report.objects.all().delete()
    out = io.StringIO()
    call_command("import_reports", str(path), "--errors", str(tmp_path / "e.csv"), stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["imported"] == 3 and summary["skipped"] == {}, (tmp_path / "e.csv").read_text()
    pd.testing.assert_frame_equal(staff_frame(), before, check_dtype=False)


def test_importing_the_same_export_twice_adds_nothing(tmp_path):
    some_reports()
    path = tmp_path / "r.csv"
    export_write(path=path, fmt="csv")
    out = io.StringIO()
    call_command("import_reports", str(path), "--errors", str(tmp_path / "e.csv"), stdout=out)
    assert json.loads(out.getvalue())["already_imported"] == 3
    assert Report.objects.count() == 3


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_geojson_and_geopackage_read_back_with_gdal_with_the_same_rows_and_columns(tmp_path, fmt):
    reports = some_reports()
    path = tmp_path / f"r.{fmt}"
    export_write(path=path, fmt=fmt)
    frame = pyogrio.read_dataframe(path, layer="reports" if fmt == "gpkg" else None)
    assert list(frame.columns) == [c.name for c in export_columns()] + ["geometry"]
    assert sorted(frame["reference"]) == sorted(r.reference for r in reports)
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.isna().sum() == sum(r.latitude is None for r in reports)
    located = frame[frame.geometry.notna()].set_index("reference")
    for report in (r for r in reports if r.latitude is not None):
        point = located.loc[report.reference].geometry
        assert (point.y, point.x) == pytest.approx((report.latitude, report.longitude))
    if fmt == "gpkg":
        dictionary = pyogrio.read_dataframe(path, layer="dictionary")
        assert list(dictionary["column"]) == [c.name for c in export_columns()]


def test_every_exported_column_is_described_in_the_data_dictionary(tmp_path):
    some_reports()
    path = tmp_path / "r.xlsx"
    export_write(path=path, fmt="xlsx", include_contact=True)
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets["dictionary"]["column"]) == list(sheets["reports"].columns)
    assert sheets["dictionary"]["description"].str.len().min() > 5
    assert len(sheets["reports"].columns) == len(COLUMNS)


def test_staff_exports_leave_out_contact_data_unless_asked(tmp_path):
    some_reports()
    path = tmp_path / "r.csv"
    export_write(path=path, fmt="csv")
    text = path.read_text()
    assert "pilot@example.org" not in text and "contact_email" not in text


def test_the_export_command_filters_and_writes_a_dictionary_beside_the_file(tmp_path):
    reports = some_reports()
    out = io.StringIO()
    path = tmp_path / "published.csv"
    call_command(
        "export", "--format", "csv", "--output", str(path), "--status", "published", stdout=out
    )
    assert json.loads(out.getvalue())["rows"] == 1
    assert list(pd.read_csv(path)["reference"]) == [reports[0].reference]
    assert (tmp_path / "published.csv.dictionary.csv").exists()


def test_filters_select_by_time_window_bbox_aerodrome_and_status():
    reports = some_reports()
    located = [r for r in reports if r.latitude is not None]
    assert report_list(filters=ReportFilters(bbox=(-1.0, 51.0, 0.0, 52.0))).count() == len(located)
    assert report_list(filters=ReportFilters(bbox=(10.0, 51.0, 11.0, 52.0))).count() == 0
    assert report_list(filters=ReportFilters(aerodrome="lhr")).count() == len(located)
    later = timezone.now() + dt.timedelta(days=1)
    assert report_list(filters=ReportFilters(observed_from=later)).count() == 0
    assert report_list(filters=ReportFilters(status="published")).count() == 1


def test_a_background_export_runs_once_and_offers_its_file(
    tmp_path, django_capture_on_commit_callbacks
):
    some_reports()
    with override_settings(EXPORT_ROOT=tmp_path):
        with django_capture_on_commit_callbacks(execute=True):
            export = export_enqueue(fmt="geojson", filters=ReportFilters())
        export.refresh_from_db()
        assert export.status == ExportStatus.DONE and export.progress == 100
        assert export.row_count == 3 and (tmp_path / export.file).is_file()
        assert export_run(export_id=export.pk) is False  # a redelivered task does nothing
    assert Export.objects.get(pk=export.pk).file == export.file
