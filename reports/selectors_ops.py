"""Reads for operations: the readiness checks and the gauges ``/metrics`` samples at scrape.

Each check is cheap (one indexed query, one broker connection with the bounded time-outs of
settings, one cache round trip), so load balancers may call ``/readyz`` every few seconds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Min
from django.utils import timezone

from reports.models import EnrichmentStatus, Report

HEARTBEAT_KEY = "skywatch:beat-heartbeat"


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: dict[str, object] = field(default_factory=dict)


def _timed(detail: dict[str, object], started: float) -> dict[str, object]:
    return {**detail, "ms": round((time.perf_counter() - started) * 1000, 1)}


def check_database() -> Check:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready", reported as such
        return Check(False, _timed({"error": type(exc).__name__}, started))
    return Check(True, _timed({"vendor": connection.vendor}, started))


def check_broker() -> Check:
    from config.celery_app import app

    started = time.perf_counter()
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        return Check(False, _timed({"error": type(exc).__name__}, started))
    return Check(True, _timed({"transport": app.conf.broker_url.split(":", 1)[0]}, started))


def check_cache() -> Check:
    started = time.perf_counter()
    try:
        cache.set("skywatch:readyz", 1, timeout=30)
        ok = cache.get("skywatch:readyz") == 1
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        return Check(False, _timed({"error": type(exc).__name__}, started))
    return Check(ok, _timed({}, started))


def enrichment_lag_seconds() -> float:
    """Age (seconds) of the oldest report still waiting for enrichment; 0 when none waits."""
    oldest = Report.objects.filter(
        enrichment_status=EnrichmentStatus.PENDING,
        enrichment_attempts__lt=settings.ENRICHMENT_MAX_ATTEMPTS,
    ).aggregate(oldest=Min("received_at"))["oldest"]
    return max(0.0, (timezone.now() - oldest).total_seconds()) if oldest else 0.0


def check_enrichment_lag() -> Check:
    lag = enrichment_lag_seconds()
    limit = settings.HEALTH_MAX_ENRICHMENT_LAG_SECONDS
    return Check(lag <= limit, {"oldest_pending_seconds": round(lag, 1), "limit": limit})


def beat_heartbeat_age_seconds() -> float | None:
    """Seconds since beat's heartbeat task last ran (None: never seen by this cache)."""
    at = cache.get(HEARTBEAT_KEY)
    return None if at is None else max(0.0, time.time() - float(at))


def check_beat() -> Check:
    limit = settings.HEALTH_MAX_BEAT_AGE_SECONDS
    if "locmem" in settings.CACHES["default"]["BACKEND"].lower():
        # A per-process cache cannot carry the worker's heartbeat to the web process.
        return Check(True, {"skipped": "CACHE_URL is per-process; set a shared cache (Redis)"})
    age = beat_heartbeat_age_seconds()
    if age is None:
        return Check(False, {"error": "no heartbeat from beat yet", "limit": limit})
    return Check(age <= limit, {"age_seconds": round(age, 1), "limit": limit})


def readiness() -> dict[str, Check]:
    return {
        "database": check_database(),
        "broker": check_broker(),
        "cache": check_cache(),
        "enrichment": check_enrichment_lag(),
        "beat": check_beat(),
    }


def enrichment_counts() -> dict[str, int]:
    """Reports pending and failed enrichment (one GROUP BY on an indexed column)."""
    counts = dict.fromkeys(("pending", "failed"), 0)
    rows = (
        Report.objects.exclude(enrichment_status=EnrichmentStatus.DONE)
        .order_by()
        .values_list("enrichment_status")
        .annotate(n=Count("pk"))
    )
    counts.update({status: n for status, n in rows})
    return counts


def broker_queue_depth(queue: str = "celery") -> int | None:
    """Messages waiting in the default Celery queue (None when the broker cannot say)."""
    from kombu.exceptions import ChannelError

    from config.celery_app import app

    try:
        with app.connection_for_read() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            try:
                declared = conn.default_channel.queue_declare(queue=queue, passive=True)
            except ChannelError:  # never declared: no worker has started, nothing was sent
                return 0
            return int(declared.message_count)
    except Exception:  # noqa: BLE001 - a missing gauge, not a failed scrape
        return None
