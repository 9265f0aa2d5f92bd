"""Positions written relative to a reference: "7 SW LAX", ".25 TO .5 W MERRILL FIELD ARPT",
"10 km east of Schiphol", "LGW 260°/1NM", "ANX230021", "VCNTY SBY".

Units: a bare distance is NM (the FAA convention). "miles"/"mi" are NM in all-capitals aviation
text (FAA and ATC write "12 MILE FINAL" meaning NM) and statute miles in mixed-case public text;
``Context.miles_are_nautical`` says which. "km" is kilometres. Radials ("EGCC 090/4",
"ANX230021") are taken as true bearings: magnetic variation is ignored, which the uncertainty
covers.
"""

from __future__ import annotations

import re

from geo.geodesy import COMPASS16_DEG, destination
from geo.locate.codes import resolve_code
from geo.locate.context import Context
from geo.locate.model import Location, Ref
from geo.locate.names import resolve_ref
from geo.locate.uncertainty import UNCERTAINTY

NUMBER = r"(?:\d+(?:\.\d+)?|\.\d+)"
UNIT = (
    r"(?:NM|NMI|N\.M\.|NAUTICAL\s+MILES?|STATUTE\s+MILES?|SM|MILES?|MI|KMS?|"
    r"KILOMET(?:RE|ER)S?)"
)
_BEARING = (
    r"(?:(?:NORTH|SOUTH)(?:[\s-]?(?:NORTH|SOUTH))?(?:[\s-]?(?:EAST|WEST))?|"
    r"(?:EAST|WEST)(?:[\s-]?(?:NORTH|SOUTH)[\s-]?(?:EAST|WEST))?|[NSEW]{1,3})"
)
_DIST_BEARING = re.compile(
    rf"(?<![\w.])(?P<d1>{NUMBER})(?:\s*(?:TO|-|–)\s*(?P<d2>{NUMBER}))?\s*(?P<unit>{UNIT})?"
    rf"\s*(?P<brg>{_BEARING})\b\s*(?:OF\b|FROM\b)?\s*(?=(?P<ref>[^/]{{0,120}}))",
    re.I,
)
_RADIAL = re.compile(
    rf"\b(?P<ref>[A-Z0-9]{{3,4}})\s*(?P<brg>\d{{3}})\s*°?\s*/\s*(?P<d>{NUMBER})\s*(?P<unit>{UNIT})?",
    re.I,
)
_HAS_RADIAL = re.compile(r"\d{3}\s*°?\s*/")
_HAS_RADIAL_DME = re.compile(r"\d{6}")
_RADIAL_DME = re.compile(r"\b(?P<ref>[A-Z]{3})(?P<brg>\d{3})(?P<d>\d{3})\b")
_VICINITY_WORDS = ("VCNTY", "VICINITY", "NEAR", "OVER", "CLOSE TO", "AROUND")
_VICINITY = re.compile(
    r"\b(?:VCNTY|VICINITY|NEAR|OVER|CLOSE TO|AROUND)\b\s*(?:OF\s+)?"
    r"(?=(?P<ref>[^/]{0,120}))",
    re.I,
)
_WORD_DEG = {"NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W"}
_KM_PER_NM = 1.852
_NM_PER_STATUTE_MILE = 0.868976


def to_nm(value: float, unit: str | None, ctx: Context) -> float:
    """A written distance in NM (see the module docstring for units)."""
    unit = (unit or "").upper().replace(".", "")
    if unit.startswith("K"):
        return value / _KM_PER_NM
    if unit.startswith("ST") or unit == "SM":
        return value * _NM_PER_STATUTE_MILE
    if unit in ("MI", "MILE", "MILES") and not ctx.miles_are_nautical:
        return value * _NM_PER_STATUTE_MILE
    return value


def _bearing_deg(written: str) -> float | None:
    letters = "".join(
        _WORD_DEG.get(w, w) for w in re.split(r"[\s-]+|(?<=H)(?=[EW])", written.upper()) if w
    )
    return COMPASS16_DEG.get(letters)


def _relative(ref: Ref, bearing_deg: float, dist_nm: float, spread_nm: float) -> Location:
    lat, lon = destination(ref.latitude, ref.longitude, bearing_deg, dist_nm)
    return ref.location(
        ref.kind.relative,
        latitude=lat,
        longitude=lon,
        uncertainty_nm=UNCERTAINTY.relative(ref.uncertainty_nm, dist_nm, spread_nm),
    )


def from_distance_bearing(text: str, ctx: Context) -> Location | None:
    """ "7 SW LAX", "2 TO 4 NM E OF ...": the first that names a known reference."""
    for m in _DIST_BEARING.finditer(text):
        bearing = _bearing_deg(m["brg"])
        if bearing is None:
            continue
        ref = resolve_ref(m["ref"], ctx)
        if ref is None:
            continue
        d1 = to_nm(float(m["d1"]), m["unit"], ctx)
        d2 = to_nm(float(m["d2"]), m["unit"], ctx) if m["d2"] else d1
        return _relative(ref, bearing, (d1 + d2) / 2.0, abs(d2 - d1) / 2.0)
    return _from_radial(text, ctx)


def _from_radial(text: str, ctx: Context) -> Location | None:
    """ "LGW 260°/1NM", "ANX230021": a code, a three-digit radial and a distance."""
    for pattern, hint in ((_RADIAL, _HAS_RADIAL), (_RADIAL_DME, _HAS_RADIAL_DME)):
        for m in pattern.finditer(text) if hint.search(text) else ():
            ref = resolve_code(m["ref"], ctx, navaids=True)
            if ref is not None and float(m["brg"]) <= 360.0:
                dist = to_nm(float(m["d"]), m.groupdict().get("unit"), ctx)
                return _relative(
                    ref, float(m["brg"]) % 360.0, dist, UNCERTAINTY.radial_spread(dist)
                )
    return None


def from_vicinity(text: str, ctx: Context) -> Location | None:
    """ "VCNTY SBY", "near Gatwick": at the reference, with a wider radius."""
    upper = text.upper()
    if not any(word in upper for word in _VICINITY_WORDS):
        return None
    for m in _VICINITY.finditer(text):
        ref = resolve_ref(m["ref"], ctx)
        if ref is not None:
            return ref.location(
                ref.kind.vicinity, uncertainty_nm=UNCERTAINTY.vicinity(ref.uncertainty_nm)
            )
    return None
