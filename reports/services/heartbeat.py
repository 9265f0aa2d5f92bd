"""Beat's heartbeat: a timestamp in the shared cache that ``/readyz`` and ``/metrics`` read, so
a stopped or wedged beat (no sweeps, no retention, no snapshots) shows up before it hurts."""

from __future__ import annotations

import time

from django.core.cache import cache

from reports.selectors_ops import HEARTBEAT_KEY


def beat_heartbeat_record() -> float:
    """Store now (Unix seconds) as the last heartbeat; overwriting makes a rerun harmless."""
    now = time.time()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now
