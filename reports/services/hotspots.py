"""Hotspot maps for the API, the map pages, the command and the periodic snapshots.

Counting is the database's job (``GROUP BY h3_rN``); the statistics are ``geo.hotspots``.

Caching, in two layers, both keyed by a hash of the normalised query and both valid only for
the report data they were computed on — its :func:`~reports.dataversion.data_version`, which
the database bumps on every committed write to reports (a new report, an edit in the admin, a
bulk update, a delete, raw SQL):

* **Snapshots** of the common views (:data:`SNAPSHOT_QUERIES`: all time and the last 12 months,
  resolutions 6/7/8, staff and public) are recomputed by the periodic task
  ``reports.hotspot_snapshots_refresh`` and stored in the ``HotspotSnapshot`` table, so they
  survive restarts and every web machine shares them; the Django cache holds a copy. A snapshot
  is served only while the report data is unchanged and it is younger than
  ``HOTSPOTS_SNAPSHOT_MAX_AGE`` seconds (a sliding window moves); otherwise the map is computed.
* **Any other query** is computed on demand and kept in the Django cache under its key *and* the
  data version, so any write invalidates it at once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from geo.aerodromes import load_aerodromes
from geo.hotspots import HotspotResult
from geo.hotspots.fdr import CLASSIFICATIONS
from geo.hotspots.serialise import RingTable, hotspots_geojson_bytes, rings_in_background
from geo.hotspots.weighted import hotspots_compute_counts
from reports.dataversion import data_version
from reports.models import HotspotSnapshot
from reports.selectors_hotspots import (
    HotspotQuery,
    hotspot_cell_counts,
    hotspot_reports,
)
from reports.services.compress import gzip_compress

logger = logging.getLogger(__name__)

NEIGHBOURHOOD_K = 1  # Gi* neighbourhood: a cell and its six neighbours
SNAPSHOT_QUERIES: tuple[HotspotQuery, ...] = tuple(
    HotspotQuery(resolution=res, window=window, published_only=public)
    for public in (False, True)
    for window in ("", "12m")
    for res in (6, 7, 8)
)


class HotspotQueryError(ValueError):
    """A query that names something that does not exist (e.g. an unknown aerodrome code)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


def public_min_count() -> int:
    """Public cells with fewer reports than this show no count (small-number suppression)."""
    return int(getattr(settings, "HOTSPOTS_PUBLIC_MIN_COUNT", 3))


def snapshot_max_age() -> int:
    return int(getattr(settings, "HOTSPOTS_SNAPSHOT_MAX_AGE", 1800))


def query_key(query: HotspotQuery) -> str:
    canonical = json.dumps(query.to_json(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def aerodrome_centre(code: str) -> tuple[float, float]:
    """(lat, lon) degrees of an aerodrome by LID, ICAO or IATA code."""
    found = load_aerodromes().lookup(code)
    if found is None:
        raise HotspotQueryError("aerodrome", f"no aerodrome with the code {code!r}")
    return found.latitude, found.longitude


@dataclass(frozen=True)
class ComputedHotspots:
    result: HotspotResult
    reports: int
    seconds: float
    rings: Future[RingTable] | None = None  # the occupied cells' geometry, being written


def hotspots_result(*, query: HotspotQuery, with_rings: bool = False) -> ComputedHotspots:
    """Counts from the database, Gi* and FDR classes from ``geo.hotspots``. ``with_rings``:
    also start writing the occupied hexagons' GeoJSON rings alongside the statistics."""
    started = time.perf_counter()
    query = query.resolved(now=timezone.now())
    centre = aerodrome_centre(query.aerodrome) if query.aerodrome and query.radius_nm else None
    if query.radius_nm and centre is None:
        raise HotspotQueryError("radius_nm", "a radius needs an aerodrome to centre it on")
    reports = hotspot_reports(query=query, centre=centre)
    cells, counts = hotspot_cell_counts(reports=reports, resolution=query.resolution)
    rings = rings_in_background(cells[counts > 0]) if with_rings else None
    result = hotspots_compute_counts(cells, counts, k=NEIGHBOURHOOD_K)
    return ComputedHotspots(
        result=result, reports=int(counts.sum()), seconds=time.perf_counter() - started, rings=rings
    )


def hotspots_feature_collection(*, query: HotspotQuery) -> tuple[bytearray, dict[str, Any]]:
    """The GeoJSON FeatureCollection for ``query``, serialised, and its ``meta`` (the query,
    totals, when), which the document also carries as a top-level member. One hexagon per cell
    with reports or a significant result (``include="significant"``: significant cells only),
    properties ``cell, count, z, p, q, classification`` only. On the public variant a count
    below :func:`public_min_count` is ``null``."""
    computed = hotspots_result(query=query, with_rings=True)
    result = computed.result
    keep = result.significant()
    if query.include != "significant":
        keep = keep | (result.count > 0)
    counts: list[int | None] | None = None  # as computed
    if query.published_only:
        floor = public_min_count()
        counts = [None if 0 < c < floor else c for c in result.count[keep].tolist()]
    tally = {
        label: int(np.count_nonzero(result.classification == label)) for label in CLASSIFICATIONS
    }
    meta = {
        "query": query.to_json(),
        "k": NEIGHBOURHOOD_K,
        "reports": computed.reports,
        "cells": int(keep.sum()),
        "computed_at": timezone.now().isoformat(),
        "seconds": round(computed.seconds, 3),
        "classes": {label: n for label, n in tally.items() if n},
        "public_min_count": public_min_count() if query.published_only else None,
    }
    rings = computed.rings.result() if computed.rings is not None else None
    # "meta" is a foreign member beside "features" (RFC 7946 section 6.1).
    body = hotspots_geojson_bytes(
        result,
        keep,
        counts=counts,
        rings=rings,
        members=b',"meta":' + json.dumps(meta, separators=(",", ":")).encode(),
    )
    return body, meta


def hotspots_get(*, query: HotspotQuery) -> tuple[bytes, str]:
    """The FeatureCollection, **gzip-compressed**, and where it came from (``snapshot``,
    ``cache`` or ``computed``); see the module docstring for the cache rules. Compressed once
    when computed: a national map is tens of MB of GeoJSON but a few MB gzipped, so a cached
    answer is a short copy rather than a long one (callers decompress for clients that do not
    accept gzip)."""
    key = query_key(query)
    version = str(data_version("reports"))
    cache_key = f"hotspots:v3:{key}:{version}"
    body = cache.get(cache_key)
    if body is not None:
        return body, "cache"
    if key in _snapshot_keys():
        snapshot = _snapshot_usable(key, version)
        if snapshot is not None:
            return snapshot, "snapshot"
    body = _compress(hotspots_feature_collection(query=query)[0])
    cache.set(cache_key, body, timeout=int(getattr(settings, "HOTSPOTS_CACHE_SECONDS", 3600)))
    return body, "computed"


def _compress(body: bytes | bytearray) -> bytes:
    # Level 1: GeoJSON still shrinks ~6x, at a fraction of level 6's time; mtime=0 keeps
    # equal bodies byte-identical.
    return gzip_compress(body, level=1)


def _snapshot_keys() -> frozenset[str]:
    return frozenset(query_key(q) for q in SNAPSHOT_QUERIES)


def _snapshot_usable(key: str, version: str) -> bytes | None:
    entry = cache.get(f"hotspots:snapshot:v3:{key}")
    if entry is None:
        row = (
            HotspotSnapshot.objects.filter(key=key)
            .values_list("fingerprint", "computed_at", "body_gzip")
            .first()
        )
        if row is None:
            return None
        entry = (row[0], row[1], bytes(row[2]))  # PostgreSQL hands back a memoryview
        cache.set(f"hotspots:snapshot:v3:{key}", entry, timeout=snapshot_max_age())
    snap_version, computed_at, body = entry
    age = (timezone.now() - computed_at).total_seconds()
    if snap_version == version and age <= snapshot_max_age():
        return body
    return None


def hotspot_snapshots_refresh(*, force: bool = False) -> int:
    """Recompute the snapshots whose data changed or that are older than half the maximum age
    (a sliding window slides). Idempotent: rows are overwritten by their unique key. Returns
    how many were written. The version is read before computing, so a write that lands during
    the computation leaves the snapshot stamped older than the data, never newer."""
    version = str(data_version("reports"))
    now = timezone.now()
    written = 0
    for query in SNAPSHOT_QUERIES:
        key = query_key(query)
        current = (
            HotspotSnapshot.objects.filter(key=key)
            .values_list("fingerprint", "computed_at")
            .first()
        )
        if (
            not force
            and current is not None
            and current[0] == version
            and (now - current[1]).total_seconds() < snapshot_max_age() / 2
        ):
            continue
        started = time.perf_counter()
        body, meta = hotspots_feature_collection(query=query)
        packed = _compress(body)
        with transaction.atomic():
            snapshot, _ = HotspotSnapshot.objects.update_or_create(
                key=key,
                defaults={
                    "query": query.to_json(),
                    "fingerprint": version,  # the data version it was computed on
                    "body_gzip": packed,
                    "cells": meta["cells"],
                    "reports": meta["reports"],
                    "seconds": time.perf_counter() - started,
                    "computed_at": timezone.now(),
                },
            )
        cache.set(
            f"hotspots:snapshot:v3:{key}",
            (version, snapshot.computed_at, packed),
            timeout=snapshot_max_age(),
        )
        written += 1
    logger.info("hotspot snapshots: %d of %d refreshed", written, len(SNAPSHOT_QUERIES))
    return written


def hotspots_write(*, query: HotspotQuery, path: Path) -> int:
    """Write the hotspot hexagons of ``query`` to ``path``: GeoJSON (``.geojson``/``.json``) or
    GeoPackage (``.gpkg``, layer ``hotspots``, EPSG:4326). Returns the number of hexagons."""
    suffix = path.suffix.lower()
    if suffix not in (".geojson", ".json", ".gpkg"):
        raise HotspotQueryError("output", f"unknown format {suffix!r}: use .geojson or .gpkg")
    body, meta = hotspots_feature_collection(query=query)
    if suffix == ".gpkg":
        import geopandas as gpd

        features = json.loads(body)["features"]
        frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
        columns = ["cell", "count", "z", "p", "q", "classification", "geometry"]
        frame = (
            frame.reindex(columns=columns)
            if len(frame)
            else gpd.GeoDataFrame({c: [] for c in columns[:-1]}, geometry=[], crs="EPSG:4326")
        )
        frame.to_file(path, driver="GPKG", layer="hotspots", engine="pyogrio")
    else:
        path.write_bytes(body)
    return int(meta["cells"])
