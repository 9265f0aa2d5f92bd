"""Getis-Ord Gi* with binary weights, analytic (normal) inference."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray
from scipy.special import ndtr


@dataclass(frozen=True)
class GiStar:
    """Gi* per cell. Arrays have the shape of ``y`` (cells, or cells x time slices).

    ``z`` is the standard-normal score; ``p`` the two-sided p-value; ``p_one_sided`` the upper
    tail of |z| (what esda reports as ``p_norm``; ``p == 2 * p_one_sided``).
    """

    z: NDArray[np.float64]
    p: NDArray[np.float64]
    p_one_sided: NDArray[np.float64]


def gi_star(y: ArrayLike, weights: sp.csr_matrix) -> GiStar:
    """Getis-Ord Gi* z-scores for values ``y`` (counts or rates per cell) under binary weights
    that include each cell itself (see :func:`geo.hotspots.neighbours.disk_weights`).

    ``y`` may be 2-D (cells x slices): every column is scored independently against its own
    mean and variance, with one sparse product for all columns.

    The formula is Getis & Ord (1992) / Ord & Getis (1995) as used by ArcGIS and by
    ``esda.G_Local(star=True, transform="B")``::

        z_i = (sum_j w_ij y_j - ybar * W_i) / (S * sqrt((n * W_i - W_i**2) / (n - 1)))

    with W_i the number of cells in i's neighbourhood, ybar and S the mean and population
    standard deviation of ``y`` over the n cells. Where S is 0 (all values equal, e.g. an empty
    slice or fully shrunk rates) there is no evidence of clustering: z = 0, p = 1.
    """
    y_arr = np.asarray(y, dtype=np.float64)
    n = y_arr.shape[0]
    if weights.shape != (n, n):
        raise ValueError(
            f"weights are {weights.shape} for {n} values; build them over the same cells"
        )
    cardinality = np.asarray(weights.sum(axis=1), dtype=np.float64).ravel()
    return gi_star_from_sums(y_arr, weights @ y_arr, cardinality)


def gi_star_from_sums(y: ArrayLike, local_sum: ArrayLike, cardinality: ArrayLike) -> GiStar:
    """``gi_star`` from its two neighbourhood sums, ``W @ y`` and the row sums of ``W`` (e.g.
    from :func:`geo.hotspots.neighbours.occupied_disk_sums`, which never builds ``W``)."""
    y_arr = np.asarray(y, dtype=np.float64)
    n = y_arr.shape[0]
    local_sum = np.asarray(local_sum, dtype=np.float64)
    cardinality = np.asarray(cardinality, dtype=np.float64).ravel()
    if y_arr.ndim == 2:
        cardinality = cardinality[:, None]
    mean = y_arr.mean(axis=0)
    # Population variance, computed around the mean (stable for large counts) rather than
    # E[y^2] - E[y]^2; equal to esda's to ~1e-12.
    std = np.sqrt(((y_arr - mean) ** 2).mean(axis=0))
    # A constant surface (e.g. fully shrunk EB rates) leaves rounding noise of ~1e-16 relative
    # in the computed std; dividing by it would turn that noise into huge z-scores.
    flat = std <= 1e-12 * np.abs(mean)
    std = np.where(flat, 0.0, std)
    spread = np.clip(n * cardinality - cardinality**2, 0.0, None) / max(n - 1, 1)
    denom = std * np.sqrt(spread)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (local_sum - mean * cardinality) / denom
    z = np.where(np.isfinite(z), z, 0.0)
    p_one = ndtr(-np.abs(z))
    return GiStar(z=z, p=2.0 * p_one, p_one_sided=p_one)
