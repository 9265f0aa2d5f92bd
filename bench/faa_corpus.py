"""Corpus-wide consistency checks of ``geo.narrative.extract`` over every FAA narrative.

Run from the project root: ``.venv/bin/python bench/faa_corpus.py`` (``make accuracy`` runs it).

No labels are needed: each check compares what the extractor read with what plain patterns,
written independently of the extractor and deliberately simple, find in the same text.

* **Separation read.** Narratives whose text states a separation from the aircraft outright
  (``SEPARATION_FORMS``: "WITHIN 200 FEET", "300 FEET BELOW ACFT", "MISSED ACFT BY 50 FEET",
  "PASSED 50 FEET", "CLOSEST PROXIMITY ESTIMATED 200 FEET", "A FEW HUNDRED FEET BELOW US"):
  the share whose ``proximity_ft`` was read. Reports the extractor judges to involve no
  aircraft (a drone "WITHIN 50 FEET OF THE CONTROL TOWER") are counted too: they are misses.
* **Size read as a measure.** Reports whose altitude or proximity equals a size the text gives
  the drone ("2 FOOT BY 2 FOOT", "6 FEET IN LENGTH", "WINGSPAN OF 8 FEET").
* **Implausible values.** Altitudes above 60,000 ft or proximities above 5 NM: almost always a
  misreading (a distance or a time read as a height).
* **Encounter class per year**: the share of close encounters, which should move smoothly.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("SHARED_DATA_DIR", ROOT.parent / "shared" / "data"))
FAA = SHARED / "faa_uas_sightings"
MAX_ALTITUDE_FT = 60_000
MAX_PROXIMITY_FT = 5 * 6076  # 5 NM

# --- independent patterns -----------------------------------------------------------------
_N = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)"
_WORDS = (
    r"(?:A FEW|FEW|SEVERAL|A COUPLE(?: OF)?|COUPLE(?: OF)?|SINGLE[ -]DIGITS?|DOUBLE[ -]DIGITS?|"
    r"(?:ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|FIFTEEN|TWENTY|THIRTY|FORTY|FIFTY|"
    r"SIXTY|SEVENTY|EIGHTY|NINETY|HUNDRED)(?:[ -](?:FIVE|HUNDRED|THOUSAND))?)"
)
_HEDGE = (
    r"(?:(?:LESS THAN|UNDER|ABOUT|APPROX(?:IMATELY)?\.?|AN ESTIMATED|ESTIMATED|ROUGHLY|AROUND|"
    r"ONLY|MAYBE|NO MORE THAN)\s)?"
)
_DIGIT_LEN = (
    _N + r"(?:\s?(?:-|TO)\s?" + _N + r")?\s?(?:FEET|FOOT|FT\b|'|YARDS?\b|YDS\b|METERS?\b|METRES?\b)"
)
_WORD_LEN = _WORDS + r"\s(?:HUNDRED\s)?(?:FEET|FOOT|FT\b|YARDS?\b|METERS?\b)"
_LEN = _HEDGE + r"(?:" + _DIGIT_LEN + r"|" + _WORD_LEN + r")"
_ACFT = (
    r"(?:(?:THE|HIS|HER|THEIR|OUR|MY|BOTH|EACH|ITS|AN|A)\s)?(?:ACFT|AIRCRAFT|A/C|HELO|HELICOPTER|"
    r"PLANE|AIRPLANE|WINGS?|NOSE|COCKPIT|WINDSCREEN|WINDSHIELD|HIM|HER|US|THEM|ME|IT|UAS|DRONE|"
    r"TAIL|ROTOR|LEFT|RIGHT|FLIGHT ?PATH)\b"
)
_CLAUSE_END = r"(?=\s?(?:[.,;]|$|WHILE\b|AND\b|AT\b|THEN\b))"
_NOT_A_PLACE = (
    r"(?!\s(?:OF\s)?(?:THE\s)?(?:GROUND|SURFACE|WATER|TREES?|TERRAIN|RUNWAY|RWY|BUILDINGS?|"
    r"DEPARTURE END|APPROACH END|FIELD|ARPT|AIRPORT|THRESHOLD|HOUSE|ROOF|SHORE|TOWER|"
    r"CENTER ?LINE|EXTENDED|COURSE|AGL|MSL|ALTITUDE)\b)"
)
_RELATION = (
    r"(?:DIRECTLY\s|JUST\s|STRAIGHT\s)?(?:BELOW|ABOVE|UNDER|UNDERNEATH|BENEATH|OVERHEAD|OFF(?: OF)?|"
    r"FROM|IN FRONT(?: OF)?|AHEAD(?: OF)?|BEHIND|AWAY(?: FROM)?|LATERALLY|LATERAL|HORIZONTALLY|"
    r"VERTICALLY|(?:OF )?SEPARATION(?: FROM)?|LEFT OF|RIGHT OF|TO THE (?:LEFT|RIGHT)(?: OF)?|"
    r"ON THE (?:LEFT|RIGHT)(?: OF)?)"
)
SEPARATION_FORMS: dict[str, re.Pattern[str]] = {
    "n FEET BELOW/OFF/FROM the aircraft": re.compile(
        _LEN + r"\s" + _RELATION + r"(?:\s" + _ACFT + r"|" + _CLAUSE_END + r")"
    ),
    "WITHIN n FEET": re.compile(r"\bWITHIN\s" + _LEN + _NOT_A_PLACE),
    "MISSED/PASSED ... BY n FEET": re.compile(
        r"\b(?:MISSED|MISSING|MISS|CLEARED|CLEARING|PASSED|PASSING|PASS|CAME|COMING)\b"
        r"[^.]{0,40}?\bBY\s" + _LEN
    ),
    "PASSED n FEET": re.compile(
        r"\b(?:PASSED|PASSING|PASS|MISSED|MISSING|CAME|CLEARED)\s" + _LEN + _NOT_A_PLACE
    ),
    "PROXIMITY/CLOSEST ... n FEET": re.compile(
        r"\b(?:PROXIMITY|SEPARATION|CLOSEST(?: POINT| APPROACH)?)\b[^.]{0,30}?"
        r"\b(?:WAS|OF|ESTIMATED|IS|BY|BEING)\s" + _LEN + _NOT_A_PLACE
    ),
}
_WORD_NUMBER = re.compile(_WORD_LEN)

_SIZE_NUM = r"\d+(?:\.\d+)?(?:\s?(?:-|TO)\s?\d+(?:\.\d+)?)?"
_SIZE_UNIT = (
    r"(?:FEET|FOOT|FT\b|'|INCH(?:ES)?\b|IN\b(?=\s?(?:X|BY|WIDE|LONG|TALL|DIAM|ACROSS))|\"|"
    r"METERS?\b|M\b)"
)
_DIMENSION = (
    r"(?:IN\s)?(?:WIDE|LONG|TALL|ACROSS|DIAMETER|WINGSPAN|WING ?SPAN|LENGTH|LENTH|WIDTH|HEIGHT|"
    r"IN SIZE|SQUARE|DIA\b)"
)
SIZE = re.compile(
    r"(?<![\d.,])(?P<a>" + _SIZE_NUM + r")\s?(?P<u>" + _SIZE_UNIT + r")\s?(?:" + _DIMENSION
    + r"|(?:BY|X)\s?\d)"
    r"|(?<![\d.,])(?P<c>\d+(?:\.\d+)?)\s?X\s?\d+(?:\.\d+)?\s?(?P<w>" + _SIZE_UNIT + r")?\s?"
    r"(?:UAS|DRONE|QUAD|OBJECT|" + _DIMENSION + r")"
    r"|(?:SIZE|DIAMETER|WINGSPAN|WING SPAN|MEASURING|DIMENSIONS?)\s(?:OF|WAS|IS|ESTIMATED(?: AT)?|"
    r"APPEARED TO BE|ABOUT|APPROX(?:IMATELY)?\.?|AROUND|ROUGHLY)\s(?:(?:ABOUT|APPROX(?:IMATELY)?\.?|"
    r"AROUND|ROUGHLY)\s)?(?P<b>" + _SIZE_NUM + r")\s?(?P<v>" + _SIZE_UNIT + r")"
)  # fmt: skip


def _size_feet(number: str, unit: str | None) -> set[int]:
    parts = [float(p) for p in re.split(r"\s?(?:-|TO)\s?", number) if p]
    unit = unit or "FEET"
    factor = 1 / 12 if unit.startswith(("INCH", "IN", '"')) else 1.0
    factor = 3.28084 if unit.startswith("M") else factor
    lo, hi = parts[0], parts[-1]
    return {round(lo * factor), round(hi * factor), round((lo + hi) / 2 * factor)}


def stated_sizes(text: str) -> set[int]:
    """Every size the text gives the drone, in whole feet (both ends and the middle of ranges)."""
    out: set[int] = set()
    for m in SIZE.finditer(text):
        out |= _size_feet(m["a"] or m["b"] or m["c"], m["u"] or m["v"] or m["w"])
    out.discard(0)
    return out


def separation_forms(text: str) -> list[str]:
    """Names of the ``SEPARATION_FORMS`` that occur in ``text`` (upper case, one space)."""
    return [name for name, rx in SEPARATION_FORMS.items() if rx.search(text)]


# --- the run ------------------------------------------------------------------------------


@dataclass
class CorpusChecks:
    narratives: int = 0
    separation_stated: Counter[str] = field(default_factory=Counter)
    separation_read: Counter[str] = field(default_factory=Counter)
    size_as_measure: list[str] = field(default_factory=list)
    altitude_too_high: list[str] = field(default_factory=list)
    proximity_too_far: list[str] = field(default_factory=list)
    per_year: dict[str, Counter[str]] = field(default_factory=dict)

    def share_read(self, form: str = "any") -> tuple[int, int]:
        return self.separation_read[form], self.separation_stated[form]


def corpus_rows(folder: Path = FAA) -> list[dict[str, Any]]:
    """Every row of every release, as ``geo.faa.release.read_releases`` reads it."""
    from geo.faa.release import read_releases

    rows = read_releases(sorted(folder.glob("*.csv")))
    return [{str(k): v for k, v in row.items()} for row in rows.to_dict("records")]


def _flat(text: str) -> str:
    return " ".join(text.upper().replace("_X000D_", " ").split())


def run_checks(rows: Iterable[dict[str, Any]], extractor: Callable[..., Any]) -> CorpusChecks:
    out = CorpusChecks()
    for row in rows:
        narrative = row["narrative"] if isinstance(row["narrative"], str) else ""
        city, state = row.get("city") or "", row.get("state") or ""
        ex = extractor(narrative, city=city, state=state)
        out.narratives += 1
        where = f"{row['source_file'][:7]}#{row['source_row']}"
        flat = _flat(narrative)
        forms = separation_forms(flat)
        if _WORD_NUMBER.search(flat) and forms:
            forms.append("number words")
        sizes = stated_sizes(flat)
        # A size read as the separation ("1 FOOT BY 1 FOOT ... WITHIN 500 FEET") is not a read.
        read = ex.proximity_ft is not None and ex.proximity_ft not in sizes
        for form in [*forms, "any"] if forms else []:
            out.separation_stated[form] += 1
            out.separation_read[form] += read
        if sizes and (ex.altitude_ft in sizes or ex.proximity_ft in sizes):
            out.size_as_measure.append(where)
        if ex.altitude_ft is not None and ex.altitude_ft > MAX_ALTITUDE_FT:
            out.altitude_too_high.append(f"{where} {ex.altitude_ft} ft")
        if ex.proximity_ft is not None and ex.proximity_ft > MAX_PROXIMITY_FT:
            out.proximity_too_far.append(f"{where} {ex.proximity_ft} ft")
        year = str(row.get("date") or "")[:4]
        if year:
            out.per_year.setdefault(year, Counter())[ex.encounter_class] += 1
    return out


def report(checks: CorpusChecks, *, title: str = "", examples: int = 0) -> list[str]:
    """The checks as printable lines."""
    lines = [f"corpus checks{title}: {checks.narratives} narratives"]
    read, stated = checks.share_read()
    lines.append(
        f"  explicit separation wording: proximity read in {read} / {stated} "
        f"({read / max(stated, 1):.1%})"
    )
    for form in [*SEPARATION_FORMS, "number words"]:
        r, s = checks.share_read(form)
        lines.append(f"    {form:<38}{r:>6} / {s:<6}{r / max(s, 1):>7.1%}")
    lines.append(f"  altitude or proximity equal to a stated size: {len(checks.size_as_measure)}")
    lines.append(
        f"  altitude > {MAX_ALTITUDE_FT:,} ft: {len(checks.altitude_too_high)}; "
        f"proximity > 5 NM: {len(checks.proximity_too_far)}"
    )
    for name, items in (
        ("size read as a measure", checks.size_as_measure),
        ("altitude too high", checks.altitude_too_high),
        ("proximity too far", checks.proximity_too_far),
    ):
        if examples and items:
            lines.append(f"    {name}: " + ", ".join(items[:examples]))
    lines.append("  close encounters per year: " + _years(checks.per_year))
    return lines


def _years(per_year: dict[str, Counter[str]]) -> str:
    parts = []
    for year in sorted(per_year):
        counts = per_year[year]
        total = sum(counts.values())
        parts.append(f"{year} {counts['close_encounter'] / max(total, 1):.1%}")
    return ", ".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10, help="row ids shown per check")
    args = parser.parse_args(argv)
    from geo.narrative import extract

    print("\n".join(report(run_checks(corpus_rows(), extract), examples=args.examples)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
