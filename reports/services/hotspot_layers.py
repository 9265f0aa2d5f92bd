"""What the hotspot map pages show beside the hexagons: one hexagon's reports, a static PNG
map and the aerodromes layer (the hexagon GeoJSON itself is ``reports.services.hotspots``)."""

from __future__ import annotations

import dataclasses
from typing import Any

import h3
from django.utils import timezone

from geo.aerodromes import load_aerodromes
from geo.staticmap import hotspot_map_png
from reports.selectors_hotspots import (
    HotspotQuery,
    aerodrome_report_counts,
    hotspot_cell_reports,
    hotspot_reports,
)
from reports.services.hotspots import HotspotQueryError, aerodrome_centre, hotspots_result


def cell_parse(cell: str) -> tuple[int, int]:
    """(int64 cell id, resolution) of an H3 cell given as its hex string."""
    if not h3.is_valid_cell(cell):
        raise HotspotQueryError("cell", f"{cell!r} is not an H3 cell")
    resolution = h3.get_resolution(cell)
    if resolution not in (5, 6, 7, 8, 9):
        raise HotspotQueryError("cell", f"resolution {resolution}; maps use 5 to 9")
    return int(h3.str_to_int(cell)), resolution


def hotspot_cell_list(*, cell: str, query: HotspotQuery, limit: int = 200) -> dict[str, Any]:
    """The reports inside one hexagon (staff only: references and synopses)."""
    cell_id, resolution = cell_parse(cell)
    query = dataclasses.replace(query, resolution=resolution).resolved(now=timezone.now())
    centre = aerodrome_centre(query.aerodrome) if query.aerodrome and query.radius_nm else None
    total, rows = hotspot_cell_reports(
        reports=hotspot_reports(query=query, centre=centre),
        resolution=resolution,
        cell=cell_id,
        limit=limit,
    )
    for row in rows:
        row["observed_at"] = row["observed_at"].isoformat()
    return {"cell": cell, "resolution": resolution, "count": total, "reports": rows}


def hotspot_map_image(
    *, query: HotspotQuery, radius_nm: float | None = None, size_px: tuple[int, int] = (800, 800)
) -> bytes:
    """A PNG of the hexagons of ``query`` around its aerodrome (a circle of ``radius_nm``) or
    inside its bbox, coloured by Gi* class."""
    computed = hotspots_result(query=query)
    result = computed.result
    keep = (result.count > 0) | result.significant()
    title = (
        f"Drone-sighting hotspots, H3 resolution {query.resolution} ({computed.reports} reports)"
    )
    if query.aerodrome:
        code = query.aerodrome.upper()
        return hotspot_map_png(
            result.cells[keep],
            result.classification[keep],
            centre=aerodrome_centre(code),
            radius_nm=radius_nm or 30.0,
            centre_label=code,
            title=title,
            size_px=size_px,
        )
    if query.bbox is None:
        raise HotspotQueryError("aerodrome", "give an aerodrome or a bbox for the map")
    return hotspot_map_png(
        result.cells[keep],
        result.classification[keep],
        bbox=query.bbox,
        title=title,
        size_px=size_px,
    )


def aerodromes_layer(*, query: HotspotQuery, limit: int = 300) -> dict[str, Any]:
    """Aerodromes that reports matching ``query`` are nearest to (or, with ``aerodrome_role``
    "referred", are about), as GeoJSON points with ``code``, ``name``, ``reports`` and ``role``
    (the public variant counts published reports only)."""
    query = query.resolved(now=timezone.now())
    table = load_aerodromes()
    role = "referred" if query.aerodrome_role == "referred" else "nearest"
    features = []
    counts = aerodrome_report_counts(reports=hotspot_reports(query=query), limit=limit, role=role)
    for code, n in counts:
        found = table.lookup(code)
        if found is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [found.longitude, found.latitude]},
                "properties": {"code": code, "name": found.name, "reports": n, "role": role},
            }
        )
    return {"type": "FeatureCollection", "features": features}
