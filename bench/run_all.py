"""``make bench``: every benchmark, one after another, each printing its own ratios.

    .venv/bin/python bench/run_all.py [--quick]

--quick shrinks the synthetic sizes for a smoke run; the targets are stated at full size.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

BENCHES = [
    (
        "enrichment: 100,000 synthetic reports vs raw KD-tree + h3",
        "enrich.py",
        ["--n", "100000"],
        ["--n", "10000"],
    ),
    ("narrative extraction throughput (all FAA narratives)", "extract_speed.py", [], []),
    (
        "hotspots: 1,000,000 reports vs raw baseline and esda",
        "hotspots.py",
        [],
        ["--n", "100000", "--repeat", "1", "--esda-cells", "2000"],
    ),
    ("FAA import: all 42 releases into an empty SQLite database", "import_faa.py", [], []),
    (
        "hotspot GeoJSON writer alone: fixed-width vs orjson, national res-7 map",
        "geojson_writer.py",
        [],
        ["--n", "50000", "--repeat", "1"],
    ),
    (
        "gzip of a national hotspot map: python-isal vs stdlib gzip vs zlib-ng",
        "compress.py",
        [],
        ["--n", "50000", "--repeat", "1"],
    ),
    (
        "backlog: 10,000 reports filed with no worker, drained by a real worker",
        "backlog_drain.py",
        [],
        ["--n", "1000"],
    ),
    (
        "database connections under gunicorn gthread (PostgreSQL only)",
        "db_connections.py",
        [],
        ["--seconds", "5"],
    ),
    (
        "hotspot API on PostgreSQL: cached vs uncached, 1,000,000 reports",
        "hotspots_api.py",
        [],
        ["--n", "50000"],
    ),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    failed = []
    for title, script, full, quick in BENCHES:
        path = HERE / script
        if not path.exists():
            print(f"\n=== {title}: {script} missing, skipped")
            continue
        print(f"\n=== {title}  ({script})", flush=True)
        started = time.perf_counter()
        code = subprocess.call(
            [sys.executable, str(path), *(quick if args.quick else full)], cwd=HERE.parent
        )
        print(f"--- {script}: exit {code}, {time.perf_counter() - started:.0f} s", flush=True)
        if code:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
