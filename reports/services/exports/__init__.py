"""Exports: a filtered report list as CSV, XLSX, GeoJSON or GeoPackage, now or in the background.

``export_write`` writes a file directly (the command, small downloads). ``export_request``
records an ``Export`` and enqueues it after commit; ``export_run`` (the Celery task's service)
claims it with a conditional UPDATE so a redelivered message does nothing, writes the file and
reports progress in percent. The ``public`` variant is the de-identified open-data table
(``reports.services.opendata``), never the staff columns.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import pandas as pd
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from reports.models import Export, ExportStatus, Report
from reports.selectors import ReportFilters, published_reports, report_list
from reports.services.exports.columns import dictionary_rows, export_columns
from reports.services.exports.frames import ProgressHook, reports_frame
from reports.services.exports.writers import CONTENT_TYPES, FORMATS, frame_write

__all__ = [
    "CONTENT_TYPES",
    "FORMATS",
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

        return open_data_frame(queryset=queryset), open_data_dictionary()
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
        queryset = queryset.filter(pk__in=published_reports().values("pk"))
    frame, dictionary = export_frame(
        queryset=queryset, variant=variant, include_contact=include_contact, progress=progress
    )
    frame_write(frame, path, fmt, dictionary)
    return len(frame)


def export_request(
    *, fmt: str, filters: ReportFilters, variant: str = "staff", user: object | None = None
) -> Export:
    """Record a background export and wake a worker after commit."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if variant not in VARIANTS:
        raise ValueError(f"unknown export variant {variant!r}; choose staff or public")
    with transaction.atomic():
        export = Export.objects.create(
            format=fmt,
            variant=variant,
            filters=filters.to_json(),
            created_by=user if getattr(user, "pk", None) else None,
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
