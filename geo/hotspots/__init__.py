"""Hotspot statistics over H3 cells: counts, Getis-Ord Gi*, FDR, emerging trends, rates.

Pure numpy/scipy over int64 H3 ids (the ``h3_r*`` report columns); no Django. Typical use::

    from geo.hotspots import hotspots_compute
    from geo.hotspots.serialise import hotspots_geojson_bytes
    result = hotspots_compute(h3_r7_column, mask=published, k=1)
    hot = result.cells[result.classification == "hot_99"]
    geojson = hotspots_geojson_bytes(result)  # cells with reports or a significant class

A *hotspot* is a cell whose Gi* z-score is significant after Benjamini-Hochberg FDR
correction, not merely a cell with many reports.
"""

from __future__ import annotations

from geo.hotspots.analysis import HotspotResult, hotspots_compute, hotspots_compute_rates
from geo.hotspots.counts import CellCounts, cell_counts, study_area
from geo.hotspots.emerging import (
    EMERGING_CLASSES,
    EmergingResult,
    emerging_classify,
    emerging_hotspots,
)
from geo.hotspots.fdr import CLASSIFICATIONS, bh_qvalues, classify
from geo.hotspots.gistar import GiStar, gi_star
from geo.hotspots.neighbours import disk_weights, grid_disks
from geo.hotspots.rates import eb_rates, exposure_on_cells
from geo.hotspots.rings import cell_polygons
from geo.hotspots.trend import MannKendall, mann_kendall

__all__ = [
    "CLASSIFICATIONS",
    "EMERGING_CLASSES",
    "CellCounts",
    "EmergingResult",
    "GiStar",
    "HotspotResult",
    "MannKendall",
    "bh_qvalues",
    "cell_counts",
    "cell_polygons",
    "classify",
    "disk_weights",
    "eb_rates",
    "emerging_classify",
    "emerging_hotspots",
    "exposure_on_cells",
    "gi_star",
    "grid_disks",
    "hotspots_compute",
    "hotspots_compute_rates",
    "mann_kendall",
    "study_area",
]
