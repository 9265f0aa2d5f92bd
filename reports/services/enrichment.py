"""Enrichment: locate each report, put it in its airspace context, extract its facts.

Single reports (the Celery task) and bulk imports share one path, ``reports_enrich``, which
works on a batch so the spatial work is vectorised. It is idempotent: it recomputes every
derived field from the report's own inputs and overwrites them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from geo.enrich import enrich_frame
from reports.models import EnrichmentStatus, Report, ReportEvent, ReportStatus
from reports.services.bulk import concrete_field, rows_update
from reports.services.reference import reference_data

logger = logging.getLogger(__name__)

_INPUTS = (
    "id",
    "location_text",
    "city",
    "state_region",
    "country",
    "latitude",
    "longitude",
    "observed_time_known",
    "closest_proximity_ft",
    "aircraft_type",
    "flight_phase",
    "evasive_action",
    "drone_count",
    "drone_type",
    "drone_lights",
    "drone_colour",
    "aircraft_involved",
    "law_enforcement_notified",
    "nmac_declared",
    "altitude_ft",
    "altitude_reference",
    "position_source",
    "narrative",
    "observed_at",
)
_FIELD_NAMES = {f.name for f in Report._meta.get_fields() if getattr(f, "concrete", False)}
# Inputs the reporter gave are never overwritten by enrichment, except coordinates when absent.
_NEVER_OVERWRITE = {"id", "reference", "status", "narrative", "location_text", "observed_at"}


def _clean(value: object) -> object:
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def enrichment_compute(reports: list[Report]) -> pd.DataFrame:
    """Derived fields for ``reports`` as a frame indexed by report id (no database writes)."""
    frame = pd.DataFrame([{k: getattr(r, k) for k in _INPUTS} for r in reports]).set_index("id")
    frame[["latitude", "longitude"]] = frame[["latitude", "longitude"]].astype(float)
    return enrich_frame(frame, reference=reference_data())


def _apply(report: Report, row: pd.Series) -> list[str]:
    changed = []
    for column, value in row.items():
        if column not in _FIELD_NAMES or column in _NEVER_OVERWRITE:
            continue
        if column in ("latitude", "longitude") and getattr(report, column) is not None:
            continue
        value = _clean(value)
        field = concrete_field(Report, column)
        if value is None and not field.null:
            value = field.get_default()
        if isinstance(value, str) and getattr(field, "max_length", None):
            value = value[: field.max_length]
        setattr(report, column, value)
        changed.append(column)
    return changed


def reports_enrich(*, report_ids: Iterable[int], batch_size: int = 2000) -> int:
    """Enrich the given reports in batches; returns how many were enriched."""
    ids = list(report_ids)
    done = 0
    for start in range(0, len(ids), batch_size):
        chunk = list(Report.objects.filter(pk__in=ids[start : start + batch_size]))
        if not chunk:
            continue
        derived = enrichment_compute(chunk)
        now = timezone.now()
        # Status is never written from these in-memory copies: staff may have moved a report
        # meanwhile, and a duplicate task may be racing us. It moves below, conditionally.
        fields: set[str] = {"enrichment_status", "enriched_at", "enrichment_error"}
        for report in chunk:
            row = derived.loc[report.pk]
            assert isinstance(row, pd.Series)  # one row per report id
            fields.update(_apply(report, row))
            report.enrichment_status = EnrichmentStatus.DONE
            report.enrichment_error = ""
            report.enriched_at = now
        fields.discard("status")
        with transaction.atomic():
            rows_update(Report, chunk, sorted(fields))
            _move_received_to_triage([r.pk for r in chunk])
        done += len(chunk)
    return done


def _move_received_to_triage(ids: list[int]) -> None:
    """received -> triage exactly once per report, with one audit event, even when two tasks
    enrich the same report at once (the row lock makes the second see it already moved)."""
    moved = list(
        Report.objects.select_for_update()
        .filter(pk__in=ids, status=ReportStatus.RECEIVED)
        .values_list("pk", flat=True)
    )
    if not moved:
        return
    Report.objects.filter(pk__in=moved, status=ReportStatus.RECEIVED).update(
        status=ReportStatus.TRIAGE
    )
    ReportEvent.objects.bulk_create(
        ReportEvent(
            report_id=pk,
            from_status=ReportStatus.RECEIVED,
            to_status=ReportStatus.TRIAGE,
            actor="enrichment",
            note="located and enriched",
        )
        for pk in moved
    )


def report_enrich(*, report_id: int) -> bool:
    """Enrich one report, counting the attempt first so a poison report ends as ``failed``.

    Returns False when there was nothing to do (already enriched, gone, or out of attempts).
    """
    claimed = Report.objects.filter(
        pk=report_id,
        enrichment_status=EnrichmentStatus.PENDING,
        enrichment_attempts__lt=settings.ENRICHMENT_MAX_ATTEMPTS,
    ).update(enrichment_attempts=F("enrichment_attempts") + 1)
    if not claimed:
        _fail_if_exhausted(report_id)
        return False
    try:
        with transaction.atomic():
            # The row lock keeps a concurrent batch (services/backlog.py, SKIP LOCKED) off this
            # report; finding it locked or already done means a batch has it: nothing to do.
            if not _lock_pending(report_id):
                return False
            reports_enrich(report_ids=[report_id])
    except Exception as exc:
        logger.exception("enrichment of report %s failed", report_id)
        Report.objects.filter(pk=report_id).update(enrichment_error=str(exc)[:500])
        _fail_if_exhausted(report_id)
        raise
    return True


def _lock_pending(report_id: int) -> bool:
    if connection.vendor == "sqlite":  # no row locks: take the database write lock first
        Report.objects.filter(pk__lt=0).update(enrichment_attempts=F("enrichment_attempts"))
    return bool(
        Report.objects.select_for_update(skip_locked=True)
        .filter(pk=report_id, enrichment_status=EnrichmentStatus.PENDING)
        .values_list("pk", flat=True)
    )


def _fail_if_exhausted(report_id: int) -> None:
    Report.objects.filter(
        pk=report_id,
        enrichment_status=EnrichmentStatus.PENDING,
        enrichment_attempts__gte=settings.ENRICHMENT_MAX_ATTEMPTS,
    ).update(enrichment_status=EnrichmentStatus.FAILED)


def enrichment_pending_ids(*, older_than_seconds: int | None = None) -> list[int]:
    """Reports still waiting for enrichment, oldest first."""
    if older_than_seconds is None:
        older_than_seconds = settings.ENRICHMENT_SWEEP_AFTER_SECONDS
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    return list(
        Report.objects.pending_enrichment(older_than=cutoff)
        .filter(enrichment_attempts__lt=settings.ENRICHMENT_MAX_ATTEMPTS)
        .order_by("received_at")
        .values_list("pk", flat=True)[:5000]
    )
