"""Text -> position, the way pilots, controllers and the public write it.

``locate`` returns a ``Location`` (WGS84 degrees, a method, an uncertainty radius in NM and the
reference it came from) or raises ``LocateError`` with a reason a person can read. It tries, in
order: coordinates; runway-relative phrases ("12 MILE FINAL FOR RUNWAY 24R"); bearing/distance
from a reference ("7 SW LAX", "LGW 260°/1NM", "ANX230021"); "VCNTY <ref>"; the whole text as an
aerodrome code or name or a place; the FAA header "CITY, ST/"; and the ``city``/``state``
fields.

Units: a bare distance is NM (the FAA convention). "miles"/"mi" are NM in all-capitals
aviation text (FAA and ATC write "12 MILE FINAL" meaning NM) and statute miles in mixed-case
public text; ``miles_are_nautical`` overrides the guess. "km" is kilometres. Radials
("EGCC 090/4", "ANX230021") are taken as true bearings: magnetic variation is ignored, which
the uncertainty covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.aerodromes import Aerodrome, AerodromeTable
from geo.geodesy import COMPASS16_DEG, CoordinateError, destination, inverse, parse_coordinates
from geo.locate_refs import Context, Ref, make_context, resolve_code, resolve_ref
from geo.reference import ReferenceData, default_reference


class LocateError(ValueError):
    """The text could not be turned into a position; the message says why."""


@dataclass(frozen=True, slots=True)
class Location:
    latitude: float  # degrees
    longitude: float  # degrees
    method: str  # coordinates | aerodrome | aerodrome_relative | navaid_relative | runway_...
    uncertainty_nm: float  # radius
    reference: str = ""  # what the position was measured from: a code, navaid, place, runway
    note: str = ""  # anything a reviewer should know (e.g. a code overridden by the state)
    aerodrome: str = ""  # the aerodrome the text refers to, when it names one


_NUMBER = r"(?:\d+(?:\.\d+)?|\.\d+)"
_UNIT = (
    r"(?:NM|NMI|N\.M\.|NAUTICAL\s+MILES?|STATUTE\s+MILES?|SM|MILES?|MI|KMS?|"
    r"KILOMET(?:RE|ER)S?)"
)
_BEARING = (
    r"(?:(?:NORTH|SOUTH)(?:[\s-]?(?:NORTH|SOUTH))?(?:[\s-]?(?:EAST|WEST))?|"
    r"(?:EAST|WEST)(?:[\s-]?(?:NORTH|SOUTH)[\s-]?(?:EAST|WEST))?|[NSEW]{1,3})"
)
_DIST_BEARING = re.compile(
    rf"(?<![\w.])(?P<d1>{_NUMBER})(?:\s*(?:TO|-|–)\s*(?P<d2>{_NUMBER}))?\s*(?P<unit>{_UNIT})?"
    rf"\s*(?P<brg>{_BEARING})\b\s*(?:OF\b|FROM\b)?\s*(?=(?P<ref>[^/]{{0,120}}))",
    re.I,
)
_RADIAL = re.compile(
    rf"\b(?P<ref>[A-Z0-9]{{3,4}})\s*(?P<brg>\d{{3}})\s*°?\s*/\s*(?P<d>{_NUMBER})\s*(?P<unit>{_UNIT})?",
    re.I,
)
_HAS_RADIAL = re.compile(r"\d{3}\s*°?\s*/")
_HAS_RADIAL_DME = re.compile(r"\d{6}")
_RADIAL_DME = re.compile(r"\b(?P<ref>[A-Z]{3})(?P<brg>\d{3})(?P<d>\d{3})\b")
_RUNWAY = r"(?:RUNWAY|RWY|RY)\s*(?P<rwy>\d{1,2}\s?[LRC]?)\b"
_FINAL = re.compile(
    rf"(?P<d>{_NUMBER})\s*-?\s*(?P<unit>{_UNIT})?\s*(?:MILE\s+)?FINAL\s+(?:APPROACH\s+)?"
    rf"(?:(?:FOR|TO|OF|ON|INTO)\s+)?(?:THE\s+)?{_RUNWAY}",
    re.I,
)
_DEPARTURE_END = re.compile(
    rf"(?:(?P<d>{_NUMBER})\s*(?P<unit>{_UNIT})?\s+)?(?:OFF|BEYOND|PAST)\s+(?:OF\s+)?THE\s+"
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
_VICINITY = re.compile(
    r"\b(?:VCNTY|VICINITY|NEAR|OVER|CLOSE TO|AROUND)\b\s*(?:OF\s+)?"
    r"(?=(?P<ref>[^/]{0,120}))",
    re.I,
)
_HEADER = re.compile(
    r"^\s*(?:PRELIM(?:INARY)? INFO FROM FAA OPS:\s*)?(?P<loc>[^/\n]{2,60}?)\s*/", re.I
)
_WORD_DEG = {"NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W"}
# Across a 16-point bearing the position can sit ~11 degrees either side: 0.2 x distance.
_BEARING_SPREAD = 0.2
_DEFAULT_DEPARTURE_NM = 0.5


def _bearing_deg(written: str) -> float | None:
    letters = "".join(
        _WORD_DEG.get(w, w) for w in re.split(r"[\s-]+|(?<=H)(?=[EW])", written.upper()) if w
    )
    return COMPASS16_DEG.get(letters)


def _to_nm(value: float, unit: str | None, ctx: Context) -> float:
    unit = (unit or "").upper().replace(".", "")
    if unit.startswith("K"):
        return value / 1.852
    if unit.startswith("ST") or unit == "SM":
        return value * 0.868976
    if unit in ("MI", "MILE", "MILES") and not ctx.miles_are_nautical:
        return value * 0.868976
    return value


def _relative(ref: Ref, bearing: float, dist_nm: float, spread_nm: float, ctx: Context) -> Location:
    lat, lon = destination(ref.latitude, ref.longitude, bearing, dist_nm)
    unc = ref.uncertainty_nm + _BEARING_SPREAD * dist_nm + spread_nm + 0.1 * dist_nm
    return Location(
        lat, lon, f"{ref.kind}_relative", round(unc, 3), ref.label, ref.note, ref.aerodrome
    )


def _from_runway(text: str, ctx: Context) -> Location | None:
    upper = text.upper()
    for pattern, departure, word in ((_FINAL, False, "FINAL"), (_DEPARTURE_END, True, "DEPART")):
        m = pattern.search(text) if word in upper else None
        if not m:
            continue
        found = _runway_end(text, m["rwy"].replace(" ", ""), ctx)
        dist = _to_nm(float(m["d"]), m["unit"], ctx) if m["d"] else _DEFAULT_DEPARTURE_NM
        if found is None:
            named = next(iter(_named_aerodromes(text, ctx)), None)
            if named is None:
                continue
            # The runway is not in the loaded data (or none is loaded): the aerodrome itself,
            # with the stated distance as the uncertainty, beats the city centre.
            return Location(
                named.latitude,
                named.longitude,
                "aerodrome",
                round(0.5 + dist, 3),
                named.code,
                f"runway {m['rwy']} not in the loaded runway data",
                named.code,
            )
        end, aerodrome = found
        if departure:  # beyond the far threshold, along the take-off heading
            far = ctx.ref.runways.opposite(end)
            if far is None:
                continue
            lat, lon = destination(far.latitude, far.longitude, end.heading_deg, dist)
        else:  # out on the approach: along the reciprocal of the landing heading
            lat, lon = destination(end.latitude, end.longitude, end.heading_deg + 180.0, dist)
        label = f"{aerodrome.code} RWY {end.ident}"
        return Location(
            lat, lon, "runway_relative", round(0.3 + 0.1 * dist, 3), label, "", aerodrome.code
        )
    return None


def _named_aerodromes(text: str, ctx: Context) -> list[Aerodrome]:
    """The aerodromes a runway phrase names ("... AT LAX", "LAX ATCT"), in text order."""
    found: list[Aerodrome] = []
    for m in _AT_AERODROME.finditer(text):
        ref = resolve_ref(m["ref"], ctx, kinds=("aerodrome",))
        if ref and ref.aerodrome_obj:
            found.append(ref.aerodrome_obj)
    for groups in _FACILITY.findall(text):
        ref = resolve_code(next(g for g in groups if g), ctx, navaids=False)
        if ref and ref.aerodrome_obj:
            found.append(ref.aerodrome_obj)
    return found


def _runway_end(text: str, runway: str, ctx: Context):  # -> (RunwayEnd, Aerodrome) | None
    """Which aerodrome's runway: one named in the text, else one near the report's place."""
    runways = ctx.ref.runways
    if not len(runways):
        return None
    candidates = _named_aerodromes(text, ctx)
    if ctx.place is not None:
        candidates.extend(ctx.ref.aerodromes.within(ctx.place.latitude, ctx.place.longitude, 25.0))
    for a in candidates:
        end = runways.end(_runway_idents(a), runway)
        if end:
            return end, a
    return None


def _runway_idents(a: Aerodrome) -> list[str]:
    # OurAirports keys airports by ICAO where there is one, else by the local code.
    return [c for c in (a.icao, a.lid, f"K{a.lid}" if a.lid else "", a.iata) if c]


def _from_distance_bearing(text: str, ctx: Context) -> Location | None:
    for m in _DIST_BEARING.finditer(text):
        bearing = _bearing_deg(m["brg"])
        if bearing is None:
            continue
        ref = resolve_ref(m["ref"], ctx)
        if ref is None:
            continue
        d1 = _to_nm(float(m["d1"]), m["unit"], ctx)
        d2 = _to_nm(float(m["d2"]), m["unit"], ctx) if m["d2"] else d1
        return _relative(ref, bearing, (d1 + d2) / 2.0, abs(d2 - d1) / 2.0, ctx)
    for pattern, hint in ((_RADIAL, _HAS_RADIAL), (_RADIAL_DME, _HAS_RADIAL_DME)):
        for m in pattern.finditer(text) if hint.search(text) else ():
            ref = resolve_code(m["ref"], ctx, navaids=True)
            if ref is not None and float(m["brg"]) <= 360.0:
                dist = _to_nm(float(m["d"]), m.groupdict().get("unit"), ctx)
                # A radial is magnetic; ~15 degrees of unknown variation widen the spread.
                return _relative(ref, float(m["brg"]) % 360.0, dist, 0.1 * dist, ctx)
    return None


def _from_vicinity(text: str, ctx: Context) -> Location | None:
    upper = text.upper()
    if not any(
        word in upper for word in ("VCNTY", "VICINITY", "NEAR", "OVER", "CLOSE TO", "AROUND")
    ):
        return None
    for m in _VICINITY.finditer(text):
        ref = resolve_ref(m["ref"], ctx)
        if ref is not None:
            return Location(
                ref.latitude,
                ref.longitude,
                f"{ref.kind}_vicinity",
                round(ref.uncertainty_nm + 3.0, 3),
                ref.label,
                ref.note,
                ref.aerodrome,
            )
    return None


def _as_reference(text: str, ctx: Context, method_suffix: str = "") -> Location | None:
    ref = resolve_ref(text, ctx, whole=True)
    if ref is None:
        return None
    return Location(
        ref.latitude,
        ref.longitude,
        ref.kind + method_suffix,
        ref.uncertainty_nm,
        ref.label,
        ref.note,
        ref.aerodrome,
    )


def _from_header(text: str, ctx: Context) -> Location | None:
    m = _HEADER.match(text)
    if not m or not re.search(r"OPS:|^\s*[A-Z0-9 .,'()-]+/", text[:80]):
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
            return _place_location(sub, "place")
    return _as_reference(loc, ctx)


def _place_location(ctx: Context, method: str) -> Location | None:
    p = ctx.place
    if p is None:
        return None
    unc = 2.0 if p.population < 100_000 else 4.0 if p.population < 1_000_000 else 8.0
    return Location(
        p.latitude, p.longitude, method, unc, f"{p.name}, {p.region}".strip(", "), ctx.place_note
    )


def _coordinates(lat: float, lon: float, unc: float, ctx: Context) -> Location:
    """A written coordinate pair; a longitude whose sign was dropped ("41.38/072.42" filed in
    Connecticut) is turned west when only that fits the report's place."""
    p = ctx.place
    if p is not None and lon > 0:
        _, (here, flipped) = inverse([p.latitude] * 2, [p.longitude] * 2, [lat, lat], [lon, -lon])
        if here > 500.0 and flipped < 300.0:
            return Location(
                lat,
                -lon,
                "coordinates",
                unc,
                "",
                f"longitude {lon:g} read as {-lon:g} (west) to fit {p.name}",
            )
    return Location(lat, lon, "coordinates", unc)


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
    text = text if isinstance(text, str) else ""
    if not text.strip() and not (isinstance(city, str) and city.strip()):
        raise LocateError("no location text given")
    ref = reference or default_reference()
    if aerodromes is not None and aerodromes is not ref.aerodromes:
        ref = ReferenceData(
            aerodromes=aerodromes,
            places=ref.places,
            navaids=ref.navaids,
            runways=ref.runways,
            zones=ref.zones,
            reverse=ref.reverse,
        )
    ctx = make_context(
        ref,
        city=city if isinstance(city, str) else "",
        state=state if isinstance(state, str) else "",
        country=country if isinstance(country, str) else "",
        text=text,
        miles=miles_are_nautical,
    )
    try:
        found = parse_coordinates(text)
    except CoordinateError as exc:
        raise LocateError(str(exc)) from None
    if found:
        return _coordinates(*found, ctx)
    text = text[:2000]  # positions are stated early; bounded work per text
    for step in (_from_runway, _from_distance_bearing, _from_vicinity):
        location = step(text, ctx)
        if location:
            return location
    if len(text) <= 80:
        location = _as_reference(text, ctx)
        if location:
            return location
    location = _from_header(text, ctx) or _place_location(ctx, "place")
    if location:
        return location
    raise LocateError(
        f"could not find a position in {text[:80]!r}"
        + (f" or in {city!r}, {state!r}" if ctx.city else "")
    )


def distance_from(location: Location, aerodrome: Aerodrome) -> tuple[float, float]:
    """(true bearing from the aerodrome in degrees, distance in NM) to ``location``."""
    bearing, dist = inverse(
        aerodrome.latitude, aerodrome.longitude, location.latitude, location.longitude
    )
    return float(bearing), float(dist)
