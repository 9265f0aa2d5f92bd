"""A backlog filed while no worker runs is drained in vectorised batches by a real worker, and
every report is enriched exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import redis

from config.celery_app import app as celery_app
from reports.models import EnrichmentStatus, Report, ReportEvent, ReportStatus, Source
from reports.services.intake import report_submit
from tests.e2e.helpers import WorkerFactory, celery_broker, wait_until

pytestmark = pytest.mark.redis

BACKLOG = 500
BATCH = 100
PLACES = ["EGLL", "2 NM SE of EGLL", "KJFK", "7 SW LAX", "EHAM", "51.47, -0.45"]


def file_backlog(n: int) -> None:
    start = datetime(2025, 6, 1, 12, tzinfo=UTC)
    for i in range(n):
        report_submit(
            data={
                "observed_at": start + timedelta(minutes=i),
                "location_text": PLACES[i % len(PLACES)],
                "narrative": f"Quadcopter number {i} at {300 + i} ft near the approach.",
            },
            source=Source.API,
        )


def test_a_backlog_filed_with_no_worker_is_enriched_in_batches_exactly_once(
    worker_factory: WorkerFactory, shared_redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENRICHMENT_BATCH_SIZE", str(BATCH))
    queue = redis.Redis.from_url(shared_redis_url, socket_timeout=2)
    with celery_broker(celery_app, shared_redis_url):
        file_backlog(BACKLOG)
        assert queue.llen("celery") == BACKLOG, "each filed report should have sent a wake-up"
        assert Report.objects.filter(enrichment_status=EnrichmentStatus.PENDING).count() == BACKLOG

        worker = worker_factory(broker_url=shared_redis_url, wait_ready=False)
        wait_until(
            lambda: not Report.objects.filter(enrichment_status=EnrichmentStatus.PENDING).exists(),
            timeout=180,
            message=f"backlog not drained; worker log:\n{worker.log()[-3000:]}",
        )
        wait_until(
            lambda: queue.llen("celery") == 0,
            timeout=120,
            message="the leftover wake-ups were not consumed",
        )

    reports = Report.objects.all()
    assert reports.count() == BACKLOG, "a report was lost"
    assert set(reports.values_list("status", "enrichment_status")) == {
        (ReportStatus.TRIAGE, EnrichmentStatus.DONE)
    }
    # Claimed once each: the batch that took a report counted one attempt, and the report's
    # own message, arriving later, found it done.
    assert set(reports.values_list("enrichment_attempts", flat=True)) == {1}
    triage = ReportEvent.objects.filter(to_status=ReportStatus.TRIAGE)
    assert triage.count() == BACKLOG and triage.values("report").distinct().count() == BACKLOG
    # Batches, not 500 single enrichments: each batch stamps its reports with one time.
    stamps = set(reports.values_list("enriched_at", flat=True))
    assert len(stamps) == BACKLOG // BATCH, f"{len(stamps)} enrichment calls for {BACKLOG} reports"
    assert reports.filter(latitude__isnull=True).count() == 0
