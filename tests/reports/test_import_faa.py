"""Importing the FAA record: one report per distinct row, provenance, times in UTC, re-runs
change nothing, spreadsheets equal their CSV twins."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from reports.models import Report, ReportStatus, Source
from reports.services.imports import faa as faa_import_module
from reports.services.imports import faa_import
from reports.services.imports.faa_time import faa_observed_at
from tests.conftest import require_shared_data

FAA = "faa_uas_sightings"
SMALL = "2022-10_2022-12__uas_sightings_report_fy23-q1.csv"  # 278 rows
WITH_DUPLICATE_RECORD = "2016-04_2016-06__UAS_Sightings_report_1Apr-30Jun16.csv"
TWINS = {
    "UASEventsNov2014-Aug2015.xls": "2014-11_2015-08__UASEventsNov2014-Aug2015.csv",
    "UAS_Sightings_report_21Aug-31Jan.xlsx": "2015-08_2016-01__UAS_Sightings_report_21Aug-31Jan.csv",
    "uas_sightings_report_fy23-q1.xlsx": "2022-10_2022-12__uas_sightings_report_fy23-q1.csv",
    "fy25_q2.xlsx": "2025-01_2025-03__fy25_q2.csv",
}


@pytest.fixture
def without_enrichment(monkeypatch):
    """Counting and provenance tests do not need the (slow) enrichment step."""
    monkeypatch.setattr(faa_import_module, "reports_enrich", lambda **_: 0)


def test_the_narrative_time_and_zone_letter_become_utc():
    when, known, _ = faa_observed_at(
        dt.date(2014, 11, 13),
        "PRELIM INFO FROM FAA OPS: VIRGINIA KEY, FL/UAS INCIDENT/1534E/MIA TRACON ...",
        "FL",
    )
    assert (when, known) == (dt.datetime(2014, 11, 13, 20, 34, tzinfo=dt.UTC), True)


def test_local_time_in_hawaii_uses_the_state_zone():
    when, known, _ = faa_observed_at(
        dt.date(2020, 7, 1),
        "PRELIM INFO FROM FAA OPS: HONOLULU, HI/UAS INCIDENT/1000L/HNL ATCT ADVISED ...",
        "HI",
    )
    assert when == dt.datetime(2020, 7, 1, 20, 0, tzinfo=dt.UTC) and known


def test_a_row_with_only_a_date_is_placed_at_local_midday_and_flagged():
    when, known, how = faa_observed_at(dt.date(2020, 7, 1), "UAS SEEN NEAR THE FIELD.", "CA")
    assert when == dt.datetime(2020, 7, 1, 19, 0, tzinfo=dt.UTC)
    assert known is False and "date only" in how
    when, known, _ = faa_observed_at(dt.date(2020, 7, 1), "UAS SEEN.", "")
    assert when == dt.datetime(2020, 7, 1, 12, 0, tzinfo=dt.UTC) and not known


@pytest.mark.faa
@pytest.mark.django_db
def test_one_release_becomes_enriched_atc_reports_with_their_provenance():
    path = require_shared_data(FAA, SMALL)
    result = faa_import(paths=[path])
    assert result.read == 278 and result.imported == 278 - result.duplicates
    report = Report.objects.get(source_file=SMALL, source_row=1)
    assert report.source == Source.FAA and report.reporter_role == "atc"
    assert report.source_release == "2022-10_2022-12"
    assert report.narrative.startswith("PRELIM INFO FROM FAA OPS")
    assert report.status == ReportStatus.TRIAGE and report.enrichment_status == "done"
    first_event = report.events.first()
    assert first_event is not None and first_event.note.startswith(f"imported from {SMALL} row 1")
    located = Report.objects.filter(latitude__isnull=False).count()
    assert located == result.imported - result.unlocated
    assert located / result.imported >= 0.95, f"only {located} of {result.imported} located"


@pytest.mark.faa
@pytest.mark.django_db
def test_importing_the_same_release_twice_imports_nothing_the_second_time(without_enrichment):
    path = require_shared_data(FAA, SMALL)
    first = faa_import(paths=[path])
    again = faa_import(paths=[path])
    assert first.imported > 0
    assert again.imported == 0 and again.already_imported == first.imported
    assert Report.objects.count() == first.imported


@pytest.mark.faa
@pytest.mark.django_db
def test_the_duplicate_record_row_is_skipped_counted_and_listed_in_the_error_file(
    without_enrichment, tmp_path
):
    path = require_shared_data(FAA, WITH_DUPLICATE_RECORD)
    errors = tmp_path / "errors.csv"
    out = io.StringIO()
    call_command("import_faa", str(path), "--errors", str(errors), stdout=out)
    summary = json.loads(out.getvalue().strip().splitlines()[-1])
    assert summary["skipped"] == {"not a report: DUPLICATE RECORD": 1}
    assert summary["read"] == summary["imported"] + 1 + summary["duplicates"]
    assert {"read", "imported", "skipped", "duplicates", "unlocated", "seconds"} <= set(summary)
    lines = list(csv.reader(errors.open()))
    assert lines[0] == ["file", "row", "reason"]
    assert [WITH_DUPLICATE_RECORD, lines[1][1], "not a report: DUPLICATE RECORD"] in lines


@pytest.mark.faa
@pytest.mark.django_db
def test_publish_marks_faa_records_published_with_callsigns_removed(without_enrichment):
    path = require_shared_data(FAA, "2014-11_2015-08__UASEventsNov2014-Aug2015.csv")
    result = faa_import(paths=[path], publish=True)
    assert result.published == result.imported
    report = Report.objects.get(source_row=1, source_file=path.name)
    assert report.status == ReportStatus.PUBLISHED and report.published_at is not None
    assert "AMERICAN 397" in report.narrative
    assert "AMERICAN 397" not in report.narrative_redacted
    assert "[CALLSIGN]" in report.narrative_redacted
    assert report.events.filter(to_status="published").count() == 1


@pytest.mark.faa
@pytest.mark.django_db
@pytest.mark.parametrize("original", sorted(TWINS))
def test_an_original_spreadsheet_imports_to_the_same_reports_as_its_csv_twin(
    without_enrichment, original
):
    csv_path = require_shared_data(FAA, TWINS[original])
    sheet_path = require_shared_data(FAA, "original", original)
    from_csv = faa_import(paths=[csv_path])
    fields = (
        "source_key",
        "source_row",
        "source_release",
        "observed_at",
        "city",
        "state_region",
        "narrative",
    )
    csv_reports = set(Report.objects.values_list(*fields))
    from_sheet = faa_import(paths=[sheet_path])
    assert from_sheet.imported == 0
    assert from_sheet.already_imported == from_csv.imported
    Report.objects.all().delete()
    faa_import(paths=[sheet_path])
    assert set(Report.objects.values_list(*fields)) == csv_reports


@pytest.mark.faa
@pytest.mark.django_db
def test_all_42_releases_import_each_distinct_report_once_and_locate_98_percent():
    """The Done-when of the import, minus the clock (bench/import_faa.py times it)."""
    paths = sorted(require_shared_data(FAA).glob("*.csv"))
    assert len(paths) == 42
    result = faa_import(paths=paths)
    assert result.read == 20862
    assert result.skipped == {"not a report: DUPLICATE RECORD": 1}
    # 14 rows repeat another byte for byte; a 15th differs only by a double space.
    assert result.duplicates == 15
    assert result.imported == 20846 == Report.objects.count()
    assert result.unlocated / result.imported <= 0.02, result.summary()
    located = Report.objects.filter(latitude__isnull=False, h3_r7__isnull=False).count()
    assert located / result.imported >= 0.98
    assert Report.objects.filter(encounter_class="close_encounter").count() > 500
    assert faa_import(paths=paths).imported == 0
