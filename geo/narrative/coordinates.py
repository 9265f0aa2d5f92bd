"""Positions the narrative gives as latitude and longitude: ``3620N 9120W`` (degrees and
minutes) or ``(38.85/-77.04)`` and ``LAT/LONG 38.85/77.04`` (decimal degrees).

They need no reference data. ``position`` falls back to them only when neither block states
a position in words (offset, radial, runway or vicinity).
"""

from __future__ import annotations

import re

from geo.narrative.model import Found, Position

_COORDS_DMS = re.compile(
    r"\b(?P<lat>\d{2})(?P<latm>\d{2})(?P<ns>[NS])\s?/?\s?(?P<lon>\d{2,3})"
    r"(?P<lonm>\d{2})(?P<ew>[EW])\b"
)
_COORDS_DEC = re.compile(
    r"\((?P<lat>\d{2}\.\d{2,6})\s?[/,]\s?(?P<lon>-?0?\d{2,3}\.\d{2,6})\)|"
    r"\bLAT/LONGS? (?:ARE |IS )?(?P<lat2>\d{2}\.\d{1,6})\s?/\s?(?P<lon2>-?\d{2,3}\.\d{1,6})"
)
_COORDS_HINT = re.compile(r"\d{4}[NS]|\(\d{2}\.\d|LAT/LONG")


def coordinates(text: str) -> Found | None:
    """The first coordinates in ``text`` (degrees, western longitudes negative) and where they
    were read, or None."""
    if not _COORDS_HINT.search(text):
        return None
    m = _COORDS_DMS.search(text) or _COORDS_DEC.search(text)
    if m is None:
        return None
    if m.re is _COORDS_DMS:
        lat = int(m["lat"]) + int(m["latm"]) / 60.0
        lon = int(m["lon"]) + int(m["lonm"]) / 60.0
        lat, lon = (lat if m["ns"] == "N" else -lat), (-lon if m["ew"] == "W" else lon)
    else:
        lat, lon = float(m["lat"] or m["lat2"]), float(m["lon"] or m["lon2"])
        lon = -abs(lon)  # FAA narratives write western longitudes without a sign
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    found = Position(
        text=f"{lat:.4f}, {lon:.4f}",
        kind="coordinates",
        reference="",
        latitude=round(lat, 5),
        longitude=round(lon, 5),
    )
    return found, m.start(), m.end()
