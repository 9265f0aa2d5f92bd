"""H3 cells for many points at once (h3ronpy, vectorised)."""

from __future__ import annotations

import numpy as np
from h3ronpy.vector import coordinates_to_cells
from numpy.typing import ArrayLike, NDArray

RESOLUTIONS = (5, 6, 7, 8, 9)


def cells_for_points(
    lat: ArrayLike, lon: ArrayLike, resolutions: tuple[int, ...] = RESOLUTIONS
) -> dict[int, NDArray[np.int64]]:
    """H3 cell ids (as int64, always < 2**63) per resolution; 0 where a coordinate is missing."""
    lat_a = np.asarray(lat, dtype=np.float64)
    lon_a = np.asarray(lon, dtype=np.float64)
    ok = np.isfinite(lat_a) & np.isfinite(lon_a)
    out: dict[int, NDArray[np.int64]] = {}
    every = bool(ok.all())
    for res in resolutions:
        if every and lat_a.size:  # the usual case: no masking, no copies
            # H3 ids are < 2**63, so the uint64 buffer is viewed as int64 as it is.
            arr = coordinates_to_cells(lat_a, lon_a, res)
            out[res] = np.asarray(arr.to_numpy(), dtype=np.uint64).view(np.int64)
            continue
        cells = np.zeros(lat_a.shape, dtype=np.int64)
        if ok.any():
            arr = coordinates_to_cells(lat_a[ok], lon_a[ok], res)
            cells[ok] = np.asarray(arr.to_numpy(), dtype=np.uint64).view(np.int64)
        out[res] = cells
    return out
