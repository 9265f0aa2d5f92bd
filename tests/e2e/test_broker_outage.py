"""Broker failures: "201 means it survives".

A report is saved before its wake-up is sent, so a dead or restarted Redis, or a worker killed
mid-task, delays enrichment but never loses a report; the sweeper finds what is still pending
in the database and re-enqueues it.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.test import Client, override_settings

from config.celery_app import app as celery_app
from reports.models import EnrichmentStatus, Report, ReportEvent, ReportStatus
from reports.services.enrichment import report_enrich
from reports.tasks import sweep_pending_enrichment
from tests.e2e.helpers import RedisServer, WorkerFactory, celery_broker, wait_until

UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"
MAX_FILING_SECONDS = 10
ENRICH_TIMEOUT_S = 90


def file_report(client: Client, n: int) -> tuple[str, float]:
    """POST one sighting; returns its reference and how long the API took (seconds)."""
    started = time.monotonic()
    response = client.post(
        "/api/v1/reports/",
        {
            "observed_at": f"2025-06-{n % 28 + 1:02d}T12:00:00Z",
            "location": "EGLL",
            "narrative": f"Sighting number {n} near the approach.",
        },
        content_type="application/json",
    )
    elapsed = time.monotonic() - started
    assert response.status_code == 201, response.content
    return response.json()["reference"], elapsed


def enrichment_of(references: list[str]) -> dict[str, str]:
    return dict(
        Report.objects.filter(reference__in=references).values_list(
            "reference", "enrichment_status"
        )
    )


def all_done(references: list[str]) -> bool:
    return set(enrichment_of(references).values()) == {EnrichmentStatus.DONE}


def triage_events(reference: str) -> int:
    return ReportEvent.objects.filter(
        report__reference=reference, to_status=ReportStatus.TRIAGE
    ).count()


def sweep_now() -> int:
    with override_settings(ENRICHMENT_SWEEP_AFTER_SECONDS=0):
        return sweep_pending_enrichment()


def test_a_report_filed_while_the_broker_is_down_gets_201_fast_and_the_sweeper_enriches_it(
    client: Client, transactional_db: None
) -> None:
    with celery_broker(celery_app, UNREACHABLE_BROKER):
        reference, elapsed = file_report(client, 1)
        token = Report.objects.get(reference=reference).status_token
    assert elapsed < MAX_FILING_SECONDS, f"filing took {elapsed:.1f} s with the broker down"
    report = Report.objects.get(reference=reference)
    assert (report.enrichment_status, report.status) == ("pending", "received")
    body = client.get(f"/api/v1/status/{token}/").json()
    assert (body["status"], body["located"]) == ("received", False)

    # Broker back (eager in tests): the periodic sweep finds the report in the database.
    assert sweep_now() == 1

    report.refresh_from_db()
    assert (report.enrichment_status, report.status) == ("done", "triage")
    assert report.latitude is not None and report.h3_r9 is not None
    body = client.get(f"/api/v1/status/{token}/").json()
    assert (body["status"], body["located"]) == ("triage", True)


@pytest.mark.redis
def test_reports_filed_while_redis_is_stopped_all_get_201_and_are_all_enriched_after_restart(
    client: Client, worker_factory: WorkerFactory, own_redis: RedisServer
) -> None:
    url = own_redis.url()
    with celery_broker(celery_app, url):
        worker = worker_factory(broker_url=url)
        before = [file_report(client, n)[0] for n in range(2)]
        wait_until(
            lambda: all_done(before),
            timeout=ENRICH_TIMEOUT_S,
            message=f"no enrichment before the outage; worker log:\n{worker.log()[-3000:]}",
        )

        own_redis.stop()
        during, timings = [], []
        for n in range(2, 7):
            reference, elapsed = file_report(client, n)
            during.append(reference)
            timings.append(elapsed)
        assert max(timings) < MAX_FILING_SECONDS, f"filing times with Redis down: {timings}"
        assert set(enrichment_of(during).values()) == {EnrichmentStatus.PENDING}

        # Redis restarts empty (no persistence): every queued wake-up is gone. The worker
        # reconnects by itself; the sweeper re-sends what the database says is pending.
        own_redis.start()
        assert sweep_now() == len(during)
        wait_until(
            lambda: all_done(during),
            timeout=ENRICH_TIMEOUT_S,
            message=f"after the restart: {enrichment_of(during)}; worker log:\n"
            f"{worker.log()[-3000:]}",
        )

    assert Report.objects.count() == len(before) + len(during), "a report was lost"
    for reference in before + during:
        assert triage_events(reference) == 1, f"{reference} moved to triage more than once"


@pytest.mark.redis
def test_a_worker_killed_mid_task_leaves_the_report_pending_and_it_is_enriched_exactly_once(
    client: Client, worker_factory: WorkerFactory, own_redis: RedisServer, e2e_tmp: Path
) -> None:
    url = own_redis.url()
    claimed = e2e_tmp / "claimed"
    with celery_broker(celery_app, url):
        victim = worker_factory(broker_url=url, pause_marker=claimed)
        reference, _ = file_report(client, 1)
        report = Report.objects.get(reference=reference)
        wait_until(
            claimed.exists,
            timeout=ENRICH_TIMEOUT_S,
            message=f"the worker never claimed the report; its log:\n{victim.log()[-3000:]}",
        )
        assert claimed.read_text() == str(report.pk)

        victim.kill()  # SIGKILL between the claim and the write
        report.refresh_from_db()
        assert (report.enrichment_status, report.enrichment_attempts) == ("pending", 1)
        assert triage_events(reference) == 0

        # The unacknowledged message would come back only after Redis's visibility timeout
        # (an hour); the sweeper does not wait for it.
        worker = worker_factory(broker_url=url)
        assert sweep_now() == 1
        wait_until(
            lambda: all_done([reference]),
            timeout=ENRICH_TIMEOUT_S,
            message=f"not enriched after the sweep; worker log:\n{worker.log()[-3000:]}",
        )

    report.refresh_from_db()
    assert (report.status, report.enrichment_attempts) == ("triage", 2)
    assert triage_events(reference) == 1
    # The old message redelivered late is harmless: the claim finds nothing pending.
    assert report_enrich(report_id=report.pk) is False
    assert triage_events(reference) == 1
