"""Where it happened, as the narrative states it: ``7 SW LAX``, ``14 ENE OF RDU``,
``3 MILE FINAL RUNWAY 25L``, ``OFF THE DEPARTURE END OF RUNWAY 19R``, ``VCNTY OQN``.

Distances without a unit are nautical miles (the FAA convention); ranges give their midpoint.
"""

from __future__ import annotations

import re

from geo.narrative.model import Position
from geo.narrative.text import BEARING, COMPASS_DEG, NUM_RANGE, Gated, compass, number_range

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
_RWY = r"(?:RUNWAY|RWY|RY)\s?(?P<rwy>\d{1,2}\s?[LRC]?)\b"
_FINAL = Gated(
    r"(?:(?P<dist>"
    + NUM_RANGE
    + r")\s?(?:-\s?)?(?:"
    + _MILES
    + r"\s?)?)?(?:LEFT |RIGHT |SHORT |A )?"
    r"FINAL(?: APPROACH)?(?: COURSE)?\s(?:(?:FOR|TO|INTO|ON|OF)\s)?(?:THE\s)?" + _RWY,
    ("FINAL",),
)
_FINAL_DIST = Gated(
    r"(?P<dist>" + NUM_RANGE + r")\s?(?:-\s?)?(?:" + _MILES + r")\s(?:FINAL|OUT)\b",
    ("FINAL", "OUT"),
)
_DEPARTURE_END = Gated(
    r"(?:(?P<dist>"
    + NUM_RANGE
    + r")\s?(?:"
    + _MILES
    + r"\s)?(?:"
    + BEARING
    + r"\s)?(?:OFF|FROM|BEYOND|"
    r"PAST|OF)\s)?(?:OFF\s)?(?:THE\s)?DEPARTURE END (?:OF\s)?(?:THE\s)?(?:"
    + _RWY[:-2]
    + r"|RUNWAY)",
    ("DEPARTURE END",),
)
_FINAL_ONLY = Gated(
    r"(?P<dist>" + NUM_RANGE + r")\s?(?:-\s?)?(?:" + _MILES + r")\s?(?:FINAL|"
    r"OUT ON FINAL)\b",
    ("FINAL",),
)
_DEPARTING = Gated(
    r"\b(?:DEPARTING|DEPARTED|DEPARTURE FROM|TAKING OFF FROM|TAKEOFF FROM|"
    r"DEPARTURE OFF)\s(?:THE\s)?(?:[A-Z]{3,4}\s)?" + _RWY,
    ("DEPART", "TAK"),
)
_VICINITY = Gated(
    r"\b(?:VCNTY|VICINITY|VC)\s(?:OF\s)?(?:THE\s)?(?:"
    + BEARING
    + r"\s)?(?P<ref>[A-Z0-9][A-Z0-9 '&./-]"
    r"{1,40}?)" + _REF_STOP,
    ("VCNTY", "VICINITY", "VC "),
)
_RWY_AIRPORT = re.compile(r"^\s*(?:,|AT|OF|INTO|TO|FROM)\s*(?P<code>[A-Z0-9]{3,4})\b(?!\s?FEET)")
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
_COORDS_DMS = re.compile(
    r"\b(?P<lat>\d{2})(?P<latm>\d{2})(?P<ns>[NS])\s?/?\s?(?P<lon>\d{2,3})"
    r"(?P<lonm>\d{2})(?P<ew>[EW])\b"
)
_COORDS_DEC = re.compile(
    r"\((?P<lat>\d{2}\.\d{2,6})\s?[/,]\s?(?P<lon>-?0?\d{2,3}\.\d{2,6})\)|"
    r"\bLAT/LONGS? (?:ARE |IS )?(?P<lat2>\d{2}\.\d{1,6})\s?/\s?(?P<lon2>-?\d{2,3}\.\d{1,6})"
)
_COORDS_HINT = re.compile(r"\d{4}[NS]|\(\d{2}\.\d|LAT/LONG")
_ANY_RUNWAY = re.compile(r"(?:RUNWAY|RWY|RY)\s?(?P<rwy>\d{1,2}\s?[LRC]?)\b")
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


def _runway_airport(after: str, context_airport: str | None) -> str:
    m = _RWY_AIRPORT.match(after)
    if m and m["code"] not in ("AND", "THE", "WHILE", "FEET"):
        return m["code"]
    return context_airport or ""


# A number followed by a compass word: where ``_OFFSET`` can start (a fast digit-led scan).
_OFFSET_HIT = re.compile(
    r"\d[\d,./]*(?:\s?(?:-|TO|T0|OR|AND)\s?\.?\d[\d,.]*)?\s?(?:[A-Z]{2,9}\s){0,2}"
    r"(?:\(S\)\s)?(?:TO THE\s)?(?:NORTH|SOUTH|EAST|WEST|[NSEW]{1,3}\b)"
)


def _offset(text: str) -> Position | None:
    starts = (
        h.start() - (1 if h.start() and text[h.start() - 1] == "." else 0)
        for h in _OFFSET_HIT.finditer(text)
    )
    hits = (_OFFSET.match(text, s) for s in starts)
    for m in (h for h in hits if h):
        bearing = compass(m["bear"])
        ref = m["ref"].strip(" .-/")
        if not bearing or not ref or ref.split()[0] in _NOT_REFS:
            continue
        if re.match(r"(?:DEPARTURE|APPROACH) END|END OF|RUNWAY|RWY|CENTER", ref):
            continue  # "1 MILE SW OF THE DEPARTURE END OF THE RUNWAY": the runway form reads it
        paren = _PAREN_CODE.match(text[m.end() :])
        written = ref
        if paren:  # "PLYMOUTH (1D2)", "TREASURE VORTAC (TRV)": the code is unambiguous
            ref = paren[1]
            if re.search(r"VOR|TACAN|NDB", written):
                written = f"{written} ({ref})"  # keep the navaid word for the locator
            else:
                written = ref
        dist = _mid(m["dist"])
        if m["unit"] and m["unit"].startswith(("SM", "STATUTE")):
            dist = round(dist * _SM_TO_NM, 2)
        if dist <= 0 or dist > 400:
            continue
        return Position(
            text=f"{dist:g} {bearing} {written}",
            kind="offset",
            reference=ref,
            distance_nm=dist,
            bearing=bearing,
            bearing_deg=COMPASS_DEG[bearing],
        )
    return None


def _runway(text: str, context_airport: str | None, everything: str = "") -> Position | None:
    m = _FINAL.search(text)
    if m:
        rwy = m["rwy"].replace(" ", "")
        dist_text = m["dist"]
        if not dist_text:
            d = _FINAL_DIST.search(text[max(0, m.start() - 30) : m.end()])
            dist_text = d["dist"] if d else None
        ref = _runway_airport(text[m.end() :], context_airport)
        dist = _mid(dist_text) if dist_text else None
        label = f"{dist_text} MILE FINAL RUNWAY {rwy}" if dist_text else f"FINAL RUNWAY {rwy}"
        return Position(
            text=f"{label} AT {ref}" if ref else label,
            kind="runway",
            reference=ref,
            distance_nm=dist,
            runway=rwy,
            runway_relation="final",
        )
    m = _FINAL_ONLY.search(text)
    if m:
        any_rwy = _ANY_RUNWAY.search(text) or _ANY_RUNWAY.search(everything)
        rwy = any_rwy["rwy"].replace(" ", "") if any_rwy else None
        ref = context_airport or ""
        label = f"{m['dist']} MILE FINAL" + (f" RUNWAY {rwy}" if rwy else "")
        return Position(
            text=f"{label} AT {ref}" if ref else label,
            kind="runway",
            reference=ref,
            distance_nm=_mid(m["dist"]),
            runway=rwy,
            runway_relation="final",
        )
    m = _DEPARTURE_END.search(text) or _DEPARTING.search(text)
    if m:
        rwy_text = m["rwy"] or ""
        if not rwy_text:
            any_rwy = _ANY_RUNWAY.search(text)
            rwy_text = any_rwy["rwy"] if any_rwy else ""
        if not rwy_text:
            return None
        rwy = rwy_text.replace(" ", "")
        dist_text = m.groupdict().get("dist")
        ref = _runway_airport(text[m.end() :], context_airport)
        label = (
            f"{dist_text} MILE OFF THE DEPARTURE END OF RUNWAY {rwy}"
            if dist_text
            else f"OFF THE DEPARTURE END OF RUNWAY {rwy}"
        )
        if ref:
            label += " AT"
        return Position(
            text=f"{label} {ref}".strip(),
            kind="runway",
            reference=ref,
            distance_nm=_mid(dist_text) if dist_text else None,
            runway=rwy,
            runway_relation="departure",
        )
    return None


def _vicinity(text: str) -> Position | None:
    m = _VICINITY.search(text)
    if not m:
        return None
    ref = m["ref"].strip(" .-/")
    if not ref or ref.split()[0] in _NOT_REFS:
        return None
    return Position(text=f"VCNTY {ref}", kind="vicinity", reference=ref)


def _over(text: str) -> Position | None:
    for m in _OVER.finditer(text):
        ref = m["code"] or m["bare"] or m["ref"]
        if not ref or ref in _SHORT_WORDS or ref.split()[0] in _NOT_REFS:
            continue
        if m["bare"] and not re.search(r"\d", ref) and len(ref) == 4:
            continue  # a four-letter word, not a code
        return Position(text=f"VCNTY {ref.strip()}", kind="vicinity", reference=ref.strip())
    return None


def _coordinates(text: str) -> Position | None:
    if not _COORDS_HINT.search(text):
        return None
    m = _COORDS_DMS.search(text)
    if m:
        lat = int(m["lat"]) + int(m["latm"]) / 60.0
        lon = int(m["lon"]) + int(m["lonm"]) / 60.0
        lat, lon = (lat if m["ns"] == "N" else -lat), (-lon if m["ew"] == "W" else lon)
    else:
        d = _COORDS_DEC.search(text)
        if not d:
            return None
        lat, lon = float(d["lat"] or d["lat2"]), float(d["lon"] or d["lon2"])
        lon = -abs(lon)  # FAA narratives write western longitudes without a sign
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return Position(
        text=f"{lat:.4f}, {lon:.4f}",
        kind="coordinates",
        reference="",
        latitude=round(lat, 5),
        longitude=round(lon, 5),
    )


def position(prelim: str, mor: str, *, context_airport: str | None = None) -> Position | None:
    """The stated position, PRELIM block first; the most specific form wins
    (distance+bearing, then runway with a distance, then vicinity, then runway without one)."""
    for block in (prelim, mor):
        if not block:
            continue
        found = _offset(block)
        if found:
            return found
        rwy = _runway(block, context_airport, f"{prelim} {mor}")
        if rwy and rwy.distance_nm is not None:
            return rwy
        vic = _vicinity(block) or _over(block)
        if vic:
            return vic
        if rwy:
            return rwy
    for block in (prelim, mor):
        coords = _coordinates(block) if block else None
        if coords:
            return coords
    return None
