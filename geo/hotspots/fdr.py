"""Benjamini-Hochberg false-discovery-rate control and hot/cold classification."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import stats

# (label suffix, FDR level q must not exceed), strictest first.
CONFIDENCE_LEVELS: tuple[tuple[str, float], ...] = (("99", 0.01), ("95", 0.05), ("90", 0.10))
NOT_SIGNIFICANT = "not_significant"
CLASSIFICATIONS: tuple[str, ...] = (
    *(f"hot_{c}" for c, _ in CONFIDENCE_LEVELS),
    *(f"cold_{c}" for c, _ in CONFIDENCE_LEVELS),
    NOT_SIGNIFICANT,
)


def bh_qvalues(p: ArrayLike, axis: int = 0) -> NDArray[np.float64]:
    """Benjamini-Hochberg adjusted p-values ("q-values") along ``axis``:
    ``scipy.stats.false_discovery_control(p, method="bh")``. A cell is a discovery at FDR level
    alpha when q <= alpha. Pass two-sided p-values: hot and cold spots are tested together, so
    the family is all cells.

    A family holding a NaN p-value (a cell whose Gi* could not be computed) has no defined
    ranking, so every q in it is NaN (never significant) rather than an error; other families
    along ``axis`` are unaffected.
    """
    p_arr = np.asarray(p, dtype=np.float64)
    if p_arr.size == 0:
        return p_arr.copy()
    missing = np.isnan(p_arr)
    q = stats.false_discovery_control(np.where(missing, 1.0, p_arr), axis=axis, method="bh")
    return np.where(missing.any(axis=axis, keepdims=True), np.nan, q)


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
