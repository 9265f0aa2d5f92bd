"""Hexagon boundaries as coordinate lists ([longitude, latitude] degrees), for drawing."""

from __future__ import annotations

import numpy as np
import shapely
from h3ronpy.vector import cells_to_wkb_polygons
from numpy.typing import ArrayLike


def cell_polygons(cells: ArrayLike) -> list[list[list[float]]]:
    """Closed exterior rings, one per cell, as [[lon, lat], ...] in degrees (GeoJSON order)."""
    arr = np.asarray(cells, dtype=np.int64).ravel()
    if arr.size == 0:
        return []
    wkb = cells_to_wkb_polygons(arr.astype(np.uint64)).to_pylist()
    polys = shapely.from_wkb(np.asarray(wkb, dtype=object))
    # shapely coordinates are (x, y) = (lon, lat): already GeoJSON order.
    coords, owner = shapely.get_coordinates(shapely.get_exterior_ring(polys), return_index=True)
    splits = np.flatnonzero(np.diff(owner)) + 1
    return [ring.tolist() for ring in np.split(np.round(coords, 7), splits)]
