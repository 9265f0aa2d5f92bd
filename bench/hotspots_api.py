"""Hotspot API response times on 1,000,000 reports in PostgreSQL, cached and uncached.

    .venv/bin/python bench/hotspots_api.py [--n 1000000] [--pg postgres://postgres@127.0.0.1:5432]
                                           [--db skywatch_bench] [--cache-url locmemcache://]
                                           [--keep]

Creates the database ``--db`` (dropped first, and dropped again at the end unless ``--keep``),
migrates it, COPYs ``--n`` synthetic reports into it (positions bunched around the 500 busiest
US aerodromes as FAA sightings are, plus 5 % uniform noise; H3 cells stored as enrichment
stores them; two years of sightings; a tenth close encounters; half published), then measures
in a fresh subprocess (so its peak memory is the API's, not the loader's) through Django's test
client with a staff session:

* **uncached**: the first request for a view (database GROUP BY, Gi*, FDR, GeoJSON) - several
  views, each with the cache emptied first. Target < 2 s.
* **cached**: the same request again (data version + cache hit). Target < 50 ms.
* **snapshot**: a common view after the snapshot task ran and the cache was wiped (a restart).

Settings come from ``DATABASE_URL`` (set by this script) and ``--cache-url`` (``CACHE_URL``;
e.g. ``rediscache://127.0.0.1:6379/14`` to time the cache over Redis). Peak memory is the
measuring process's VmHWM. Runtime: about 2-4 minutes for 1M reports on 2 cores.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONUS = (24.5, 49.0, -124.5, -67.0)  # lat_min, lat_max, lon_min, lon_max (degrees)
VIEWS = {  # name -> query string; all but the last are computed on demand
    "all time, res 6": "resolution=6",
    "all time, res 7": "resolution=7",
    "2025, close encounters, res 7": "resolution=7&since=2025-01-01T00:00:00Z&encounter_class=close_encounter",
    "LAX 30 NM, res 8": "resolution=8&aerodrome=LAX&radius_nm=30",
    "last 12 months, res 8, published": "resolution=8&window=12m&status=published",
}


def synthetic_positions(n: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Latitude/longitude (degrees): 95 % within a few tens of NM of the 500 US aerodromes with
    the most scheduled service (approximated by large/medium airports with IATA codes),
    exponential distances (mean 8 NM), weights Zipf-like; 5 % uniform over the CONUS box."""
    from geo.aerodromes import load_aerodromes

    rng = np.random.default_rng(seed)
    table = load_aerodromes()
    us = [a for a in table.aerodromes if a.country == "US" and a.iata and a.icao.startswith("K")]
    us = us[:500]
    weights = 1.0 / np.arange(1, len(us) + 1) ** 0.8
    rng.shuffle(weights)
    weights /= weights.sum()
    n_near = int(n * 0.95)
    which = rng.choice(len(us), n_near, p=weights)
    lat0 = np.array([a.latitude for a in us])[which]
    lon0 = np.array([a.longitude for a in us])[which]
    # A flat offset is plenty for a synthetic spread of a few tens of NM.
    bearing, dist_nm = np.radians(rng.uniform(0, 360, n_near)), rng.exponential(8.0, n_near)
    lat_near = lat0 + dist_nm * np.cos(bearing) / 60.0
    lon_near = lon0 + dist_nm * np.sin(bearing) / (60.0 * np.cos(np.radians(lat0)))
    lat_min, lat_max, lon_min, lon_max = CONUS
    lat = np.concatenate([lat_near, rng.uniform(lat_min, lat_max, n - n_near)])
    lon = np.concatenate([lon_near, rng.uniform(lon_min, lon_max, n - n_near)])
    return lat, lon


def _columns_and_defaults() -> tuple[list[str], dict[str, object]]:
    """Every concrete Report column but the id, with a value for the NOT NULL ones (Django's
    defaults live in Python, not in the table, so COPY must spell them out)."""
    from django.db import models

    from reports.models import Report
    from reports.services.bulk import column_of

    columns: list[str] = []
    defaults: dict[str, object] = {}
    for field in Report._meta.concrete_fields:
        if field.primary_key:
            continue
        column = column_of(field)
        columns.append(column)
        if field.null:
            defaults[column] = None
        elif isinstance(field, models.JSONField):
            defaults[column] = json.dumps(field.get_default())
        elif field.has_default():
            value = field.get_default()
            defaults[column] = value() if callable(value) else value
        else:
            defaults[column] = ""
    return columns, defaults


def load_reports(n: int, chunk: int = 100_000) -> float:
    """COPY ``n`` synthetic reports into the reports table; returns seconds."""
    import pandas as pd
    from django.db import connection

    from geo.cells import cells_for_points

    started = time.perf_counter()
    lat, lon = synthetic_positions(n)
    columns, defaults = _columns_and_defaults()
    # In CSV, an unquoted empty field is NULL; these NOT NULL text columns mean ''.
    texts = [c for c, v in defaults.items() if isinstance(v, str)]
    rng = np.random.default_rng(11)
    start = np.datetime64("2024-01-01T00:00:00")
    # Secondary indexes are built once after the load: much faster than row by row.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
            "'reports_report' AND indexdef NOT LIKE 'CREATE UNIQUE%'"
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    for lo in range(0, n, chunk):
        hi = min(lo + chunk, n)
        size = hi - lo
        frame = pd.DataFrame({c: [v] * size for c, v in defaults.items()}, columns=columns)
        ids = np.arange(lo, hi)
        frame["reference"] = [f"BX-{i:09d}" for i in ids]
        frame["status_token"] = [f"bench-{i:012d}" for i in ids]
        observed = start + rng.integers(0, 2 * 365 * 86400, size).astype("timedelta64[s]")
        frame["observed_at"] = pd.to_datetime(observed).strftime("%Y-%m-%d %H:%M:%S+00")
        frame["received_at"] = frame["observed_at"]
        published = rng.random(size) < 0.5
        frame["status"] = np.where(published, "published", "triage")
        frame["published_at"] = frame["observed_at"].where(published, None)
        frame["encounter_class"] = np.where(rng.random(size) < 0.1, "close_encounter", "sighting")
        frame["enrichment_status"] = "done"
        frame["source"] = "import"
        frame["latitude"], frame["longitude"] = lat[lo:hi], lon[lo:hi]
        for res, cells in cells_for_points(lat[lo:hi], lon[lo:hi]).items():
            frame[f"h3_r{res}"] = cells
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, header=False)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(
                f"COPY reports_report ({', '.join(columns)}) FROM STDIN (FORMAT csv, "
                f"FORCE_NOT_NULL ({', '.join(texts)}))"
            ) as copy,
        ):
            copy.write(buffer.getvalue())
        print(f"  loaded {hi:,} reports", file=sys.stderr, flush=True)
    with connection.cursor() as cursor:
        for _, definition in indexes:
            cursor.execute(definition)
        # What autovacuum does after a bulk load (PostgreSQL >= 13 vacuums insert-only tables
        # too): statistics, and the visibility map that lets counts come from the H3 indexes
        # alone (index-only scans).
        cursor.execute("VACUUM ANALYZE reports_report")
    return time.perf_counter() - started


def _timed(client, url: str) -> tuple[float, int, str]:
    t0 = time.perf_counter()
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")  # as a browser does
    elapsed = time.perf_counter() - t0
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}: {response.content[:300]!r}")
    return elapsed, len(response.content), response.get("X-Hotspots-Source", "")


def measure() -> dict:
    """Runs in the child process: API timings and this process's peak memory."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    from reports.services.hotspots import hotspot_snapshots_refresh

    user = get_user_model().objects.filter(
        username="bench"
    ).first() or get_user_model().objects.create_user("bench", password="bench-pw-1", is_staff=True)
    client = Client()
    client.force_login(user)
    client.get("/api/v1/hotspots/?resolution=5&since=2099-01-01T00:00:00Z")  # warm imports
    out: dict = {"views": {}}
    for name, qs in VIEWS.items():
        cache.clear()
        url = f"/api/v1/hotspots/?{qs}"
        uncached, size, source = _timed(client, url)
        assert source == "computed", source
        cached = [_timed(client, url)[0] for _ in range(20)]
        out["views"][name] = {
            "uncached_s": round(uncached, 3),
            "gzip_bytes": size,
            "cached_ms_median": round(1000 * statistics.median(cached), 2),
            "cached_ms_max": round(1000 * max(cached), 2),
        }
    t0 = time.perf_counter()
    written = hotspot_snapshots_refresh(force=True)
    out["snapshot_refresh"] = {"snapshots": written, "seconds": round(time.perf_counter() - t0, 2)}
    cache.clear()  # a restart: the snapshot comes from the table, then from the cache
    first, size, source = _timed(client, "/api/v1/hotspots/?resolution=7")
    assert source == "snapshot", source
    again = [_timed(client, "/api/v1/hotspots/?resolution=7")[0] for _ in range(20)]
    out["snapshot_all_time_res7"] = {
        "first_after_restart_ms": round(1000 * first, 2),
        "then_ms_median": round(1000 * statistics.median(again), 2),
        "gzip_bytes": size,
    }
    status = Path("/proc/self/status").read_text()
    out["peak_memory_mb"] = round(int(status.split("VmHWM:")[1].split()[0]) / 1024, 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db", default="skywatch_bench")
    parser.add_argument("--cache-url", default="locmemcache://")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure()))
        return

    import psycopg

    admin = psycopg.connect(f"{args.pg}/postgres", autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{args.db}"')
    admin.execute(f'CREATE DATABASE "{args.db}"')
    env = {
        **os.environ,
        "DATABASE_URL": f"{args.pg}/{args.db}",
        "CACHE_URL": args.cache_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        load_s = load_reports(args.n)
        child = subprocess.run(
            [sys.executable, __file__, "--measure"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(child.stdout.strip().splitlines()[-1])
        result = {"reports": args.n, "load_s": round(load_s, 1), "cache": args.cache_url, **result}
        print(json.dumps(result, indent=2))
        worst_uncached = max(v["uncached_s"] for v in result["views"].values())
        worst_cached = max(v["cached_ms_median"] for v in result["views"].values())
        print(
            f"uncached: worst {worst_uncached:.2f} s (target < 2 s); cached: worst median "
            f"{worst_cached:.1f} ms (target < 50 ms); snapshot after restart: "
            f"{result['snapshot_all_time_res7']['first_after_restart_ms']:.1f} ms; peak memory "
            f"{result['peak_memory_mb']} MB"
        )
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            admin.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
        admin.close()


if __name__ == "__main__":
    main()
