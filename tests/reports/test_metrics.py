"""/metrics in Prometheus text format: who may read it, what it exposes, that it moves."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from prometheus_client.parser import text_string_to_metric_families

from tests.reports.factories import valid_payload

pytestmark = pytest.mark.django_db

NAMED = {
    "skywatch_http_requests",  # the parser drops a counter's _total suffix from the family
    "skywatch_http_request_duration_seconds",
    "skywatch_enrichment_pending",
    "skywatch_enrichment_failed",
    "skywatch_enrichment_lag_seconds",
    "skywatch_queue_depth",
}


def scrape(client: Client, **headers: str) -> dict[str, list]:
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=")
    families = text_string_to_metric_families(response.content.decode())
    return {family.name: family.samples for family in families}


def filed(metrics: dict[str, list]) -> float:
    return sum(
        s.value
        for s in metrics["skywatch_http_requests"]
        if s.name.endswith("_total")
        and s.labels == {"method": "POST", "route": "api-report-create", "status": "201"}
    )


def test_metrics_are_refused_to_the_public(client: Client):
    assert client.get("/metrics").status_code == 403


def test_staff_see_the_named_metrics(admin_client: Client):
    assert NAMED <= set(scrape(admin_client))


def test_filing_a_report_moves_the_request_counter(client: Client, admin_client: Client):
    before = filed(scrape(admin_client))
    response = client.post("/api/v1/reports/", valid_payload(), content_type="application/json")
    assert response.status_code == 201
    assert filed(scrape(admin_client)) == before + 1


@override_settings(METRICS_TOKEN="scraper-secret-123")
def test_a_scraper_reads_metrics_with_the_bearer_token_and_not_without_it(client: Client):
    assert NAMED <= set(scrape(client, Authorization="Bearer scraper-secret-123"))
    wrong = client.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
