"""Benjamini-Hochberg false-discovery-rate control and hot/cold classification."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

# (label suffix, FDR level q must not exceed), strictest first.
CONFIDENCE_LEVELS: tuple[tuple[str, float], ...] = (("99", 0.01), ("95", 0.05), ("90", 0.10))
NOT_SIGNIFICANT = "not_significant"
CLASSIFICATIONS: tuple[str, ...] = (
    *(f"hot_{c}" for c, _ in CONFIDENCE_LEVELS),
    *(f"cold_{c}" for c, _ in CONFIDENCE_LEVELS),
    NOT_SIGNIFICANT,
)


def bh_qvalues(p: ArrayLike, axis: int = 0) -> NDArray[np.float64]:
    """Benjamini-Hochberg adjusted p-values ("q-values") along ``axis``.

    q_(i) = min_{j >= i} min(1, m * p_(j) / j) over the m sorted p-values; a cell is a discovery
    at FDR level alpha when q <= alpha. Same result as
    ``scipy.stats.false_discovery_control(p, method="bh")``. Pass two-sided p-values: hot and
    cold spots are tested together, so the family is all cells.
    """
    p_arr = np.moveaxis(np.asarray(p, dtype=np.float64), axis, 0)
    m = p_arr.shape[0]
    if m == 0:
        return np.moveaxis(p_arr.copy(), 0, axis)
    order = np.argsort(p_arr, axis=0, kind="stable")
    ranked = np.take_along_axis(p_arr, order, axis=0)
    rank = np.arange(1, m + 1, dtype=np.float64).reshape((m,) + (1,) * (p_arr.ndim - 1))
    scaled = ranked * m / rank
    # Step-up: running minimum from the largest p-value down.
    q_sorted = np.minimum.accumulate(scaled[::-1], axis=0)[::-1]
    q_sorted = np.clip(q_sorted, 0.0, 1.0)
    q = np.empty_like(q_sorted)
    np.put_along_axis(q, order, q_sorted, axis=0)
    return np.moveaxis(q, 0, axis)


def classify(z: ArrayLike, q: ArrayLike) -> NDArray[np.str_]:
    """``hot_99`` / ``hot_95`` / ``hot_90`` / ``cold_..`` / ``not_significant`` per cell from the
    sign of the Gi* z-score and its FDR-adjusted two-sided significance (q <= 0.01 / 0.05 /
    0.10)."""
    z_arr = np.asarray(z, dtype=np.float64)
    q_arr = np.asarray(q, dtype=np.float64)
    out = np.full(z_arr.shape, NOT_SIGNIFICANT, dtype="<U16")
    # Loosest level first so stricter levels overwrite it.
    for suffix, alpha in reversed(CONFIDENCE_LEVELS):
        sig = q_arr <= alpha
        out[sig & (z_arr > 0)] = f"hot_{suffix}"
        out[sig & (z_arr < 0)] = f"cold_{suffix}"
    return out


def hot_mask(z: ArrayLike, q: ArrayLike, alpha: float = 0.10) -> NDArray[np.bool_]:
    """Significant hot spots at FDR level ``alpha``."""
    return (np.asarray(q) <= alpha) & (np.asarray(z) > 0)


def cold_mask(z: ArrayLike, q: ArrayLike, alpha: float = 0.10) -> NDArray[np.bool_]:
    """Significant cold spots at FDR level ``alpha``."""
    return (np.asarray(q) <= alpha) & (np.asarray(z) < 0)
