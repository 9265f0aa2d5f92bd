"""Background exports are bounded per user (waiting or running at once, and per day) and their
files are deleted after EXPORT_RETENTION_HOURS by an idempotent beat job."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from reports.models import Export, ExportStatus
from reports.selectors import ReportFilters
from reports.services.exports import export_enqueue, export_run
from reports.services.exports.retention import exports_expire
from tests.reports.factories import analyst_create, new_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(settings, tmp_path) -> Client:
    settings.EXPORT_ROOT = tmp_path
    settings.EXPORT_SYNC_MAX_ROWS = 0  # every export goes to the background
    new_report()
    client = Client()
    client.force_login(analyst_create())
    return client


def start(client: Client):
    return client.post("/api/v1/exports/", {"format": "csv"}, content_type="application/json")


def test_at_most_n_waiting_or_running_exports_per_user_then_429(analyst_client, settings):
    settings.EXPORT_MAX_ACTIVE_PER_USER = 2
    # No worker runs these (nothing executes on-commit callbacks here): they stay pending.
    assert [start(analyst_client).status_code for _ in range(2)] == [202, 202]
    refused = start(analyst_client)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "at most 2 at a time" in refused.json()["detail"]
    page = analyst_client.get("/staff/reports/?download=csv")
    assert page.status_code == 429 and "at most 2 at a time" in page.content.decode()
    assert Export.objects.count() == 2
    # Another analyst is not held to this one's exports.
    other = Client()
    other.force_login(analyst_create("other"))
    assert start(other).status_code == 202


def test_at_most_m_exports_a_day_per_user_then_429_until_the_oldest_ages_out(
    analyst_client, settings
):
    settings.EXPORT_MAX_ACTIVE_PER_USER = 100
    settings.EXPORT_MAX_PER_DAY = 3
    for _ in range(3):
        assert start(analyst_client).status_code == 202
    Export.objects.update(status=ExportStatus.DONE)
    refused = start(analyst_client)
    assert (
        refused.status_code == 429 and "3 exports in the last 24 hours" in refused.json()["detail"]
    )
    assert 86000 < int(refused["Retry-After"]) <= 86400
    Export.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert start(analyst_client).status_code == 202


def test_old_export_files_are_deleted_and_their_rows_marked_expired(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.EXPORT_ROOT = tmp_path
    settings.EXPORT_RETENTION_HOURS = 24
    new_report()
    with django_capture_on_commit_callbacks(execute=True):
        old = export_enqueue(fmt="csv", filters=ReportFilters())
        fresh = export_enqueue(fmt="csv", filters=ReportFilters())
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (tmp_path / old.file).is_file() and (tmp_path / fresh.file).is_file()
    lost = Export.objects.create(format="csv")  # its task was lost: pending forever
    orphan = tmp_path / "export-999-crashed.csv"  # a crashed run's half-written file
    orphan.write_text("partial")
    long_ago = time.time() - 3 * 86400
    os.utime(orphan, (long_ago, long_ago))
    day_ago = timezone.now() - timedelta(hours=25)
    Export.objects.filter(pk=old.pk).update(finished_at=day_ago)
    Export.objects.filter(pk=lost.pk).update(created_at=day_ago)

    assert exports_expire() == 2
    old_file = tmp_path / old.file
    old.refresh_from_db()
    assert old.status == ExportStatus.EXPIRED and old.file == "" and not old_file.exists()
    assert Export.objects.get(pk=lost.pk).status == ExportStatus.EXPIRED
    assert not orphan.exists()
    fresh.refresh_from_db()
    assert fresh.status == ExportStatus.DONE and (tmp_path / fresh.file).is_file()
    assert exports_expire() == 0  # idempotent: a second run changes nothing
    assert export_run(export_id=lost.pk) is False  # an expired export never runs


def test_an_expired_export_download_says_so(analyst_client):
    export = Export.objects.create(format="csv", status=ExportStatus.EXPIRED)
    response = analyst_client.get(f"/api/v1/exports/{export.pk}/download/")
    assert response.status_code == 410 and "expired" in response.json()["detail"]
    page = analyst_client.get(f"/staff/exports/{export.pk}/").content.decode()
    assert "expired" in page
