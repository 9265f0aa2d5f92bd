"""Retention: reporter contact data and photo originals are purged after a configurable period.

Beat runs ``retention_purge`` hourly. It is idempotent: it selects only what still holds data
past its period (a purged report no longer matches), deletes an original's file before it
forgets the path (a rerun after a crash finds the path and a missing file, which is fine), and
writes one audit event per report it purged, so the trail says what went and when. Published
data — the redacted narrative, the generalised place and time, the public photo copy — is not
touched: only private fields are emptied.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reports.models import Attachment, Report, ReportEvent

logger = logging.getLogger(__name__)

# Private fields that identify or reach the reporter; emptied after RETENTION_CONTACT_DAYS.
CONTACT_FIELDS = {"contact_name": "", "contact_email": "", "contact_phone": "", "client_hash": ""}
BATCH = 1000


@dataclass(frozen=True)
class PurgeResult:
    contact_reports: int
    original_files: int
    original_reports: int


def _holding_contact_data(cutoff: datetime) -> list[int]:
    holding = Q()
    for field in CONTACT_FIELDS:
        holding |= ~Q(**{field: ""})
    return list(
        Report.objects.filter(holding, received_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)[:BATCH]
    )


def _audit(report_ids: list[int], note: str) -> None:
    statuses = dict(Report.objects.filter(pk__in=report_ids).values_list("pk", "status"))
    ReportEvent.objects.bulk_create(
        ReportEvent(report_id=pk, from_status=s, to_status=s, actor="retention", note=note)
        for pk, s in statuses.items()
    )


def contact_data_purge(*, now: datetime, days: int) -> int:
    """Empty the contact fields of reports received more than ``days`` days ago."""
    if days <= 0:
        return 0
    cutoff, purged = now - timedelta(days=days), 0
    while ids := _holding_contact_data(cutoff):
        with transaction.atomic():
            Report.objects.filter(pk__in=ids).update(contact_consent=False, **CONTACT_FIELDS)
            _audit(ids, f"retention: reporter contact data purged (older than {days} days)")
        purged += len(ids)
    return purged


def originals_purge(*, now: datetime, days: int) -> tuple[int, int]:
    """Delete the private originals of photos stored more than ``days`` days ago (and the EXIF
    position read from them); the public re-encoded copy stays. Returns (files, reports)."""
    if days <= 0:
        return 0, 0
    cutoff, files, reports = now - timedelta(days=days), 0, set()
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    pending = Attachment.objects.filter(created_at__lt=cutoff).exclude(original_path="")
    while batch := list(
        pending.order_by("pk").values_list("pk", "report_id", "original_path")[:BATCH]
    ):
        for _, _, relative in batch:
            path = (root / relative).resolve()
            if path.is_relative_to(root):  # never follow a stored path out of private storage
                path.unlink(missing_ok=True)
        ids = [pk for pk, _, _ in batch]
        touched = sorted({report_id for _, report_id, _ in batch})
        with transaction.atomic():
            Attachment.objects.filter(pk__in=ids).update(
                original_path="", exif_latitude=None, exif_longitude=None
            )
            _audit(touched, f"retention: photo originals purged (older than {days} days)")
        files += len(ids)
        reports.update(touched)
    return files, len(reports)


def retention_purge(*, now: datetime | None = None) -> PurgeResult:
    """Purge what has outlived ``RETENTION_CONTACT_DAYS`` and ``RETENTION_ORIGINALS_DAYS``."""
    now = now or timezone.now()
    contact = contact_data_purge(now=now, days=settings.RETENTION_CONTACT_DAYS)
    files, reports = originals_purge(now=now, days=settings.RETENTION_ORIGINALS_DAYS)
    result = PurgeResult(contact_reports=contact, original_files=files, original_reports=reports)
    logger.info("retention purge: %s", result)
    return result
