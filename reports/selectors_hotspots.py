"""Reads for hotspot maps: filtered reports, counts per H3 cell, a cell's reports, clusters.

Counting happens in the database (``GROUP BY h3_rN``); Python only receives one row per cell.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
from django.db import connections
from django.db.models import Avg, Count, F, Max, Min, QuerySet
from numpy.typing import NDArray

from geo.synopsis import SYNOPSIS_FIELDS, synopses_from_records
from reports.models import Report, ReportQuerySet
from reports.selectors import aerodrome_q

RESOLUTIONS = (5, 6, 7, 8, 9)
NM_PER_DEGREE = 60.0  # of latitude; metres would add nothing at these distances


@dataclass(frozen=True)
class HotspotQuery:
    """Which reports a hotspot map is computed over. Times are UTC (``until`` exclusive).

    ``window`` names a sliding window (``"12m"``: the last 365 days) resolved when the map is
    computed, so a snapshot of "the last 12 months" keeps one cache key. An area is either the
    reports nearest an ``aerodrome`` (no radius), a circle of ``radius_nm`` around it, or a
    ``bbox`` (min_lon, min_lat, max_lon, max_lat; degrees).
    """

    resolution: int = 7
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    window: str = ""
    encounter_class: str = ""
    risk_category: str = ""
    status: str = ""
    source: str = ""
    aerodrome: str = ""
    aerodrome_role: str = "either"  # AerodromeRole: which of a report's two aerodromes matches
    radius_nm: float | None = None
    bbox: tuple[float, float, float, float] | None = None
    published_only: bool = False
    include: str = "reported"  # or "significant": hot and cold cells only

    def to_json(self) -> dict[str, Any]:
        """A canonical, JSON-able form: equal queries give equal dicts (and cache keys)."""
        data = asdict(self)
        for key in ("since", "until"):
            data[key] = data[key].astimezone(dt.UTC).isoformat() if data[key] else None
        data["bbox"] = [round(v, 6) for v in self.bbox] if self.bbox else None
        data["aerodrome"] = self.aerodrome.upper()
        return data

    def resolved(self, *, now: dt.datetime) -> HotspotQuery:
        """The same query with a named ``window`` turned into ``since``."""
        if self.window == "12m" and self.since is None:
            return replace(self, since=now - dt.timedelta(days=365))
        return self


def hotspot_reports(
    *, query: HotspotQuery, centre: tuple[float, float] | None = None
) -> QuerySet[Report]:
    """Reports matching ``query``; ``centre`` (lat, lon degrees) is the aerodrome's reference
    point when the query has a radius (the caller looks the aerodrome up)."""
    qs = Report.objects.all()
    if query.published_only:
        qs = qs.public()
    if query.since:
        qs = qs.filter(observed_at__gte=query.since)
    if query.until:
        qs = qs.filter(observed_at__lt=query.until)
    for field in ("encounter_class", "risk_category", "status", "source"):
        value = getattr(query, field)
        if value:
            qs = qs.filter(**{field: value})
    if query.aerodrome and not query.radius_nm:
        qs = qs.filter(aerodrome_q(query.aerodrome, query.aerodrome_role))
    if query.radius_nm and centre is not None:
        qs = _within(qs, centre, query.radius_nm)
    if query.bbox:
        qs = qs.in_bbox(query.bbox)
    return qs


def _within(qs: ReportQuerySet, centre: tuple[float, float], radius_nm: float) -> ReportQuerySet:
    """A bounding box (uses the lat/lon index) then an equirectangular distance in SQL: within
    0.1 % of the geodesic distance at the tens of NM an aerodrome area spans."""
    lat0, lon0 = centre
    dlat = radius_nm / NM_PER_DEGREE
    coslat = max(math.cos(math.radians(lat0)), 1e-6)
    dlon = min(dlat / coslat, 180.0)
    qs = qs.filter(
        latitude__gte=lat0 - dlat,
        latitude__lte=lat0 + dlat,
        longitude__gte=lon0 - dlon,
        longitude__lte=lon0 + dlon,
    )
    dy = (F("latitude") - lat0) * NM_PER_DEGREE
    dx = (F("longitude") - lon0) * (NM_PER_DEGREE * coslat)
    return qs.alias(d2=dy * dy + dx * dx).filter(d2__lte=radius_nm * radius_nm)


def cell_column(resolution: int) -> str:
    if resolution not in RESOLUTIONS:
        raise ValueError(f"resolution must be one of {RESOLUTIONS}, not {resolution}")
    return f"h3_r{resolution}"


def hotspot_cell_counts(
    *, reports: QuerySet[Report], resolution: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(cells, counts): reports per H3 cell at ``resolution``, counted by the database."""
    column = cell_column(resolution)
    # order_by() drops Meta.ordering, which would otherwise join the GROUP BY. COUNT(*) rather
    # than COUNT(id): with no other column to read, PostgreSQL answers from the h3 index alone
    # (an index-only scan and a sorted group: ~5x faster than hashing a table scan at 1M rows).
    grouped = (
        reports.filter(**{f"{column}__isnull": False})
        .order_by()
        .values_list(column)
        .annotate(n=Count("*"))
    )
    # Hundreds of thousands of (cell, count) rows: the cursor's plain tuples go to numpy in
    # half the time the queryset's row-by-row iteration takes.
    sql, params = grouped.query.sql_with_params()
    with connections[grouped.db].cursor() as cursor:
        cursor.execute(sql, params)
        pairs = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1]


def hotspot_cell_reports(
    *, reports: QuerySet[Report], resolution: int, cell: int, limit: int = 200
) -> tuple[int, list[dict[str, Any]]]:
    """How many reports fall in ``cell`` and the newest ``limit`` of them (staff fields)."""
    in_cell = reports.filter(**{cell_column(resolution): cell})
    shown = (
        "reference",
        "observed_at",
        "aerodrome_code",
        "encounter_class",
        "risk_category",
        "status",
        "latitude",
        "longitude",
    )
    rows = list(
        in_cell.order_by("-observed_at", "-id").values(
            *shown, *(f for f in SYNOPSIS_FIELDS if f not in shown)
        )[:limit]
    )
    lines = synopses_from_records(rows)
    return in_cell.count(), [
        {**{f: row[f] for f in shown}, "synopsis": line}
        for row, line in zip(rows, lines, strict=True)
    ]


def report_clusters(
    *, reports: QuerySet[Report], resolution: int, limit: int = 5000
) -> list[dict[str, Any]]:
    """Report points grouped by H3 cell (the cluster grid): count, mean position, and the
    reference when a cluster is a single report. Largest clusters first."""
    column = cell_column(resolution)
    rows = (
        reports.filter(latitude__isnull=False, longitude__isnull=False)
        .order_by()
        .values(column)
        .annotate(n=Count("id"), lat=Avg("latitude"), lon=Avg("longitude"), ref=Max("reference"))
        .order_by("-n")[:limit]
    )
    return [
        {
            "count": r["n"],
            "latitude": r["lat"],
            "longitude": r["lon"],
            "reference": r["ref"] if r["n"] == 1 else None,
        }
        for r in rows
    ]


def report_clusters_geojson(*, query: HotspotQuery, now: dt.datetime) -> dict[str, Any]:
    """``report_clusters`` of the reports matching ``query`` (its ``resolution`` is the cluster
    grid) as GeoJSON points with ``count`` and, for a single report, its ``reference``."""
    clusters = report_clusters(
        reports=hotspot_reports(query=query.resolved(now=now)), resolution=query.resolution
    )
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [c["longitude"], c["latitude"]]},
            "properties": {"count": c["count"], "reference": c["reference"]},
        }
        for c in clusters
    ]
    return {"type": "FeatureCollection", "features": features}


def observed_range(
    *, published_only: bool = False
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The first and last sighting time (UTC), for the map's time slider."""
    qs = Report.objects.order_by()
    if published_only:
        qs = qs.public()
    span = qs.aggregate(first=Min("observed_at"), last=Max("observed_at"))
    return span["first"], span["last"]


def aerodrome_report_counts(
    *, reports: QuerySet[Report], limit: int = 300, role: str = "nearest"
) -> list[tuple[str, int]]:
    """(aerodrome code, reports nearest it — or, with ``role="referred"``, about it), busiest
    first."""
    column = "referred_aerodrome_code" if role == "referred" else "aerodrome_code"
    rows = (
        reports.exclude(**{column: ""})
        .order_by()
        .values_list(column)
        .annotate(n=Count("id"))
        .order_by("-n")[:limit]
    )
    return [(code, n) for code, n in rows]


def airspace_zones_geojson() -> dict[str, Any]:
    """Every loaded airspace zone as a GeoJSON Feature (name, type, limits)."""
    from reports.models import AirspaceZone

    features = [
        {
            "type": "Feature",
            "geometry": z["geometry"],
            "properties": {
                "name": z["name"],
                "zone_type": z["zone_type"],
                "lower_limit": z["lower_limit"],
                "upper_limit": z["upper_limit"],
            },
        }
        for z in AirspaceZone.objects.order_by("zone_type", "name").values(
            "name", "zone_type", "lower_limit", "upper_limit", "geometry"
        )
    ]
    return {"type": "FeatureCollection", "features": features}
