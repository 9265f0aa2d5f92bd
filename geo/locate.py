"""Text -> position: coordinates, aerodrome codes and names, aerodrome-relative positions.

``locate`` returns a ``Location`` (WGS84 degrees, a method, an uncertainty radius in NM and the
reference it came from) or raises ``LocateError`` with a reason a person can read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.aerodromes import AerodromeTable, load_aerodromes


class LocateError(ValueError):
    """The text could not be turned into a position; the message says why."""


@dataclass(frozen=True, slots=True)
class Location:
    latitude: float
    longitude: float
    method: str  # coordinates | aerodrome | aerodrome_relative | navaid_relative | ...
    uncertainty_nm: float
    reference: str = ""
    note: str = ""


_DECIMAL = re.compile(
    r"^\s*(?P<lat>[-+]?\d{1,2}(?:\.\d+)?)\s*°?\s*(?P<ns>[NS])?\s*[,;\s]\s*"
    r"(?P<lon>[-+]?\d{1,3}(?:\.\d+)?)\s*°?\s*(?P<ew>[EW])?\s*$", re.I)
_CODE = re.compile(r"^\s*([A-Z0-9]{3,4})\s*$", re.I)


def _check_range(lat: float, lon: float) -> None:
    if not -90.0 <= lat <= 90.0:
        raise LocateError(f"latitude {lat} is outside -90..90")
    if not -180.0 <= lon <= 180.0:
        raise LocateError(f"longitude {lon} is outside -180..180")


def _parse_decimal(text: str) -> Location | None:
    m = _DECIMAL.match(text)
    if not m:
        return None
    lat, lon = float(m["lat"]), float(m["lon"])
    if m["ns"] and m["ns"].upper() == "S":
        lat = -abs(lat)
    if m["ew"] and m["ew"].upper() == "W":
        lon = -abs(lon)
    _check_range(lat, lon)
    decimals = len(m["lat"].partition(".")[2])
    # Uncertainty follows the precision written: 2 decimals of latitude ~ 0.6 NM.
    return Location(lat, lon, "coordinates", max(0.01, 60 * 10.0 ** -decimals))


def locate(text: str, *, city: str = "", state: str = "", country: str = "",
           aerodromes: AerodromeTable | None = None) -> Location:
    """Resolve a free-text location. Raises ``LocateError`` when nothing fits."""
    if not isinstance(text, str) or not text.strip():
        raise LocateError("no location text given")
    aerodromes = aerodromes or load_aerodromes()
    found = _parse_decimal(text)
    if found:
        return found
    m = _CODE.match(text)
    if m:
        a = aerodromes.lookup(m[1], country="US" if country.upper() in ("US", "USA") else None)
        if a:
            return Location(a.latitude, a.longitude, "aerodrome", 1.0, a.code, a.name)
    raise LocateError(f"could not find a position in {text[:80]!r}")
