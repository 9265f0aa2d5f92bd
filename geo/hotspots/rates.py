"""Report rates against an exposure layer (e.g. aircraft movements), smoothed for small numbers.

Method: global empirical-Bayes smoothing (Marshall 1991), then Gi* on the smoothed rates.
Raw rates r_i = y_i / e_i are unstable where exposure is small (one report near a strip with
ten movements a year is a rate of 0.1); EB shrinks each raw rate towards the global rate b
with weight a / (a + b / e_i), where a is the between-cell variance of the true rates
(method-of-moments, floored at 0). Large exposures keep their own rate, small ones borrow
strength from the whole map, and cells with no exposure get the global rate (no information).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from geo.hotspots.neighbours import grid_disks


def eb_rates(counts: ArrayLike, exposure: ArrayLike) -> NDArray[np.float64]:
    """Empirical-Bayes smoothed rates (reports per unit of exposure) per cell.

    Equal to ``esda.smoothing.Empirical_Bayes(counts, exposure).r`` when every exposure is
    positive and the estimated between-cell variance ``a`` is positive. Otherwise esda yields
    negative weights or division by zero; here ``a`` is floored at 0 (every cell gets the
    global rate: the data show no variation beyond Poisson noise) and zero-exposure cells get
    the global rate.
    """
    y = np.asarray(counts, dtype=np.float64).ravel()
    e = np.asarray(exposure, dtype=np.float64).ravel()
    if y.shape != e.shape:
        raise ValueError(f"{y.size} counts for {e.size} exposures; pass one of each per cell")
    if (e < 0).any():
        raise ValueError("exposure must be non-negative")
    total_e = e.sum()
    if total_e <= 0:
        raise ValueError("exposure is zero everywhere; there is nothing to normalise by")
    b = y.sum() / total_e
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = np.where(e > 0, y / e, b)
    e_bar = total_e / e.size
    s2 = (e * (raw - b) ** 2).sum() / total_e
    a = max(s2 - b / e_bar, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = np.where(e > 0, a / (a + b / e), 0.0)
    weight = np.nan_to_num(weight)  # a = b = 0: no reports anywhere, rate 0 everywhere
    return weight * raw + (1.0 - weight) * b


def raw_rates(counts: ArrayLike, exposure: ArrayLike) -> NDArray[np.float64]:
    """Reports per unit of exposure; cells with zero exposure get the global rate."""
    y = np.asarray(counts, dtype=np.float64).ravel()
    e = np.asarray(exposure, dtype=np.float64).ravel()
    if y.shape != e.shape or (e < 0).any() or e.sum() <= 0:
        raise ValueError("need one non-negative exposure per count, not zero everywhere")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(e > 0, y / e, y.sum() / e.sum())


def exposure_on_cells(
    source_cells: ArrayLike, amounts: ArrayLike, domain: ArrayLike, *, k: int = 0
) -> NDArray[np.float64]:
    """Spread an exposure layer given at points (e.g. annual movements per aerodrome, with the
    aerodrome's H3 cell at the analysis resolution) onto ``domain`` (sorted int64 cells).

    Each source's amount is shared equally among the cells within ``k`` grid steps of it, since
    traffic is flown around an aerodrome, not over its reference point; amounts landing outside
    the domain are dropped.
    """
    src = np.asarray(source_cells, dtype=np.int64).ravel()
    amt = np.asarray(amounts, dtype=np.float64).ravel()
    dom = np.asarray(domain, dtype=np.int64)
    out = np.zeros(dom.size, dtype=np.float64)
    if src.size == 0 or dom.size == 0:
        return out
    origin, nbrs = grid_disks(src, k)
    per_cell = amt / np.bincount(origin, minlength=src.size)
    pos = np.minimum(np.searchsorted(dom, nbrs), dom.size - 1)
    inside = dom[pos] == nbrs
    np.add.at(out, pos[inside], per_cell[origin[inside]])
    return out
