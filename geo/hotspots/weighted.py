"""Serving hotspot maps: Gi* from cells that were already counted (e.g. by a database
``GROUP BY``), and a fast GeoJSON serialiser for the result.

:func:`geo.hotspots.analysis.hotspots_compute` takes one cell per report; a database can count
reports per cell far faster than it can ship a million rows to Python, so this entry point takes
the ``(cell, count)`` pairs directly and runs the very same statistics on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import h3
import numpy as np
from numpy.typing import ArrayLike, NDArray

from geo.hotspots.analysis import HotspotResult
from geo.hotspots.counts import study_area
from geo.hotspots.fdr import bh_qvalues, classify
from geo.hotspots.gistar import gi_star
from geo.hotspots.neighbours import disk_weights


def hotspots_compute_counts(
    cells: ArrayLike,
    counts: ArrayLike,
    *,
    k: int = 1,
    area: ArrayLike | None = None,
) -> HotspotResult:
    """Gi* hotspots from int64 H3 ``cells`` (one resolution) and the number of reports in each.

    Equal to ``hotspots_compute(np.repeat(cells, counts), k=k, area=area)`` without building
    the per-report array. Repeated cells are summed; cell ``0`` (no position) and non-positive
    counts are ignored. ``k`` and ``area`` mean what they mean in ``hotspots_compute``.
    """
    cell_arr = np.asarray(cells, dtype=np.int64).ravel()
    count_arr = np.asarray(counts, dtype=np.int64).ravel()
    if cell_arr.shape != count_arr.shape:
        raise ValueError(f"{count_arr.size} counts for {cell_arr.size} cells; pass one per cell")
    keep = (cell_arr != 0) & (count_arr > 0)
    occupied, inverse = np.unique(cell_arr[keep], return_inverse=True)
    per_cell = np.bincount(inverse, weights=count_arr[keep], minlength=occupied.size)
    domain = study_area(occupied, k) if area is None else np.unique(np.asarray(area, np.int64))
    count = np.zeros(domain.size, dtype=np.int64)
    if occupied.size and domain.size:
        pos = np.minimum(np.searchsorted(domain, occupied), domain.size - 1)
        inside = domain[pos] == occupied
        # Reports outside an explicit study area are not scored (and not silently moved).
        count[pos[inside]] = per_cell[inside].astype(np.int64)
    value = count.astype(np.float64)
    if domain.size == 0:
        empty = np.zeros(0, dtype=np.float64)
        return HotspotResult(cells=domain, count=count, value=value, z=empty, p=empty, q=empty,
                             classification=np.zeros(0, dtype="<U16"), k=k)
    gi = gi_star(value, disk_weights(domain, k))
    q = bh_qvalues(gi.p)
    return HotspotResult(cells=domain, count=count, value=value, z=gi.z, p=gi.p, q=q,
                         classification=classify(gi.z, q), k=k)


def hotspots_geojson_bytes(
    result: HotspotResult,
    keep: ArrayLike | None = None,
    *,
    counts: Sequence[int | None] | None = None,
) -> bytes:
    """``hotspots_geojson(result)`` serialised straight to compact JSON bytes, several times
    faster for the tens of thousands of hexagons a national map holds (no intermediate dicts,
    no shapely round trip). ``keep`` (boolean, one per result cell) selects the hexagons,
    default those with reports or a significant class; ``counts`` optionally replaces the
    kept cells' counts (``None`` is written as ``null``, e.g. suppressed small counts).
    Coordinates are [longitude, latitude] degrees rounded to 1e-6 (about 0.1 m)."""
    mask = (result.count > 0) | result.significant() if keep is None else np.asarray(keep, bool)
    idx = np.flatnonzero(mask)
    kept_counts: Sequence[int | None] = (result.count[idx].tolist() if counts is None
                                         else list(counts))
    if len(kept_counts) != idx.size:
        raise ValueError(f"{len(kept_counts)} counts for {idx.size} kept cells")
    z, p, q = (_numbers(a[idx]) for a in (result.z, result.p, result.q))
    labels = result.classification[idx].tolist()
    parts = []
    for j, i in enumerate(idx.tolist()):
        name = h3.int_to_str(int(result.cells[i]))
        ring = h3.cell_to_boundary(name)  # ((lat, lng), ...), counter-clockwise
        # One %-format per ring (closed: first vertex again), [lng, lat] order.
        flat = [v for lat, lng in (*ring, ring[0]) for v in (lng, lat)]
        count = "null" if kept_counts[j] is None else str(int(kept_counts[j]))
        parts.append(
            '{"type":"Feature","geometry":{"type":"Polygon","coordinates":[['
            + _ring_format(len(ring) + 1) % tuple(flat)
            + f']]}},"properties":{{"cell":"{name}","count":{count},"z":{z[j]},"p":{p[j]},'
            f'"q":{q[j]},"classification":"{labels[j]}"}}}}')
    return ('{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}").encode()


@lru_cache(maxsize=16)
def _ring_format(points: int) -> str:
    return ",".join(["[%.6f,%.6f]"] * points)


def _numbers(values: NDArray[np.float64]) -> list[str]:
    # JSON has no NaN/inf; 6 decimals as in geo.hotspots.geojson.
    finite = np.isfinite(values).tolist()
    return [repr(round(v, 6)) if ok else "null"
            for v, ok in zip(values.tolist(), finite, strict=True)]
