"""Serving hotspot maps: Gi* from cells that were already counted (e.g. by a database
``GROUP BY``). (The fast GeoJSON writer for the result is ``geo.hotspots.serialise``.)

:func:`geo.hotspots.analysis.hotspots_compute` takes one cell per report; a database can count
reports per cell far faster than it can ship a million rows to Python, so this entry point takes
the ``(cell, count)`` pairs directly and runs the very same statistics on them.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from geo.hotspots.analysis import HotspotResult, scored_result, scored_study_area
from geo.hotspots.counts import study_area
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
    if area is None and k > 0 and occupied.size:
        # The default study area (the serving path): neighbourhood sums without the matrix.
        return scored_study_area(occupied, per_cell.astype(np.int64), k)
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
        return HotspotResult(
            cells=domain,
            count=count,
            value=value,
            z=empty,
            p=empty,
            q=empty,
            classification=np.zeros(0, dtype="<U16"),
            k=k,
        )
    gi = gi_star(value, disk_weights(domain, k))
    return scored_result(cells=domain, count=count, value=value, gi=gi, k=k)
