"""Emerging hot spot classes over consecutive time slices (after ArcGIS Pro's tool).

Simplified from ESRI's Emerging Hot Spot Analysis, and said here so nobody is surprised:

* Each time slice is scored with the *spatial* Gi* of :mod:`geo.hotspots.gistar` over one
  study area shared by all slices (cells occupied in any slice plus their k-ring), not with
  ESRI's space-time neighbourhood (no neighbouring time steps in the sum).
* A cell is "hot" ("cold") in a slice when it is significant at the 90% level after
  Benjamini-Hochberg FDR correction within that slice (``alpha``).
* The trend is a Mann-Kendall test on the cell's Gi* z-scores over time, significant at
  ``trend_alpha`` (ESRI also tests the z-score series).
* Per-slice Gi* is relative to that slice: a steady cluster can come out "diminishing"
  when another cluster grows and takes a larger share of the slice's variance. That is the
  question the statistic answers (is this place standing out *less* than it did?).
* Only the hot-spot side is classified; cold-spot trends are of no operational use for drone
  sightings. A cell that does not match any class is ``none``.

Classes (``f`` = fraction of slices hot, ``last`` = final slice hot), first match wins:

=============  ================================================================================
persistent     f >= 90%, last hot, no significant trend
intensifying   f >= 90%, last hot, significant upward trend
diminishing    f >= 90%, last hot, significant downward trend
historical     f >= 90%, final slice not hot
new            last hot and never hot before
consecutive    one uninterrupted run of >= 2 hot slices ending at the last, never hot before it
oscillating    last hot, f < 90%, and cold in some earlier slice
sporadic       last hot, f < 90%, on-and-off history, never cold
none           anything else (including hot only in the past without the 90%)
=============  ================================================================================
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from geo.hotspots.counts import study_area
from geo.hotspots.fdr import bh_qvalues, cold_mask, hot_mask
from geo.hotspots.gistar import gi_star
from geo.hotspots.neighbours import disk_weights
from geo.hotspots.trend import mann_kendall

EMERGING_CLASSES: tuple[str, ...] = (
    "new",
    "consecutive",
    "intensifying",
    "persistent",
    "diminishing",
    "sporadic",
    "oscillating",
    "historical",
    "none",
)


@dataclass(frozen=True)
class EmergingResult:
    """Per study-area cell: counts and Gi* z-scores per slice (cells x slices), the
    Mann-Kendall trend on the z-scores and the emerging class."""

    cells: NDArray[np.int64]
    counts: NDArray[np.int64]
    z: NDArray[np.float64]
    trend_z: NDArray[np.float64]
    trend_p: NDArray[np.float64]
    classification: NDArray[np.str_]


def emerging_classify(
    hot: ArrayLike,
    cold: ArrayLike,
    trend_z: ArrayLike,
    trend_p: ArrayLike,
    *,
    trend_alpha: float = 0.05,
) -> NDArray[np.str_]:
    """Emerging class per row from boolean hot/cold matrices (cells x slices, oldest first)
    and the Mann-Kendall result on each row's z-scores. See the module docstring for rules."""
    h = np.atleast_2d(np.asarray(hot, dtype=bool))
    c = np.atleast_2d(np.asarray(cold, dtype=bool))
    tz = np.asarray(trend_z, dtype=np.float64)
    tp = np.asarray(trend_p, dtype=np.float64)
    n_slices = h.shape[1]
    frac = h.mean(axis=1)
    last = h[:, -1]
    mostly = frac >= 0.9 - 1e-12
    # Length of the run of hot slices ending at the final slice.
    not_hot_rev = ~h[:, ::-1]
    run = np.where(not_hot_rev.any(axis=1), np.argmax(not_hot_rev, axis=1), n_slices)
    hot_total = h.sum(axis=1)
    earlier_hot = hot_total - run  # hot slices before the final run
    rising = (tp <= trend_alpha) & (tz > 0)
    falling = (tp <= trend_alpha) & (tz < 0)

    out = np.full(h.shape[0], "none", dtype="<U12")
    rules = [  # first match wins: apply in reverse so earlier rules overwrite later ones
        (mostly & last & rising, "intensifying"),
        (mostly & last & falling, "diminishing"),
        (mostly & last, "persistent"),
        (mostly & ~last, "historical"),
        (last & (hot_total == 1), "new"),
        (last & (run >= 2) & (earlier_hot == 0), "consecutive"),
        (last & c.any(axis=1), "oscillating"),
        (last & ~c.any(axis=1), "sporadic"),
    ]
    for cond, label in reversed(rules):
        out[cond] = label
    return out


def emerging_hotspots(
    cells: ArrayLike,
    slice_index: ArrayLike,
    n_slices: int,
    *,
    k: int = 1,
    alpha: float = 0.10,
    trend_alpha: float = 0.05,
) -> EmergingResult:
    """Emerging hot spot classes from one int64 H3 cell and one time-slice index
    (0 = oldest .. ``n_slices - 1`` = newest) per report. Reports with cell 0 or a slice
    outside the range are ignored. Needs at least 2 slices for a trend."""
    if n_slices < 2:
        raise ValueError("emerging hot spots need at least 2 time slices")
    cell_arr = np.asarray(cells, dtype=np.int64).ravel()
    t = np.asarray(slice_index, dtype=np.int64).ravel()
    keep = (cell_arr != 0) & (t >= 0) & (t < n_slices)
    cell_arr, t = cell_arr[keep], t[keep]
    domain = study_area(cell_arr, k)
    row = np.searchsorted(domain, cell_arr)
    counts = np.bincount(row * n_slices + t, minlength=domain.size * n_slices)
    counts = counts.reshape(domain.size, n_slices)
    gi = gi_star(counts.astype(np.float64), disk_weights(domain, k))
    q = bh_qvalues(gi.p, axis=0)  # FDR within each slice
    mk = mann_kendall(gi.z)
    labels = emerging_classify(
        hot_mask(gi.z, q, alpha), cold_mask(gi.z, q, alpha), mk.z, mk.p, trend_alpha=trend_alpha
    )
    return EmergingResult(
        cells=domain,
        counts=counts.astype(np.int64),
        z=gi.z,
        trend_z=mk.z,
        trend_p=mk.p,
        classification=labels,
    )
