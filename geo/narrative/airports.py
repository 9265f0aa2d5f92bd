"""Which US aerodrome a narrative means when it names one in words, not by code.

FAA narratives write an airport by name (``4 W SAVANNAH ARPT``) or, from a tower, by its city
(``OAKLAND ATCT ... 1 ESE OAKLAND``); ``geo.locate`` would read either as a place. These
resolvers turn such names into the aerodrome, using the aerodrome table in the reference data.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo.aerodromes import Aerodrome
from geo.geodesy import inverse
from geo.narrative.model import Extraction
from geo.places import canonical
from geo.reference import ReferenceData

AIRPORT_WORDS = re.compile(
    r"\b(?:ARPT|AIRPORT|INT'?L|INTERNATIONAL|MUNI(?:CIPAL)?|REGIONAL|"
    r"EXEC(?:UTIVE)?|TOWER|AIRFIELD|AFB|AAF|ARB|NAS)\b"
)


@lru_cache(maxsize=4)
def _us_by_state(reference: ReferenceData) -> dict[str, list[Aerodrome]]:
    places = reference.places
    out: dict[str, list[Aerodrome]] = {}
    for a in reference.aerodromes.aerodromes:
        if a.country == "US":
            out.setdefault(places.state_code(a.subd), []).append(a)
    return out


def _holding(words: list[str], state_code: str, reference: ReferenceData) -> list[Aerodrome]:
    """The aerodromes of the state whose name or city holds every one of ``words``."""
    return [
        a
        for a in _us_by_state(reference).get(state_code, [])
        if all(w in canonical(f"{a.name} {a.city}").split() for w in words)
    ]


def _preferred(found: list[Aerodrome], words: list[str]) -> list[Aerodrome]:
    """Public ones (with an IATA code) first, and of those the ones whose own name holds the
    words: "DENVER" is Denver International before Centennial (city Denver)."""
    public = [a for a in found if a.iata] or found
    named = [a for a in public if all(w in canonical(a.name).split() for w in words)]
    return named or public


def _nearest_place(
    airports: list[Aerodrome], stem: str, state_code: str, reference: ReferenceData
) -> Aerodrome:
    """Of several candidates, the one nearest the place called ``stem``; with no such place,
    the one with the shortest name (the least qualified)."""
    place = reference.places.lookup(stem, state=state_code, fuzzy=False)
    if place is None:
        return min(airports, key=lambda a: len(a.name))
    _, dist = inverse(
        [a.latitude for a in airports],
        [a.longitude for a in airports],
        [place.latitude] * len(airports),
        [place.longitude] * len(airports),
    )
    return airports[int(dist.argmin())]


def airport_named(name: str, state: str, reference: ReferenceData) -> Aerodrome | None:
    """The US aerodrome in ``state`` whose name or city holds every word of ``name``
    ("SAVANNAH ARPT", "BOSTON LOGAN INTERNATIONAL ARPT"); public ones (with an IATA code)
    first, then the one nearest the place of that name."""
    stem = canonical(AIRPORT_WORDS.sub(" ", name))
    words = stem.split()
    state_code = reference.places.state_code(state)
    if not words or not state_code:
        return None
    found = _holding(words, state_code, reference)
    if not found:
        return None
    public = _preferred(found, words)
    if len(public) == 1:
        return public[0]
    return _nearest_place(public, stem, state_code, reference)


def city_airport(ex: Extraction, ref: str, reference: ReferenceData) -> str | None:
    """The code of the report's own airport (its facility's, or the route's origin or
    destination) when ``ref`` is that airport's city name."""
    key = canonical(ref)
    own = ex.aerodrome_hint if ex.aerodrome_hint != ex.mor_facility else None
    for hint in (own, ex.route_origin, ex.route_destination):
        a = reference.aerodromes.lookup(hint, country="US") if hint else None
        if a is not None and (canonical(a.city) == key or key in canonical(a.name).split()):
            return a.code
    return None
