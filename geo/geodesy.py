"""Geodesic arithmetic on the WGS84 ellipsoid. Angles in degrees, distances in nautical miles."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pyproj import Geod

WGS84 = Geod(ellps="WGS84")
METRES_PER_NM = 1852.0
METRES_PER_FOOT = 0.3048
EARTH_RADIUS_NM = 3440.065  # mean radius, for chord <-> arc conversion only

COMPASS16 = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
             "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
COMPASS16_DEG = {name: i * 22.5 for i, name in enumerate(COMPASS16)}


def destination(lat: float, lon: float, bearing_deg: float, distance_nm: float) -> tuple[float, float]:
    """The point ``distance_nm`` from (lat, lon) along the true bearing ``bearing_deg``."""
    lon2, lat2, _ = WGS84.fwd(lon, lat, bearing_deg, distance_nm * METRES_PER_NM)
    return float(lat2), float(lon2)


def inverse(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike,
            lon2: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """True bearing (0-360 degrees) from point 1 to point 2 and distance in NM; vectorised."""
    az, _, dist = WGS84.inv(np.asarray(lon1, float), np.asarray(lat1, float),
                            np.asarray(lon2, float), np.asarray(lat2, float))
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
