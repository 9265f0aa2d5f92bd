"""Published analyses of the FAA record, reproduced with ``geo.narrative.extract``.

Run from the project root: ``.venv/bin/python bench/published_analyses.py`` (``make accuracy``
runs it). Each figure is printed beside the published one; the README explains the gaps.

* **AMA**, analysis of the FAA's August 21, 2015 – January 31, 2016 release (March 2016):
  582 records; pilots took evasive action in 14 (2.4 %); 38 reports of drones at or below
  400 ft; 3.3 % with explicit near-miss or close-call notations.
* **Bard College**, Center for the Study of the Drone, "Drone Sightings and Close Encounters:
  An Analysis" (Gettinger and Holland Michel, December 2015): 921 incidents from 17 December
  2013 to 12 September 2015 (FAA records plus Department of the Interior reports); 327
  (35.5 %) close encounters — within 500 ft, a declared NMAC, evasive action, or language
  such as "almost hit" — 158 within 200 ft, 51 within 50 ft, 28 with evasive manoeuvres.
  The shared FAA releases start on 13 November 2014, so only the overlap (13 November 2014 –
  12 September 2015) can be reproduced; Bard's figures cover the whole period.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

AMA_RELEASE = "2015-08_2016-01"
AMA = {"records": 582, "evasive": 14, "at or below 400 ft": 38, "NMAC/near miss": 19}
BARD_FROM, BARD_TO = "2013-12-17", "2015-09-12"
BARD = {
    "records": 921,
    "close encounters": 327,
    "within 200 ft": 158,
    "within 50 ft": 51,
    "evasive": 28,
}


def _counts(rows: list[dict[str, Any]], extractor: Callable[..., Any]) -> dict[str, int]:
    out = dict.fromkeys(
        ("records", "evasive", "at or below 400 ft", "NMAC/near miss", "close encounters"), 0
    )
    out |= {"within 200 ft": 0, "within 50 ft": 0, "no aircraft": 0}
    for row in rows:
        ex = extractor(row["narrative"] or "", city=row["city"] or "", state=row["state"] or "")
        prox = ex.proximity_ft
        out["records"] += 1
        out["evasive"] += ex.evasive_action == "yes"
        out["at or below 400 ft"] += ex.altitude_ft is not None and ex.altitude_ft <= 400
        out["NMAC/near miss"] += ex.nmac
        out["close encounters"] += ex.encounter_class == "close_encounter"
        out["within 200 ft"] += prox is not None and prox <= 200
        out["within 50 ft"] += prox is not None and prox <= 50
        out["no aircraft"] += not ex.aircraft_involved
    return out


def _reports(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Report rows only: no "DUPLICATE RECORD" row, no word-for-word repeat."""
    seen: set[str] = set()
    out = []
    for row in rows:
        if row["skip_reason"] or row["dedupe_key"] in seen:
            continue
        seen.add(row["dedupe_key"])
        out.append(row)
    return out


def _line(name: str, published: int | None, ours: int, total: int, base: int) -> str:
    pub = f"{published} ({published / base:.1%})" if published is not None else "-"
    return f"  {name:<22}{pub:>16}{f'{ours} ({ours / max(total, 1):.1%})':>16}"


def report(corpus: list[dict[str, Any]], extractor: Callable[..., Any]) -> list[str]:
    rows = _reports(corpus)
    ama_rows = [r for r in rows if str(r["source_release"]) == AMA_RELEASE]
    ama = _counts(ama_rows, extractor)
    lines = [
        f"AMA, release {AMA_RELEASE} ({len(ama_rows)} report rows here)",
        f"  {'':<22}{'published':>16}{'reproduced':>16}",
    ]
    for key in ("records", "evasive", "at or below 400 ft", "NMAC/near miss"):
        lines.append(_line(key, AMA[key], ama[key], ama["records"], AMA["records"]))
    overlap = [r for r in rows if r["date"] is not None and str(r["date"]) <= BARD_TO]
    bard = _counts(overlap, extractor)
    first = min(str(r["date"]) for r in overlap) if overlap else "-"
    lines += [
        f"\nBard College, {BARD_FROM} to {BARD_TO}; reproducible overlap {first} to {BARD_TO}",
        f"  {'':<22}{'published':>16}{'overlap here':>16}",
    ]
    for key in ("records", "close encounters", "within 200 ft", "within 50 ft", "evasive"):
        lines.append(_line(key, BARD[key], bard[key], bard["records"], BARD["records"]))
    lines.append(_line("no aircraft involved", None, bard["no aircraft"], bard["records"], 1))
    return lines


def main() -> int:
    from faa_corpus import corpus_rows

    from geo.narrative import extract

    print("\n".join(report(corpus_rows(), extract)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
