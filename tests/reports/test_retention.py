"""Retention: contact data and photo originals are purged after their period, once, with an
audit trail; younger reports and everything published stay as they were."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from reports.models import Attachment, Report, ReportEvent
from reports.services.intake import PhotoUpload, report_submit
from reports.services.retention import PurgeResult, retention_purge
from reports.services.workflow import report_transition
from reports.tasks_ops import retention_purge as retention_task
from tests.reports.factories import valid_payload
from tests.reports.test_web_form import jpeg_with_gps

pytestmark = pytest.mark.django_db


def filed(*, age_days: int, email: str) -> Report:
    data = valid_payload(contact_email=email, contact_name="Ann Reporter", contact_phone="+44 1")
    data["location_text"] = data.pop("location")
    data["observed_at"] = timezone.now() - timedelta(days=age_days, hours=2)
    report = report_submit(
        data=data, photos=[PhotoUpload(name="sighting.jpg", data=jpeg_with_gps())]
    )
    then = timezone.now() - timedelta(days=age_days)
    Report.objects.filter(pk=report.pk).update(received_at=then)
    Attachment.objects.filter(report=report).update(created_at=then)
    return Report.objects.get(pk=report.pk)


def original_of(report: Report) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / report.attachments.get().original_path


def retention_events(report: Report) -> list[str]:
    return list(report.events.filter(actor="retention").values_list("note", flat=True))


@override_settings(RETENTION_CONTACT_DAYS=365, RETENTION_ORIGINALS_DAYS=180)
def test_old_contact_data_and_originals_are_purged_once_and_young_ones_kept():
    old = filed(age_days=400, email="old@example.org")
    young = filed(age_days=10, email="young@example.org")
    old_original, young_original = original_of(old), original_of(young)
    public_copy = Path(old.attachments.get().public_image.path)
    assert old_original.exists() and young_original.exists()

    assert retention_purge() == PurgeResult(contact_reports=1, original_files=1, original_reports=1)

    old.refresh_from_db()
    assert (old.contact_name, old.contact_email, old.contact_phone, old.client_hash) == ("",) * 4
    assert not old_original.exists()
    attachment = old.attachments.get()
    assert (attachment.original_path, attachment.exif_latitude) == ("", None)
    assert public_copy.exists(), "the public, re-encoded copy must stay"
    assert len(retention_events(old)) == 2
    young.refresh_from_db()
    assert young.contact_email == "young@example.org" and young_original.exists()
    assert retention_events(young) == []

    # Beat runs it every hour: the second run finds nothing and records nothing.
    events = ReportEvent.objects.count()
    assert retention_task() == {"contact_reports": 0, "original_files": 0, "original_reports": 0}
    assert ReportEvent.objects.count() == events


@override_settings(RETENTION_CONTACT_DAYS=365, RETENTION_ORIGINALS_DAYS=365)
def test_published_data_is_untouched_by_the_purge(client):
    report = filed(age_days=500, email="pub@example.org")
    for status in ("triage", "verified", "classified", "published"):
        report_transition(report=report, to_status=status, actor="analyst")
    public_fields = ("status", "published_at", "narrative_redacted", "latitude", "longitude")
    before = Report.objects.filter(pk=report.pk).values(*public_fields).get()
    geojson_before = client.get("/api/v1/public/reports.geojson").content

    assert retention_purge().contact_reports == 1

    assert Report.objects.filter(pk=report.pk).values(*public_fields).get() == before
    assert client.get("/api/v1/public/reports.geojson").content == geojson_before
