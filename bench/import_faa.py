"""Benchmark: import all FAA CSV releases into a fresh SQLite database; seconds per stage.

    .venv/bin/python bench/import_faa.py [--data DIR] [--db PATH] [--limit N]

Prints the import summary, seconds per stage (reference data load, read, insert, enrich) and
rows/s, then re-runs the import to show that it imports nothing the second time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=ROOT.parent / "shared" / "data" / "faa_uas_sightings"
    )
    parser.add_argument("--db", type=Path, default=None, help="SQLite file (default: a temp file)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="bench-import-")) / "bench.sqlite3"
    db.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from geo.reference import default_reference
    from reports.services.imports import faa_import

    paths = sorted(args.data.glob("*.csv"))[: args.limit or None]
    started = time.perf_counter()
    default_reference()  # loaded once per process; timed on its own
    reference_seconds = time.perf_counter() - started
    result = faa_import(paths=paths)
    total = time.perf_counter() - started
    print(json.dumps(result.summary()))
    print(f"files {len(paths)}  rows {result.read}  database {db}")
    print(f"reference data load {reference_seconds:7.2f} s")
    for stage, seconds in result.stages.items():
        print(
            f"{stage:<19} {seconds:7.2f} s  {result.read / seconds if seconds else 0:9.0f} rows/s"
        )
    print(f"total               {total:7.2f} s  {result.read / total:9.0f} rows/s")
    located = result.imported - result.unlocated
    if result.imported:
        print(f"located {located}/{result.imported} = {100 * located / result.imported:.2f}%")
    again = faa_import(paths=paths)
    print(
        f"second run: imported {again.imported}, already imported {again.already_imported}, "
        f"{again.seconds:.2f} s"
    )


if __name__ == "__main__":
    main()
