"""Country outlines for the offline basemap and the static maps: Natural Earth 1:110m Admin 0
countries (public domain), shipped in ``geo/data/`` with its licence note.

Used when no tile server is configured, so maps still show where things are.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import shapely
import shapely.geometry

COUNTRIES = resources.files("geo").joinpath("data", "naturalearth_lowres_countries.geojson")
WEB_SIMPLIFY_DEGREES = 0.05  # the web map's outlines: ~5 km, plenty at country scale


@lru_cache(maxsize=1)
def _countries() -> dict[str, Any]:
    collection: dict[str, Any] = json.loads(COUNTRIES.read_text(encoding="utf-8"))
    return collection


@lru_cache(maxsize=1)
def country_outlines() -> tuple[shapely.Geometry, ...]:
    """The 177 country (multi)polygons, longitude/latitude degrees, at full 1:110m detail."""
    return tuple(shapely.geometry.shape(f["geometry"]) for f in _countries()["features"])


@lru_cache(maxsize=1)
def country_outlines_geojson() -> str:
    """A GeoJSON FeatureCollection (string) of the countries, properties ``name`` and
    ``iso_a3``, simplified by :data:`WEB_SIMPLIFY_DEGREES` for the browser."""
    simple = shapely.simplify(
        np.array(country_outlines(), dtype=object), WEB_SIMPLIFY_DEGREES, preserve_topology=True
    )
    features = [
        {
            "type": "Feature",
            "properties": feature["properties"],
            "geometry": shapely.geometry.mapping(geometry),
        }
        for feature, geometry in zip(_countries()["features"], simple, strict=True)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features})
