"""Country outlines for an offline basemap: Natural Earth 1:110m, as shipped inside pyogrio.

Used when no tile server is configured, so maps still show where things are.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pyogrio

_NATURAL_EARTH = Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres"


@lru_cache(maxsize=1)
def country_outlines_geojson() -> str:
    """A GeoJSON FeatureCollection (string) of country polygons, or an empty one if missing."""
    path = _NATURAL_EARTH / "naturalearth_lowres.shp"
    if not path.exists():
        return json.dumps({"type": "FeatureCollection", "features": []})
    frame = pyogrio.read_dataframe(path, columns=["name", "iso_a3"])
    frame["geometry"] = frame.geometry.simplify(0.05, preserve_topology=True)
    return frame.to_json(drop_id=True)
