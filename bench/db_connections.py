"""Database connections under gunicorn gthread workers: per-request connections, persistent
ones (CONN_MAX_AGE + CONN_HEALTH_CHECKS) and psycopg's pool, measured on PostgreSQL.

    DATABASE_URL=postgres://... .venv/bin/python bench/db_connections.py [--seconds 15]
                                                                         [--clients 8]

For each mode it starts ``gunicorn -c config/gunicorn.py config.wsgi`` (2 workers x 4
threads), then ``--clients`` threads with keep-alive HTTP connections GET a report's status
page (two indexed reads) for ``--seconds``, and prints requests/s, median and 99th-percentile
latency, and the server connections the run opened (``pg_stat_database.numbackends`` peak and
the sessions counter, PostgreSQL 14+).
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MODES = {
    "per request (CONN_MAX_AGE=0)": {"DB_CONN_MAX_AGE": "0", "DB_POOL": "false"},
    "persistent (CONN_MAX_AGE=600, health checks)": {"DB_CONN_MAX_AGE": "600", "DB_POOL": "false"},
    "psycopg pool (OPTIONS pool, max 8)": {"DB_CONN_MAX_AGE": "0", "DB_POOL": "true"},
}


def _status_path() -> str:
    import django

    django.setup()
    from reports.models import Report
    from reports.services.intake import report_submit

    report = Report.objects.first() or report_submit(
        data={"observed_at": "2025-06-01T12:00:00Z", "location_text": "EGLL", "narrative": "x"}
    )
    return f"/api/v1/status/{report.status_token}/"


def _sessions(dbname: str) -> tuple[int, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numbackends, sessions FROM pg_stat_database WHERE datname = %s", [dbname]
        )
        backends, sessions = cursor.fetchone()
    return int(backends), int(sessions)


def _load(port: int, path: str, seconds: float, clients: int) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client() -> None:
        mine = []
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            assert response.status == 200, response.status
            mine.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies


def run_mode(name: str, env: dict[str, str], path: str, args: argparse.Namespace) -> None:
    from django.db import connection

    dbname = connection.settings_dict["NAME"]
    port = 8700
    full = {
        **os.environ,
        **env,
        "WEB_PORT": str(port),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
    }
    full["PROMETHEUS_MULTIPROC_DIR"] = f"/tmp/skywatch-bench-metrics-{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        env=full,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                probe.request("GET", "/healthz")
                probe.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        _load(port, path, 5, args.clients)  # warm-up: first connections in every thread
        _, sessions_before = _sessions(dbname)
        peak = [0]
        stop = threading.Event()

        def watch() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], _sessions(dbname)[0])
                time.sleep(0.2)

        watcher = threading.Thread(target=watch)
        watcher.start()
        latencies = _load(port, path, args.seconds, args.clients)
        stop.set()
        watcher.join()
        _, sessions_after = _sessions(dbname)
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies.sort()
    print(
        f"{name:48s} {len(latencies) / args.seconds:7.0f} req/s  "
        f"median {statistics.median(latencies) * 1000:6.1f} ms  "
        f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:6.1f} ms  "
        f"new server sessions {sessions_after - sessions_before:6d}  peak backends {peak[0]}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("set DATABASE_URL to a PostgreSQL database; skipped")
        return 0
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    path = _status_path()
    for name, env in MODES.items():
        run_mode(name, env, path, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
