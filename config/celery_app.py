"""The Celery app and the beat schedule."""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("skywatch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # The broker only carries wake-ups: this sweeper finds reports still pending in the database.
    "sweep-pending-enrichment": {"task": "reports.sweep_pending_enrichment", "schedule": 60.0},
    # /readyz and /metrics read this heartbeat to tell that beat itself is alive.
    "beat-heartbeat": {"task": "reports.beat_heartbeat", "schedule": 30.0},
    # Contact data and photo originals past their retention period (services/retention.py).
    "retention-purge": {"task": "reports.retention_purge", "schedule": 3600.0},
    # Precomputed hotspot maps for the common views (reports/tasks_hotspots.py).
    "hotspot-snapshots-refresh": {
        "task": "reports.hotspot_snapshots_refresh",
        "schedule": float(os.environ.get("HOTSPOTS_SNAPSHOT_REFRESH", 600)),
    },
    # Export files are deleted EXPORT_RETENTION_HOURS after they were written.
    "exports-expire": {"task": "reports.exports_expire", "schedule": 3600.0},
}


def _ensure_filesystem_broker_dirs() -> None:
    """kombu's filesystem transport expects its folders to exist."""
    for key in ("data_folder_in", "data_folder_out", "control_folder"):
        folder = (app.conf.broker_transport_options or {}).get(key)
        if folder:
            os.makedirs(folder, exist_ok=True)


@app.on_after_configure.connect
def _on_configured(sender: Celery, **_: object) -> None:
    _ensure_filesystem_broker_dirs()


@worker_init.connect
def _warm_reference_data(**_: object) -> None:
    """Load the gazetteer and reference tables once in the parent, before the pool forks,
    so each child starts ready instead of spending ~10 s on its first report."""
    from django.db import connections

    from reports.services.reference import reference_data

    try:
        reference_data()
    finally:
        connections.close_all()  # never share a database connection across fork
        for connection in connections.all():  # nor a pool's idle connections (DB_POOL=true)
            close_pool = getattr(connection, "close_pool", None)  # PostgreSQL backend only
            if getattr(connection, "pool", None) is not None and close_pool is not None:
                close_pool()
