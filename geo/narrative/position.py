"""Where it happened, as the narrative states it: ``7 SW LAX``, ``14 ENE OF RDU``,
``3 MILE FINAL RUNWAY 25L``, ``OFF THE DEPARTURE END OF RUNWAY 19R``, ``VCNTY OQN``.

Distances without a unit are nautical miles (the FAA convention); ranges give their midpoint.
"""

from __future__ import annotations

import re

from geo.geodesy import COMPASS16
from geo.narrative.coordinates import coordinates
from geo.narrative.model import Found, Position
from geo.narrative.runway import runway
from geo.narrative.text import (
    BEARING,
    COMPASS_DEG,
    NUM_RANGE,
    Gated,
    compass,
    number_range,
)

_MILES = r"(?:NAUTICAL MILES?|STATUTE MILES?|NM|SM|MILES?|MI)"
_REF_STOP = (
    r"(?=\s*(?:[.,;:()\n]|$|\bAT\b|\bWHILE\b|\bAND\b|\bBOUND\b|\bHEADING\b|\bFLYING\b|"
    r"\bOPERATING\b|\bWITH\b|\bIN\b|\bON\b|\bFOR\b|\bNO\b|\bWAS\b|\bREPORTED\b|\bBELOW\b|"
    r"\bABOVE\b|\bAPPROX|\bWHEN\b|\bTHE UAS\b|\bUAS\b|\bDRONE\b|\bDESCENDING\b|\bCLIMBING\b|"
    r"\bLEVEL\b|\bOUT OF\b|\bTO\b|\bFROM\b|\bOFF\b|\bTHEN\b|\bBUT\b|\bOR\b|\bOBSERVED\b|"
    r"\bSAW\b|\bSPOTTED\b|\bSIGHTED\b|\bELEVATION\b|\bPASSING\b|\bHEADED\b|\bMOVING\b|"
    r"\bNORTHBOUND|\bSOUTHBOUND|\bEASTBOUND|\bWESTBOUND|\bINBOUND|\bOUTBOUND|\bBETWEEN\b))"
)
_OFFSET = re.compile(
    r"(?<![\w.,/-])(?<!RUNWAY )(?<!RWY )(?<!RY )(?<!FL)(?P<dist>"
    + NUM_RANGE
    + r")\s?(?:"
    + r"(?P<unit>"
    + _MILES[3:-1]
    + r")\s)?(?:\(S\)\s)?(?:TO THE\s)?(?P<bear>"
    + BEARING
    + r")(?:\s?OF)?\s(?:THE\s)?"
    r"(?!BOUND|BOUNDED|FEET|FT\b|MILES?\b|O'CLOCK|SIDE\b|WING)(?P<ref>[A-Z0-9][A-Z0-9 '&./-]{1,60}?)"
    + _REF_STOP
)
_PAREN_CODE = re.compile(r"^\s*\(([A-Z][A-Z0-9]{2,3}|[0-9][A-Z0-9]{2,3})\)")
_VICINITY = Gated(
    r"\b(?:VCNTY|VICINITY|VC)\s(?:OF\s)?(?:THE\s)?(?:"
    + BEARING
    + r"\s)?(?P<ref>[A-Z0-9][A-Z0-9 '&./-]"
    r"{1,40}?)" + _REF_STOP,
    ("VCNTY", "VICINITY", "VC "),
)
_NOT_REFS = frozenset(
    {
        "UAS",
        "UNKN",
        "UNKNOWN",
        "ACFT",
        "AIRCRAFT",
        "HIS",
        "HER",
        "THEIR",
        "US",
        "THEM",
        "ME",
        "A",
        "ALTITUDE",
        "AN",
        "ITS",
        "MY",
        "OUR",
        "AT",
        "DEPARTURE",
        "APPROACH",
        "RUNWAY",
        "RWY",
        "FINAL",
        "CENTERLINE",
        "COURSE",
        "POSITION",
        "EXTENDED",
        "THRESHOLD",
        "JUST",
        "WHILE",
        "AND",
        "SIDE",
    }
)
_SM_TO_NM = 0.868976
_OVER = Gated(
    r"\b(?:OVERHEAD|OVER|NEAR|ABOVE)\s(?:THE\s)?(?P<ref>(?:[A-Z][A-Z'-]*\s){0,4}?"
    r"(?:ARPT|AIRPORT|FIELD)(?:\s\((?P<code>[A-Z0-9]{3,4})\))?|(?P<bare>[A-Z][A-Z0-9]{2,3}|"
    r"[0-9][A-Z][0-9A-Z]{1,2})\b(?!\s(?:FEET|FT)))",
    ("OVER", "NEAR", "ABOVE"),
)
_SHORT_WORDS = frozenset(
    {
        "THE",
        "HIS",
        "HER",
        "ITS",
        "HIM",
        "AND",
        "ACFT",
        "UAS",
        "RWY",
        "TWO",
        "ONE",
        "FOUR",
        "FIVE",
        "AREA",
        "LAKE",
        "CITY",
        "TOWN",
        "HOME",
        "PARK",
        "WING",
        "NOSE",
        "TOP",
        "SAME",
        "FROM",
        "WITH",
        "LEFT",
        "ROOF",
        "HILL",
        "DOWN",
        "THEM",
        "TREE",
        "TOWER",
        "WATER",
        "BEACH",
        "ROAD",
        "DAM",
        "BAY",
    }
)


def _mid(text: str) -> float:
    low, high = number_range(text)
    return round((low + high) / 2.0, 3)


# A number followed by a compass word: where ``_OFFSET`` can start (a fast digit-led scan).
_OFFSET_HIT = re.compile(
    r"\d[\d,./]*(?:\s?(?:-|TO|T0|OR|AND)\s?\.?\d[\d,.]*)?\s?(?:[A-Z]{2,9}\s){0,2}"
    r"(?:\(S\)\s)?(?:TO THE\s)?(?:NORTH|SOUTH|EAST|WEST|[NSEW]{1,3}\b)"
)


def _offset_position(m: re.Match[str], text: str) -> Position | None:
    bearing = compass(m["bear"])
    ref = m["ref"].strip(" .-/")
    if not bearing or not ref or ref.split()[0] in _NOT_REFS:
        return None
    if re.match(r"(?:DEPARTURE|APPROACH) END|END OF|RUNWAY|RWY|CENTER", ref):
        return None  # "1 MILE SW OF THE DEPARTURE END OF THE RUNWAY": the runway form reads it
    paren = _PAREN_CODE.match(text[m.end() :])
    written = ref
    if paren:  # "PLYMOUTH (1D2)", "TREASURE VORTAC (TRV)": the code is unambiguous
        ref = paren[1]
        # keep the navaid word for the locator
        written = f"{written} ({ref})" if re.search(r"VOR|TACAN|NDB", written) else ref
    dist = _mid(m["dist"])
    if m["unit"] and m["unit"].startswith(("SM", "STATUTE")):
        dist = round(dist * _SM_TO_NM, 2)
    if dist <= 0 or dist > 400:
        return None
    return Position(
        text=f"{dist:g} {bearing} {written}",
        kind="offset",
        reference=ref,
        distance_nm=dist,
        bearing=bearing,
        bearing_deg=COMPASS_DEG[bearing],
    )


def _offset(text: str) -> Found | None:
    for h in _OFFSET_HIT.finditer(text):
        start = h.start() - (1 if h.start() and text[h.start() - 1] == "." else 0)
        m = _OFFSET.match(text, start)
        if m is None:
            continue
        found = _offset_position(m, text)
        if found:
            return found, m.start(), m.end()
    return None


# Radial/DME fixes: "ATL125011" and "FPR210/007" are 11 NM on the 125-degree radial of ATL
# and 7 NM on the 210 radial of FPR. A radial is magnetic: ``bearing_deg`` keeps the written
# degrees and ``geo.locate`` (which reads the same text) widens its uncertainty for variation.
_RADIAL = Gated(
    r"(?<![A-Z0-9])(?P<ref>[A-Z]{3})\s?(?P<brg>[0-3]\d{2})\s?/?\s?(?P<d>\d{3})(?![\d/-])",
    ("0", "1", "2", "3"),
)


_HAS_RADIAL = re.compile(r"\d{6}|\d{3} ?/ ?\d{3}")


def _radial(text: str) -> Found | None:
    if not _HAS_RADIAL.search(text):
        return None
    for m in _RADIAL.finditer(text):
        brg, dist = int(m["brg"]), int(m["d"])
        if brg > 360 or not 0 < dist <= 250 or m["ref"] in _NOT_RADIAL:
            continue
        name = COMPASS16[round(brg / 22.5) % 16]
        found = Position(
            text=f"{m['ref']}{brg:03d}{dist:03d}",
            kind="offset",
            reference=m["ref"],
            distance_nm=float(dist),
            bearing=name,
            bearing_deg=float(brg % 360),
        )
        return found, m.start(), m.end()
    return None


_NOT_RADIAL = frozenset({"FLT", "RWY", "HDG", "FOR", "AND", "THE", "ALT", "CRJ", "UAS", "ACT"})


def _vicinity(text: str) -> Found | None:
    m = _VICINITY.search(text)
    if not m:
        return None
    ref = m["ref"].strip(" .-/")
    if not ref or ref.split()[0] in _NOT_REFS:
        return None
    return Position(text=f"VCNTY {ref}", kind="vicinity", reference=ref), m.start(), m.end()


def _over(text: str) -> Found | None:
    for m in _OVER.finditer(text):
        ref = m["code"] or m["bare"] or m["ref"]
        if not ref or ref in _SHORT_WORDS or ref.split()[0] in _NOT_REFS:
            continue
        if m["bare"] and not re.search(r"\d", ref) and len(ref) == 4:
            continue  # a four-letter word, not a code
        ref = ref.strip()
        return Position(text=f"VCNTY {ref}", kind="vicinity", reference=ref), m.start(), m.end()
    return None


def _in_block(block: str, context_airport: str | None, everything: str) -> Found | None:
    """The most specific form in one block: distance+bearing or radial/DME, then runway with a
    distance, then vicinity, then runway without one."""
    found = _offset(block) or _radial(block)
    if found:
        return found
    rwy = runway(block, context_airport, everything)
    if rwy and rwy[0].distance_nm is not None:
        return rwy
    return _vicinity(block) or _over(block) or rwy


def position_found(
    prelim: str, mor: str, *, context_airport: str | None = None
) -> tuple[Position | None, tuple[int, int, int] | None]:
    """The stated position, PRELIM block first, and where it was read: (block, start, end)
    with block 0 for PRELIM and 1 for MOR."""
    for i, block in enumerate((prelim, mor)):
        found = _in_block(block, context_airport, f"{prelim} {mor}") if block else None
        if found:
            return found[0], (i, found[1], found[2])
    for i, block in enumerate((prelim, mor)):
        found = coordinates(block) if block else None
        if found:
            return found[0], (i, found[1], found[2])
    return None, None


def position(prelim: str, mor: str, *, context_airport: str | None = None) -> Position | None:
    """The stated position (see ``position_found``)."""
    return position_found(prelim, mor, context_airport=context_airport)[0]
