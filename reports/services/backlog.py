"""Draining a backlog of pending enrichment in batches.

A report's own Celery message enriches it alone (``enrichment.report_enrich``): right for live
traffic, wasteful for a backlog (a worker that was down, a broker outage, a bulk API client),
where 10,000 messages would each pay the fixed cost of one small vectorised call. When more
than ``ENRICHMENT_BATCH_THRESHOLD`` reports are pending, every enrichment message first drains
one batch of the oldest ``ENRICHMENT_BATCH_SIZE`` through the same batch path imports use, and
the messages whose report a batch already enriched then find nothing to do.

Exactly once: a batch claims its rows inside one transaction — on PostgreSQL ``SELECT … FOR
UPDATE SKIP LOCKED`` (two workers take disjoint batches; a per-report task blocked on a claimed
row sees it enriched when the batch commits), on SQLite the database write lock, taken first.
The attempt counter, the derived fields and the received → triage move commit together, so a
worker killed or a database restarted mid-batch leaves the rows pending, as before the claim,
for the next message or sweep; nothing is half-done and nothing is enriched twice.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F

from reports.models import EnrichmentStatus, Report
from reports.services import enrichment

logger = logging.getLogger(__name__)


def enrichment_backlog_exists(*, threshold: int | None = None) -> bool:
    """More than ``threshold`` reports are waiting (one indexed probe, not a full count)."""
    if threshold is None:
        threshold = settings.ENRICHMENT_BATCH_THRESHOLD
    return (
        Report.objects.filter(
            enrichment_status=EnrichmentStatus.PENDING,
            enrichment_attempts__lt=settings.ENRICHMENT_MAX_ATTEMPTS,
        )
        .order_by()[threshold : threshold + 1]
        .exists()
    )


def _take_write_lock_first() -> None:
    # SQLite (WAL) lets a transaction that has read a snapshot fail when it later tries to
    # write after another writer committed. An UPDATE that matches nothing takes the write
    # lock up front, so the rows read below cannot change before this batch commits.
    if connection.vendor == "sqlite":
        Report.objects.filter(pk__lt=0).update(enrichment_attempts=F("enrichment_attempts"))


def enrichment_batch_enrich(*, limit: int | None = None) -> int:
    """Claim up to ``limit`` pending reports, oldest first, and enrich them in one vectorised
    call; returns how many were enriched. Safe to run concurrently and to repeat.

    A database error (connection lost, restart) rolls the whole batch back and propagates, so
    the task retries. Any other error rolls it back too, then each report of the batch is tried
    on its own, so one poison report ends ``failed`` by its attempt counter and the rest finish.
    """
    if limit is None:
        limit = settings.ENRICHMENT_BATCH_SIZE
    try:
        with transaction.atomic():
            _take_write_lock_first()
            ids = list(
                Report.objects.select_for_update(skip_locked=True)
                .filter(
                    enrichment_status=EnrichmentStatus.PENDING,
                    enrichment_attempts__lt=settings.ENRICHMENT_MAX_ATTEMPTS,
                )
                .order_by("received_at", "pk")
                .values_list("pk", flat=True)[:limit]
            )
            if not ids:
                return 0
            Report.objects.filter(pk__in=ids).update(
                enrichment_attempts=F("enrichment_attempts") + 1
            )
            # Looked up on the module so a test can pause or break the batch path in a worker.
            return enrichment.reports_enrich(report_ids=ids, batch_size=limit)
    except (OperationalError, InterfaceError):  # the database, not the data: let the task retry
        raise
    except Exception:  # a poison report in the batch: isolate it, finish the rest one by one
        logger.exception("batch enrichment failed; enriching its reports one by one")
    done = 0
    for report_id in ids:
        try:
            done += bool(enrichment.report_enrich(report_id=report_id))
        except (OperationalError, InterfaceError):
            raise
        except Exception:  # noqa: BLE001 - counted by report_enrich's attempts; keep going
            logger.warning("report %s failed on its own too", report_id)
    return done


def report_enrich_live(*, report_id: int) -> bool:
    """The per-report message: help drain a backlog first, then make sure this report is done.

    Returns False when the report needed nothing more from this message (a batch, this one or
    an earlier one, already enriched it; or it is out of attempts).
    """
    if enrichment_backlog_exists():
        enrichment_batch_enrich()
        if Report.objects.filter(pk=report_id, enrichment_status=EnrichmentStatus.DONE).exists():
            return False
    return enrichment.report_enrich(report_id=report_id)


def enrichment_sweep_batches(*, pending: int) -> int:
    """How many batch tasks a sweep should enqueue for ``pending`` stale reports (0: few
    enough to re-send one message each)."""
    if pending <= settings.ENRICHMENT_BATCH_THRESHOLD:
        return 0
    size = settings.ENRICHMENT_BATCH_SIZE
    return min(-(-pending // size), settings.ENRICHMENT_SWEEP_MAX_BATCHES)
