"""Where it happened, as the narrative states it: ``7 SW LAX``, ``14 ENE OF RDU``,
``3 MILE FINAL RUNWAY 25L``, ``OFF THE DEPARTURE END OF RUNWAY 19R``, ``VCNTY OQN``.

Distances without a unit are nautical miles (the FAA convention); ranges give their midpoint.
"""

from __future__ import annotations

import re

from geo.narrative.model import Position
from geo.narrative.text import BEARING, COMPASS_DEG, NUM_RANGE, compass, number_range

_MILES = r"(?:NAUTICAL MILES?|STATUTE MILES?|NM|SM|MILES?|MI)"
_REF_STOP = (r"(?=\s*(?:[.,;:()\n]|$|\bAT\b|\bWHILE\b|\bAND\b|\bBOUND\b|\bHEADING\b|\bFLYING\b|"
             r"\bOPERATING\b|\bWITH\b|\bIN\b|\bON\b|\bFOR\b|\bNO\b|\bWAS\b|\bREPORTED\b|\bBELOW\b|"
             r"\bABOVE\b|\bAPPROX|\bWHEN\b|\bTHE UAS\b|\bUAS\b|\bDRONE\b|\bDESCENDING\b|\bCLIMBING\b|"
             r"\bLEVEL\b|\bOUT OF\b|\bTO\b|\bFROM\b|\bOFF\b|\bTHEN\b|\bBUT\b|\bOR\b))")
_OFFSET = re.compile(
    r"(?<![\w.,/-])(?<!RUNWAY )(?<!RWY )(?<!RY )(?<!FL)(?P<dist>" + NUM_RANGE + r")\s?(?:"
    + _MILES + r"\s)?(?:\(S\)\s)?(?:TO THE\s)?(?P<bear>" + BEARING + r")(?:\s?OF)?\s(?:THE\s)?"
    r"(?!BOUND|BOUNDED|FEET|FT\b|MILES?\b|O'CLOCK|SIDE\b|WING)(?P<ref>[A-Z0-9][A-Z0-9 '&./-]{1,60}?)"
    + _REF_STOP)
_PAREN_CODE = re.compile(r"^\s*\(([A-Z][A-Z0-9]{2,3}|[0-9][A-Z0-9]{2,3})\)")
_RWY = r"(?:RUNWAY|RWY|RY)\s?(?P<rwy>\d{1,2}\s?[LRC]?)\b"
_FINAL = re.compile(
    r"(?:(?P<dist>" + NUM_RANGE + r")\s?(?:-\s?)?(?:" + _MILES + r"\s?)?)?(?:LEFT |RIGHT |SHORT |A )?"
    r"FINAL(?: APPROACH)?(?: COURSE)?\s(?:(?:FOR|TO|INTO|ON|OF)\s)?(?:THE\s)?" + _RWY)
_FINAL_DIST = re.compile(r"(?P<dist>" + NUM_RANGE + r")\s?(?:-\s?)?(?:" + _MILES
                         + r")\s(?:FINAL|OUT)\b")
_DEPARTURE_END = re.compile(
    r"(?:(?P<dist>" + NUM_RANGE + r")\s?(?:" + _MILES + r"\s)?(?:OFF|FROM|BEYOND|PAST)\s)?"
    r"(?:OFF\s)?(?:THE\s)?DEPARTURE END (?:OF\s)?(?:THE\s)?" + _RWY)
_DEPARTING = re.compile(r"\b(?:DEPARTING|DEPARTED|DEPARTURE FROM|TAKING OFF FROM|TAKEOFF FROM|"
                        r"DEPARTURE OFF)\s(?:THE\s)?(?:[A-Z]{3,4}\s)?" + _RWY)
_VICINITY = re.compile(r"\b(?:VCNTY|VICINITY|VC)\s(?:OF\s)?(?:THE\s)?(?P<ref>[A-Z0-9][A-Z0-9 '&./-]"
                       r"{1,40}?)" + _REF_STOP)
_RWY_AIRPORT = re.compile(r"^\s*(?:,|AT|OF|INTO|TO|FROM)?\s*(?P<code>[A-Z0-9]{3,4})\b(?!\s?FEET)")
_TRIM_REF = re.compile(r"\s+(?:ARPT|AIRPORT|INTL|INTERNATIONAL)$")
_NOT_REFS = frozenset({"UAS", "UNKN", "UNKNOWN", "ACFT", "AIRCRAFT", "HIS", "HER", "THEIR", "US",
                       "THEM", "ME", "A", "ALTITUDE", "AN", "ITS", "MY", "OUR"})


def _mid(text: str) -> float:
    low, high = number_range(text)
    return round((low + high) / 2.0, 3)


def _runway_airport(after: str, context_airport: str | None) -> str:
    m = _RWY_AIRPORT.match(after)
    if m and m["code"] not in ("AND", "THE", "WHILE", "FEET"):
        return m["code"]
    return context_airport or ""


def _offset(text: str) -> Position | None:
    for m in _OFFSET.finditer(text):
        bearing = compass(m["bear"])
        ref = m["ref"].strip(" .-/")
        if not bearing or not ref or ref.split()[0] in _NOT_REFS:
            continue
        paren = _PAREN_CODE.match(text[m.end():])
        if paren and re.search(r"VOR|VORTAC|TACAN|NDB|ARPT|AIRPORT|FIELD|INTL|AAF|AFB", ref):
            ref = paren[1]
        ref = _TRIM_REF.sub("", ref) if len(ref.split()) > 1 else ref
        return Position(
            text=f"{m['dist']} {bearing} {ref}", kind="offset", reference=ref,
            distance_nm=_mid(m["dist"]), bearing=bearing, bearing_deg=COMPASS_DEG[bearing])
    return None


def _runway(text: str, context_airport: str | None) -> Position | None:
    m = _FINAL.search(text)
    if m:
        rwy = m["rwy"].replace(" ", "")
        dist_text = m["dist"]
        if not dist_text:
            d = _FINAL_DIST.search(text[max(0, m.start() - 30): m.end()])
            dist_text = d["dist"] if d else None
        ref = _runway_airport(text[m.end():], context_airport)
        dist = _mid(dist_text) if dist_text else None
        label = f"{dist_text} MILE FINAL RUNWAY {rwy}" if dist_text else f"FINAL RUNWAY {rwy}"
        return Position(text=f"{label} {ref}".strip(), kind="runway", reference=ref,
                        distance_nm=dist, runway=rwy, runway_relation="final")
    m = _DEPARTURE_END.search(text) or _DEPARTING.search(text)
    if m:
        rwy = m["rwy"].replace(" ", "")
        dist_text = m.groupdict().get("dist")
        ref = _runway_airport(text[m.end():], context_airport)
        label = (f"{dist_text} MILE OFF DEPARTURE END RUNWAY {rwy}" if dist_text
                 else f"DEPARTURE END RUNWAY {rwy}")
        return Position(text=f"{label} {ref}".strip(), kind="runway", reference=ref,
                        distance_nm=_mid(dist_text) if dist_text else None, runway=rwy,
                        runway_relation="departure")
    return None


def _vicinity(text: str) -> Position | None:
    m = _VICINITY.search(text)
    if not m:
        return None
    ref = m["ref"].strip(" .-/")
    if not ref or ref.split()[0] in _NOT_REFS:
        return None
    return Position(text=f"VCNTY {ref}", kind="vicinity", reference=ref)


def position(prelim: str, mor: str, *, context_airport: str | None = None) -> Position | None:
    """The stated position, PRELIM block first; the most specific form wins
    (distance+bearing, then runway with a distance, then vicinity, then runway without one)."""
    for block in (prelim, mor):
        if not block:
            continue
        found = _offset(block)
        if found:
            return found
        rwy = _runway(block, context_airport)
        if rwy and rwy.distance_nm is not None:
            return rwy
        vic = _vicinity(block)
        if vic:
            return vic
        if rwy:
            return rwy
    return None
