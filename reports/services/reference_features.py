"""The reference data inside a map window as GeoJSON bytes, cached by window and data version."""

from __future__ import annotations

import json
import math

from django.core.cache import BaseCache

from geo.reference_features import BBox, reference_features
from reports.services.reference import reference_data

CACHE_SECONDS = 3600


def _outward(bbox: BBox) -> BBox:
    """Rounded outward to 0.05 degree, so a map panned a little asks for the same window."""
    min_lon, min_lat, max_lon, max_lat = bbox
    step = 20.0
    return (
        max(-180.0, math.floor(min_lon * step) / step),
        max(-90.0, math.floor(min_lat * step) / step),
        min(180.0, math.ceil(max_lon * step) / step),
        min(90.0, math.ceil(max_lat * step) / step),
    )


def reference_features_json(*, bbox: BBox, cache: BaseCache) -> bytes:
    """GeoJSON FeatureCollection of runways, aerodromes, navaids and zones in ``bbox``."""
    reference = reference_data()
    window = _outward(bbox)
    key = f"reference-features:{reference.version}:{','.join(f'{v:.2f}' for v in window)}"
    body = cache.get(key)
    if body is None:
        body = json.dumps(reference_features(reference, window), separators=(",", ":")).encode()
        cache.set(key, body, CACHE_SECONDS)
    return body
