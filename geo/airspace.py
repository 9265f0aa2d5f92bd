"""Airspace context for many points at once: zones hit, runway corridors, height above 400 ft.

* **Zones** are loaded polygons (GeoJSON, WGS84) with a name, a type and written limits. The
  batch is swept once: points sorted by longitude, every zone's bounding box turned into a
  window by binary search, and only the points in a window tested against the prepared
  polygon. (An ``STRtree`` was measured on 100,000 points against the 718 UK and Chicago zones:
  73 ms with its ``intersects`` predicate, 21 ms as a bounding-box filter before the same
  prepared test, 10 ms for the sweep. Corridors, 59,000 small trapezoids, do use one.)
* **Runway corridor**: the approach surface of every runway end, as in ICAO Annex 14 but flat
  and shorter - a trapezoid that starts at the threshold with a half-width of 0.08 NM (150 m),
  runs 5 NM out along the reciprocal of the landing heading, and widens by 15 % of the distance
  on each side (0.83 NM half-width at 5 NM). The approach surface of one end is also the climb-out
  area of the opposite end, so one shape per end covers both arrivals and departures.
* **Above 400 ft AGL**: 400 ft is the usual ceiling for open-category drones. An AGL altitude is
  compared directly; an MSL (or unstated, which in FAA text means MSL-ish pilot reports)
  altitude is reduced by the nearest aerodrome's elevation - an approximation that ignores
  terrain between the aerodrome and the point.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from shapely.geometry import shape
from shapely.strtree import STRtree

from geo.geodesy import METRES_PER_NM, WGS84
from geo.runways import RunwayTable

CORRIDOR_LENGTH_NM = 5.0
CORRIDOR_HALF_WIDTH_NM = 0.08  # at the threshold (150 m)
CORRIDOR_SPLAY = 0.15  # extra half-width per NM of distance from the threshold
DRONE_CEILING_FT = 400.0


@dataclass(frozen=True, slots=True)
class Zone:
    name: str
    zone_type: str  # FRZ, CLASS_B, CLASS_C, CLASS_D, PARACHUTE, ... or what the operator set
    lower_limit: str  # as published ("SFC", "2000 FT SFC"); "" when unknown
    upper_limit: str
    geometry: dict[str, Any]  # GeoJSON geometry, WGS84 lon/lat

    def as_dict(self) -> dict[str, str]:
        """The JSON stored in ``Report.airspace_zones`` (no geometry)."""
        return {
            "name": self.name,
            "type": self.zone_type,
            "lower_limit": self.lower_limit,
            "upper_limit": self.upper_limit,
        }


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while allocating one object per point: on a large heap the
    generation scans those allocations trigger cost 10-100x the objects themselves."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _empty_lists(n: int) -> list[list]:
    # One shared empty list for every point outside all zones (most of them): callers only
    # read and store these lists, and 100,000 separate ones cost more than the search itself.
    return [_NO_ZONES] * n


_NO_ZONES: list = []


class ZoneIndex:
    """Loaded airspace zones, prepared for a longitude sweep (see the module docstring)."""

    def __init__(self, zones: list[Zone]) -> None:
        self.zones = zones
        self._geoms = [shapely.make_valid(shape(z.geometry)) for z in zones]
        for geom in self._geoms:
            shapely.prepare(geom)
        self._bounds = np.array([g.bounds for g in self._geoms], dtype=float).reshape(-1, 4)
        self._dicts = [z.as_dict() for z in zones]

    def __len__(self) -> int:
        return len(self.zones)

    @classmethod
    def from_records(cls, records: list[dict[str, Any]] | None) -> ZoneIndex:
        """Build from dicts with ``name, zone_type, lower_limit, upper_limit, geometry`` (the
        ``reports.AirspaceZone`` fields, or ``zones_from_geojson`` output)."""
        return cls(
            [
                Zone(
                    r.get("name", ""),
                    r.get("zone_type", ""),
                    r.get("lower_limit", ""),
                    r.get("upper_limit", ""),
                    r["geometry"],
                )
                for r in records or ()
            ]
        )

    def zones_at(self, lat: ArrayLike, lon: ArrayLike) -> list[list[dict[str, str]]]:
        """For each point (degrees), the zones it lies in, as ``Zone.as_dict`` lists.

        Points are never turned into geometries: they are sorted by longitude, each zone's
        bounding box picks its candidates by binary search, and ``intersects_xy`` tests those
        against the prepared polygon (a point on the boundary counts as inside).
        """
        lat_a = np.atleast_1d(np.asarray(lat, float))
        lon_a = np.atleast_1d(np.asarray(lon, float))
        out = _empty_lists(lat_a.size)
        ok = np.flatnonzero(np.isfinite(lat_a) & np.isfinite(lon_a))
        if not self.zones or ok.size == 0:
            return out
        order = ok[np.argsort(lon_a[ok])]
        lon_sorted = lon_a[order]
        # Every zone's longitude window at once; only zones with candidates reach the loop.
        lows = np.searchsorted(lon_sorted, self._bounds[:, 0], side="left")
        highs = np.searchsorted(lon_sorted, self._bounds[:, 2], side="right")
        point_hits: list[np.ndarray] = []
        zone_hits: list[np.ndarray] = []
        for z in np.flatnonzero(lows < highs).tolist():
            _, miny, _, maxy = self._bounds[z]
            cand = order[lows[z] : highs[z]]
            cand = cand[(lat_a[cand] >= miny) & (lat_a[cand] <= maxy)]
            if cand.size == 0:
                continue
            inside = cand[shapely.intersects_xy(self._geoms[z], lon_a[cand], lat_a[cand])]
            if inside.size:
                point_hits.append(inside)
                zone_hits.append(np.full(inside.size, z))
        if point_hits:
            points, zones = np.concatenate(point_hits), np.concatenate(zone_hits)
            for p, z in zip(points.tolist(), zones.tolist(), strict=True):
                if out[p] is _NO_ZONES:
                    out[p] = []
                out[p].append(self._dicts[z])
        return out


class CorridorIndex:
    """Approach/departure corridors of every runway end (see the module docstring)."""

    def __init__(self, runways: RunwayTable) -> None:
        self.runways = runways
        n = len(runways)
        self._tree = STRtree(_corridor_polygons(runways)) if n else None

    def hits(self, lat: ArrayLike, lon: ArrayLike) -> NDArray[np.int64]:
        """For each point, the index of a runway end whose corridor holds it, else -1."""
        lat_a = np.atleast_1d(np.asarray(lat, float))
        lon_a = np.atleast_1d(np.asarray(lon, float))
        out = np.full(lat_a.shape, -1, dtype=np.int64)
        ok = np.flatnonzero(np.isfinite(lat_a) & np.isfinite(lon_a))
        if self._tree is None or ok.size == 0:
            return out
        with _gc_paused():
            points = shapely.points(lon_a[ok], lat_a[ok])
            pairs = self._tree.query(points, predicate="intersects")
        out[ok[pairs[0]]] = pairs[1]
        return out


def _corridor_polygons(runways: RunwayTable) -> NDArray[np.object_]:
    """One trapezoid per runway end, corners computed on the ellipsoid in one vectorised call."""
    lat, lon, hdg = runways.latitude, runways.longitude, runways.heading_deg
    out_brg = np.mod(hdg + 180.0, 360.0)  # from the threshold towards the approaching aircraft
    far_lon, far_lat, _ = WGS84.fwd(
        lon, lat, out_brg, np.full(lat.shape, CORRIDOR_LENGTH_NM * METRES_PER_NM)
    )
    far_half = CORRIDOR_HALF_WIDTH_NM + CORRIDOR_SPLAY * CORRIDOR_LENGTH_NM
    corners = []
    for base_lon, base_lat, half in (
        (lon, lat, CORRIDOR_HALF_WIDTH_NM),
        (far_lon, far_lat, far_half),
    ):
        for side in (-90.0, 90.0):
            c_lon, c_lat, _ = WGS84.fwd(
                base_lon,
                base_lat,
                np.mod(out_brg + side, 360.0),
                np.full(lat.shape, half * METRES_PER_NM),
            )
            corners.append((np.asarray(c_lon), np.asarray(c_lat)))
    # Ring order: near-left, near-right, far-right, far-left.
    ring_lon = np.column_stack([corners[0][0], corners[1][0], corners[3][0], corners[2][0]])
    ring_lat = np.column_stack([corners[0][1], corners[1][1], corners[3][1], corners[2][1]])
    return shapely.polygons(np.dstack([ring_lon, ring_lat]))


def above_400ft_agl(
    altitude_ft: ArrayLike, reference: ArrayLike, ground_elevation_ft: ArrayLike
) -> NDArray[np.object_]:
    """True/False per row, None where the height cannot be told. ``reference`` is AGL, MSL or
    anything else (treated as MSL); ``ground_elevation_ft`` approximates the terrain (feet MSL)."""
    alt = np.asarray(altitude_ft, float)
    ref = np.asarray(reference, dtype=object)
    ground = np.asarray(ground_elevation_ft, float)
    is_agl = (ref == "AGL") | (ref == "agl")
    agl = np.where(is_agl, alt, alt - ground)
    out = np.where(agl > DRONE_CEILING_FT, True, False).astype(object)
    out[~np.isfinite(agl)] = None  # no altitude, or MSL with no ground to subtract
    return out


# --- GeoJSON -> zone records (used by the load_airspace command) ------------------------------

_NAME_KEYS = ("name", "airspace_name", "NAME", "Name", "title")
_LOWER_KEYS = ("lower_limit", "lower", "floor", "LOWER_VAL")
_UPPER_KEYS = ("upper_limit", "upper", "ceiling", "UPPER_VAL")
_TYPE_KEYS = ("zone_type", "type", "class", "CLASS", "TYPE_CODE")


def _first(props: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = props.get(key)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def guess_zone_type(name: str, props: dict[str, Any]) -> str:
    """A short type from the properties or the name: FRZ, CLASS_B..G, PARACHUTE, else ''."""
    if props.get("is_frz"):
        return "FRZ"
    written = _first(props, _TYPE_KEYS)
    if written:
        return re.sub(r"\W+", "_", written.upper()).strip("_")
    m = re.search(r"\bCLASS ([A-G])\b", name.upper())
    if m:
        return f"CLASS_{m[1]}"
    if re.match(r"DZ\b|.*\bPARACHUTE\b", name.upper()):
        return "PARACHUTE"
    return ""


def zone_fingerprint(name: str, geometry: dict[str, Any]) -> str:
    """A stable identity for a zone: SHA-256 of its name and canonical GeoJSON geometry."""
    canon = json.dumps(geometry, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{name}\n{canon}".encode()).hexdigest()


def zones_from_geojson(
    data: dict[str, Any], *, zone_type: str = "", source: str = ""
) -> tuple[list[dict[str, Any]], list[str]]:
    """Zone records from a GeoJSON FeatureCollection, plus a reason for each skipped feature.

    Limits are taken only from explicit ``lower_limit``/``upper_limit``-style text properties;
    numeric altitudes (as in the Chicago test file, whose altitudes are known to be altered)
    stay in ``properties`` and are not interpreted."""
    records: list[dict[str, Any]] = []
    skipped: list[str] = []
    for i, feature in enumerate(data.get("features") or []):
        geometry = (feature or {}).get("geometry")
        props = (feature or {}).get("properties") or {}
        name = _first(props, _NAME_KEYS) or f"feature {i}"
        if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            skipped.append(f"{name}: geometry is {(geometry or {}).get('type')}, not a polygon")
            continue
        try:
            geom = shape(geometry)
        except (ValueError, TypeError, AttributeError, IndexError) as exc:
            skipped.append(f"{name}: unreadable geometry ({exc})")
            continue
        if geom.is_empty:
            skipped.append(f"{name}: empty geometry")
            continue
        records.append(
            {
                "name": name[:200],
                "zone_type": (zone_type or guess_zone_type(name, props))[:40],
                "lower_limit": _first(props, _LOWER_KEYS)[:60],
                "upper_limit": _first(props, _UPPER_KEYS)[:60],
                "geometry": geometry,
                "source": source[:255],
                "properties": dict(props),
                "fingerprint": zone_fingerprint(name, geometry),
            }
        )
    return records, skipped
