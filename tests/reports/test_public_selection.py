"""Only the workflow publishes. A report whose ``published_at`` was set some other way (the
admin let analysts type it) stays out of every public output: open data CSV and GeoJSON, the
public hotspot map and its layers and snapshots, the open-data page and the public export."""

from __future__ import annotations

import csv
import gzip
import io
import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from reports.models import HotspotSnapshot, Report, ReportStatus
from reports.services.enrichment import reports_enrich
from reports.services.exports import export_write
from reports.services.hotspots import hotspot_snapshots_refresh
from reports.services.publishing import report_publish
from reports.services.workflow import report_transition
from tests.reports.factories import analyst_create, new_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def one_published_one_stamped() -> tuple[Report, Report]:
    """One report published through the workflow; one still in triage whose published_at was
    typed in (two years earlier, so it would also widen the public map's time range)."""
    published, stamped = new_report(), new_report()
    reports_enrich(report_ids=[published.pk, stamped.pk])  # both now in triage
    report_transition(report=published, to_status="classified", actor="analyst")
    report_publish(report=published, actor="analyst")
    Report.objects.filter(pk=stamped.pk).update(
        published_at=timezone.now(), observed_at=timezone.now() - timedelta(days=730)
    )
    return published, Report.objects.get(pk=stamped.pk)


def test_only_the_published_status_makes_a_report_public(one_published_one_stamped):
    published, stamped = one_published_one_stamped
    assert list(Report.objects.public()) == [published]
    assert stamped.status == ReportStatus.TRIAGE and stamped.published_at is not None


def test_open_data_csv_and_geojson_leave_out_a_report_still_in_triage(
    client, one_published_one_stamped
):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/public/reports.csv").text)))
    assert len(rows) == 1
    assert len(client.get("/api/v1/public/reports.geojson").json()["features"]) == 1
    assert "1 published report" in client.get("/open-data/").content.decode()


def test_the_public_hotspot_map_counts_only_published_reports(
    client, settings, one_published_one_stamped
):
    settings.HOTSPOTS_PUBLIC_MIN_COUNT = 1
    response = client.get("/api/v1/public/hotspots/", {"resolution": 7})
    body = json.loads(response.content)
    assert body["meta"]["reports"] == 1
    assert sum(f["properties"]["count"] for f in body["features"]) == 1
    layer = client.get("/api/v1/public/hotspots/aerodromes/").json()
    assert sum(f["properties"]["reports"] for f in layer["features"]) == 1


def test_public_hotspot_snapshots_count_only_published_reports(one_published_one_stamped):
    hotspot_snapshots_refresh(force=True)
    public = [
        json.loads(gzip.decompress(bytes(s.body_gzip)))
        for s in HotspotSnapshot.objects.all()
        if s.query.get("published_only")
    ]
    assert public, "the beat task should precompute public views"
    for body in public:
        assert body["meta"]["reports"] <= 1


def test_the_public_map_time_range_ignores_a_report_still_in_triage(
    client, one_published_one_stamped
):
    published, _ = one_published_one_stamped
    page = client.get("/map/").content.decode()
    assert f'data-first-month="{published.observed_at:%Y-%m}"' in page


def test_the_public_export_leaves_out_a_report_still_in_triage(tmp_path, one_published_one_stamped):
    assert export_write(path=tmp_path / "open.csv", fmt="csv", variant="public") == 1


def test_a_published_report_later_closed_stays_public_but_withdrawn_ones_do_not():
    report = new_report()
    for status in ("triage", "classified"):
        report_transition(report=report, to_status=status)
    report_publish(report=report, actor="analyst")
    report_transition(report=report, to_status="closed")
    assert Report.objects.public().count() == 1
    report_transition(report=report, to_status="triage")
    assert Report.objects.public().count() == 0


def test_the_admin_shows_published_at_read_only_and_ignores_a_posted_one(admin_client):
    report = new_report()
    url = f"/admin/reports/report/{report.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert 'name="published_at' not in page
    data = {
        "observed_at_0": f"{report.observed_at:%Y-%m-%d}",
        "observed_at_1": f"{report.observed_at:%H:%M:%S}",
        "published_at_0": "2025-01-01",
        "published_at_1": "12:00:00",
    }
    admin_client.post(url, data)
    report.refresh_from_db()
    assert report.published_at is None and not Report.objects.public().exists()


def test_the_admin_publish_action_needs_the_change_permission(client):
    from django.contrib.auth.models import Permission

    new_report()  # the admin offers actions only on a non-empty list
    editor = analyst_create("editor")
    editor.user_permissions.add(Permission.objects.get(codename="change_report"))
    client.force_login(editor)
    assert 'value="publish"' in client.get("/admin/reports/report/").content.decode()
    client.force_login(analyst_create("viewer"))  # view and export, no change
    page = client.get("/admin/reports/report/")
    assert page.status_code == 200 and 'value="publish"' not in page.content.decode()


def test_the_migration_clears_publication_dates_the_workflow_did_not_set():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("reports.migrations.0008_public_status_export_limits")
    stamped_triage, stamped_closed, closed_after_publishing = (
        new_report(),
        new_report(),
        new_report(),
    )
    for status in ("triage", "classified", "published", "closed"):
        report_transition(report=closed_after_publishing, to_status=status)
    for status in ("triage", "classified", "closed"):
        report_transition(report=stamped_closed, to_status=status)
    Report.objects.filter(pk__in=[stamped_triage.pk, stamped_closed.pk]).update(
        published_at=timezone.now()
    )
    migration.clear_unpublished_dates(apps, None)
    dates = dict(Report.objects.values_list("pk", "published_at"))
    assert dates[stamped_triage.pk] is None and dates[stamped_closed.pk] is None
    assert dates[closed_after_publishing.pk] is not None
