"""The world's aerodromes from ``airportsdata``, indexed for code look-up and nearest search.

Codes are looked up as FAA LID (US entries only: ``ANX`` and ``LOS`` collide with foreign
codes), then ICAO, then IATA. Nearest search is a KD-tree on unit vectors.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import airportsdata
import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.spatial import cKDTree

from geo.geodesy import chord_to_nm, compass16, inverse, nm_to_chord, unit_vectors


@dataclass(frozen=True, slots=True)
class Aerodrome:
    code: str  # the code people use: LID for the US, else IATA, else ICAO
    icao: str
    iata: str
    lid: str
    name: str
    city: str
    subd: str  # state or region name
    country: str  # ISO 3166-1 alpha-2
    latitude: float
    longitude: float
    elevation_ft: float


@dataclass(frozen=True, slots=True)
class NearestAerodromes:
    """Vectorised answer: one entry per query point (index -1 where the point was missing)."""

    index: NDArray[np.int64]
    distance_nm: NDArray[np.float64]
    bearing_deg: NDArray[np.float64]  # true bearing from the aerodrome to the point

    @property
    def direction(self) -> NDArray[np.str_]:
        """16-point compass names, from the aerodrome ("" where there is no point)."""
        return np.where(self.index >= 0, compass16(np.nan_to_num(self.bearing_deg)), "")


class AerodromeTable:
    """All aerodromes as parallel arrays plus code and name dictionaries."""

    def __init__(self, aerodromes: list[Aerodrome]) -> None:
        self.aerodromes = aerodromes
        self.latitude = np.array([a.latitude for a in aerodromes])
        self.longitude = np.array([a.longitude for a in aerodromes])
        self.by_lid = {a.lid: a for a in aerodromes if a.lid and a.country == "US"}
        self.by_icao = {a.icao: a for a in aerodromes if a.icao}
        self.by_iata = {a.iata: a for a in aerodromes if a.iata}

    @cached_property
    def names(self) -> AerodromeNames:
        """Name index, built on first use (most texts carry codes, not names)."""
        return AerodromeNames(self.aerodromes)

    @cached_property
    def tree(self) -> cKDTree:
        return cKDTree(unit_vectors(self.latitude, self.longitude))

    def lookup(self, code: str, *, country: str | None = None) -> Aerodrome | None:
        """An aerodrome by LID, ICAO or IATA code (in that order); ``country`` narrows IATA."""
        code = code.strip().upper()
        found = self.by_lid.get(code) or self.by_icao.get(code)
        if found is None and len(code) == 3:
            found = self.by_iata.get(code)
            if found is not None and country and found.country != country:
                return None
        return found

    def within(self, lat: float, lon: float, radius_nm: float) -> list[Aerodrome]:
        """Aerodromes within ``radius_nm`` (spherical) of a point in degrees, nearest first."""
        if not np.isfinite(lat) or not np.isfinite(lon):
            return []
        point = unit_vectors([lat], [lon])[0]
        idx = np.asarray(self.tree.query_ball_point(point, nm_to_chord(radius_nm)), dtype=int)
        order = np.argsort(np.sum((self.tree.data[idx] - point) ** 2, axis=1)) if idx.size else idx
        return [self.aerodromes[i] for i in idx[order]]

    def nearest(
        self, lat: ArrayLike, lon: ArrayLike, *, xyz: NDArray[np.float64] | None = None
    ) -> NearestAerodromes:
        """The nearest aerodrome to each point, with geodesic distance (NM) and bearing.
        ``xyz``, when the caller already has them, are ``unit_vectors(lat, lon)`` of the
        same (all finite) points."""
        lat_a = np.atleast_1d(np.asarray(lat, float))
        lon_a = np.atleast_1d(np.asarray(lon, float))
        ok = np.isfinite(lat_a) & np.isfinite(lon_a)
        index = np.full(lat_a.shape, -1, dtype=np.int64)
        dist = np.full(lat_a.shape, np.nan)
        bearing = np.full(lat_a.shape, np.nan)
        if ok.all() and lat_a.size:
            if xyz is None or len(xyz) != lat_a.size:
                xyz = unit_vectors(lat_a, lon_a)
            index, dist, bearing = self._nearest(lat_a, lon_a, xyz)
        elif ok.any():
            found = self._nearest(lat_a[ok], lon_a[ok], unit_vectors(lat_a[ok], lon_a[ok]))
            index[ok], dist[ok], bearing[ok] = found
        return NearestAerodromes(index, dist, bearing)

    def _nearest(
        self, lat: NDArray[np.float64], lon: NDArray[np.float64], xyz: NDArray[np.float64]
    ) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
        chord, idx = self.tree.query(xyz)
        bearing, dist = inverse(self.latitude[idx], self.longitude[idx], lat, lon)
        # Geodesic distance is exact; fall back to the chord where pyproj returns nan.
        bad = ~np.isfinite(dist)
        if bad.any():
            dist[bad] = chord_to_nm(chord[bad])
        return idx.astype(np.int64, copy=False), dist, bearing

    @cached_property
    def codes(self) -> NDArray[np.object_]:
        return np.array([a.code for a in self.aerodromes], dtype=object)

    @cached_property
    def names_array(self) -> NDArray[np.object_]:
        return np.array([a.name for a in self.aerodromes], dtype=object)

    @cached_property
    def elevation_ft(self) -> NDArray[np.float64]:
        return np.array([a.elevation_ft for a in self.aerodromes], dtype=float)


def _code_for(a: Mapping[str, Any]) -> str:
    if a.get("lid") and a.get("country") == "US":
        return a["lid"]
    return a.get("iata") or a.get("icao") or a.get("lid") or ""


@lru_cache(maxsize=1)
def load_aerodromes() -> AerodromeTable:
    """Every aerodrome in airportsdata, loaded once. Its ICAO table also carries every US LID
    (pseudo-ICAO codes such as K1N7), so it alone is the complete list."""
    return AerodromeTable(
        [
            Aerodrome(
                code=_code_for(entry),
                icao=entry.get("icao") or "",
                iata=entry.get("iata") or "",
                lid=entry.get("lid") or "",
                name=entry.get("name") or "",
                city=entry.get("city") or "",
                subd=entry.get("subd") or "",
                country=entry.get("country") or "",
                latitude=float(entry["lat"]),
                longitude=float(entry["lon"]),
                elevation_ft=float(entry.get("elevation") or 0.0),
            )
            for entry in airportsdata.load("ICAO").values()
        ]
    )


# --- names ------------------------------------------------------------------------------------

# Words that say "aerodrome" without naming one; dropped from both the index and the query, so
# "MERRILL FIELD ARPT" meets "Merrill Field" and "CAIRNS AAF AIRPORT" meets "Cairns Army Air
# Field (Fort Rucker) Airport".
_GENERIC = frozenset(
    "AIRPORT ARPT AIRFIELD AERODROME AIRSTRIP AIRPARK FIELD FLD INTERNATIONAL INTL REGIONAL RGNL "
    "MUNICIPAL MUNI AIR BASE AFB AAF ARB NAS ARMY FORCE NAVAL STATION JOINT RESERVE THE "
    "HELIPORT".split()
)


def name_core(name: str) -> str:
    """The distinctive words of an aerodrome name, canonical (see ``geo.places.canonical``)."""
    from geo.places import canonical

    without_brackets = re.sub(r"\(.*?\)", " ", name)
    return " ".join(t for t in canonical(without_brackets).split() if t not in _GENERIC)


def _name_rank(a: Aerodrome) -> tuple[bool, bool, bool, int]:
    # Lacking traffic figures: an IATA code, "International" and an all-letter ICAO code mark
    # the aerodromes people mean when they name a place loosely ("Frankfurt Airport").
    return (bool(a.iata), "INTERNATIONAL" in a.name.upper(), a.icao.isalpha(), -len(a.name))


class AerodromeNames:
    """Aerodromes by name: exact core words, core without the city ("HEATHROW"), or prefix."""

    def __init__(self, aerodromes: list[Aerodrome]) -> None:
        from geo.places import canonical

        index: dict[str, list[Aerodrome]] = {}
        for a in aerodromes:
            core = name_core(a.name)
            keys = {core}
            city = canonical(a.city)
            if city and core.startswith(city + " "):
                keys.add(core[len(city) + 1 :])
            for key in keys:
                if key:
                    index.setdefault(key, []).append(a)
        self._index = {k: sorted(v, key=_name_rank, reverse=True) for k, v in index.items()}
        self._keys = sorted(self._index)

    def find(self, name: str) -> list[Aerodrome]:
        """Candidates for a written aerodrome name, best first (empty when none)."""
        core = name_core(name)
        if not core:
            return []
        if core in self._index:
            return list(self._index[core])
        # "FRANKFURT" -> "FRANKFURT AM MAIN": every key that starts with the words written.
        lo = bisect.bisect_left(self._keys, core + " ")
        found: list[Aerodrome] = []
        for key in self._keys[lo : lo + 50]:
            if not key.startswith(core + " "):
                break
            found.extend(self._index[key])
        return sorted(found, key=_name_rank, reverse=True)
