"""Report counts per H3 cell and the study area the statistics are computed over."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from geo.hotspots.neighbours import _sorted_unique, disk_union


@dataclass(frozen=True)
class CellCounts:
    """Reports per occupied cell. ``cells`` is sorted ascending (int64 H3 ids)."""

    cells: NDArray[np.int64]
    counts: NDArray[np.int64]


def cell_counts(cells: ArrayLike, mask: ArrayLike | None = None) -> CellCounts:
    """Unique H3 cells and how many reports fall in each.

    ``cells`` is one int64 H3 id per report, as stored in the ``h3_r*`` columns; ``0`` means the
    report has no position and is ignored. ``mask`` (same length, boolean) keeps only the reports
    a caller's filter selected (window, object class, status ...), so filtering stays a numpy
    operation rather than a Python loop over reports.
    """
    arr = np.asarray(cells, dtype=np.int64).ravel()
    keep = arr != 0
    if mask is not None:
        m = np.asarray(mask, dtype=bool).ravel()
        if m.shape != arr.shape:
            raise ValueError(f"mask has {m.size} entries for {arr.size} cells; pass one per report")
        keep &= m
    # Sorting is the whole cost here; np.unique on int64 is a single radix-friendly sort.
    uniq, counts = np.unique(arr[keep], return_counts=True)
    return CellCounts(cells=uniq.astype(np.int64), counts=counts.astype(np.int64))


def study_area(occupied: ArrayLike, k: int = 1) -> NDArray[np.int64]:
    """The cells Gi* is computed over: the occupied cells plus their k-ring neighbours.

    Why this choice: Gi* compares each neighbourhood sum with the *global* mean and variance of
    the cells it is given, and sees nothing else. Passing only occupied cells hides every empty
    cell, inflates the global mean and makes genuine concentrations look ordinary. Passing a
    whole region (e.g. every res-7 cell of the United States, ~1.6 million) drowns the data in
    structural zeros (deserts, lakes, restricted land) and makes every populated place "hot".
    The occupied cells plus a ring of width ``k`` (the same ``k`` as the weights) is the usual
    compromise: each occupied cell sees its complete neighbourhood, empty neighbours count as
    genuine zeros, and the baseline stays where reports can arise. Callers with a natural domain
    (an aerodrome's 30 NM circle, a state) can pass that cell set instead.
    """
    occ = _sorted_unique(np.asarray(occupied, dtype=np.int64).ravel())
    occ = occ[occ != 0]
    if k <= 0 or occ.size == 0:
        return occ
    return disk_union(occ, k)
