"""From an ``Extraction`` to coordinates, through ``geo.locate``.

The order is the order of trust: the narrative's own position (coordinates, runway-relative,
distance/bearing, vicinity), then the header's location (``LAX/`` or ``CITY, ST/``), then the
row's City/State columns. Each step hands ``locate`` a phrase in the form it parses.

Two FAA habits need help before ``locate`` sees the phrase, because it reads a bare name as a
place: an airport written by name (``4 W SAVANNAH ARPT``), and a tower measuring from its own
airport by the city's name (``OAKLAND ATCT ... 1 ESE OAKLAND``). Both are turned into the
airport's code here, with the resolvers of ``geo.narrative.airports``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from geo.locate import LocateError, Location, Method, locate
from geo.narrative.airports import AIRPORT_WORDS, airport_named, city_airport
from geo.narrative.model import Extraction, Position
from geo.places import canonical
from geo.reference import ReferenceData, default_reference

_GENERIC_REF = re.compile(r"^(?:THE )?(?:ARPT|AIRPORT|FIELD|AIRFIELD|TOWER)$")
_NAVAID = re.compile(
    r"^(?P<name>.*?)\s*(?:VORTAC|VOR-?DME|VOR|TACAN|NDB)\s*\((?P<code>[A-Z0-9]{2,4})\)$"
)
_TOWER = re.compile(r"^(?P<name>.+?) (?:ATCT|TOWER)$")
_CODE = re.compile(r"^[A-Z0-9]{3,4}$")
_HEADER_CITY = re.compile(r"^(?P<city>[^,]+),\s*(?P<state>[A-Z .]+)$")


def _phrase(pos: Position, ref: str) -> str:
    if pos.kind == "offset":
        return f"{pos.distance_nm:g} {pos.bearing} {ref}"
    return f"VCNTY {ref}"


def _header_city_state(ex: Extraction) -> tuple[str, str]:
    m = _HEADER_CITY.match(ex.header_location or "")
    return (m["city"].strip(), m["state"].strip()) if m else ("", "")


def _tower_airport(ex: Extraction, ref: str, state: str, reference: ReferenceData) -> str | None:
    """ "OAKLAND ATCT ... 1 ESE OAKLAND": a tower measures from its own airport."""
    tower = _TOWER.match(ex.facility or "")
    if tower is None or not canonical(tower["name"]).startswith(canonical(ref)):
        return None
    a = airport_named(tower["name"], state, reference)
    return a.code if a else None


def _airport_code(ex: Extraction, ref: str, state: str, reference: ReferenceData) -> str | None:
    """The code of the airport a written name means: the report's own airport by its city, the
    tower's airport, then an airport by name ("SAVANNAH ARPT")."""
    code = city_airport(ex, ref, reference)
    if code is None:
        code = _tower_airport(ex, ref, state, reference)
    if code is None and AIRPORT_WORDS.search(ref):
        a = airport_named(ref, state, reference)
        code = a.code if a else None
    return code


# Each kind of phrase ``locate`` is handed, in the order of trust. A phraser returns nothing
# for a position it does not apply to.
Phraser = Callable[[Extraction, Position, str, ReferenceData], list[str]]


def _navaid_ident(ex: Extraction, pos: Position, state: str, reference: ReferenceData) -> list[str]:
    """ "PHOENIX VORTAC (PXR)": the ident alone is unambiguous; a city name is not."""
    navaid = _NAVAID.search(pos.text)
    if pos.kind == "offset" and navaid:
        return [f"{pos.distance_nm:g} {pos.bearing} {navaid['code']} VORTAC"]
    return []


def _named_reference(
    ex: Extraction, pos: Position, state: str, reference: ReferenceData
) -> list[str]:
    """An offset or vicinity measured from a name rather than a code: "THE AIRPORT" is the
    report's own aerodrome, and an airport's city or name becomes its code."""
    ref = pos.reference
    if pos.kind not in ("offset", "vicinity") or not ref or _CODE.match(ref):
        return []
    out: list[str] = []
    if _GENERIC_REF.match(ref) and ex.aerodrome_hint:
        out.append(_phrase(pos, ex.aerodrome_hint))
    code = _airport_code(ex, ref, state, reference)
    if code:
        out.append(_phrase(pos, code))
    return out


def _runway_at_airport(
    ex: Extraction, pos: Position, state: str, reference: ReferenceData
) -> list[str]:
    """A runway with no airport named is the report's own airport's, else the header's."""
    if pos.kind != "runway" or pos.reference:
        return []
    code = ex.aerodrome_hint
    if not code and ex.header_location:
        named = airport_named(_header_city_state(ex)[0] or ex.header_location, state, reference)
        code = named.code if named else None
    return [f"{pos.text} AT {code}"] if code else []


def _as_written(ex: Extraction, pos: Position, state: str, reference: ReferenceData) -> list[str]:
    """The position as the narrative wrote it, then at least the aerodrome or place it was
    measured from."""
    if pos.reference and pos.kind in ("runway", "vicinity", "offset"):
        return [pos.text, pos.reference]
    return [pos.text]


_PHRASERS: tuple[Phraser, ...] = (_navaid_ident, _named_reference, _runway_at_airport, _as_written)


def _candidates(ex: Extraction, state: str, reference: ReferenceData) -> list[str]:
    """Phrases for ``locate``, most specific first: the position's, then the header's."""
    out: list[str] = []
    if ex.position is not None:
        for phrases in _PHRASERS:
            out.extend(phrases(ex, ex.position, state, reference))
    if ex.header_location:
        out.append(ex.header_location)
    return out


def _given_coordinates(pos: Position | None) -> Location | None:
    """Coordinates written in the narrative need no locating (0.5 NM: minutes of arc)."""
    if pos is None or pos.kind != "coordinates":
        return None
    if pos.latitude is None or pos.longitude is None:
        return None
    return Location(
        latitude=pos.latitude,
        longitude=pos.longitude,
        method=Method.COORDINATES,
        uncertainty_nm=0.5,
        reference="narrative",
    )


def _city_state(ex: Extraction, city: str, state: str, reference: ReferenceData) -> tuple[str, str]:
    """The row's City/State, or the header's ``CITY, ST`` when that is a known place and the
    columns are not (the columns are sometimes wrong: Tulsa filed under Arizona)."""
    h_city, h_state = _header_city_state(ex)
    places = reference.places
    if (
        h_state
        and places.state_code(h_state)
        and places.lookup(city, state=state, fuzzy=False) is None
        and places.lookup(h_city, state=h_state, fuzzy=False) is not None
    ):
        return h_city, h_state
    return city, state


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
    given = _given_coordinates(ex.position)
    if given is not None:
        return given
    city, state = _city_state(ex, city, state, reference)
    texts = _candidates(ex, state, reference)
    if city or state:
        texts.append("")  # the columns alone: ``locate`` falls back to city/state
    reasons: list[str] = []
    for text in texts:
        try:
            return locate(text, city=city, state=state, country=country, reference=reference)
        except LocateError as exc:
            reasons.append(str(exc))
    raise LocateError("; ".join(reasons) or "the narrative states no position")
