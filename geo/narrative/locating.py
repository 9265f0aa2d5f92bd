"""From an ``Extraction`` to coordinates, through ``geo.locate``.

The order is the order of trust: the narrative's own position (coordinates, runway-relative,
distance/bearing, vicinity), then the header's location (``LAX/`` or ``CITY, ST/``), then the
row's City/State columns. Each step hands ``locate`` a phrase in the form it parses.

Two FAA habits need help before ``locate`` sees the phrase, because it reads a bare name as a
place: an airport written by name (``4 W SAVANNAH ARPT``), and a tower measuring from its own
airport by the city's name (``OAKLAND ATCT ... 1 ESE OAKLAND``). Both are turned into the
airport's code here, using the aerodrome table in the reference data.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo.aerodromes import Aerodrome
from geo.geodesy import inverse
from geo.locate import LocateError, Location, locate
from geo.narrative.model import Extraction, Position
from geo.places import canonical
from geo.reference import ReferenceData, default_reference

_GENERIC_REF = re.compile(r"^(?:THE )?(?:ARPT|AIRPORT|FIELD|AIRFIELD|TOWER)$")
_AIRPORT_WORDS = re.compile(
    r"\b(?:ARPT|AIRPORT|INT'?L|INTERNATIONAL|MUNI(?:CIPAL)?|REGIONAL|"
    r"EXEC(?:UTIVE)?|TOWER|AIRFIELD|AFB|AAF|ARB|NAS)\b"
)
_NAVAID = re.compile(
    r"^(?P<name>.*?)\s*(?:VORTAC|VOR-?DME|VOR|TACAN|NDB)\s*\((?P<code>[A-Z0-9]{2,4})\)$"
)
_TOWER = re.compile(r"^(?P<name>.+?) (?:ATCT|TOWER)$")
_CODE = re.compile(r"^[A-Z0-9]{3,4}$")
_HEADER_CITY = re.compile(r"^(?P<city>[^,]+),\s*(?P<state>[A-Z .]+)$")


@lru_cache(maxsize=4)
def _us_by_state(reference: ReferenceData) -> dict[str, list[Aerodrome]]:
    places = reference.places
    out: dict[str, list[Aerodrome]] = {}
    for a in reference.aerodromes.aerodromes:
        if a.country == "US":
            out.setdefault(places.state_code(a.subd), []).append(a)
    return out


def _airport_named(name: str, state: str, reference: ReferenceData) -> Aerodrome | None:
    """The US aerodrome in ``state`` whose name or city holds every word of ``name``
    ("SAVANNAH ARPT", "BOSTON LOGAN INTERNATIONAL ARPT"); public ones (with an IATA code)
    first, then the one nearest the place of that name."""
    stem = canonical(_AIRPORT_WORDS.sub(" ", name))
    words = stem.split()
    code = reference.places.state_code(state)
    if not words or not code:
        return None
    found = [
        a
        for a in _us_by_state(reference).get(code, [])
        if all(w in canonical(f"{a.name} {a.city}").split() for w in words)
    ]
    if not found:
        return None
    public = [a for a in found if a.iata] or found
    named = [a for a in public if all(w in canonical(a.name).split() for w in words)]
    public = named or public  # "DENVER" is Denver International before Centennial (city Denver)
    if len(public) == 1:
        return public[0]
    place = reference.places.lookup(stem, state=code, fuzzy=False)
    if place is None:
        return min(public, key=lambda a: len(a.name))
    _, dist = inverse(
        [a.latitude for a in public],
        [a.longitude for a in public],
        [place.latitude] * len(public),
        [place.longitude] * len(public),
    )
    return public[int(dist.argmin())]


def _city_airport(ex: Extraction, ref: str, reference: ReferenceData) -> str | None:
    """The code of the report's own airport when ``ref`` is that airport's city name."""
    key = canonical(ref)
    own = ex.aerodrome_hint if ex.aerodrome_hint != ex.mor_facility else None
    for hint in (own, ex.route_origin, ex.route_destination):
        a = reference.aerodromes.lookup(hint, country="US") if hint else None
        if a is not None and (canonical(a.city) == key or key in canonical(a.name).split()):
            return a.code
    return None


def _phrase(pos: Position, ref: str) -> str:
    if pos.kind == "offset":
        return f"{pos.distance_nm:g} {pos.bearing} {ref}"
    return f"VCNTY {ref}"


def _candidates(ex: Extraction, state: str, reference: ReferenceData) -> list[str]:
    """Phrases for ``locate``, most specific first."""
    pos: Position | None = ex.position
    out: list[str] = []
    if pos is not None:
        ref = pos.reference
        navaid = _NAVAID.search(pos.text)
        if pos.kind == "offset" and navaid:
            # "PHOENIX VORTAC (PXR)": the ident alone is unambiguous; a city name is not.
            out.append(f"{pos.distance_nm:g} {pos.bearing} {navaid['code']} VORTAC")
        if pos.kind in ("offset", "vicinity") and ref and not _CODE.match(ref):
            if _GENERIC_REF.match(ref) and ex.aerodrome_hint:
                out.append(_phrase(pos, ex.aerodrome_hint))
            code = _city_airport(ex, ref, reference)
            tower = _TOWER.match(ex.facility or "")
            if code is None and tower and canonical(tower["name"]).startswith(canonical(ref)):
                # "OAKLAND ATCT ... 1 ESE OAKLAND": a tower measures from its own airport.
                a = _airport_named(tower["name"], state, reference)
                code = a.code if a else None
            if code is None and _AIRPORT_WORDS.search(ref):
                a = _airport_named(ref, state, reference)
                code = a.code if a else None
            if code:
                out.append(_phrase(pos, code))
        if pos.kind == "runway" and not ref:
            named = (
                _airport_named(
                    _header_city_state(ex)[0] or ex.header_location or "", state, reference
                )
                if ex.header_location
                else None
            )
            code = ex.aerodrome_hint or (named.code if named else None)
            if code:
                out.append(f"{pos.text} AT {code}")
        out.append(pos.text)
        if ref and pos.kind in ("runway", "vicinity", "offset"):
            out.append(ref)  # at least the aerodrome or place it was measured from
    if ex.header_location:
        out.append(ex.header_location)
    return out


def _header_city_state(ex: Extraction) -> tuple[str, str]:
    m = _HEADER_CITY.match(ex.header_location or "")
    return (m["city"].strip(), m["state"].strip()) if m else ("", "")


def locate_extraction(
    ex: Extraction,
    *,
    city: str = "",
    state: str = "",
    country: str = "US",
    reference: ReferenceData | None = None,
) -> Location:
    """The best position for an extracted report (WGS84 degrees, uncertainty in NM).

    Tries the narrative's position, then the header location, then ``city``/``state``. The
    header's ``CITY, ST`` wins over the columns when it parses (the columns are sometimes
    wrong: Tulsa filed under Arizona). Raises ``LocateError`` when nothing resolves.
    """
    reference = reference or default_reference()
    pos = ex.position
    if (
        pos is not None
        and pos.kind == "coordinates"
        and pos.latitude is not None
        and pos.longitude is not None
    ):
        return Location(pos.latitude, pos.longitude, "coordinates", 0.5, "narrative")
    h_city, h_state = _header_city_state(ex)
    if (
        h_state
        and reference.places.state_code(h_state)
        and reference.places.lookup(city, state=state, fuzzy=False) is None
        and reference.places.lookup(h_city, state=h_state, fuzzy=False) is not None
    ):
        city, state = h_city, h_state  # the columns are wrong (Tulsa filed under Arizona)
    reasons: list[str] = []
    for text in _candidates(ex, state, reference):
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
