"""Celery tasks: thin doors into services. Each takes ids and is idempotent."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import DatabaseError, InterfaceError, OperationalError

from reports.services import backlog, enrichment

logger = logging.getLogger(__name__)


@shared_task(
    name="reports.enrich_report",
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    max_retries=3,
    retry_backoff=True,
    retry_backoff_max=60,
)
def enrich_report(self, report_id: int) -> bool:
    """Enrich one report (first draining a batch of the backlog when one has built up).
    Idempotent: a conditional UPDATE claims the pending report, a row lock keeps batches off
    it, and the enrichment overwrites derived fields deterministically."""
    return backlog.report_enrich_live(report_id=report_id)


@shared_task(name="reports.sweep_pending_enrichment", ignore_result=True)
def sweep_pending_enrichment() -> int:
    """Re-enqueue reports still pending after a broker outage or a lost message."""
    ids = enrichment.enrichment_pending_ids()
    batches = backlog.enrichment_sweep_batches(pending=len(ids))
    if batches:  # a backlog: vectorised batches, not one message per report
        from reports.tasks_ops import enrich_pending_batch

        for _ in range(batches):
            enrich_pending_batch.apply_async()
        return len(ids)
    for report_id in ids:
        try:
            enrich_report.apply_async(args=[report_id])
        except DatabaseError:
            raise
        except Exception:  # broker still down: stop and try at the next sweep
            logger.warning("sweeper could not enqueue; will retry next sweep", exc_info=True)
            break
    return len(ids)


@shared_task(name="reports.export_run", acks_late=True, ignore_result=True)
def export_run_task(export_id: int) -> bool:
    """Write one background export. Idempotent: the service claims the pending export with a
    conditional UPDATE (pending -> running), so a redelivered message does nothing. No
    retries: a failed export is marked failed and the user requests a new one."""
    from reports.services.exports import export_run

    return export_run(export_id=export_id)


@shared_task(name="reports.exports_expire", ignore_result=True)
def exports_expire_task() -> int:
    """Delete export files past ``EXPORT_RETENTION_HOURS``. Idempotent: rows are claimed with
    a conditional UPDATE and a file already deleted is no error."""
    from reports.services.exports.retention import exports_expire

    return exports_expire()


from reports.tasks_hotspots import hotspot_snapshots_refresh_task  # noqa: E402, F401 - registers the task
from reports.tasks_ops import enrich_pending_batch  # noqa: E402, F401 - registers the ops tasks
