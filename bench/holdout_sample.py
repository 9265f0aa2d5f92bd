"""Draw the held-out FAA evaluation sample: 300 rows uniformly at random, fixed seed.

Run from the project root: ``.venv/bin/python bench/holdout_sample.py [--out FILE]``.

Every report row of all releases in ``../shared/data/faa_uas_sightings/*.csv`` (skipped rows and
word-for-word repeats excluded) is a candidate, except the rows at the (file, row) positions of the
204 development rows in ``tests/data/faa_labels.jsonl``. The sample is drawn with
``numpy.random.default_rng(SEED)`` so it is the same on every machine.

The development labels number rows one lower than ``read_release`` does in some files, so that
exclusion missed four development reports; they are dropped after the draw (a sampled narrative
of the same day at least 90 % similar to a development narrative is the same report, possibly from another
release), leaving 296 rows. The labels for them live in ``tests/data/faa_labels_holdout.jsonl``
and were written by two people reading each narrative, without running the extractor, before the
extractor was changed against them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.faa.release import read_releases  # noqa: E402

SHARED = Path(os.environ.get("SHARED_DATA_DIR", ROOT.parent / "shared" / "data"))
DEV_LABELS = ROOT / "tests" / "data" / "faa_labels.jsonl"
SEED = 20261204
SIZE = 300
SAME_REPORT = 90.0  # rapidfuzz ratio at or above which two same-day narratives are one report


def dev_reports() -> dict[dt.date, list[str]]:
    """The development rows' narratives by date (their dates are written in several formats)."""
    by_date: dict[dt.date, list[str]] = {}
    with DEV_LABELS.open(encoding="utf-8") as fh:
        for row in map(json.loads, filter(str.strip, fh)):
            by_date.setdefault(pd.to_datetime(row["date"]).date(), []).append(row["narrative"])
    return by_date


def is_dev_report(date: object, narrative: str, dev: dict[dt.date, list[str]]) -> bool:
    same_day = dev.get(pd.to_datetime(str(date)).date(), [])
    return (
        process.extractOne(narrative, same_day, scorer=fuzz.ratio, score_cutoff=SAME_REPORT)
        is not None
    )


def candidates() -> list[dict[str, object]]:
    paths = sorted((SHARED / "faa_uas_sightings").glob("*.csv"))
    rows = read_releases(paths)
    rows = rows[(rows["skip_reason"] == "") & (rows["narrative"] != "")]
    rows = rows.drop_duplicates("dedupe_key")
    with DEV_LABELS.open(encoding="utf-8") as fh:
        dev = {(r["file"], r["row"]) for r in map(json.loads, filter(str.strip, fh))}
    keep = [(f, r) not in dev for f, r in zip(rows["source_file"], rows["source_row"], strict=True)]
    return [{str(k): v for k, v in row.items()} for row in rows[keep].to_dict("records")]


def draw(records: list[dict[str, object]]) -> list[dict[str, object]]:
    picked = np.random.default_rng(SEED).choice(len(records), size=SIZE, replace=False)
    dev = dev_reports()
    out = []
    for i in sorted(picked):
        r = records[i]
        if is_dev_report(r["date"], str(r["narrative"]), dev):
            continue
        date = r["date"]
        time = r["local_time"]
        stamp = f"{date} {time}" if time is not None else f"{date}"
        out.append(
            {
                "file": r["source_file"],
                "row": int(r["source_row"]),
                "narrative": r["narrative"],
                "city": r["city"],
                "state": r["state"],
                "date": stamp,
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    records = candidates()
    sample = draw(records)
    text = "".join(json.dumps(r) + "\n" for r in sample)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    print(f"{len(sample)} of {len(records)} candidate rows (seed {SEED})", file=sys.stderr)


if __name__ == "__main__":
    main()
