"""The documented backup and restore (README, Operations): pg_dump -Fc, then pg_restore into a
fresh database, loses no report and no audit event."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from django.db import connection

from reports.models import Report, ReportEvent
from reports.services.workflow import report_transition
from tests.e2e.helpers import database_url, require
from tests.reports.test_workflow import new_report

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PG_BIN_DIRS = [Path(p) for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]


def pg_tool(name: str) -> str:
    found = shutil.which(name) or next(
        (str(d / name) for d in PG_BIN_DIRS if (d / name).exists()), None
    )
    require(found is not None, f"{name} not found (apt-get install postgresql-client)")
    return str(found)


def admin(sql: str) -> None:
    import psycopg

    url = database_url(connection.settings_dict).rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def test_a_dump_restored_into_a_fresh_database_holds_every_report_and_event(tmp_path: Path):
    if connection.vendor != "postgresql":
        pytest.skip("backup and restore use PostgreSQL's tools; set DATABASE_URL to PostgreSQL")
    reports = [new_report() for _ in range(5)]  # committed, so enriched at once (eager tasks)
    reports[0].refresh_from_db()
    for status in ("verified", "classified", "published"):
        report_transition(report=reports[0], to_status=status, actor="analyst")
    expected = sorted(Report.objects.values_list("reference", "status", "contact_email"))
    events = sorted(
        ReportEvent.objects.values_list("report__reference", "from_status", "to_status", "actor")
    )
    assert len(events) >= 9

    source = database_url(connection.settings_dict)
    dump = tmp_path / "skywatch.dump"
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    subprocess.run(
        [pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={dump}", source],
        check=True,
        env=env,
        timeout=120,
    )
    restored = f"skywatch_restore_{uuid.uuid4().hex[:8]}"
    admin(f'CREATE DATABASE "{restored}"')
    try:
        target = source.rsplit("/", 1)[0] + f"/{restored}"
        subprocess.run(
            [pg_tool("pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={target}", dump],
            check=True,
            env=env,
            timeout=120,
        )
        import psycopg

        with psycopg.connect(target) as conn:
            got = sorted(
                conn.execute(
                    "SELECT reference, status, contact_email FROM reports_report"
                ).fetchall()
            )
            got_events = sorted(
                conn.execute(
                    "SELECT r.reference, e.from_status, e.to_status, e.actor "
                    "FROM reports_reportevent e JOIN reports_report r ON r.id = e.report_id"
                ).fetchall()
            )
    finally:
        admin(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
    assert got == expected
    assert got_events == events
