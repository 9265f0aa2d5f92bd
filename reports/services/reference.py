"""Operator-loaded reference data: loading runways, navaids and airspace zones, and the
in-process ``geo.reference.ReferenceData`` built from them.

Loaders are idempotent: each row has a natural key (the models' unique constraints; a
fingerprint of name + geometry for zones), so loading the same file twice creates nothing the
second time. ``reference_data()`` is cached per process and rebuilt when the tables change:
its version is the ``reference`` data version, which the database bumps on every committed
write to them (a loader, the admin, a bulk update, raw SQL — in any process).
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from django.db import transaction

from geo.airspace import zones_from_geojson
from geo.navaids import OURAIRPORTS_COLUMNS as NAVAID_COLUMNS
from geo.reference import ReferenceData
from geo.runways import OURAIRPORTS_COLUMNS as RUNWAY_COLUMNS
from reports.dataversion import data_version
from reports.models import AirspaceZone, Navaid, Runway

RunwayOrNavaid = TypeVar("RunwayOrNavaid", Runway, Navaid)
_lock = threading.Lock()
_state: dict[str, Any] = {"version": None, "data": None}

RUNWAY_FIELDS = (
    "airport_ident",
    "length_ft",
    "le_ident",
    "le_latitude",
    "le_longitude",
    "le_heading_deg",
    "le_elevation_ft",
    "he_ident",
    "he_latitude",
    "he_longitude",
    "he_heading_deg",
    "he_elevation_ft",
    "closed",
)
RUNWAY_KEY = ("airport_ident", "le_ident", "he_ident")
NAVAID_FIELDS = (
    "ident",
    "name",
    "navaid_type",
    "latitude",
    "longitude",
    "country",
    "associated_airport",
)
NAVAID_KEY = ("ident", "navaid_type", "country", "name")
ZONE_FIELDS = ("name", "zone_type", "lower_limit", "upper_limit", "geometry")


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> rows

    def summary(self) -> str:
        text = (
            f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"skipped {sum(self.skipped.values())}"
        )
        reasons = "; ".join(f"{n} {reason}" for reason, n in self.skipped.most_common())
        return f"{text} ({reasons})" if reasons else text


# --- the cached bundle ------------------------------------------------------------------------


def reference_data() -> ReferenceData:
    """The reference bundle for this process, rebuilt only when the tables have changed."""
    # Read before the tables: a load that commits meanwhile leaves the bundle stamped older
    # than its data, so the next call rebuilds it (never the other way round).
    version = str(data_version("reference"))
    with _lock:
        if _state["data"] is not None and _state["version"] == version:
            return _state["data"]
        data = ReferenceData.build(
            runways=list(Runway.objects.values(*RUNWAY_FIELDS)),
            navaids=list(Navaid.objects.values(*NAVAID_FIELDS)),
            zones=list(AirspaceZone.objects.values(*ZONE_FIELDS)),
            version=version,
        )
        _state.update(version=version, data=data)
        return data


# --- loaders ----------------------------------------------------------------------------------


def _clean(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _upsert(
    model: type[RunwayOrNavaid],
    rows: list[dict[str, Any]],
    key: tuple[str, ...],
    fields: tuple[str, ...],
    result: LoadResult,
) -> None:
    existing = {tuple(getattr(o, k) for k in key): o for o in model.objects.all()}
    seen: set[tuple] = set()
    to_create: list[RunwayOrNavaid] = []
    to_update: list[RunwayOrNavaid] = []
    for row in rows:
        k = tuple(row[f] for f in key)
        if k in seen:
            result.skipped["duplicate of an earlier row in the file"] += 1
            continue
        seen.add(k)
        obj = existing.get(k)
        if obj is None:
            to_create.append(model(**row))
        elif any(getattr(obj, f) != row[f] for f in fields):
            for f in fields:
                setattr(obj, f, row[f])
            to_update.append(obj)
        else:
            result.unchanged += 1
    with transaction.atomic():
        model.objects.bulk_create(to_create, batch_size=2000)
        model.objects.bulk_update(to_update, list(fields), batch_size=2000)
    result.created += len(to_create)
    result.updated += len(to_update)


def ourairports_read(path: str | Path, *, kind: str) -> pd.DataFrame:
    """An OurAirports ``runways`` or ``navaids`` CSV as a frame; ``ValueError`` says why not.

    One reader for every path that loads these files (commands and the demo), so they agree.
    """
    required = {"runways": "airport_ident", "navaids": "ident"}[kind]
    try:
        # keep_default_na=False: "NA" is Namibia's country code, not a missing value.
        frame = pd.read_csv(
            path,
            keep_default_na=False,
            low_memory=False,
            na_values={
                c: [""]
                for c in (
                    "latitude_deg",
                    "longitude_deg",
                    "le_latitude_deg",
                    "le_longitude_deg",
                    "he_latitude_deg",
                    "he_longitude_deg",
                    "le_heading_degT",
                    "he_heading_degT",
                    "le_elevation_ft",
                    "he_elevation_ft",
                    "length_ft",
                )
            },
        )
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
    if required not in frame.columns:
        raise ValueError(f"not an OurAirports {kind} file: no {required} column")
    return frame


def runways_load(*, frame: pd.DataFrame) -> LoadResult:
    """Load an OurAirports runways table (``runways.csv`` columns)."""
    df = frame.rename(columns=RUNWAY_COLUMNS)
    result = LoadResult()
    rows = []
    for rec in df.to_dict("records"):
        row = {f: _clean(rec.get(f)) for f in RUNWAY_FIELDS}
        if not row["airport_ident"]:
            result.skipped["no airport ident"] += 1
            continue
        for f in ("airport_ident", "le_ident", "he_ident"):
            row[f] = str(row[f] or "").strip().upper()[:8]
        if not row["le_ident"] and not row["he_ident"]:
            result.skipped["no runway designator"] += 1
            continue
        row["closed"] = bool(row["closed"])
        row["length_ft"] = int(row["length_ft"]) if row["length_ft"] is not None else None
        rows.append(row)
    _upsert(Runway, rows, RUNWAY_KEY, RUNWAY_FIELDS, result)
    return result


def navaids_load(*, frame: pd.DataFrame) -> LoadResult:
    """Load an OurAirports navaids table (``navaids.csv`` columns)."""
    df = frame.rename(columns=NAVAID_COLUMNS)
    result = LoadResult()
    rows = []
    for rec in df.to_dict("records"):
        row = {f: _clean(rec.get(f)) for f in NAVAID_FIELDS}
        if not row["ident"]:
            result.skipped["no ident"] += 1
            continue
        if row["latitude"] is None or row["longitude"] is None:
            result.skipped["no position"] += 1
            continue
        for f, size in (
            ("ident", 8),
            ("name", 120),
            ("navaid_type", 16),
            ("country", 2),
            ("associated_airport", 8),
        ):
            row[f] = str(row[f] or "").strip()[:size]
        row["ident"], row["country"] = row["ident"].upper(), row["country"].upper()
        rows.append(row)
    _upsert(Navaid, rows, NAVAID_KEY, NAVAID_FIELDS, result)
    return result


def airspace_load(*, data: dict[str, Any], zone_type: str = "", source: str = "") -> LoadResult:
    """Load the polygons of a GeoJSON FeatureCollection as airspace zones."""
    records, skipped = zones_from_geojson(data, zone_type=zone_type, source=source)
    result = LoadResult()
    for reason in skipped:
        result.skipped[reason.split(": ", 1)[-1]] += 1
    known = set(AirspaceZone.objects.values_list("fingerprint", flat=True))
    new, seen = [], set()
    for rec in records:
        if rec["fingerprint"] in known or rec["fingerprint"] in seen:
            result.unchanged += 1
            continue
        seen.add(rec["fingerprint"])
        new.append(AirspaceZone(**rec))
    AirspaceZone.objects.bulk_create(new, batch_size=500)
    result.created = len(new)
    return result
