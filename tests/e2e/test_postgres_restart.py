"""PostgreSQL restarted while a worker enriches a batch: the tasks retry and finish, no report
is lost and none is enriched twice. The cluster is a throwaway of our own on a spare port, so
restarting it cannot disturb the shared server other test runs use."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import PROJECT_DIR, RedisServer, free_port, require, wait_until
from tests.e2e.ops_helpers import (
    PAUSE_MARKER_ENV,
    RESUME_MARKER_ENV,
    OwnPostgres,
    postgres_bin,
)

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

REPORTS = 300
BATCH = 100


@pytest.fixture
def own_postgres(e2e_tmp: Path) -> Iterator[OwnPostgres]:
    require(postgres_bin() is not None, "initdb/pg_ctl not found under /usr/lib/postgresql")
    server = OwnPostgres(port=free_port(5540), workdir=e2e_tmp)
    try:
        server.init()
        server.start()
    except (subprocess.CalledProcessError, OSError) as exc:
        require(False, f"could not start a throwaway PostgreSQL cluster: {exc}")
    try:
        yield server
    finally:
        server.stop()


def query(url: str, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, connect_timeout=5) as conn:
        return conn.execute(sql).fetchall()


def test_a_batch_cut_off_by_a_postgres_restart_is_retried_and_enriched_exactly_once(
    own_postgres: OwnPostgres, own_redis: RedisServer, e2e_tmp: Path
) -> None:
    query(own_postgres.url(), "SELECT 1")
    import psycopg

    with psycopg.connect(own_postgres.url(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE skywatch")
    url = own_postgres.url("skywatch")
    paused, resume = e2e_tmp / "paused", e2e_tmp / "resume"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": url,
        "CELERY_BROKER_URL": own_redis.url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "ENRICHMENT_BATCH_SIZE": str(BATCH),
        PAUSE_MARKER_ENV: str(paused),
        RESUME_MARKER_ENV: str(resume),
    }
    for inherited in ("CELERY_BROKER_DIR", "TEST_CELERY_BROKER_URL"):
        env.pop(inherited, None)
    python = [sys.executable]
    subprocess.run([*python, "manage.py", "migrate", "-v0"], env=env, cwd=PROJECT_DIR, check=True)
    subprocess.run(
        [*python, "-m", "tests.e2e.ops_helpers", "file", str(REPORTS)],
        env=env,
        cwd=PROJECT_DIR,
        check=True,
    )
    log_path = e2e_tmp / "worker.log"
    with open(log_path, "wb") as log:
        worker = subprocess.Popen(
            [*python, "-m", "tests.e2e.ops_helpers", "worker", "--pool", "solo"]
            + ["--loglevel", "INFO", "--without-mingle", "--without-gossip", "--without-heartbeat"],
            env=env,
            cwd=PROJECT_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def worker_log() -> str:
        return log_path.read_text(errors="replace")

    try:
        wait_until(
            paused.exists,
            timeout=180,
            message=f"the worker never started a batch; its log:\n{worker_log()[-3000:]}",
        )
        batch = [int(i) for i in paused.read_text().split(",")]
        assert len(batch) == BATCH
        # The batch holds its row locks inside an open transaction: restart the server under it.
        own_postgres.restart()
        resume.touch()
        wait_until(
            lambda: (
                query(url, "SELECT count(*) FROM reports_report WHERE enrichment_status = 'done'")[
                    0
                ][0]
                == REPORTS
            ),
            timeout=240,
            message=f"not all enriched after the restart; worker log:\n{worker_log()[-4000:]}",
        )
    finally:
        worker.kill()
        worker.wait(timeout=30)

    assert "Retry in" in worker_log(), "the cut-off batch should have failed and been retried"
    rows = query(
        url, "SELECT status, enrichment_status, count(*) FROM reports_report GROUP BY 1, 2"
    )
    assert rows == [("triage", "done", REPORTS)], rows
    moves = query(
        url,
        "SELECT report_id, count(*) FROM reports_reportevent WHERE to_status = 'triage' "
        "GROUP BY report_id HAVING count(*) <> 1",
    )
    assert moves == [], f"reports moved to triage more than once: {moves}"
    assert query(url, "SELECT count(DISTINCT report_id) FROM reports_reportevent "
                 "WHERE to_status = 'triage'")[0][0] == REPORTS  # fmt: skip
    # The batch cut off by the restart counted no attempt: its transaction was rolled back.
    attempts = dict(
        query(
            url,
            f"SELECT id, enrichment_attempts FROM reports_report WHERE id IN ({','.join(map(str, batch))})",
        )
    )
    assert set(attempts.values()) == {1}, attempts
