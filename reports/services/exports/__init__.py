"""Exports: a filtered report list as CSV, XLSX, GeoJSON or GeoPackage, now or in the background.

``export_request`` is the one rule both doors (the staff page and the staff API) follow: a list
of at most ``EXPORT_SYNC_MAX_ROWS`` reports is written in the request (an ``ExportFile``), a
longer one is queued (an ``Export``). ``export_write`` writes a file directly (the command,
small downloads). ``export_enqueue`` records an ``Export`` within the per-user limits and
enqueues it after commit; ``export_run`` (the Celery task's service) claims it with a
conditional UPDATE so a redelivered message does nothing, writes the file and reports progress
in percent. ``reports.services.exports.retention`` deletes old files. The ``public`` variant is
the de-identified open-data table (``reports.services.opendata``), never the staff columns.
"""

from __future__ import annotations

import functools
import logging
import math
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import cast

import pandas as pd
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from reports.models import Export, ExportStatus, Report, ReportQuerySet
from reports.selectors import ReportFilters, report_list
from reports.services.exports.columns import dictionary_rows, export_columns
from reports.services.exports.frames import ProgressHook, reports_frame
from reports.services.exports.writers import CONTENT_TYPES, FORMATS, frame_write

__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
    "ExportFile",
    "ExportLimitExceeded",
    "export_enqueue",
    "export_frame",
    "export_request",
    "export_root",
    "export_run",
    "export_write",
]
logger = logging.getLogger(__name__)
VARIANTS = ("staff", "public")


def export_root() -> Path:
    return Path(getattr(settings, "EXPORT_ROOT", settings.PRIVATE_MEDIA_ROOT / "exports"))


def export_frame(
    *,
    queryset: QuerySet[Report],
    variant: str = "staff",
    include_contact: bool = False,
    progress: ProgressHook | None = None,
) -> tuple[pd.DataFrame, list[dict]]:
    """The table and its data dictionary for one variant."""
    if variant == "public":
        from reports.services.opendata import open_data_dictionary, open_data_frame

        # Every Report queryset is a ReportQuerySet at run time (the manager is built from it).
        return open_data_frame(queryset=cast(ReportQuerySet, queryset)), open_data_dictionary()
    if variant != "staff":
        raise ValueError(f"unknown export variant {variant!r}; choose staff or public")
    columns = export_columns(include_contact=include_contact)
    return reports_frame(queryset, columns, progress=progress), dictionary_rows(columns)


def export_write(
    *,
    path: Path,
    fmt: str,
    filters: ReportFilters | None = None,
    variant: str = "staff",
    include_contact: bool = False,
    progress: ProgressHook | None = None,
) -> int:
    """Write the filtered reports to ``path``; returns the number of rows. The public variant
    only ever contains published reports."""
    queryset = report_list(filters=filters)
    if variant == "public":
        queryset = queryset.public()
    frame, dictionary = export_frame(
        queryset=queryset, variant=variant, include_contact=include_contact, progress=progress
    )
    frame_write(frame, path, fmt, dictionary)
    return len(frame)


@dataclass(frozen=True)
class ExportFile:
    """A small export written in the request, for the door to send as a download."""

    body: bytes
    filename: str
    content_type: str

    @property
    def disposition(self) -> str:
        return f'attachment; filename="{self.filename}"'


class ExportLimitExceeded(Exception):
    """The user has reached a background-export limit; ``retry_after`` is in seconds."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def export_sync_max_rows() -> int:
    return int(settings.EXPORT_SYNC_MAX_ROWS)


def export_request(
    *, fmt: str, filters: ReportFilters, user: object | None, variant: str = "staff"
) -> ExportFile | Export:
    """The export a user asked for: written now if the list is at most
    ``EXPORT_SYNC_MAX_ROWS`` reports, else queued (``ExportLimitExceeded`` past the limits)."""
    if report_list(filters=filters).count() > export_sync_max_rows():
        return export_enqueue(fmt=fmt, filters=filters, variant=variant, user=user)
    return export_file(fmt=fmt, filters=filters, variant=variant)


def export_file(*, fmt: str, filters: ReportFilters, variant: str = "staff") -> ExportFile:
    """Write the export in the request (small lists only: see ``export_request``)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"reports.{fmt}"
        export_write(path=path, fmt=fmt, filters=filters, variant=variant)
        body = path.read_bytes()
    return ExportFile(body, f"reports-{variant}.{fmt}", CONTENT_TYPES[fmt])


def _limits_check(user_id: int) -> None:
    """Refuse a background export past the per-user limits. Runs in the caller's transaction
    with the user's row locked, so two requests at once cannot both take the last place."""
    get_user_model().objects.select_for_update().filter(pk=user_id).first()
    mine = Export.objects.filter(created_by_id=user_id)
    active_limit = settings.EXPORT_MAX_ACTIVE_PER_USER
    active = mine.filter(status__in=(ExportStatus.PENDING, ExportStatus.RUNNING)).count()
    if active >= active_limit:
        raise ExportLimitExceeded(
            f"You already have {active} exports waiting or running (at most {active_limit} at "
            "a time); wait until one has finished.",
            retry_after=30,
        )
    day_limit, now = settings.EXPORT_MAX_PER_DAY, timezone.now()
    today = mine.filter(created_at__gt=now - timedelta(days=1)).order_by("created_at")
    if today.count() >= day_limit:
        first = today.values_list("created_at", flat=True).first()
        wait = (first + timedelta(days=1) - now).total_seconds() if first else 3600
        raise ExportLimitExceeded(
            f"You have requested {day_limit} exports in the last 24 hours, the most allowed; "
            "try again later.",
            retry_after=max(1, math.ceil(wait)),
        )


def export_enqueue(
    *, fmt: str, filters: ReportFilters, variant: str = "staff", user: object | None = None
) -> Export:
    """Record a background export and wake a worker after commit. A user is held to
    ``EXPORT_MAX_ACTIVE_PER_USER`` waiting or running exports and ``EXPORT_MAX_PER_DAY`` a
    day (``ExportLimitExceeded``); the command line (no user) is not."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if variant not in VARIANTS:
        raise ValueError(f"unknown export variant {variant!r}; choose staff or public")
    user_id = getattr(user, "pk", None)
    with transaction.atomic():
        if user_id is not None:
            _limits_check(user_id)
        export = Export.objects.create(
            format=fmt,
            variant=variant,
            filters=filters.to_json(),
            created_by_id=user_id,
        )
        transaction.on_commit(functools.partial(_enqueue, export.pk), robust=True)
    return export


def _enqueue(export_id: int) -> None:
    from reports.tasks import export_run_task

    try:
        export_run_task.apply_async(args=[export_id])
    except Exception:  # broker down: the export stays pending, visible on its page
        logger.warning("could not enqueue export %s", export_id, exc_info=True)


def export_run(*, export_id: int) -> bool:
    """Run a pending export once. Returns False if another worker already claimed it."""
    claimed = Export.objects.filter(pk=export_id, status=ExportStatus.PENDING).update(
        status=ExportStatus.RUNNING, started_at=timezone.now(), progress=0
    )
    if not claimed:
        return False
    export = Export.objects.get(pk=export_id)

    def progress(done: int, total: int) -> None:
        percent = int(90 * done / total) if total else 90
        Export.objects.filter(pk=export_id).update(progress=percent)

    name = f"export-{export.pk}-{timezone.now():%Y%m%dT%H%M%S}.{export.format}"
    try:
        rows = export_write(
            path=export_root() / name,
            fmt=export.format,
            filters=ReportFilters.from_json(export.filters),
            variant=export.variant,
            progress=progress,
        )
    except Exception as exc:
        logger.exception("export %s failed", export_id)
        Export.objects.filter(pk=export_id).update(
            status=ExportStatus.FAILED, error=str(exc)[:500], finished_at=timezone.now()
        )
        raise
    Export.objects.filter(pk=export_id).update(
        status=ExportStatus.DONE,
        progress=100,
        row_count=rows,
        file=name,
        finished_at=timezone.now(),
    )
    return True
