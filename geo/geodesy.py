"""Geodesic arithmetic on the WGS84 ellipsoid. Angles in degrees, distances in nautical miles."""

from __future__ import annotations

import re

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pyproj import Geod

WGS84 = Geod(ellps="WGS84")
METRES_PER_NM = 1852.0
METRES_PER_FOOT = 0.3048
EARTH_RADIUS_NM = 3440.065  # mean radius, for chord <-> arc conversion only

COMPASS16 = (
    "N",
    "NNE",
    "NE",
    "ENE",
    "E",
    "ESE",
    "SE",
    "SSE",
    "S",
    "SSW",
    "SW",
    "WSW",
    "W",
    "WNW",
    "NW",
    "NNW",
)
COMPASS16_DEG = {name: i * 22.5 for i, name in enumerate(COMPASS16)}


def destination(
    lat: float, lon: float, bearing_deg: float, distance_nm: float
) -> tuple[float, float]:
    """The point ``distance_nm`` from (lat, lon) along the true bearing ``bearing_deg``."""
    lon2, lat2, _ = WGS84.fwd(lon, lat, bearing_deg, distance_nm * METRES_PER_NM)
    return float(lat2), float(lon2)


def inverse(
    lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """True bearing (0-360 degrees) from point 1 to point 2 and distance in NM; vectorised."""
    az, _, dist = WGS84.inv(
        np.asarray(lon1, float),
        np.asarray(lat1, float),
        np.asarray(lon2, float),
        np.asarray(lat2, float),
    )
    return np.mod(np.asarray(az, float), 360.0), np.asarray(dist, float) / METRES_PER_NM


def compass16(bearing_deg: ArrayLike) -> NDArray[np.str_]:
    """16-point compass names for true bearings in degrees."""
    idx = np.round(np.mod(np.asarray(bearing_deg, float), 360.0) / 22.5).astype(int) % 16
    return np.asarray(COMPASS16)[idx]


def unit_vectors(lat: ArrayLike, lon: ArrayLike) -> NDArray[np.float64]:
    """Points on the unit sphere, shape (n, 3): chord distance is monotonic in arc distance,
    so a Euclidean KD-tree answers great-circle nearest-neighbour queries."""
    la = np.radians(np.asarray(lat, float))
    lo = np.radians(np.asarray(lon, float))
    cos_la = np.cos(la)
    return np.column_stack((cos_la * np.cos(lo), cos_la * np.sin(lo), np.sin(la)))


def chord_to_nm(chord: ArrayLike) -> NDArray[np.float64]:
    """Great-circle distance (NM, spherical) for a chord length on the unit sphere."""
    return 2.0 * np.arcsin(np.clip(np.asarray(chord, float) / 2.0, 0.0, 1.0)) * EARTH_RADIUS_NM


def nm_to_chord(nm: float) -> float:
    return float(2.0 * np.sin(nm / EARTH_RADIUS_NM / 2.0))


# --- coordinates written as text ---------------------------------------------------------------


class CoordinateError(ValueError):
    """Text that is clearly a coordinate pair but not a valid one (e.g. latitude 95)."""


_DEC = r"[-+]?\d{1,3}(?:\.\d+)?"
_DECIMAL_WHOLE = re.compile(
    rf"^\s*(?P<h1>[NS])?\s*(?P<lat>{_DEC})\s*°?\s*(?P<h2>[NS])?\s*[,;/\s]\s*"
    rf"(?P<h3>[EW])?\s*(?P<lon>{_DEC})\s*°?\s*(?P<h4>[EW])?\s*$",
    re.I,
)
# Inside longer text both numbers must have decimals, so "7 SW" or "RUNWAY 24 4" never match.
_DECIMAL_IN_TEXT = re.compile(
    r"(?<![\w.])(?P<h1>[NS])?\s?(?P<lat>[-+]?\d{1,2}\.\d+)\s*°?\s*(?P<h2>[NS]\b)?\s*[,;/\s]\s*"
    r"(?P<h3>[EW])?\s?(?P<lon>[-+]?\d{1,3}\.\d+)(?![\d.])\s*°?\s*(?P<h4>[EW]\b)?",
    re.I,
)
_NUM = r"\d{1,3}(?:\.\d+)?"
_DMS = re.compile(
    rf"(?<![\w.])(?P<h1>[NS])?\s*(?P<d1>\d{{1,2}})\s+(?P<m1>{_NUM})(?:\s+(?P<s1>{_NUM}))?\s*"
    rf"(?P<h2>[NS])?\b[\s,;/]*(?P<h3>[EW])?\s*(?P<d2>\d{{1,3}})\s+(?P<m2>{_NUM})"
    rf"(?:\s+(?P<s2>{_NUM}))?\s*(?P<h4>[EW])?\b",
    re.I,
)
_COMPACT = re.compile(
    r"(?<![\w.])(?P<h1>[NS])?(?P<lat>\d{4}(?:\d{2})?(?:\.\d+)?)(?P<h2>[NS])?\s*[,/]?\s*"
    r"(?P<h3>[EW])?(?P<lon>\d{5}(?:\d{2})?(?:\.\d+)?)(?P<h4>[EW])?\b",
    re.I,
)
_HAS_DECIMAL = re.compile(r"\d\.\d")
_HAS_COMPACT = re.compile(r"\d{4}")
# A degree/minute/second mark, or a number directly followed by a hemisphere letter.
_HAS_DMS = re.compile(r"[°º˚′’'″”\"]|\d\s?[NSns]\b")
_SYMBOLS = re.compile(r"[°º˚′’‘'″”“\"`´]|''|\bdeg\b", re.I)


def _hemisphere(value: float, h1: str | None, h2: str | None, negative: str) -> float:
    letter = (h1 or h2 or "").upper()
    return -abs(value) if letter == negative else value


def _checked(lat: float, lon: float, uncertainty_nm: float) -> tuple[float, float, float]:
    if not -90.0 <= lat <= 90.0:
        raise CoordinateError(f"latitude {lat:g} is outside -90..90")
    if not -180.0 <= lon <= 180.0:
        raise CoordinateError(f"longitude {lon:g} is outside -180..180")
    return lat, lon, uncertainty_nm


def _one_hemisphere_each(m: re.Match[str]) -> bool:
    return bool(m["h1"]) != bool(m["h2"]) and bool(m["h3"]) != bool(m["h4"])


def _sexagesimal(digits: str, degree_digits: int) -> tuple[float, float]:
    """ "510600" -> (51.1, precision NM): DD[D]MM[SS][.s] as written in aviation texts."""
    whole, _, frac = digits.partition(".")
    deg = int(whole[:degree_digits])
    minutes = int(whole[degree_digits : degree_digits + 2])
    seconds = float(whole[degree_digits + 2 :] + ("." + frac if frac else "") or 0)
    if minutes >= 60 or seconds >= 60:
        raise CoordinateError(f"{digits!r} has minutes or seconds of 60 or more")
    precision = 0.05 if len(whole) > degree_digits + 2 else 0.5
    return deg + minutes / 60.0 + seconds / 3600.0, precision


def parse_coordinates(text: str) -> tuple[float, float, float] | None:
    """(latitude, longitude, uncertainty NM) from a coordinate pair written in ``text``.

    Accepts decimal degrees (``51.47, -0.4543``, ``40.6413 N 73.7781 W``), degrees-minutes-
    seconds with any quote characters or spaces (``51°28'12"N 0°27'15"W``) and compact aviation
    forms (``N5106 W00013``, ``510600N 0001300W``). The uncertainty follows the precision
    written. Returns None when there is no pair; raises ``CoordinateError`` when the pair is out
    of range."""
    return _decimal(text) or _compact(text) or _dms(text)


def _decimal(text: str) -> tuple[float, float, float] | None:
    # Cheap literal pre-checks first: most texts hold no coordinates at all.
    m = _DECIMAL_WHOLE.match(text) or (_HAS_DECIMAL.search(text) and _DECIMAL_IN_TEXT.search(text))
    if not m:
        return None
    lat = _hemisphere(float(m["lat"]), m["h1"], m["h2"], "S")
    lon = _hemisphere(float(m["lon"]), m["h3"], m["h4"], "W")
    decimals = min(len(m["lat"].partition(".")[2]), len(m["lon"].partition(".")[2]))
    # 2 decimals of a degree of latitude ~ 0.6 NM; never claim better than ~20 m.
    return _checked(lat, lon, max(0.01, 60 * 10.0**-decimals))


def _compact(text: str) -> tuple[float, float, float] | None:
    m = _HAS_COMPACT.search(text) and _COMPACT.search(text)
    if not (m and _one_hemisphere_each(m)):
        return None
    lat, p1 = _sexagesimal(m["lat"], 2)
    lon, p2 = _sexagesimal(m["lon"], 3)
    return _checked(
        _hemisphere(lat, m["h1"], m["h2"], "S"),
        _hemisphere(lon, m["h3"], m["h4"], "W"),
        max(p1, p2),
    )


def _dms(text: str) -> tuple[float, float, float] | None:
    if not _HAS_DMS.search(text):
        return None
    spaced = re.sub(r"(?<=\d)-(?=\d)", " ", _SYMBOLS.sub(" ", text))
    m = _DMS.search(spaced)
    if not (m and _one_hemisphere_each(m)):
        return None
    parts = []
    for d, mi, s in ((m["d1"], m["m1"], m["s1"]), (m["d2"], m["m2"], m["s2"])):
        if float(mi) >= 60 or (s and float(s) >= 60):
            raise CoordinateError("minutes or seconds of 60 or more")
        parts.append(int(d) + float(mi) / 60.0 + float(s or 0) / 3600.0)
    precision = 0.05 if m["s1"] and m["s2"] else 0.5
    return _checked(
        _hemisphere(parts[0], m["h1"], m["h2"], "S"),
        _hemisphere(parts[1], m["h3"], m["h4"], "W"),
        precision,
    )
