"""Celery tasks for operations: backlog batches, the beat heartbeat, retention (imported by
``reports.tasks`` so the worker registers them)."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from reports.services import backlog


@shared_task(
    name="reports.enrich_pending_batch",
    acks_late=True,
    ignore_result=True,
    # A restarted database surfaces as either: a dropped connection or a closed one.
    autoretry_for=(OperationalError, InterfaceError),
    max_retries=5,
    retry_backoff=True,
    retry_backoff_max=30,
)
def enrich_pending_batch() -> int:
    """Enrich one batch of the oldest pending reports. Idempotent: the batch claims its rows
    with row locks (SKIP LOCKED) and commits claim and result together, so a rerun or a
    retry after a database restart only finds what is still pending."""
    return backlog.enrichment_batch_enrich()


@shared_task(name="reports.beat_heartbeat", ignore_result=True, expires=120)
def beat_heartbeat() -> float:
    """Record that beat is alive. Idempotent: a deterministic overwrite of one cache key."""
    from reports.services.heartbeat import beat_heartbeat_record

    return beat_heartbeat_record()


@shared_task(
    name="reports.retention_purge",
    acks_late=True,
    ignore_result=True,
    autoretry_for=(OperationalError,),
    max_retries=3,
    retry_backoff=True,
)
def retention_purge() -> dict[str, int]:
    """Purge contact data and photo originals past their retention period. Idempotent: it
    selects only rows still holding such data, so a rerun purges nothing new."""
    from dataclasses import asdict

    from reports.services.retention import retention_purge as purge

    return asdict(purge())
