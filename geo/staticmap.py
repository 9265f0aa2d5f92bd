"""Static PNG maps of hotspot hexagons around an aerodrome or inside a bounding box.

Rendered with matplotlib's Agg canvas directly (no ``pyplot`` global state, so it is safe in
Celery workers and threads). Projection: plate carrée with the y axis stretched by
1 / cos(latitude) at the map centre, which keeps hexagons and range rings visually round at
the few-hundred-NM scales these maps cover.

Country outlines for context come from Natural Earth 1:110m (public domain), shipped in
``geo/data/`` (``geo.basemap``); callers with better context (state lines, coastlines) pass
their own shapely geometries as ``outlines``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from numpy.typing import ArrayLike

from geo.basemap import country_outlines
from geo.geodesy import destination
from geo.hotspots.rings import cell_polygons

# Diverging red/blue for Gi* classes (ColorBrewer RdYlBu), distinct hues for emerging classes.
CLASS_COLOURS: dict[str, str] = {
    "hot_99": "#d7191c",
    "hot_95": "#fc8d59",
    "hot_90": "#fee090",
    "cold_99": "#2c7bb6",
    "cold_95": "#74add1",
    "cold_90": "#c6dbef",
    "new": "#ff7f00",
    "consecutive": "#fdbf6f",
    "intensifying": "#b10026",
    "persistent": "#e31a1c",
    "diminishing": "#fb9a99",
    "sporadic": "#cab2d6",
    "oscillating": "#6a3d9a",
    "historical": "#a6761d",
}
NEUTRAL_COLOUR = "#d9d9d9"  # not significant / none: drawn faintly so reported cells show
LEGEND_ORDER = tuple(CLASS_COLOURS)

BBox = tuple[float, float, float, float]  # (min_lon, min_lat, max_lon, max_lat), degrees


def bbox_around(lat: float, lon: float, radius_nm: float) -> BBox:
    """The bounding box (degrees) of a circle of ``radius_nm`` nautical miles around a point."""
    north = destination(lat, lon, 0.0, radius_nm)[0]
    south = destination(lat, lon, 180.0, radius_nm)[0]
    east = destination(lat, lon, 90.0, radius_nm)[1]
    west = destination(lat, lon, 270.0, radius_nm)[1]
    return (west, south, east, north)


def hotspot_map_png(
    cells: ArrayLike,
    classification: ArrayLike,
    *,
    bbox: BBox | None = None,
    centre: tuple[float, float] | None = None,
    radius_nm: float = 30.0,
    centre_label: str | None = None,
    title: str | None = None,
    outlines: Sequence[shapely.Geometry] | None = None,
    size_px: tuple[int, int] = (800, 800),
    dpi: int = 100,
) -> bytes:
    """PNG bytes of hexagons coloured by class (Gi* ``hot_99``.., or emerging classes).

    Give either ``bbox`` (min_lon, min_lat, max_lon, max_lat in degrees) or ``centre``
    (lat, lon in degrees, e.g. an aerodrome reference point) with ``radius_nm`` (nautical
    miles); with a centre, a marker, optional ``centre_label`` and a range ring are drawn.
    Cells whose centre lies outside the map are skipped. ``outlines`` replaces the default
    Natural Earth country outlines (pass ``()`` for none).
    """
    if (bbox is None) == (centre is None):
        raise ValueError(
            "give exactly one of bbox=(min_lon, min_lat, max_lon, max_lat) or centre=(lat, lon)"
        )
    if bbox is None:
        assert centre is not None  # exactly one of the two, checked above
        bbox = bbox_around(centre[0], centre[1], radius_nm)
    box = bbox
    min_lon, min_lat, max_lon, max_lat = box
    if not (min_lon < max_lon and min_lat < max_lat):
        raise ValueError(f"empty bbox {box}: expected (min_lon, min_lat, max_lon, max_lat)")

    fig = Figure(figsize=(size_px[0] / dpi, size_px[1] / dpi), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_xlim(min_lon, max_lon)
    ax.set_ylim(min_lat, max_lat)
    ax.set_aspect(1.0 / np.cos(np.radians((min_lat + max_lat) / 2.0)))
    ax.set_facecolor("#f7fbff")
    ax.set_xlabel("longitude (°)")
    ax.set_ylabel("latitude (°)")

    _draw_outlines(ax, country_outlines() if outlines is None else outlines, box)
    present = _draw_cells(
        ax, np.asarray(cells, np.int64).ravel(), np.asarray(classification).astype(str).ravel(), box
    )
    if centre is not None:
        _draw_centre(ax, centre, radius_nm, centre_label)
    if present:
        ax.legend(
            handles=[
                Patch(facecolor=CLASS_COLOURS[c], edgecolor="#555555", label=c)
                for c in LEGEND_ORDER
                if c in present
            ],
            loc="lower right",
            fontsize="small",
            framealpha=0.85,
        )
    if title:
        ax.set_title(title)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def _draw_outlines(ax, outlines: Sequence[shapely.Geometry], box: BBox) -> None:
    if not outlines:
        return
    frame = shapely.box(*box).buffer(1.0)
    geoms = np.asarray(outlines, dtype=object)
    geoms = geoms[shapely.intersects(geoms, frame)]
    rings = shapely.get_rings(shapely.get_parts(geoms))  # polygons -> exterior + holes
    if rings.size == 0:
        return
    coords, owner = shapely.get_coordinates(rings, return_index=True)
    paths = np.split(coords, np.flatnonzero(np.diff(owner)) + 1)
    ax.add_collection(
        PolyCollection(paths, facecolors="#ffffff", edgecolors="#7f7f7f", linewidths=0.6, zorder=1)
    )


def _draw_cells(ax, cells: np.ndarray, labels: np.ndarray, box: BBox) -> set[str]:
    if cells.size != labels.size:
        raise ValueError(f"{labels.size} classifications for {cells.size} cells")
    if cells.size == 0:
        return set()
    import h3ronpy.vector as h3v

    centres = h3v.cells_to_coordinates(cells.astype(np.uint64))
    lat = np.asarray(centres.column("lat").to_numpy())
    lon = np.asarray(centres.column("lng").to_numpy())
    min_lon, min_lat, max_lon, max_lat = box
    inside = (lon >= min_lon) & (lon <= max_lon) & (lat >= min_lat) & (lat <= max_lat)
    cells, labels = cells[inside], labels[inside]
    colours = [CLASS_COLOURS.get(label, NEUTRAL_COLOUR) for label in labels]
    significant = np.array([label in CLASS_COLOURS for label in labels], dtype=bool)
    polys = cell_polygons(cells)
    # Neutral cells first (underneath), significant ones on top with a darker edge.
    order = np.argsort(significant, kind="stable")
    ax.add_collection(
        PolyCollection(
            [polys[i] for i in order],
            facecolors=[colours[i] for i in order],
            edgecolors=["#555555" if significant[i] else "#bdbdbd" for i in order],
            linewidths=0.3,
            zorder=2,
        )
    )
    return {str(label) for label in labels[significant]}


def _draw_centre(ax, centre: tuple[float, float], radius_nm: float, label: str | None) -> None:
    lat, lon = centre
    ring = np.array([destination(lat, lon, b, radius_nm) for b in np.arange(0.0, 361.0, 5.0)])
    ax.plot(ring[:, 1], ring[:, 0], color="#333333", linewidth=0.8, linestyle="--", zorder=3)
    ax.plot([lon], [lat], marker="^", color="#000000", markersize=8, zorder=4)
    if label:
        ax.annotate(
            label,
            (lon, lat),
            xytext=(6, 6),
            textcoords="offset points",
            fontsize="medium",
            fontweight="bold",
            zorder=4,
        )
