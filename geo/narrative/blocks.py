"""Splitting an FAA narrative into its PRELIM block and its appended MOR block, and reading
the header (``CITY, ST/UAS INCIDENT/1857P/LAX ATCT ADVISED ...``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.narrative.spans import TextMap, sub_mapped

_MOR_START = re.compile(r"(?:\bUAS )?\bMOR ALERT\b|^\s*SUMMARY:", re.M)
_PRELIM_PREFIX = re.compile(
    r"\b(?:PRELIM(?:INARY)?|FOLLOW[- ]?UP|UPDATE[D]?|CLOSE[- ]?OUT|CORRECTION)\s+INFO(?:RMATION)?"
    r"\s+FROM\s+FAA\s+OPS\s*:?\s*"
)
_MOR_NOISE = re.compile(r"^\s*(?:TYPE|NUMBER):.*$", re.M)  # "Type: ... pilot reported NMACs"
_MOR_AC = re.compile(r"\bA/C:?\s*([^\n]*)")
_MOR_TIME = re.compile(r"DATE/TIME:[^\n]*?\b(\d{4})Z\b")
_MOR_FOR = re.compile(r"MOR ALERT FOR ([A-Z0-9]{2,4})\b")
_HEADER = re.compile(
    r"^\s*(?P<loc>[^\n]{2,60}?)\s*/\s*(?P<event>[A-Z][A-Z -]{2,40}?)\s*/\s*"
    r"(?P<late>[^/\n]{0,30}?)(?P<time>[0-2]\d[0-5]\d)\s?(?P<zone>[ECPMLAH])\b(?:[^/\n]{0,25}/)?"
)
_HEADER_LOOSE = re.compile(r"^\s*(?P<loc>[^/\n]{2,60}?)\s*/\s*(?P<event>[A-Z][A-Z -]{2,40}?)\s*/")
_TIME_ANYWHERE = re.compile(
    r"/\s*(?:LATE REPORT\s*-?\s*(?:\d{1,2}-\d{1,2}\s+)?)?"
    r"([0-2]\d[0-5]\d)\s?([ECPMLAH])\b"
)

ZONES = {
    "E": "America/New_York",
    "C": "America/Chicago",
    "M": "America/Denver",
    "P": "America/Los_Angeles",
    "A": "America/Anchorage",
    "H": "Pacific/Honolulu",
}
_LOCAL_ZONES = {
    "AK": "America/Anchorage",
    "ALASKA": "America/Anchorage",
    "HI": "Pacific/Honolulu",
    "HAWAII": "Pacific/Honolulu",
    "PR": "America/Puerto_Rico",
    "PUERTO RICO": "America/Puerto_Rico",
    "VI": "America/St_Thomas",
    "VIRGIN ISLANDS": "America/St_Thomas",
    "GU": "Pacific/Guam",
    "GUAM": "Pacific/Guam",
}


@dataclass(frozen=True, slots=True)
class Header:
    location: str | None = None
    event_type: str | None = None
    local_time: str | None = None
    zone_letter: str | None = None


@dataclass(frozen=True, slots=True)
class Mor:
    text: str  # the MOR summary text ("" when absent)
    where: TextMap  # its offsets -> the whole normalised text's
    aircraft: str = ""  # the MOR "A/C:" line
    utc_time: str | None = None
    facility: str | None = None  # "LAX" in "MOR Alert for LAX"


@dataclass(frozen=True, slots=True)
class Blocks:
    prelim: str  # normalised PRELIM (+ follow-up) text, header removed
    mor: str  # the MOR summary text ("" when absent)
    header_location: str | None
    event_type: str | None
    local_time: str | None
    zone_letter: str | None
    utc_time: str | None
    mor_aircraft: str  # the MOR "A/C:" line
    mor_facility: str | None  # "LAX" in "MOR Alert for LAX"
    prelim_where: TextMap  # offsets in ``prelim`` -> offsets in the normalised text
    mor_where: TextMap


def _header(prelim: str) -> tuple[Header, int]:
    """The header facts and where the body after them starts."""
    p = _PRELIM_PREFIX.search(prelim) if "INFO" in prelim else None
    at = p.end() if p else 0
    h = _HEADER.match(prelim[at:]) if p else None  # (``^`` needs the slice)
    header = Header()
    if h:
        header = Header(h["loc"].strip(" ,"), h["event"].strip(), h["time"], h["zone"])
        at += h.end()
    elif p:
        loose = _HEADER_LOOSE.match(prelim[at:])
        if loose:
            header = Header(loose["loc"].strip(" ,"), loose["event"].strip())
            at += loose.end()
    if header.local_time is None:
        t = _TIME_ANYWHERE.search(prelim[:200])
        if t:
            header = Header(header.location, header.event_type, t[1], t[2])
    return header, at


def _mor(text: str, start: int) -> Mor:
    mor = text[start:]
    ac = _MOR_AC.search(mor)
    tm = _MOR_TIME.search(mor)
    fac = _MOR_FOR.search(mor)
    s = mor.find("SUMMARY:")
    if s >= 0:
        where = TextMap(start + s + 8)
        body = mor[s + 8 :]
    else:
        where = TextMap(start)
        body = sub_mapped(_MOR_START, " ", sub_mapped(_MOR_NOISE, " ", mor, where), where)
    return Mor(body, where, ac[1] if ac else "", tm[1] if tm else None, fac[1] if fac else None)


def split(text: str) -> Blocks:
    """Split normalised narrative text into PRELIM body, MOR summary and header facts."""
    m = _MOR_START.search(text) if ("MOR ALERT" in text or "SUMMARY:" in text) else None
    prelim = text[: m.start()] if m else text
    header, at = _header(prelim)
    body = prelim[at:]
    prelim_where = TextMap(at)
    # Follow-up/correction blocks add facts in the same style: keep them with the PRELIM text.
    if "INFO" in body:
        body = sub_mapped(_PRELIM_PREFIX, " ", body, prelim_where)
    mor = _mor(text, m.start()) if m else Mor("", TextMap())
    return Blocks(
        body,
        mor.text,
        header.location,
        header.event_type,
        header.local_time,
        header.zone_letter,
        mor.utc_time,
        mor.aircraft,
        mor.facility,
        prelim_where,
        mor.where,
    )


def timezone_for(zone_letter: str | None, state: str) -> str | None:
    """IANA zone for an FAA zone letter; ``L`` (local) needs the state (AK, HI, PR, VI, GU)."""
    if not zone_letter:
        return None
    st = state.strip().upper()
    if zone_letter == "L":
        return _LOCAL_ZONES.get(st)
    if zone_letter == "M" and st in ("AZ", "ARIZONA"):
        return "America/Phoenix"  # no daylight saving
    return ZONES.get(zone_letter)
