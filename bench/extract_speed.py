"""Throughput of ``geo.narrative.extract`` on every real FAA narrative, on one core.

Run from the project root: ``.venv/bin/python bench/extract_speed.py [--repeat N]``
(``taskset -c 0`` pins it to one core). Reads ``../shared/data/faa_uas_sightings/*.csv``
(column names vary by release: the narrative is the column whose name holds NARRATIVE,
SUMMARY, DESCRIPTION or REDACTED).

The machine is shared, so narratives/s alone moves with other people's load. Each pass also
times, interleaved with extraction in chunks of 200 rows so that a burst of load lands on all
of them alike:

* a fixed raw baseline over the same narratives (``str.upper()`` plus one precompiled
  ``\\bUAS\\b`` search: the floor any regex extractor pays);
* the extractor as it was before issue 11 (``bench/baseline_extractor.py``: ``geo/narrative``
  at a fixed commit, taken from git history into a temporary package). Targets: at least
  2,000 narratives/s on one core, and at least 80 % of the old extractor's throughput
  measured in the same run. Without git history that comparison is skipped with a message.

Best-of and median are printed; the exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from baseline_extractor import baseline_extract  # noqa: E402

from geo.narrative import extract  # noqa: E402

FAA = Path(os.environ.get("SHARED_DATA_DIR", ROOT.parent / "shared" / "data")) / "faa_uas_sightings"
_NARRATIVE = re.compile(r"NARRATIVE|SUMMARY|DESCRIPTION|REDACTED", re.I)
_BASELINE_RX = re.compile(r"\bUAS\b")


def _column(header: Sequence[str], pattern: str) -> str | None:
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
                rows.append(
                    (
                        row.get(text) or "",
                        row.get(city or "") or "",
                        row.get(state or "") or "",
                        row.get(date or "") or "",
                    )
                )
    return rows


MIN_RATE = 2000.0  # narratives per second on one core
MIN_RELATIVE = 0.8  # of the old extractor's throughput, same run


def _timed_pass(
    rows: list[tuple[str, str, str, str]], old: Callable[..., object] | None, chunk: int = 200
) -> tuple[float, float, float]:
    """(baseline seconds, extract seconds, old-extractor seconds) for one pass. The three
    alternate every ``chunk`` rows so that a burst of someone else's load lands on all."""
    search = _BASELINE_RX.search
    clock = time.perf_counter
    base = spent = before = 0.0
    for lo in range(0, len(rows), chunk):
        part = rows[lo : lo + chunk]
        t0 = clock()
        for text, _city, _state, _date in part:
            search(text.upper())
        t1 = clock()
        for text, city, state, date in part:
            extract(text, city=city, state=state, date=date)
        t2 = clock()
        if old is not None:
            for text, city, state, date in part:
                old(text, city=city, state=state, date=date)
        t3 = clock()
        base += t1 - t0
        spent += t2 - t1
        before += t3 - t2
    return base, spent, before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the corpus")
    args = parser.parse_args()
    rows = narratives()
    if not rows:
        print(f"no narratives found under {FAA}", file=sys.stderr)
        return 1
    old, note = baseline_extract()
    print(note)
    extract(rows[0][0])  # warm up: imports and regex compilation are not throughput
    if old is not None:
        old(rows[0][0])
    n = len(rows)
    chars = sum(len(r[0]) for r in rows)
    rates: list[float] = []
    ratios: list[float] = []
    relative: list[float] = []
    for i in range(args.repeat):
        base, elapsed, before = _timed_pass(rows, old)
        rates.append(n / elapsed)
        ratios.append(base / elapsed)  # extract throughput / baseline throughput
        line = (
            f"pass {i + 1}: {n / elapsed:,.0f} narratives/s, baseline {n / base:,.0f}/s, "
            f"ratio {1000 * base / elapsed:.2f}e-3"
        )
        if old is not None:
            relative.append(before / elapsed)
            line += f"; old extractor {n / before:,.0f}/s, new/old {before / elapsed:.2f}"
        print(line, flush=True)
    rate = statistics.median(rates)
    print(
        f"{n} narratives ({chars / n:.0f} characters on average), {args.repeat} passes on one "
        f"core: best {max(rates):,.0f} narratives/s, median {rate:,.0f}; "
        f"ratio to baseline best {1000 * max(ratios):.2f}e-3, "
        f"median {1000 * statistics.median(ratios):.2f}e-3"
    )
    failed = rate < MIN_RATE
    print(f"target >= {MIN_RATE:,.0f} narratives/s: {'met' if not failed else 'MISSED'}")
    if relative:
        rel = statistics.median(relative)
        failed |= rel < MIN_RELATIVE
        print(
            f"new extractor at {rel:.0%} of the old one's throughput (median of passes; "
            f"target >= {MIN_RELATIVE:.0%}): {'met' if rel >= MIN_RELATIVE else 'MISSED'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
