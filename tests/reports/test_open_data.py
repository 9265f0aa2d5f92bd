"""Open data: published reports only, generalised place and time, an explicit allowlist."""

from __future__ import annotations

import csv
import io

import h3
import pytest
from django.test import override_settings

from reports.models import Report
from reports.services.enrichment import reports_enrich
from reports.services.opendata import PUBLIC_COLUMN_NAMES
from reports.services.publishing import callsigns_redact, report_publish
from reports.services.workflow import IllegalTransition, report_transition
from tests.reports.factories import new_report

pytestmark = pytest.mark.django_db


def published_report(**fields) -> Report:
    report = new_report()
    reports_enrich(report_ids=[report.pk])
    Report.objects.filter(pk=report.pk).update(**fields)
    for status in ("verified", "classified"):
        report_transition(report=report, to_status=status, actor="analyst")
    return report_publish(report=report, actor="analyst")


def test_only_published_reports_appear_in_the_open_data(client):
    published_report()
    new_report()  # received, never published
    rows = client.get("/api/v1/public/reports.geojson").json()["features"]
    assert len(rows) == 1
    assert rows[0]["properties"]["aerodrome_code"] == "LHR"


@override_settings(OPEN_DATA_H3_RESOLUTION=6, OPEN_DATA_TIME_GRAIN="month")
def test_place_is_the_cell_centre_and_time_the_month_and_six_hour_block(client):
    report = published_report()
    props = client.get("/api/v1/public/reports.geojson").json()["features"][0]["properties"]
    cell = h3.latlng_to_cell(report.latitude, report.longitude, 6)
    assert props["h3_cell"] == cell and props["h3_resolution"] == 6
    assert (props["latitude"], props["longitude"]) == pytest.approx(
        h3.cell_to_latlng(cell), abs=1e-5
    )
    assert (props["latitude"], props["longitude"]) != (report.latitude, report.longitude)
    assert props["period"] == f"{report.observed_at:%Y-%m}"
    block = report.observed_at.hour // 6 * 6
    assert props["time_block"] == f"{block:02d}-{block + 6:02d}"


def test_the_csv_has_exactly_the_allowlisted_columns(client):
    published_report()
    response = client.get("/api/v1/public/reports.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == PUBLIC_COLUMN_NAMES


def test_the_narrative_is_published_only_in_its_redacted_form(client):
    published_report(narrative_redacted="A drone near the approach.")
    props = client.get("/api/v1/public/reports.geojson").json()["features"][0]["properties"]
    assert props["narrative"] == "A drone near the approach."


def test_publishing_refuses_a_report_that_is_not_classified():
    report = new_report()
    with pytest.raises(IllegalTransition, match="from 'received'"):
        report_publish(report=report, actor="analyst")


def test_callsigns_and_registrations_are_removed_from_faa_narratives():
    text = (
        "MIA TRACON RECEIVED REPORT FROM AMERICAN 397, B737, SJU-MIA ... "
        "ADVISED MESA 5400, CRJ9 ... N12345 ... A/C: SWA1234 (B737) ... N90 TRACON"
    )
    redacted = callsigns_redact(text)
    for token in ("AMERICAN 397", "MESA 5400", "N12345", "SWA1234"):
        assert token not in redacted
    assert "B737" in redacted and "CRJ9" in redacted


def test_the_open_data_page_documents_the_generalisation(client):
    published_report()
    page = client.get("/open-data/").content.decode()
    assert "1 published report" in page and "resolution 7" in page
    assert "/api/v1/public/reports.geojson" in page
