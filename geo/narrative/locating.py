"""From an ``Extraction`` to coordinates, through ``geo.locate``.

The order is the order of trust: the narrative's own position (coordinates, runway-relative,
distance/bearing, vicinity), then the header's location (``LAX/`` or ``CITY, ST/``), then the
row's City/State columns. Each step hands ``locate`` a phrase in the form it parses.
"""

from __future__ import annotations

import re

from geo.locate import Location, LocateError, locate
from geo.narrative.model import Extraction, Position
from geo.reference import ReferenceData

_GENERIC_REF = re.compile(r"^(?:THE )?(?:ARPT|AIRPORT|FIELD|AIRFIELD|TOWER)$")
_TOWER = re.compile(r"^(?P<name>.+?) (?:ATCT|TOWER)$")


def _candidates(ex: Extraction) -> list[str]:
    """Phrases for ``locate``, most specific first."""
    pos: Position | None = ex.position
    out: list[str] = []
    if pos is not None:
        ref = pos.reference
        if pos.kind == "offset" and _GENERIC_REF.match(ref) and ex.aerodrome_hint:
            out.append(f"{pos.distance_nm:g} {pos.bearing} {ex.aerodrome_hint}")
        tower = _TOWER.match(ex.facility or "")
        if pos.kind in ("offset", "vicinity") and tower and tower["name"] == ref:
            # "OAKLAND ATCT ... 1 ESE OAKLAND": a tower measures from its own airport.
            prefix = f"{pos.distance_nm:g} {pos.bearing} " if pos.kind == "offset" else "VCNTY "
            out.append(f"{prefix}{ref} ARPT")
        if pos.kind == "runway" and not ref and ex.aerodrome_hint:
            out.append(f"{pos.text} AT {ex.aerodrome_hint}")
        out.append(pos.text)
    if ex.header_location:
        out.append(ex.header_location)
    return out


def locate_extraction(ex: Extraction, *, city: str = "", state: str = "", country: str = "US",
                      reference: ReferenceData | None = None) -> Location:
    """The best position for an extracted report (WGS84 degrees, uncertainty in NM).

    Tries the narrative's position, then the header location, then ``city``/``state``.
    Raises ``LocateError`` when none of them resolves.
    """
    pos = ex.position
    if pos is not None and pos.kind == "coordinates" and pos.latitude is not None \
            and pos.longitude is not None:
        return Location(pos.latitude, pos.longitude, "coordinates", 0.5, "narrative")
    reasons: list[str] = []
    for text in _candidates(ex):
        try:
            return locate(text, city=city, state=state, country=country, reference=reference)
        except LocateError as exc:
            reasons.append(str(exc))
    if city or state:
        try:
            return locate("", city=city, state=state, country=country, reference=reference)
        except LocateError as exc:
            reasons.append(str(exc))
    raise LocateError("; ".join(reasons) or "the narrative states no position")
