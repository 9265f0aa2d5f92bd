"""A JSON report sent with ``Transfer-Encoding: chunked`` to a real gunicorn on localhost is
filed with its content (Django alone read such a body as empty: it has no Content-Length),
and the size limit still holds for a chunked body."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from reports.models import Report
from tests.e2e.helpers import PROJECT_DIR, _stop, database_url, free_port, port_open, wait_until
from tests.reports.factories import valid_payload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def gunicorn(tmp_path: Path) -> Iterator[int]:
    """gunicorn serving config.wsgi (production settings module) on the test's database."""
    port = free_port(8790)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": database_url(connection.settings_dict),
        "CELERY_BROKER_URL": "memory://",  # enrichment is not this test's business
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "REQUEST_MAX_BODY_BYTES": "200000",
        "PYTHONUNBUFFERED": "1",
    }
    log_path = tmp_path / "gunicorn.log"
    log = open(log_path, "ab")  # the child process owns it
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "1", "--timeout", "60"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    log.close()
    try:
        # The master listens before its worker has imported Django: wait for a real answer.
        wait_until(
            lambda: process.poll() is not None or answers(port),
            timeout=180,
            message=f"gunicorn on {port} did not answer; see {log_path}",
            interval=1.0,
        )
        assert process.poll() is None, log_path.read_text(errors="replace")[-3000:]
        yield port
    finally:
        _stop(process)


def answers(port: int) -> bool:
    if not port_open("127.0.0.1", port):
        return False
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", "/api/v1/public/dictionary/")
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


def post_chunked(port: int, body: bytes) -> tuple[int, bytes]:
    def chunks() -> Iterator[bytes]:  # a generator: http.client sends it chunked
        for start in range(0, len(body), 97):
            yield body[start : start + 97]

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(
            "POST",
            "/api/v1/reports/",
            body=chunks(),
            headers={"Content-Type": "application/json"},
            encode_chunked=True,
        )
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_a_chunked_json_report_reaches_the_api_through_gunicorn(gunicorn):
    payload = valid_payload(narrative="Quadcopter sent in 97-byte chunks")
    status, content = post_chunked(gunicorn, json.dumps(payload).encode())
    assert status == 201, content[:500]
    report = Report.objects.get(reference=json.loads(content)["reference"])
    assert report.narrative == "Quadcopter sent in 97-byte chunks"


def test_a_chunked_body_over_the_limit_is_refused_with_413(gunicorn):
    payload = valid_payload(narrative="x" * 300_000)
    status, content = post_chunked(gunicorn, json.dumps(payload).encode())
    assert status == 413, content[:500]
    assert b"at most 200000 bytes" in content
    assert not Report.objects.filter(narrative__startswith="xxxxxxxxxx").exists()
