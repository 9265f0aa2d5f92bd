"""``locate``: text -> position, trying each way of writing one in turn."""

from __future__ import annotations

import re
from collections.abc import Callable

from geo.aerodromes import Aerodrome, AerodromeTable
from geo.geodesy import CoordinateError, inverse, parse_coordinates
from geo.locate.context import Context, make_context
from geo.locate.model import LocateError, Location, Method
from geo.locate.names import resolve_ref
from geo.locate.phrases import from_distance_bearing, from_vicinity
from geo.locate.runway import from_runway
from geo.locate.uncertainty import UNCERTAINTY
from geo.reference import ReferenceData, default_reference

_HEADER = re.compile(
    r"^\s*(?:PRELIM(?:INARY)? INFO FROM FAA OPS:\s*)?(?P<loc>[^/\n]{2,60}?)\s*/", re.I
)
_HEADER_HINT = re.compile(r"OPS:|^\s*[A-Z0-9 .,'()-]+/")
MAX_TEXT = 2000  # characters read: positions are stated early; bounded work per text
MAX_REFERENCE_TEXT = 80  # a text this short may be a reference's name on its own ("Heathrow")
# The phrases tried in order, after coordinates; the first that finds a position wins.
_PHRASES: tuple[Callable[[str, Context], Location | None], ...] = (
    from_runway,
    from_distance_bearing,
    from_vicinity,
)


def locate(
    text: str,
    *,
    city: str = "",
    state: str = "",
    country: str = "",
    aerodromes: AerodromeTable | None = None,
    reference: ReferenceData | None = None,
    miles_are_nautical: bool | None = None,
) -> Location:
    """Resolve a free-text location (``city``/``state``/``country`` give context and a
    fallback). Raises ``LocateError`` when nothing fits. Pass ``reference`` (built once) for
    speed and for navaids, runways and zones; ``aerodromes`` alone overrides the packaged table.
    """
    text = _str(text)
    if not text.strip() and not _str(city).strip():
        raise LocateError("no location text given")
    ctx = make_context(
        _reference(reference, aerodromes),
        city=_str(city),
        state=_str(state),
        country=_str(country),
        text=text,
        miles=miles_are_nautical,
    )
    location = _from_coordinates(text, ctx) or _from_words(text[:MAX_TEXT], ctx)
    if location is None:
        raise LocateError(
            f"could not find a position in {text[:80]!r}"
            + (f" or in {city!r}, {state!r}" if ctx.city else "")
        )
    return location


def _from_words(text: str, ctx: Context) -> Location | None:
    """A phrase (runway, distance and bearing, vicinity); a short text as a reference's name;
    the FAA header; and last the report's own city."""
    for phrase in _PHRASES:
        location = phrase(text, ctx)
        if location is not None:
            return location
    if len(text) <= MAX_REFERENCE_TEXT:
        location = _at_reference(text, ctx)
        if location is not None:
            return location
    return _from_header(text, ctx) or _at_place(ctx)


def distance_from(location: Location, aerodrome: Aerodrome) -> tuple[float, float]:
    """(true bearing from the aerodrome in degrees, distance in NM) to ``location``."""
    bearing, dist = inverse(
        aerodrome.latitude, aerodrome.longitude, location.latitude, location.longitude
    )
    return float(bearing), float(dist)


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _reference(reference: ReferenceData | None, aerodromes: AerodromeTable | None) -> ReferenceData:
    ref = reference or default_reference()
    if aerodromes is None or aerodromes is ref.aerodromes:
        return ref
    return ReferenceData(
        aerodromes=aerodromes,
        places=ref.places,
        navaids=ref.navaids,
        runways=ref.runways,
        zones=ref.zones,
        reverse=ref.reverse,
    )


def _from_coordinates(text: str, ctx: Context) -> Location | None:
    """A written coordinate pair; a longitude whose sign was dropped ("41.38/072.42" filed in
    Connecticut) is turned west when only that fits the report's place."""
    try:
        found = parse_coordinates(text)
    except CoordinateError as exc:
        raise LocateError(str(exc)) from None
    if found is None:
        return None
    lat, lon, unc = found
    p = ctx.place
    if p is not None and lon > 0:
        _, (here, flipped) = inverse([p.latitude] * 2, [p.longitude] * 2, [lat, lat], [lon, -lon])
        if here > 500.0 and flipped < 300.0:
            return Location(
                latitude=lat,
                longitude=-lon,
                method=Method.COORDINATES,
                uncertainty_nm=unc,
                note=f"longitude {lon:g} read as {-lon:g} (west) to fit {p.name}",
            )
    return Location(latitude=lat, longitude=lon, method=Method.COORDINATES, uncertainty_nm=unc)


def _at_reference(text: str, ctx: Context) -> Location | None:
    """The whole text names a reference: "LAX", "Heathrow", "MERRILL FIELD ARPT"."""
    ref = resolve_ref(text, ctx, whole=True)
    return ref.location(ref.kind.at) if ref is not None else None


def _from_header(text: str, ctx: Context) -> Location | None:
    """The FAA header "CITY, ST/": the city in that state, else the header as a reference."""
    m = _HEADER.match(text)
    if not m or not _HEADER_HINT.search(text[:80]):
        return None
    loc = m["loc"].strip()
    city, _, state = loc.rpartition(",")
    if city.strip():
        sub = make_context(
            ctx.ref,
            city=city.strip(),
            state=state.strip() or ctx.state,
            country=ctx.country,
            text=text,
            miles=ctx.miles_are_nautical,
        )
        if sub.place is not None:
            return _at_place(sub)
    return _at_reference(loc, ctx)


def _at_place(ctx: Context) -> Location | None:
    """The report's own city (``city``/``state``), when it resolves."""
    p = ctx.place
    if p is None:
        return None
    return Location(
        latitude=p.latitude,
        longitude=p.longitude,
        method=Method.PLACE,
        uncertainty_nm=UNCERTAINTY.place(p.population),
        reference=f"{p.name}, {p.region}".strip(", "),
        note=ctx.place_note,
    )
