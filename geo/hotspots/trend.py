"""Mann-Kendall monotonic trend test, vectorised across many series."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import ndtr


@dataclass(frozen=True)
class MannKendall:
    """Per series: the S statistic, its tie-corrected variance, the z-score and the two-sided
    p-value. ``z > 0`` means an upward trend."""

    s: NDArray[np.float64]
    var_s: NDArray[np.float64]
    z: NDArray[np.float64]
    p: NDArray[np.float64]


def mann_kendall(series: ArrayLike, *, continuity: bool = True) -> MannKendall:
    """Mann-Kendall test on each row of ``series`` (cells x time slices, oldest first).

    S = sum_{i<j} sign(x_j - x_i); Var(S) = [n(n-1)(2n+5) - sum_t t(t-1)(2t+5)] / 18 over
    groups of t tied values; z = (S - sign(S)) / sqrt(Var S) with the usual continuity
    correction (``continuity=False`` gives S / sqrt(Var S), the form scipy's ``kendalltau``
    uses against time). The loops run over time lags (a few dozen at most), never over cells.
    """
    x = np.atleast_2d(np.asarray(series, dtype=np.float64))
    n_series, n = x.shape
    s = np.zeros(n_series)
    # tied[:, i] = how many values in the row equal x[:, i] (itself included)
    tied = np.ones((n_series, n))
    for lag in range(1, n):
        diff = x[:, lag:] - x[:, :-lag]
        s += np.sign(diff).sum(axis=1)
        equal = diff == 0
        tied[:, lag:] += equal
        tied[:, :-lag] += equal
    # Each tie group of size t contributes t(t-1)(2t+5); spread it over its t members.
    tie_term = ((tied - 1) * (2 * tied + 5)).sum(axis=1)
    var_s = (n * (n - 1) * (2 * n + 5) - tie_term) / 18.0
    numerator = s - np.sign(s) if continuity else s
    with np.errstate(divide="ignore", invalid="ignore"):
        z = numerator / np.sqrt(var_s)
    z = np.where(var_s > 0, z, 0.0)
    return MannKendall(s=s, var_s=var_s, z=z, p=2.0 * ndtr(-np.abs(z)))
