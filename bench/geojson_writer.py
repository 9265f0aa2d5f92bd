"""The hotspot GeoJSON writer alone: fixed-width byte matrix vs orjson, same vectorised rings.

    .venv/bin/python bench/geojson_writer.py [--n 1000000] [--repeat 5]

Does the fixed-width writer (``geo.hotspots.fixedwidth`` + ``serialise``, ~460 lines) earn
its lines against the obvious alternative: orjson serialising plain dicts whose rings are
numpy arrays? Both start from the same scored cells (``--n`` synthetic reports bunched around
US aerodromes as in ``hotspots_api.py``, resolution 7: its national all-time view, ~270,000
hexagons and ~100 MB of GeoJSON at 1M reports) and from the same ring
coordinates, read from h3ronpy's WKB in one vectorised pass. So the timed part is only:
fixed-width = filling the document matrix (``hotspots_geojson_bytes`` with a prepared
``RingTable``, whose fixed-width ring text is counted too); orjson = building the feature
dicts + ``orjson.dumps``. Runs alternate; the best of ``--repeat`` counts (shared machine).
Both documents are parsed back and compared (same cells, properties, coordinates to 1e-6).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import h3ronpy
import numpy as np
import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.hotspots_api import synthetic_positions  # noqa: E402
from geo.cells import cells_for_points  # noqa: E402
from geo.hotspots import HotspotResult, hotspots_compute  # noqa: E402

_HEXAGON_WKB = 13 + 7 * 16  # header + 7 points (the ring closed)


def plain_hexagons(cells: np.ndarray) -> np.ndarray:
    """Which cells are plain hexagons (not the ~0.06 % cut by an icosahedron edge, which both
    writers handle one by one): the benchmark compares the bulk path."""
    from h3ronpy.vector import cells_to_wkb_polygons

    wkb = cells_to_wkb_polygons(cells.astype(np.uint64)).to_pylist()
    return np.fromiter(map(len, wkb), dtype=np.int64, count=len(wkb)) == _HEXAGON_WKB


def ring_coordinates(cells: np.ndarray) -> np.ndarray:
    """(cells, 7, 2) lon/lat of hexagons' closed rings from one h3ronpy call (the same WKB
    reading as ``RingTable.build``)."""
    from h3ronpy.vector import cells_to_wkb_polygons

    wkb = cells_to_wkb_polygons(cells.astype(np.uint64)).to_pylist()
    buf = np.frombuffer(b"".join(wkb), dtype=np.uint8)
    return buf.reshape(len(wkb), _HEXAGON_WKB)[:, 13:].copy().view("<f8").reshape(-1, 7, 2)


def orjson_document(
    result: HotspotResult, keep: np.ndarray, coords: np.ndarray, members: dict[str, Any]
) -> bytes:
    """The same FeatureCollection through orjson: one dict per feature, rings as numpy (faster
    than nested lists here), the garbage collector paused while the ~1.4 million dicts are
    built (it otherwise more than doubles the time: as a production writer would do)."""
    gc.disable()
    try:
        return _orjson_document(result, keep, coords, members)
    finally:
        gc.enable()


def _orjson_document(
    result: HotspotResult, keep: np.ndarray, coords: np.ndarray, members: dict[str, Any]
) -> bytes:
    idx = np.flatnonzero(keep)
    names = h3ronpy.cells_to_string(result.cells[idx].astype(np.uint64)).to_pylist()
    rings = np.round(coords, 6)
    columns = zip(
        names,
        result.count[idx].tolist(),
        np.round(result.z[idx], 6).tolist(),
        np.round(result.p[idx], 6).tolist(),
        np.round(result.q[idx], 6).tolist(),
        result.classification[idx].tolist(),
        rings,
        strict=True,
    )
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [ring]},
            "properties": {"cell": c, "count": n, "z": z, "p": p, "q": q, "classification": k},
        }
        for c, n, z, p, q, k, ring in columns
    ]
    return orjson.dumps(
        {"type": "FeatureCollection", "features": features, **members},
        option=orjson.OPT_SERIALIZE_NUMPY,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from geo.hotspots.ringtable import _RING_WIDTH, RingTable, _points_into
    from geo.hotspots.serialise import hotspots_geojson_bytes

    lat, lon = synthetic_positions(args.n)
    result = hotspots_compute(cells_for_points(lat, lon)[7], k=1)
    keep = (result.count > 0) | result.significant()
    keep[np.flatnonzero(keep)[~plain_hexagons(result.cells[keep])]] = False
    cells = result.cells[keep]
    coords = ring_coordinates(cells)
    table = RingTable.build(cells)
    meta = {"meta": {"reports": args.n, "cells": int(keep.sum())}}
    raw_meta = b',"meta":' + json.dumps(meta["meta"], separators=(",", ":")).encode()

    names = ("fill", "ring text", "orjson")
    best = dict.fromkeys(names, float("inf"))
    cpu = dict.fromkeys(names, float("inf"))  # CPU seconds of all threads: less load-sensitive
    out: dict[str, bytes | bytearray] = {}
    T = TypeVar("T")

    def timed(name: str, fn: Callable[[], T]) -> T:
        t0, c0 = time.perf_counter(), time.process_time()
        value = fn()
        best[name] = min(best[name], time.perf_counter() - t0)
        cpu[name] = min(cpu[name], time.process_time() - c0)
        return value

    for _ in range(args.repeat):
        out["fixed-width"] = timed(
            "fill", lambda: hotspots_geojson_bytes(result, keep, rings=table, members=raw_meta)
        )
        out["orjson"] = timed("orjson", lambda: orjson_document(result, keep, coords, meta))
        # The fixed-width ring text is written while the statistics run (RingTable.build on a
        # thread); it is that writer's work too, so it counts: from the same coordinates.
        timed("ring text", lambda: _points_into(coords, np.empty((len(cells), _RING_WIDTH), "u1")))
    a, b = (json.loads(bytes(out[k]))["features"] for k in ("fixed-width", "orjson"))
    assert [f["properties"]["cell"] for f in a] == [f["properties"]["cell"] for f in b]
    for key in ("count", "z", "p", "q"):
        x = np.array([f["properties"][key] for f in a], dtype=float)
        y = np.array([f["properties"][key] for f in b], dtype=float)
        np.testing.assert_allclose(x, y, atol=1e-6)
    np.testing.assert_allclose(
        np.array([f["geometry"]["coordinates"][0] for f in a[:5000]]),
        np.array([f["geometry"]["coordinates"][0] for f in b[:5000]]),
        atol=1e-6,
    )
    fixed_total = best["fill"] + best["ring text"]
    print(f"{keep.sum():,} hexagons from {args.n:,} reports (resolution 7), wall time:")
    print(
        f"fixed-width: {best['fill']:.3f} s fill + {best['ring text']:.3f} s ring "
        f"text = {fixed_total:.3f} s, {len(out['fixed-width']) / 1e6:.1f} MB"
    )
    print(f"orjson:      {best['orjson']:.3f} s, {len(out['orjson']) / 1e6:.1f} MB")
    print(
        f"ratio: orjson takes {best['orjson'] / fixed_total:.2f}x the fixed-width writer's time "
        f"(the fixed-width writer is kept only if this is >= 1.5x)"
    )
    fixed_cpu = cpu["fill"] + cpu["ring text"]
    print(
        f"CPU time (all threads): fixed-width {fixed_cpu:.3f} s, orjson {cpu['orjson']:.3f} s: "
        f"{cpu['orjson'] / fixed_cpu:.2f}x"
    )


if __name__ == "__main__":
    main()
