"""/healthz and /readyz: what a load balancer or orchestrator sees."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from config.celery_app import app as celery_app
from reports.models import Report
from reports.tasks_ops import beat_heartbeat
from tests.e2e.helpers import celery_broker, free_port
from tests.reports.test_workflow import new_report

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client: Client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert "no-cache" in response["Cache-Control"]


def test_readyz_is_ready_when_database_broker_cache_and_backlog_are_fine(client: Client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ready" and body["failing"] == []
    assert set(body["checks"]) == {"database", "broker", "cache", "enrichment", "beat"}
    assert body["checks"]["enrichment"]["oldest_pending_seconds"] == 0


@override_settings(HEALTH_MAX_ENRICHMENT_LAG_SECONDS=600)
def test_readyz_is_503_when_a_report_has_waited_too_long_for_enrichment(client: Client):
    report = new_report()
    Report.objects.filter(pk=report.pk).update(received_at=timezone.now() - timedelta(hours=1))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["enrichment"]
    assert response.json()["checks"]["enrichment"]["oldest_pending_seconds"] >= 3600


def test_readyz_is_503_naming_the_broker_when_it_is_unreachable(client: Client):
    with celery_broker(celery_app, f"redis://127.0.0.1:{free_port(6500)}/0"):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]


def test_readyz_waits_for_beats_heartbeat_in_a_shared_cache(client: Client, tmp_path: Path):
    shared = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache"}}
    shared["default"]["LOCATION"] = str(tmp_path)
    with override_settings(CACHES=shared, HEALTH_MAX_BEAT_AGE_SECONDS=300):
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["failing"] == ["beat"]
        beat_heartbeat()  # what beat runs every 30 s
        response = client.get("/readyz")
        assert response.status_code == 200, response.json()
        assert response.json()["checks"]["beat"]["age_seconds"] < 5
