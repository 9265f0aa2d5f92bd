"""Helpers for the browser and multi-process tests: required services, subprocesses, waiting.

Run as a module (``python -m tests.e2e.helpers worker ...``) it starts a Celery worker whose
enrichment pauses right after claiming a report, so a test can ``kill -9`` it mid-task.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar
from urllib.parse import quote

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Response as PlaywrightResponse

PROJECT_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = PROJECT_DIR / "test-artifacts"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# The env variable that makes the worker started by ``main()`` pause inside enrichment.
PAUSE_MARKER_ENV = "E2E_PAUSE_ENRICHMENT_MARKER"

# config/settings/test.py empties the broker transport options (its broker is memory://); a
# test that talks to a real Redis uses the same bounded time-outs as production (base.py).
BOUNDED_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
    "visibility_timeout": 3600,
}

T = TypeVar("T")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require(condition: bool, message: str) -> None:
    """Skip the test with ``message`` when ``condition`` is false; under CI=true, fail instead."""
    if condition:
        return
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port(start: int = 6390) -> int:
    """The first port from ``start`` that nobody listens on and we can bind."""
    for port in range(start, start + 200):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        if not port_open("127.0.0.1", port, timeout=0.2):
            return port
    raise RuntimeError(f"no free port in {start}..{start + 199}")


def wait_until(
    predicate: Callable[[], T], *, timeout: float, message: str, interval: float = 0.25
) -> T:
    """Poll ``predicate`` until it returns something truthy; fail with ``message`` after
    ``timeout`` seconds (the message should say what was expected and where to look)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"after {timeout:.0f} s: {message}")
        time.sleep(interval)


def database_url(settings_dict: dict[str, Any]) -> str:
    """A DATABASE_URL for django-environ naming the database ``settings_dict`` points at (after
    test set-up that is the *test* database)."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        name = str(settings_dict["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            raise RuntimeError(
                "the SQLite test database is in memory; another process cannot "
                "open it (config/settings/test.py should give TEST NAME a file)"
            )
        return f"sqlite:///{Path(name).resolve()}"
    if "postgresql" in engine:
        user = quote(settings_dict.get("USER") or "", safe="")
        password = quote(settings_dict.get("PASSWORD") or "", safe="")
        auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = settings_dict.get("HOST") or "127.0.0.1"
        port = settings_dict.get("PORT") or 5432
        return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"
    raise RuntimeError(f"no DATABASE_URL for engine {engine}")


def _reset_broker_connections(app: Any) -> None:
    # The app caches a connection pool and a producer pool for the broker it first used, and
    # kombu keeps both in process-wide registries keyed by the broker URL: a pool closed but
    # left registered would be handed back, closed, when that URL is used again. Close and
    # forget them all, so the next publish connects to whatever ``broker_url`` now says.
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def celery_broker(app: Any, url: str) -> Iterator[None]:
    """Publish through the real broker at ``url`` (eager mode off) inside the block."""
    keys = ("broker_url", "task_always_eager", "broker_transport_options")
    saved = {key: app.conf[key] for key in keys}
    _reset_broker_connections(app)
    app.conf.update(
        broker_url=url,
        task_always_eager=False,
        broker_transport_options=dict(BOUNDED_TRANSPORT_OPTIONS),
    )
    try:
        yield
    finally:
        _reset_broker_connections(app)
        app.conf.update(saved)


def _stop(process: subprocess.Popen, *, grace: float = 10.0) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=grace)


class RedisServer:
    """Our own ``redis-server`` on a spare port, with no persistence: a restart loses every
    queued message, as a crashed broker would."""

    def __init__(self, *, port: int, workdir: Path) -> None:
        self.port = port
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self, *, timeout: float = 10.0) -> None:
        log = open(self.workdir / f"redis-{self.port}.log", "ab")  # the child process owns it
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        wait_until(
            lambda: port_open("127.0.0.1", self.port),
            timeout=timeout,
            message=f"redis-server did not listen on {self.port}; see {self.workdir}",
        )

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)
            self.process = None
        wait_until(
            lambda: not port_open("127.0.0.1", self.port),
            timeout=10,
            message=f"port {self.port} still open after stopping redis-server",
        )


class CeleryWorker:
    """``celery -A config worker`` in a subprocess with production settings (base.py), the
    test's database and a real broker. Solo pool: one process, so ``kill()`` is the whole worker."""

    def __init__(
        self, *, database_url: str, broker_url: str, workdir: Path, pause_marker: Path | None = None
    ) -> None:
        self.name = f"e2e-{uuid.uuid4().hex[:8]}@localhost"
        self.log_path = workdir / f"worker-{self.name.split('@')[0]}.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "PYTHONUNBUFFERED": "1",
        }
        for inherited in ("CELERY_BROKER_DIR", "TEST_CELERY_BROKER_URL", PAUSE_MARKER_ENV):
            self.env.pop(inherited, None)
        if pause_marker is not None:
            self.env[PAUSE_MARKER_ENV] = str(pause_marker)
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        args = [
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
            "--hostname",
            self.name,
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
        ]
        if self.env.get(PAUSE_MARKER_ENV):
            command = [sys.executable, "-m", "tests.e2e.helpers", *args]
        else:
            command = [sys.executable, "-m", "celery", "-A", "config", *args]
        log = open(self.log_path, "ab")  # the child process owns it
        self.process = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def wait_ready(self, *, timeout: float = 90.0) -> None:
        def ready() -> bool:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(
                    f"worker exited with {self.process.returncode}:\n{self.log()[-3000:]}"
                )
            return " ready." in self.log()

        wait_until(
            ready,
            timeout=timeout,
            message=f"worker not ready; its log ({self.log_path}):\n{self.log()[-3000:]}",
        )

    def kill(self) -> None:
        """SIGKILL, as the OOM killer would: no shutdown, no ack, no cleanup."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)


def _run_pausing_worker(argv: list[str]) -> None:
    """A Celery worker whose enrichment, once it has claimed a report, writes a marker file and
    then sleeps (at most 120 s) instead of finishing: the window a ``kill -9`` must survive."""
    import django

    django.setup()
    from reports.services import enrichment

    marker = Path(os.environ[PAUSE_MARKER_ENV])

    def paused(*, report_ids: Any, batch_size: int = 2000) -> int:
        marker.write_text(",".join(str(i) for i in report_ids))
        time.sleep(120)
        raise RuntimeError("the test should have killed this worker by now")

    enrichment.reports_enrich = paused
    from celery.bin.celery import main as celery_main

    sys.argv = ["celery", "-A", "config", *argv]
    celery_main()


if __name__ == "__main__":
    if sys.argv[1:2] != ["worker"]:
        raise SystemExit("usage: python -m tests.e2e.helpers worker [celery worker options]")
    _run_pausing_worker(sys.argv[1:])


class WorkerFactory(Protocol):
    """The ``worker_factory`` fixture: starts a real Celery worker on the test database."""

    def __call__(
        self, *, broker_url: str, pause_marker: Path | None = None, wait_ready: bool = True
    ) -> CeleryWorker: ...


def status_of(response: PlaywrightResponse | None) -> int | None:
    """The HTTP status of a navigation (Playwright answers None when no request was made)."""
    return response.status if response is not None else None
