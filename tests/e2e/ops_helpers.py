"""Helpers for the operations tests: a throwaway PostgreSQL cluster of our own, and (run as a
module) commands to file reports and to start a worker whose first batch pauses.

    python -m tests.e2e.ops_helpers file N        # N reports through the intake service
    python -m tests.e2e.ops_helpers worker ...    # a Celery worker; see _run_pausing_worker

The cluster is ours alone (its own data folder, port and socket folder), so the test may restart
it without disturbing the machine's shared PostgreSQL that other test runs use.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.e2e.helpers import port_open, wait_until

PAUSE_MARKER_ENV = "OPS_BATCH_PAUSE_MARKER"  # the paused batch writes its ids here...
RESUME_MARKER_ENV = "OPS_BATCH_RESUME_MARKER"  # ...and goes on once the test creates this


def postgres_bin() -> Path | None:
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


class OwnPostgres:
    """``initdb`` + ``pg_ctl`` in a temporary folder, on a spare port, trust authentication
    on 127.0.0.1 only, fsync off (a test cluster). PostgreSQL refuses to run as root, so as
    root it runs as the ``postgres`` system user through ``runuser``."""

    def __init__(self, *, port: int, workdir: Path) -> None:
        self.port = port
        self.dir = workdir / f"pg-{port}"
        self.bin = postgres_bin()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args: str) -> None:
        assert self.bin is not None
        subprocess.run(
            [*self.as_user, *args], check=True, capture_output=True, timeout=120, cwd="/"
        )

    def _options(self) -> str:
        return f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"

    def init(self) -> None:
        assert self.bin is not None
        self.dir.mkdir(parents=True)
        if self.as_user:
            shutil.chown(self.dir, "postgres")
            shutil.chown(self.dir.parent, "postgres")
        self._run(
            str(self.bin / "initdb"), "-D", str(self.dir / "data"), "-A", "trust", "-U",
            "postgres", "--no-sync", "-E", "UTF8",
        )  # fmt: skip

    def start(self) -> None:
        assert self.bin is not None
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-o", self._options(),
            "-l", str(self.dir / "log"), "-w", "start",
        )  # fmt: skip
        wait_until(lambda: port_open("127.0.0.1", self.port), timeout=30, message="no postgres")

    def restart(self) -> None:
        """A fast restart: every session is terminated and every open transaction aborted."""
        assert self.bin is not None
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-o", self._options(),
            "-l", str(self.dir / "log"), "-m", "fast", "-w", "restart",
        )  # fmt: skip

    def stop(self) -> None:
        assert self.bin is not None
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def log(self) -> str:
        path = self.dir / "log"
        return path.read_text(errors="replace") if path.exists() else ""


def _file(n: int) -> None:
    import django

    django.setup()
    from reports.models import Source
    from reports.services.intake import report_submit

    start = datetime(2025, 6, 1, 12, tzinfo=UTC)
    places = ["EGLL", "2 NM SE of EGLL", "KJFK", "7 SW LAX", "EHAM"]
    for i in range(n):
        report_submit(
            data={
                "observed_at": start + timedelta(minutes=i),
                "location_text": places[i % len(places)],
                "narrative": f"Drone number {i} at {400 + i} ft.",
            },
            source=Source.API,
        )


def _run_pausing_worker(argv: list[str]) -> None:
    """A Celery worker whose first *batch* (more than one report), once claimed, writes its ids
    to the pause marker and waits (at most 60 s) for the resume marker, then goes on."""
    import django

    django.setup()
    from reports.services import enrichment

    real = enrichment.reports_enrich
    paused = Path(os.environ[PAUSE_MARKER_ENV])
    resume = Path(os.environ[RESUME_MARKER_ENV])

    def pausing(*, report_ids: Iterable[int], batch_size: int = 2000) -> int:
        ids = list(report_ids)
        if len(ids) > 1 and not paused.exists():
            paused.write_text(",".join(map(str, ids)))
            deadline = time.monotonic() + 60
            while not resume.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
        return real(report_ids=ids, batch_size=batch_size)

    enrichment.reports_enrich = pausing
    from celery.bin.celery import main as celery_main

    sys.argv = ["celery", "-A", "config", *argv]
    celery_main()


if __name__ == "__main__":
    command = sys.argv[1:2]
    if command == ["file"]:
        _file(int(sys.argv[2]))
    elif command == ["worker"]:
        _run_pausing_worker(sys.argv[1:])
    else:
        raise SystemExit("usage: python -m tests.e2e.ops_helpers file N | worker [options]")
