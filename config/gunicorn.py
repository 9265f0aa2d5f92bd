"""gunicorn settings for production: ``gunicorn -c config/gunicorn.py config.wsgi``.

gthread workers (processes x threads) from the environment: WEB_WORKERS (default 2),
WEB_THREADS (4), WEB_HOST/WEB_PORT (127.0.0.1:8000). Each process counts its own requests for
``/metrics``; prometheus_client's multiprocess mode keeps them in PROMETHEUS_MULTIPROC_DIR
(default: a fresh folder under the temp dir), emptied at start and cleaned as workers exit.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

bind = f"{os.environ.get('WEB_HOST', '127.0.0.1')}:{os.environ.get('WEB_PORT', '8000')}"
workers = int(os.environ.get("WEB_WORKERS", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
timeout = 60
graceful_timeout = 30
accesslog = "-"
# Restart a worker after this many requests (with jitter) to bound slow leaks; 0 disables it.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10

# Set before the application (and prometheus_client) is imported by the workers.
metrics_dir = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR",
    os.path.join(tempfile.gettempdir(), f"skywatch-metrics-{os.getuid()}-{bind.split(':')[-1]}"),
)


def on_starting(server: Any) -> None:
    shutil.rmtree(metrics_dir, ignore_errors=True)  # counts of a previous run are not ours
    os.makedirs(metrics_dir, exist_ok=True)


def post_worker_init(worker: Any) -> None:
    # Import every view now (the URL conf pulls in pandas, geopandas, ...): otherwise a new
    # worker's first request pays it, 5-20 s on a busy machine, and a probe may time out.
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the import is the point


def child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
