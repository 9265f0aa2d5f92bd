"""Prometheus metrics: request counts and latencies from a middleware, and the backlog gauges
(queue depth, enrichment lag, failures, beat heartbeat) sampled from the database at scrape.

Under gunicorn each worker process counts its own requests; ``config/gunicorn.py`` sets
``PROMETHEUS_MULTIPROC_DIR`` so ``prometheus_client`` keeps them in files there and ``/metrics``
adds them up across processes. ``/metrics`` answers staff sessions, or a scraper presenting
``Authorization: Bearer $METRICS_TOKEN`` when that setting is non-empty; anyone else gets 403.
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Callable, Iterator

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REQUESTS = Counter(
    "skywatch_http_requests_total", "HTTP responses sent", ["method", "route", "status"]
)
LATENCY = Histogram(
    "skywatch_http_request_duration_seconds",
    "Time from request to response, by route",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


class MetricsMiddleware:
    """Counts every response by method, route name (never the raw path: tokens and ids would
    explode the label space) and status, and times it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = request.resolver_match
        route = (match.view_name or match.route) if match else "unmatched"
        method = request.method if request.method in _METHODS else "other"
        REQUESTS.labels(method, route, str(response.status_code)).inc()
        LATENCY.labels(method, route).observe(time.perf_counter() - started)
        return response


_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class BacklogCollector(Collector):
    """Gauges read at scrape time, so every web process reports the same shared truth."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from reports import selectors_ops

        counts = selectors_ops.enrichment_counts()
        yield GaugeMetricFamily(
            "skywatch_enrichment_pending", "Reports waiting for enrichment", counts["pending"]
        )
        yield GaugeMetricFamily(
            "skywatch_enrichment_failed", "Reports whose enrichment failed", counts["failed"]
        )
        yield GaugeMetricFamily(
            "skywatch_enrichment_lag_seconds",
            "Age of the oldest report waiting for enrichment",
            selectors_ops.enrichment_lag_seconds(),
        )
        depth = selectors_ops.broker_queue_depth()
        if depth is not None:
            yield GaugeMetricFamily(
                "skywatch_queue_depth", "Messages waiting in the Celery queue", depth
            )
        age = selectors_ops.beat_heartbeat_age_seconds()
        if age is not None:
            yield GaugeMetricFamily(
                "skywatch_beat_heartbeat_age_seconds", "Seconds since beat's heartbeat", age
            )


def _allowed(request: HttpRequest) -> bool:
    user = request.user
    if user.is_authenticated and user.is_active and user.is_staff:
        return True
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


@require_safe
@never_cache
def metrics_view(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return HttpResponse("staff or METRICS_TOKEN only\n", status=403, content_type="text/plain")
    scrape = CollectorRegistry()
    scrape.register(BacklogCollector())
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(scrape)
        body = generate_latest(scrape)
    else:
        body = generate_latest(REGISTRY) + generate_latest(scrape)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
