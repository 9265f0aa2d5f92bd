"""Fixtures for the browser and multi-process tests: Chromium, Redis, a real Celery worker."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.e2e.browser import BrowserSession
from tests.e2e.helpers import (
    ARTIFACTS_DIR,
    CeleryWorker,
    RedisServer,
    WorkerFactory,
    database_url,
    free_port,
    port_open,
    require,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from pytest_django.live_server_helper import LiveServer

# Playwright's sync API runs an asyncio loop in this thread; Django would otherwise refuse the
# test's own ORM calls as "async unsafe". The ORM still runs synchronously here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHARED_REDIS = ("127.0.0.1", 6379)
# The shared Redis database the worker test owns (flushed before use).
SHARED_REDIS_DB = int(os.environ.get("E2E_REDIS_DB", "13"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    require(
        executable is not None,
        "chromium not found on PATH: install Debian's chromium (scripts/browser.sh does); "
        "never `playwright install`",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def web(browser: Browser, live_server: LiveServer) -> Iterator[BrowserSession]:
    """A fresh browser context on the live server, in London time, recording every request."""
    context = browser.new_context(
        base_url=live_server.url,
        timezone_id="Europe/London",
        locale="en-GB",
        viewport={"width": 1100, "height": 1400},
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    session = BrowserSession(page=page, base_url=live_server.url)
    page.on("request", lambda request: session.requested.append(request.url))
    try:
        yield session
    finally:
        context.close()


@pytest.fixture
def e2e_tmp() -> Iterator[Path]:
    """Logs of the subprocesses live here (failure messages quote their tails); removed after."""
    path = Path(tempfile.mkdtemp(prefix="skywatch-e2e-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def shared_redis_url() -> str:
    require(
        port_open(*SHARED_REDIS),
        f"Redis not reachable at {SHARED_REDIS[0]}:{SHARED_REDIS[1]} (start redis-server)",
    )
    import redis

    url = f"redis://{SHARED_REDIS[0]}:{SHARED_REDIS[1]}/{SHARED_REDIS_DB}"
    client = redis.Redis.from_url(url, socket_timeout=2)
    client.flushdb()  # leftovers of an earlier run would be consumed as if they were ours
    client.close()
    return url


@pytest.fixture
def own_redis(e2e_tmp: Path) -> Iterator[RedisServer]:
    """A redis-server of our own on a spare port, which the test may stop and restart."""
    require(
        shutil.which("redis-server") is not None,
        "redis-server not found on PATH (apt-get install redis-server)",
    )
    server = RedisServer(port=free_port(6390), workdir=e2e_tmp)
    server.start()
    try:
        yield server
    finally:
        if server.process is not None:
            server.stop()


@pytest.fixture
def worker_factory(transactional_db: None, e2e_tmp: Path) -> Iterator[WorkerFactory]:
    """Start real Celery workers on the test database; every one is stopped at teardown, before
    the test database is flushed."""
    from django.db import connection

    url = database_url(connection.settings_dict)
    started: list[CeleryWorker] = []

    def start(
        *, broker_url: str, pause_marker: Path | None = None, wait_ready: bool = True
    ) -> CeleryWorker:
        worker = CeleryWorker(
            database_url=url, broker_url=broker_url, workdir=e2e_tmp, pause_marker=pause_marker
        )
        started.append(worker)
        worker.start()
        if wait_ready:
            worker.wait_ready()
        return worker

    try:
        yield start
    finally:
        for worker in started:
            worker.kill()
