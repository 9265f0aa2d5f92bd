"""Throughput of ``geo.narrative.extract`` on every real FAA narrative, on one core.

Run from the project root: ``.venv/bin/python bench/extract_speed.py [--repeat N]``.
Reads ``../shared/data/faa_uas_sightings/*.csv`` (column names vary by release: the narrative
is the column whose name holds NARRATIVE, SUMMARY, DESCRIPTION or REDACTED).
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.narrative import extract  # noqa: E402

FAA = Path(os.environ.get("SHARED_DATA_DIR", ROOT.parent / "shared" / "data")) / "faa_uas_sightings"
_NARRATIVE = re.compile(r"NARRATIVE|SUMMARY|DESCRIPTION|REDACTED", re.I)


def _column(header: list[str], pattern: str) -> str | None:
    return next((h for h in header if re.search(pattern, h, re.I)), None)


def narratives(folder: Path = FAA) -> list[tuple[str, str, str, str]]:
    """(narrative, city, state, date) for every row of every release."""
    csv.field_size_limit(1 << 30)
    rows: list[tuple[str, str, str, str]] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            text = next((h for h in header if _NARRATIVE.search(h)), None)
            city, state = _column(header, "CITY"), _column(header, "STATE")
            date = _column(header, "DATE|DAY")
            if text is None:
                continue
            for row in reader:
                rows.append((row.get(text) or "", row.get(city or "") or "",
                             row.get(state or "") or "", row.get(date or "") or ""))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="passes over the corpus")
    args = parser.parse_args()
    rows = narratives()
    if not rows:
        print(f"no narratives found under {FAA}", file=sys.stderr)
        return 1
    extract(rows[0][0])  # warm up: imports and regex compilation are not throughput
    start = time.perf_counter()
    for _ in range(args.repeat):
        for text, city, state, date in rows:
            extract(text, city=city, state=state, date=date)
    elapsed = time.perf_counter() - start
    n = len(rows) * args.repeat
    chars = sum(len(r[0]) for r in rows) * args.repeat
    print(f"{n} narratives ({chars / n:.0f} characters on average) in {elapsed:.2f} s on one core: "
          f"{n / elapsed:,.0f} narratives/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
