"""One call from stored report cells to scored, classified hotspot cells."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from geo.hotspots.counts import cell_counts, study_area
from geo.hotspots.fdr import bh_qvalues, classify
from geo.hotspots.gistar import GiStar, gi_star, gi_star_from_sums
from geo.hotspots.neighbours import disk_weights, occupied_disk_sums


@dataclass(frozen=True)
class HotspotResult:
    """One row per study-area cell (sorted int64 H3 ids). ``value`` is what Gi* scored: the
    count, or a rate when an exposure layer was used. ``p`` is two-sided, ``q`` its
    Benjamini-Hochberg adjustment."""

    cells: NDArray[np.int64]
    count: NDArray[np.int64]
    value: NDArray[np.float64]
    z: NDArray[np.float64]
    p: NDArray[np.float64]
    q: NDArray[np.float64]
    classification: NDArray[np.str_]
    k: int

    def __len__(self) -> int:
        return int(self.cells.size)

    def significant(self) -> NDArray[np.bool_]:
        """Cells classified hot or cold at any confidence level."""
        return self.classification != "not_significant"


def hotspots_compute(
    cells: ArrayLike,
    mask: ArrayLike | None = None,
    *,
    k: int = 1,
    area: ArrayLike | None = None,
    values: ArrayLike | None = None,
) -> HotspotResult:
    """Gi* hotspots from one int64 H3 cell per report (all at one resolution).

    ``mask`` selects reports (the caller's filter), ``k`` is the neighbourhood radius in grid
    steps (k=1: a cell and its 6 neighbours), ``area`` overrides the default study area (the
    occupied cells plus their k-ring, see :func:`geo.hotspots.counts.study_area`). ``values``
    optionally replaces counts with a per-study-area-cell value to score (e.g. rates from
    :func:`geo.hotspots.rates.eb_rates`); it must align with the study-area cells, so compute
    the area first with :func:`study_area` when using it.
    """
    counted = cell_counts(cells, mask)
    if area is None and values is None and k > 0 and counted.cells.size:
        return scored_study_area(counted.cells, counted.counts, k)
    domain = study_area(counted.cells, k) if area is None else np.unique(np.asarray(area, np.int64))
    count = np.zeros(domain.size, dtype=np.int64)
    if counted.cells.size:
        pos = np.searchsorted(domain, counted.cells)
        pos_c = np.minimum(pos, max(domain.size - 1, 0))
        inside = domain[pos_c] == counted.cells if domain.size else np.zeros(0, bool)
        # Reports outside an explicit study area are not scored (and not silently moved).
        count[pos_c[inside]] = counted.counts[inside]
    if values is None:
        value = count.astype(np.float64)
    else:
        value = np.asarray(values, dtype=np.float64).ravel()
        if value.size != domain.size:
            raise ValueError(f"values has {value.size} entries for {domain.size} study-area cells")
    weights = disk_weights(domain, k)
    gi = gi_star(value, weights)
    return scored_result(cells=domain, count=count, value=value, gi=gi, k=k)


def scored_result(
    *,
    cells: NDArray[np.int64],
    count: NDArray[np.int64],
    value: NDArray[np.float64],
    gi: GiStar,
    k: int,
) -> HotspotResult:
    """A study area's Gi* with its FDR q-values and hot/cold classes: the one place the
    statistics become a result, whatever was scored (counts or rates)."""
    q = bh_qvalues(gi.p)
    return HotspotResult(
        cells=cells,
        count=count,
        value=value,
        z=gi.z,
        p=gi.p,
        q=q,
        classification=classify(gi.z, q),
        k=k,
    )


def scored_study_area(
    occupied: NDArray[np.int64], counts: NDArray[np.int64], k: int
) -> HotspotResult:
    """Gi* over the default study area of ``occupied`` cells (sorted, unique, non-zero) with
    their report ``counts``, from the neighbourhood sums directly: no weights matrix (see
    :func:`geo.hotspots.neighbours.occupied_disk_sums`; equal to the matrix path, tested)."""
    domain, local_sum, cardinality = occupied_disk_sums(occupied, counts.astype(np.float64), k)
    count = np.zeros(domain.size, dtype=np.int64)
    count[np.searchsorted(domain, occupied)] = counts
    value = count.astype(np.float64)
    gi = gi_star_from_sums(value, local_sum, cardinality)
    return scored_result(cells=domain, count=count, value=value, gi=gi, k=k)


def hotspots_compute_rates(
    cells: ArrayLike,
    mask: ArrayLike | None = None,
    *,
    exposure_cells: ArrayLike,
    exposure: ArrayLike,
    k: int = 1,
    spread_k: int = 0,
    smoothing: Literal["eb", "none"] = "eb",
) -> HotspotResult:
    """Gi* on empirical-Bayes smoothed rates: reports per unit of exposure (e.g. per annual
    aircraft movement), so a busy aerodrome's many reports do not make it a hotspot by volume
    alone. ``exposure_cells`` / ``exposure`` give the layer at points (an aerodrome's H3 cell
    at this resolution and its movements), spread over ``spread_k`` grid steps around each
    (see :func:`geo.hotspots.rates.exposure_on_cells`). The study area is the occupied and
    exposure cells plus their k-ring; cells without exposure take the global rate (EB: no
    information), so they neither create nor hide hotspots. ``count`` stays the raw count.

    ``smoothing="eb"`` (default) is global empirical Bayes; when the map shows no variation
    beyond Poisson noise (EB's between-cell variance estimate <= 0) it shrinks every cell to
    the global rate and nothing is a rate hotspot, which is EB's honest answer but can hide a
    single sharp cluster in a large noisy map. ``smoothing="none"`` scores raw rates
    (reports / exposure; no exposure -> global rate), sensitive to small exposures.
    """
    from geo.hotspots.rates import eb_rates, exposure_on_cells, raw_rates

    counted = cell_counts(cells, mask)
    sources = np.asarray(exposure_cells, dtype=np.int64).ravel()
    domain = study_area(np.concatenate([counted.cells, sources]), k)
    per_cell = exposure_on_cells(sources, exposure, domain, k=spread_k)
    counts = np.zeros(domain.size, dtype=np.int64)
    counts[np.searchsorted(domain, counted.cells)] = counted.counts
    if smoothing not in ("eb", "none"):
        raise ValueError(f"smoothing must be 'eb' or 'none', not {smoothing!r}")
    rates = eb_rates(counts, per_cell) if smoothing == "eb" else raw_rates(counts, per_cell)
    return hotspots_compute(cells, mask, k=k, area=domain, values=rates)
