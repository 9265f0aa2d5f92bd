"""Export files do not pile up: each is deleted ``EXPORT_RETENTION_HOURS`` after it was written.

``exports_expire`` (run hourly by beat) deletes the files of finished exports older than that
and marks their rows ``expired``; exports that never finished in that time (a lost task, a
crash) are marked ``expired`` too, so they stop counting against their user's limit; and
files a crashed run left behind with no row pointing at them are deleted. Idempotent: each
row is claimed with a conditional UPDATE, and a file already gone is no error.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from reports.models import Export, ExportStatus
from reports.services.exports import export_root

logger = logging.getLogger(__name__)


def exports_expire(*, now: datetime | None = None) -> int:
    """Expire exports older than the retention period; returns how many rows were expired."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.EXPORT_RETENTION_HOURS)
    old = Q(status=ExportStatus.DONE, finished_at__lt=cutoff) | Q(
        status__in=(ExportStatus.PENDING, ExportStatus.RUNNING, ExportStatus.FAILED),
        created_at__lt=cutoff,
    )
    expired = 0
    for pk, status, name in Export.objects.filter(old).values_list("pk", "status", "file"):
        # Claimed only if the row is still as read (a run finishing meanwhile is left alone).
        claimed = Export.objects.filter(pk=pk, status=status).update(
            status=ExportStatus.EXPIRED, file=""
        )
        if claimed:
            expired += 1
            if name:
                (export_root() / name).unlink(missing_ok=True)
    _orphans_delete(cutoff)
    if expired:
        logger.info("expired %d exports older than %s", expired, cutoff.isoformat())
    return expired


def _orphans_delete(cutoff: datetime) -> None:
    """Files under ``EXPORT_ROOT`` older than ``cutoff`` that no live export points at."""
    root = export_root()
    if not root.is_dir():
        return
    live = set(Export.objects.exclude(file="").values_list("file", flat=True))
    for path in root.iterdir():
        if not path.is_file() or path.name in live:
            continue
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=cutoff.tzinfo)
        if modified < cutoff:
            path.unlink(missing_ok=True)
