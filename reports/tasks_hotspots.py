"""Celery task for the precomputed hotspot maps (imported by ``reports.tasks``)."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from reports.services.hotspots import hotspot_snapshots_refresh


@shared_task(
    name="reports.hotspot_snapshots_refresh",
    acks_late=True,
    ignore_result=True,
    autoretry_for=(OperationalError,),
    max_retries=2,
    retry_backoff=True,
    retry_backoff_max=60,
)
def hotspot_snapshots_refresh_task() -> int:
    """Recompute the common hotspot views. Idempotent: each snapshot row is overwritten by its
    unique key (a deterministic overwrite), and unchanged data is skipped, so a redelivered or
    overlapping run only repeats work."""
    return hotspot_snapshots_refresh()
