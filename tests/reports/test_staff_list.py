"""The staff report list: staff only, filtered, exported as shown; filing stays public."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from reports.models import Export, Report
from reports.services.enrichment import reports_enrich
from tests.reports.factories import analyst_create, new_report, valid_payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(analyst_create())
    return client


def test_anyone_may_file_but_only_staff_may_list(client):
    assert (
        client.post(
            "/api/v1/reports/", valid_payload(), content_type="application/json"
        ).status_code
        == 201
    )
    assert client.get("/api/v1/reports/").status_code in (401, 403)
    user = get_user_model().objects.create_user("member", password="x")
    client.force_login(user)
    assert client.get("/api/v1/reports/").status_code == 403


def test_staff_list_filters_and_pages(staff_client):
    reports = [new_report() for _ in range(3)]
    reports_enrich(report_ids=[r.pk for r in reports])
    Report.objects.filter(pk=reports[0].pk).update(encounter_class="close_encounter")
    body = staff_client.get("/api/v1/reports/?encounter_class=close_encounter").json()
    assert body["count"] == 1 and body["results"][0]["reference"] == reports[0].reference
    assert staff_client.get("/api/v1/reports/?limit=2").json()["count"] == 3
    assert len(staff_client.get("/api/v1/reports/?limit=2").json()["results"]) == 2
    bad = staff_client.get("/api/v1/reports/?bbox=1,2,3")
    assert bad.status_code == 400 and "bbox" in bad.json()


def test_staff_download_what_the_list_shows_as_csv(staff_client):
    reports = [new_report() for _ in range(2)]
    reports_enrich(report_ids=[r.pk for r in reports])
    Report.objects.filter(pk=reports[1].pk).update(aerodrome_code="JFK")
    response = staff_client.get("/api/v1/reports/?aerodrome=JFK&download=csv")
    assert response["Content-Type"].startswith("text/csv")
    frame = pd.read_csv(io.BytesIO(response.content))
    assert list(frame["reference"]) == [reports[1].reference]


def test_a_large_export_goes_to_the_background_and_the_page_follows_it(
    staff_client, tmp_path, django_capture_on_commit_callbacks
):
    reports = [new_report() for _ in range(3)]
    reports_enrich(report_ids=[r.pk for r in reports])
    with override_settings(EXPORT_SYNC_MAX_ROWS=1, EXPORT_ROOT=tmp_path):
        with django_capture_on_commit_callbacks(execute=True):
            response = staff_client.get("/staff/reports/?download=xlsx")
        assert response.status_code == 302
        export = Export.objects.get()
        page = staff_client.get(response["Location"]).content.decode()
        assert "Done" in page and f"/api/v1/exports/{export.pk}/download/" in page
        status = staff_client.get(f"/api/v1/exports/{export.pk}/").json()
        assert status["progress"] == 100 and status["row_count"] == 3
        download = staff_client.get(status["download_url"])
        assert download.status_code == 200
        assert len(pd.read_excel(io.BytesIO(b"".join(download.streaming_content)))) == 3


def test_the_staff_page_lists_reports_and_links_every_format(staff_client):
    report = new_report()
    page = staff_client.get("/staff/reports/").content.decode()
    assert report.reference in page
    for fmt in ("csv", "xlsx", "geojson", "gpkg"):
        assert f"download={fmt}" in page


def test_the_list_shows_each_reports_synopsis_and_it_follows_an_analysts_correction(staff_client):
    report = new_report()
    reports_enrich(report_ids=[report.pk])
    before = staff_client.get("/api/v1/reports/").json()["results"][0]["synopsis"]
    assert "A WHITE UAS" in before and "NM ESE OF LHR AT 400 FT" in before
    Report.objects.filter(pk=report.pk).update(aircraft_type="B738", aircraft_involved=True)
    assert "B738 REPORTED A WHITE UAS" in staff_client.get("/staff/reports/").content.decode()
    after = staff_client.get("/api/v1/reports/").json()["results"][0]["synopsis"]
    assert "B738 REPORTED A WHITE UAS" in after and "NM ESE OF LHR AT 400 FT" in after


def test_the_admin_page_of_a_report_shows_its_synopsis_from_the_corrected_fields(admin_client):
    report = new_report()
    reports_enrich(report_ids=[report.pk])
    Report.objects.filter(pk=report.pk).update(aircraft_type="A320", aircraft_involved=True)
    page = admin_client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()
    assert "A320 REPORTED A WHITE UAS" in page and "NM ESE OF LHR AT 400 FT" in page
