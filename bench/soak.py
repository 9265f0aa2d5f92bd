"""Soak: a steady stream of reports through gunicorn for five minutes, with a real worker and
beat. Passes when the memory of every process stays flat (RSS growth under 10 % from the end of
the warm-up to the end), no request fails, and every report is enriched.

    .venv/bin/python bench/soak.py [--minutes 5] [--rate 5] [--warmup 60]   (or: make soak)

Where: like ``backlog_drain.py`` — with ``DATABASE_URL`` set to PostgreSQL, a throwaway
``<name>_soak`` database on that server; otherwise a temporary SQLite file; with
``CELERY_BROKER_URL`` (Redis), that broker (its ``celery`` queue is purged first), otherwise the
filesystem broker. The processes run ``config.settings.production`` as ``make run-prod`` does
(throttling raised so one client may file at ``--rate``). RSS is sampled every 5 s from /proc
for gunicorn's master and workers, the Celery worker and its pool processes, and beat.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from backlog_drain import _pg_admin, prepare_environment  # noqa: E402

PORT = 8790
PLACES = ["EGLL", "2 NM SE of EGLL", "KJFK", "7 SW LAX", "EHAM", "51.47, -0.45", "ORD"]


def _rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def processes(roots: dict[str, subprocess.Popen[bytes]]) -> dict[str, int]:
    """name -> pid for every process of the topology (roots and their children)."""
    found = {}
    for name, proc in roots.items():
        found[name] = proc.pid
        for i, child in enumerate(sorted(_children(proc.pid))):
            found[f"{name}[{i}]"] = child
    return found


def start(env: dict[str, str], workdir: Path) -> dict[str, subprocess.Popen[bytes]]:
    commands = {
        "gunicorn": [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        "worker": [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel", "INFO"]
        + ["--concurrency", "2", "--without-mingle", "--without-gossip"],
        "beat": [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel", "INFO"]
        + ["--schedule", str(workdir / "beat-schedule")],
    }
    procs = {}
    for name, command in commands.items():
        with open(workdir / f"{name}.log", "wb") as log:
            procs[name] = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
    return procs


def file_one(conn: http.client.HTTPConnection, i: int) -> int:
    body = json.dumps(
        {
            "observed_at": f"2025-06-{i % 28 + 1:02d}T12:00:00Z",
            "location": PLACES[i % len(PLACES)],
            "narrative": f"Soak sighting {i}: quadcopter at {300 + i % 900} ft.",
            "contact_email": f"soak{i}@example.org",
        }
    )
    conn.request("POST", "/api/v1/reports/", body, {"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    if response.status != 201:
        return response.status
    token = json.loads(data)["status_url"].rstrip("/").rsplit("/", 1)[1]
    conn.request("GET", f"/api/v1/status/{token}/")
    status = conn.getresponse()
    status.read()
    return 201 if status.status == 200 else status.status


def load(seconds: float, rate: float, clients: int, errors: list[str]) -> int:
    sent = [0]
    lock = threading.Lock()
    began = time.monotonic()

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        n = 0
        while True:
            due = began + (n * clients + k) / rate
            if due - began > seconds:
                break
            time.sleep(max(0.0, due - time.monotonic()))
            i = n * clients + k
            try:
                code = file_one(conn, i)
            except (OSError, http.client.HTTPException) as exc:
                code = 0
                errors.append(f"{i}: {exc!r}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
            if code != 201:
                errors.append(f"{i}: HTTP {code}")
            with lock:
                sent[0] += 1
            n += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sent[0]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--rate", type=float, default=5, help="reports per second")
    parser.add_argument("--warmup", type=float, default=60, help="seconds before the baseline")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="skywatch-soak-"))
    database_url, broker_url = prepare_environment(workdir)
    if database_url.startswith("postgres"):  # prepare_environment named it <name>_drain
        _pg_admin(database_url, f'DROP DATABASE IF EXISTS "{database_url.rsplit("/", 1)[1]}"')
        database_url = database_url.replace("_drain", "_soak")
        _pg_admin(database_url, f'DROP DATABASE IF EXISTS "{database_url.rsplit("/", 1)[1]}"')
        _pg_admin(database_url, f'CREATE DATABASE "{database_url.rsplit("/", 1)[1]}"')
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "REPORT_SUBMIT_RATE": "100000/minute",
        "WEB_PORT": str(PORT),
        "PROMETHEUS_MULTIPROC_DIR": str(workdir / "metrics"),
    }
    os.environ.update(DATABASE_URL=database_url)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    procs = start(env, workdir)
    errors: list[str] = []
    samples: dict[str, list[int]] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(5):
            for name, pid in processes(procs).items():
                rss = _rss_kib(pid)
                if rss:
                    samples.setdefault(name, []).append(rss)

    try:
        for _ in range(600):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
                probe.request("GET", "/healthz")
                if probe.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        print(f"topology up; warm-up {args.warmup:.0f} s at {args.rate}/s", flush=True)
        load(args.warmup, args.rate, 2, errors)
        baseline = {name: _rss_kib(pid) or 0 for name, pid in processes(procs).items()}
        sampler = threading.Thread(target=sample)
        sampler.start()
        began = time.monotonic()
        sent = load(args.minutes * 60, args.rate, 2, errors)
        elapsed = time.monotonic() - began
        stop.set()
        sampler.join()
        final = {name: _rss_kib(pid) or 0 for name, pid in processes(procs).items()}
        import django

        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
        django.setup()
        from reports.models import Report

        deadline = time.monotonic() + 180
        while Report.objects.filter(enrichment_status="pending").exists():
            if time.monotonic() > deadline:
                break
            time.sleep(1)
        total = Report.objects.count()
        pending = Report.objects.filter(enrichment_status="pending").count()
        failed = Report.objects.filter(enrichment_status="failed").count()
    finally:
        stop.set()
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
    worst = 0.0
    print(
        f"\n{'process':14s} {'RSS after warm-up':>18s} {'peak':>10s} {'at end':>10s} {'growth':>8s}"
    )
    for name in sorted(baseline):
        base, end = baseline[name], final.get(name, 0)
        if not base or not end:
            print(f"{name:14s} {'(restarted or gone)':>18s}")
            continue
        growth = (end - base) / base * 100
        worst = max(worst, growth)
        peak = max(samples.get(name, [end]))
        print(
            f"{name:14s} {base / 1024:15.1f} MiB {peak / 1024:6.1f} MiB {end / 1024:6.1f} MiB {growth:+7.1f} %"
        )
    logs = {p.stem: p.read_text(errors="replace") for p in workdir.glob("*.log")}
    tracebacks = sum(text.count("Traceback") for text in logs.values())
    print(
        f"\n{sent} reports filed in {elapsed:.0f} s ({sent / elapsed:.2f}/s) after the warm-up; "
        f"{total} in the database; pending {pending}, failed {failed}; "
        f"request errors {len(errors)}; tracebacks in the logs {tracebacks}"
    )
    for line in errors[:5]:
        print("  error:", line)
    ok = worst < 10 and not errors and not pending and not failed and not tracebacks
    print(f"worst RSS growth {worst:+.1f} % (target < 10 %) - {'met' if ok else 'MISSED'}")
    from django.db import connections

    connections.close_all()
    if database_url.startswith("postgres"):
        _pg_admin(database_url, f'DROP DATABASE IF EXISTS "{database_url.rsplit("/", 1)[1]}"')
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
