"""The reference data we hold, as GeoJSON for a map window: runways, aerodromes, navaids and
airspace zones inside a bounding box. Drawn over the offline basemap at close zoom, where the
country outlines alone leave an empty box and nobody can click a precise spot.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import mapping, shape

from geo.airspace import ZoneIndex
from geo.navaids import NavaidTable
from geo.reference import ReferenceData
from geo.runways import RunwayTable

BBox = tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat (degrees)
MAX_FEATURES_PER_KIND = 2000


def _inside(lat: NDArray[np.float64], lon: NDArray[np.float64], bbox: BBox) -> NDArray[np.bool_]:
    min_lon, min_lat, max_lon, max_lat = bbox
    return (lat >= min_lat) & (lat <= max_lat) & (lon >= min_lon) & (lon <= max_lon)


def _feature(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _runways(runways: RunwayTable, bbox: BBox) -> list[dict[str, Any]]:
    """One line per runway, threshold to threshold, when either end is in the box."""
    if not len(runways):
        return []
    hits = np.flatnonzero(_inside(runways.latitude, runways.longitude, bbox))
    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    for i in hits[:MAX_FEATURES_PER_KIND].tolist():
        end = runways.ends[i]
        other = runways.opposite(end)
        if other is None:
            continue
        key = (end.airport_ident, "/".join(sorted((end.ident, other.ident))))
        if key in seen:
            continue
        seen.add(key)
        line = {
            "type": "LineString",
            "coordinates": [[end.longitude, end.latitude], [other.longitude, other.latitude]],
        }
        out.append(_feature(line, kind="runway", aerodrome=key[0], name=f"RWY {key[1]}"))
    return out


@lru_cache(maxsize=4)
def _zone_shapes(zones: ZoneIndex) -> tuple[list[Any], NDArray[np.float64]]:
    """Zone geometries and their bounds, built once per loaded zone set."""
    shapes = [shapely.make_valid(shape(z.geometry)) for z in zones.zones]
    bounds = np.array([s.bounds for s in shapes], dtype=float).reshape(-1, 4)
    return shapes, bounds


def _zones(zones: ZoneIndex, bbox: BBox) -> list[dict[str, Any]]:
    """Zones overlapping the box, clipped to it (a national zone would otherwise ship whole)."""
    if not len(zones):
        return []
    shapes, b = _zone_shapes(zones)
    min_lon, min_lat, max_lon, max_lat = bbox
    hits = np.flatnonzero(
        (b[:, 0] <= max_lon) & (b[:, 2] >= min_lon) & (b[:, 1] <= max_lat) & (b[:, 3] >= min_lat)
    )
    out: list[dict[str, Any]] = []
    for i in hits[:MAX_FEATURES_PER_KIND].tolist():
        clipped = shapely.clip_by_rect(shapes[i], *bbox)
        if clipped.is_empty:
            continue
        z = zones.zones[i]
        out.append(
            _feature(
                mapping(clipped),
                kind="zone",
                name=z.name,
                zone_type=z.zone_type,
                lower_limit=z.lower_limit,
                upper_limit=z.upper_limit,
            )
        )
    return out


@lru_cache(maxsize=4)
def _navaid_points(navaids: NavaidTable) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    lat = np.array([n.latitude for n in navaids.navaids], float)
    lon = np.array([n.longitude for n in navaids.navaids], float)
    return lat, lon


def reference_features(reference: ReferenceData, bbox: BBox) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of what lies in ``bbox`` (WGS84 degrees, not crossing the
    antimeridian): each feature's ``kind`` is runway, aerodrome, navaid or zone."""
    features = _zones(reference.zones, bbox) + _runways(reference.runways, bbox)
    table = reference.aerodromes
    for i in np.flatnonzero(_inside(table.latitude, table.longitude, bbox))[
        :MAX_FEATURES_PER_KIND
    ].tolist():
        a = table.aerodromes[i]
        point = {"type": "Point", "coordinates": [a.longitude, a.latitude]}
        features.append(_feature(point, kind="aerodrome", code=a.code, name=a.name))
    navaids = reference.navaids.navaids
    if navaids:
        lat, lon = _navaid_points(reference.navaids)
        for i in np.flatnonzero(_inside(lat, lon, bbox))[:MAX_FEATURES_PER_KIND].tolist():
            n = navaids[i]
            point = {"type": "Point", "coordinates": [n.longitude, n.latitude]}
            features.append(
                _feature(point, kind="navaid", code=n.ident, name=n.name, type=n.navaid_type)
            )
    return {"type": "FeatureCollection", "features": features}
