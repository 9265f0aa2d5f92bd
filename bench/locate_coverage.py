"""How much of the real FAA record ``geo.locate`` resolves, and how fast.

    .venv/bin/python bench/locate_coverage.py [FAA_DIR] [--narratives]

FAA_DIR defaults to $SHARED_DATA_DIR/faa_uas_sightings (or ../shared/data/...). City and State
columns are found by name (they change between releases). Prints the share of rows whose
City/State resolves and the rate in texts per second; with --narratives also locates each
narrative (with its City/State as context) and prints the methods used.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.locate import LocateError, locate
from geo.reference import ReferenceData


def _shared_data() -> Path:
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
    return Path(os.environ.get("SHARED_DATA_DIR", default))


def _rows(faa_dir: Path) -> pd.DataFrame:
    frames = []
    for path in sorted(faa_dir.glob("*.csv")):
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        city = next(c for c in df.columns if "CITY" in c.upper())
        state = next(c for c in df.columns if "STATE" in c.upper())
        text = next(
            (
                c
                for c in df.columns
                if c not in (city, state)
                and any(k in c.upper() for k in ("SUMMARY", "DESCRIPTION", "NARRATIVE", "REDACTED"))
            ),
            None,
        )
        frames.append(
            pd.DataFrame(
                {
                    "city": df[city],
                    "state": df[state],
                    "text": df[text] if text else "",
                    "file": path.name,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _run(rows: pd.DataFrame, ref: ReferenceData, *, narratives: bool) -> tuple[Counter, float]:
    methods: Counter = Counter()
    start = time.perf_counter()
    for city, state, text in zip(rows["city"], rows["state"], rows["text"], strict=True):
        try:
            found = locate(
                text.replace("_x000D_", " ") if narratives else "",
                city=city,
                state=state,
                reference=ref,
            )
            methods[found.method] += 1
        except LocateError:
            methods["unresolved"] += 1
    return methods, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "faa_dir", nargs="?", type=Path, default=_shared_data() / "faa_uas_sightings"
    )
    parser.add_argument("--narratives", action="store_true")
    args = parser.parse_args()
    airports = _shared_data() / "airports"
    t0 = time.perf_counter()
    ref = ReferenceData.from_files(
        runways_csv=airports / "ourairports_runways.csv",
        navaids_csv=airports / "ourairports_navaids.csv",
    )
    rows = _rows(args.faa_dir)
    locate("", city="TETERBORO", state="NJ", reference=ref)  # build lazy indexes once
    _ = ref.aerodromes.names
    print(f"{len(rows)} rows; reference data built in {time.perf_counter() - t0:.1f} s")
    for narratives in (False, True) if args.narratives else (False,):
        methods, seconds = _run(rows, ref, narratives=narratives)
        resolved = len(rows) - methods["unresolved"]
        label = "narrative + City/State" if narratives else "City/State"
        print(
            f"{label}: {resolved}/{len(rows)} resolved = {100 * resolved / len(rows):.2f} %"
            f" in {seconds:.1f} s = {len(rows) / seconds:,.0f} texts/s"
        )
        for method, count in methods.most_common():
            print(f"    {method:22} {count:6}  {100 * count / len(rows):5.1f} %")


if __name__ == "__main__":
    main()
