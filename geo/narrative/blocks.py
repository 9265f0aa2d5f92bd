"""Splitting an FAA narrative into its PRELIM block and its appended MOR block, and reading
the header (``CITY, ST/UAS INCIDENT/1857P/LAX ATCT ADVISED ...``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def split(text: str) -> Blocks:
    """Split normalised narrative text into PRELIM body, MOR summary and header facts."""
    m = _MOR_START.search(text) if ("MOR ALERT" in text or "SUMMARY:" in text) else None
    prelim, mor = (text[: m.start()], text[m.start() :]) if m else (text, "")
    header_location = event_type = local_time = zone = None
    p = _PRELIM_PREFIX.search(prelim) if "INFO" in prelim else None
    body = prelim[p.end() :] if p else prelim
    h = _HEADER.match(body) if p else None
    if h:
        header_location, event_type = h["loc"].strip(" ,"), h["event"].strip()
        local_time, zone = h["time"], h["zone"]
        body = body[h.end() :]
    elif p:
        loose = _HEADER_LOOSE.match(body)
        if loose:
            header_location, event_type = loose["loc"].strip(" ,"), loose["event"].strip()
            body = body[loose.end() :]
    if local_time is None:
        t = _TIME_ANYWHERE.search(prelim[:200])
        if t:
            local_time, zone = t[1], t[2]
    # Follow-up/correction blocks add facts in the same style: keep them with the PRELIM text.
    if "INFO" in body:
        body = _PRELIM_PREFIX.sub(" ", body)
    mor_aircraft, utc_time, mor_facility = "", None, None
    if mor:
        ac = _MOR_AC.search(mor)
        mor_aircraft = ac[1] if ac else ""
        tm = _MOR_TIME.search(mor)
        utc_time = tm[1] if tm else None
        fac = _MOR_FOR.search(mor)
        mor_facility = fac[1] if fac else None
        s = mor.find("SUMMARY:")
        mor = mor[s + 8 :] if s >= 0 else _MOR_NOISE.sub(" ", mor)
        if s < 0:
            mor = _MOR_START.sub(" ", mor)
    return Blocks(
        body,
        mor,
        header_location,
        event_type,
        local_time,
        zone,
        utc_time,
        mor_aircraft,
        mor_facility,
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
