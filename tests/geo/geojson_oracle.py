"""The plain, per-feature GeoJSON writer, kept as the oracle the product's fast writer
(``geo.hotspots.serialise``) is tested against: obviously right, too slow for a national map."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import h3ronpy
import numpy as np
from numpy.typing import ArrayLike, NDArray

from geo.hotspots.analysis import HotspotResult
from geo.hotspots.rings import cell_polygons


def cells_geojson(cells: ArrayLike, properties: Mapping[str, ArrayLike]) -> dict[str, Any]:
    """A FeatureCollection with one hexagon per cell; ``properties`` maps a name to an array
    aligned with ``cells``. Each feature also gets ``cell`` (the H3 string id)."""
    arr = np.asarray(cells, dtype=np.int64).ravel()
    names = (
        [str(s) for s in h3ronpy.cells_to_string(arr.astype(np.uint64)).to_pylist()]
        if arr.size
        else []
    )
    columns = {key: _json_values(val, arr.size, key) for key, val in properties.items()}
    features = []
    for i, ring in enumerate(cell_polygons(arr)):
        props: dict[str, Any] = {"cell": names[i]}
        props.update({key: col[i] for key, col in columns.items()})
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def hotspots_geojson(
    result: HotspotResult,
    include: Literal["reported", "significant", "all"] = "reported",
) -> dict[str, Any]:
    """Hotspot hexagons with properties ``cell``, ``count``, ``z``, ``p``, ``q`` and
    ``classification``.

    ``include``: ``"reported"`` (default) keeps cells with reports or a significant result,
    ``"significant"`` only hot/cold cells, ``"all"`` the whole study area including its
    empty ring cells.
    """
    if include == "all":
        keep = np.ones(len(result), dtype=bool)
    elif include == "significant":
        keep = result.significant()
    elif include == "reported":
        keep = (result.count > 0) | result.significant()
    else:
        raise ValueError(f"include must be 'reported', 'significant' or 'all', not {include!r}")
    return cells_geojson(
        result.cells[keep],
        {
            "count": result.count[keep],
            "z": result.z[keep],
            "p": result.p[keep],
            "q": result.q[keep],
            "classification": result.classification[keep],
        },
    )


def _json_values(values: ArrayLike, n: int, name: str) -> list[Any]:
    arr: NDArray[Any] = np.asarray(values).ravel()
    if arr.size != n:
        raise ValueError(f"property {name!r} has {arr.size} values for {n} cells")
    if arr.dtype.kind == "f":
        # JSON has no NaN/inf; round to keep payloads small (1e-6 is far below any decision).
        return [None if not np.isfinite(v) else round(float(v), 6) for v in arr]
    return arr.tolist()
