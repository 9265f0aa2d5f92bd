"""Runway-relative positions: "12 MILE FINAL FOR RUNWAY 24R", "3 NM FINAL RWY 27L AT HEATHROW",
"OFF THE DEPARTURE END OF RUNWAY 19R".

The runway's aerodrome is one the text names ("AT LAX", "LAX ATCT", "(TEB)") or one near the
report's place. Without that runway in the loaded data the aerodrome itself is returned, with
the stated distance as its uncertainty: better than the city centre.
"""

from __future__ import annotations

import re

from geo.aerodromes import Aerodrome
from geo.geodesy import destination
from geo.locate.codes import resolve_code
from geo.locate.context import Context
from geo.locate.model import Location, Method, RefKind
from geo.locate.names import resolve_ref
from geo.locate.phrases import NUMBER, UNIT, to_nm
from geo.locate.uncertainty import UNCERTAINTY
from geo.runways import RunwayEnd

_RUNWAY = r"(?:RUNWAY|RWY|RY)\s*(?P<rwy>\d{1,2}\s?[LRC]?)\b"
_FINAL = re.compile(
    rf"(?P<d>{NUMBER})\s*-?\s*(?P<unit>{UNIT})?\s*(?:MILE\s+)?FINAL\s+(?:APPROACH\s+)?"
    rf"(?:(?:FOR|TO|OF|ON|INTO)\s+)?(?:THE\s+)?{_RUNWAY}",
    re.I,
)
_DEPARTURE_END = re.compile(
    rf"(?:(?P<d>{NUMBER})\s*(?P<unit>{UNIT})?\s+)?(?:OFF|BEYOND|PAST)\s+(?:OF\s+)?THE\s+"
    rf"DEPARTURE\s+END\s+(?:OF\s+)?{_RUNWAY}",
    re.I,
)
# Codes that name the aerodrome a runway belongs to: "LAX ATCT", "(TEB)", "BOS - PWM", "OPS: LAX/".
_FACILITY = re.compile(
    r"\b([A-Z0-9]{3,4})(?=\s+(?:ATCT|TOWER|TRACON|APCH|APPROACH|ARPT|AIRPORT)\b)"
    r"|\(([A-Z0-9]{3,4})\)|\b[A-Z0-9]{3,4}\s?-\s?([A-Z0-9]{3,4})\b|OPS:\s*([A-Z0-9]{3,4})/"
)
_AT_AERODROME = re.compile(
    r"\b(?:AT|INTO|FROM|OF)\s+(?P<ref>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,4})", re.I
)
DEFAULT_DEPARTURE_NM = 0.5  # "off the departure end" with no distance
NEAR_PLACE_NM = 25.0  # aerodromes this close to the report's place may own the runway


def from_runway(text: str, ctx: Context) -> Location | None:
    upper = text.upper()
    for pattern, departure, word in ((_FINAL, False, "FINAL"), (_DEPARTURE_END, True, "DEPART")):
        m = pattern.search(text) if word in upper else None
        if not m:
            continue
        runway = m["rwy"].replace(" ", "")
        dist = to_nm(float(m["d"]), m["unit"], ctx) if m["d"] else DEFAULT_DEPARTURE_NM
        found = _runway_end(text, runway, ctx)
        if found is None:
            location = _aerodrome_without_runway(text, m["rwy"], dist, ctx)
        else:
            location = _along_runway(*found, departure=departure, dist_nm=dist, ctx=ctx)
        if location is not None:
            return location
    return None


def _along_runway(
    end: RunwayEnd, aerodrome: Aerodrome, *, departure: bool, dist_nm: float, ctx: Context
) -> Location | None:
    if departure:  # beyond the far threshold, along the take-off heading
        far = ctx.ref.runways.opposite(end)
        if far is None:
            return None
        lat, lon = destination(far.latitude, far.longitude, end.heading_deg, dist_nm)
    else:  # out on the approach: along the reciprocal of the landing heading
        lat, lon = destination(end.latitude, end.longitude, end.heading_deg + 180.0, dist_nm)
    return Location(
        latitude=lat,
        longitude=lon,
        method=Method.RUNWAY_RELATIVE,
        uncertainty_nm=UNCERTAINTY.runway(dist_nm),
        reference=f"{aerodrome.code} RWY {end.ident}",
        aerodrome=aerodrome.code,
    )


def _aerodrome_without_runway(
    text: str, runway: str, dist_nm: float, ctx: Context
) -> Location | None:
    """The runway is not in the loaded data (or none is loaded): the aerodrome the text names,
    with the stated distance as the uncertainty, beats the city centre."""
    named = next(iter(_named_aerodromes(text, ctx)), None)
    if named is None:
        return None
    return Location(
        latitude=named.latitude,
        longitude=named.longitude,
        method=Method.AERODROME,
        uncertainty_nm=UNCERTAINTY.runway_unknown(dist_nm),
        reference=named.code,
        note=f"runway {runway} not in the loaded runway data",
        aerodrome=named.code,
    )


def _named_aerodromes(text: str, ctx: Context) -> list[Aerodrome]:
    """The aerodromes a runway phrase names ("... AT LAX", "LAX ATCT"), in text order."""
    found: list[Aerodrome] = []
    for m in _AT_AERODROME.finditer(text):
        ref = resolve_ref(m["ref"], ctx, kinds=(RefKind.AERODROME,))
        if ref and ref.aerodrome_obj:
            found.append(ref.aerodrome_obj)
    for groups in _FACILITY.findall(text):
        ref = resolve_code(next(g for g in groups if g), ctx, navaids=False)
        if ref and ref.aerodrome_obj:
            found.append(ref.aerodrome_obj)
    return found


def _runway_end(text: str, runway: str, ctx: Context) -> tuple[RunwayEnd, Aerodrome] | None:
    """Which aerodrome's runway: one named in the text, else one near the report's place."""
    runways = ctx.ref.runways
    if not len(runways):
        return None
    candidates = _named_aerodromes(text, ctx)
    if ctx.place is not None:
        candidates.extend(
            ctx.ref.aerodromes.within(ctx.place.latitude, ctx.place.longitude, NEAR_PLACE_NM)
        )
    for a in candidates:
        end = runways.end(_runway_idents(a), runway)
        if end:
            return end, a
    return None


def _runway_idents(a: Aerodrome) -> list[str]:
    # OurAirports keys airports by ICAO where there is one, else by the local code.
    return [c for c in (a.icao, a.lid, f"K{a.lid}" if a.lid else "", a.iata) if c]
