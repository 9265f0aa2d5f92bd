"""A real ``celery -A config worker`` process enriches API reports carried by a real Redis."""

from __future__ import annotations

import pytest
import redis
from django.test import Client

from config.celery_app import app as celery_app
from reports.models import EnrichmentStatus, Report, ReportStatus
from tests.e2e.helpers import WorkerFactory, celery_broker, wait_until

pytestmark = pytest.mark.redis

# The worker's first task loads the geo reference data: 10-30 s on a busy machine.
ENRICH_TIMEOUT_S = 90

SIGHTINGS = [
    {
        "observed_at": "2025-06-01T14:30:00Z",
        "location": "EGLL",
        "narrative": "Quadcopter at 1500 ft on final approach.",
    },
    {
        "observed_at": "2025-06-02T09:10:00Z",
        "latitude": 53.35,
        "longitude": -2.27,
        "narrative": "Drone hovering near the runway end.",
    },
    {
        "observed_at": "2025-06-03T20:45:00Z",
        "location": "EHAM",
        "narrative": "Drone with lights seen by the tower.",
    },
]


def all_enriched(references: list[str]) -> bool:
    return Report.objects.filter(
        reference__in=references, enrichment_status=EnrichmentStatus.DONE
    ).count() == len(references)


def test_reports_filed_through_the_api_are_enriched_by_a_real_worker_through_redis(
    client: Client, worker_factory: WorkerFactory, shared_redis_url: str
) -> None:
    queue = redis.Redis.from_url(shared_redis_url, socket_timeout=2)
    with celery_broker(celery_app, shared_redis_url):
        references, status_urls = [], []
        for sighting in SIGHTINGS:
            response = client.post("/api/v1/reports/", sighting, content_type="application/json")
            assert response.status_code == 201, response.content
            references.append(response.json()["reference"])
            status_urls.append(response.json()["status_url"])
        # Nothing ran in-process: the wake-ups wait in Redis until a worker takes them.
        assert queue.llen("celery") == len(SIGHTINGS)
        assert set(Report.objects.values_list("enrichment_status", flat=True)) == {"pending"}

        worker = worker_factory(broker_url=shared_redis_url, wait_ready=False)
        wait_until(
            lambda: all_enriched(references),
            timeout=ENRICH_TIMEOUT_S,
            message=f"the worker did not enrich {references}; its log:\n{worker.log()[-3000:]}",
        )

    assert queue.llen("celery") == 0
    for report in Report.objects.filter(reference__in=references):
        assert report.status == ReportStatus.TRIAGE
        assert report.enrichment_attempts == 1
        assert report.latitude is not None and report.longitude is not None
        assert None not in (report.h3_r5, report.h3_r6, report.h3_r7, report.h3_r8, report.h3_r9)
        assert list(report.events.values_list("to_status", flat=True)) == ["received", "triage"]
    for url in status_urls:
        body = client.get(url).json()
        assert (body["status"], body["located"]) == ("triage", True)
    assert Report.objects.get(reference=references[0]).aerodrome_code in ("LHR", "EGLL")
