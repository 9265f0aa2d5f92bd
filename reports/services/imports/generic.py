"""Importing reports in our own export format (CSV, XLSX, GeoJSON, GeoPackage): a round trip.

Every column of the export (``reports.services.exports.columns``) that the file has is restored
as it was; the reference identifies a report, so importing the same file twice, or into a
database that already holds the report, changes nothing (counted as already imported).
Reports the file marks as not yet enriched are enriched in batches after the insert.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import h3
import pandas as pd
import pyogrio
from django.db import transaction

from reports.models import EnrichmentStatus, Report, ReportEvent, Source
from reports.services.bulk import concrete_field
from reports.services.enrichment import reports_enrich
from reports.services.exports.columns import BY_NAME, Column
from reports.services.exports.formulas import frame_restore
from reports.services.imports.progress import Progress, no_progress
from reports.services.imports.result import ImportResult
from reports.services.references import new_reference, new_status_token

_CHUNK = 900  # bound the number of SQL parameters on every backend
_TRUE = {"true", "1", "1.0", "yes", "t"}
_FALSE = {"false", "0", "0.0", "no", "f"}


def _read(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        # The export put an apostrophe before text a spreadsheet would run as a formula.
        return frame_restore(pd.read_csv(path, dtype=str, keep_default_na=False))
    if suffix == ".xlsx":
        return pd.read_excel(path, sheet_name="reports", dtype=str).fillna("")
    if suffix in (".geojson", ".json", ".gpkg"):
        # GDAL's GeoJSON reader would turn ISO text into millisecond datetimes: keep the text.
        options = {"layer": "reports"} if suffix == ".gpkg" else {"DATE_AS_STRING": "YES"}
        frame = pyogrio.read_dataframe(
            path, read_geometry=False, datetime_as_string=True, **options
        )
        return frame.astype(object).where(frame.notna(), "")
    raise ValueError(f"{path.name}: unsupported file type {suffix!r} (csv, xlsx, geojson, gpkg)")


def _value(column: Column, raw: object) -> object:
    """One cell back to its model value; '' and NaN are 'no value'."""
    if column.type == "json" and isinstance(raw, dict | list):
        return raw  # GDAL reads JSON text it wrote to GeoJSON back as a parsed value
    if raw is None or (isinstance(raw, float) and pd.isna(raw)):
        raw = ""
    text = raw if isinstance(raw, str) else str(raw)
    if column.type == "text":
        return text
    if text.strip() == "":
        return None if column.type != "json" else ([] if column.name == "airspace_zones" else {})
    if column.type == "integer":
        return int(float(text))
    if column.type == "number":
        return float(text)
    if column.type == "boolean":
        lowered = text.strip().lower()
        if lowered in _TRUE or lowered in _FALSE:
            return lowered in _TRUE
        raise ValueError(f"{column.name}: not a boolean: {text!r}")
    if column.type == "datetime":
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if column.type == "h3":
        return h3.str_to_int(text)
    return json.loads(text)


def _values(row: dict, columns: list[Column]) -> dict[str, object]:
    """Each cell's model value; a bad cell's error names its column (``observed_at: ...``)."""
    values: dict[str, object] = {}
    for column in columns:
        try:
            values[column.name] = _value(column, row[column.name])
        except (ValueError, TypeError, OverflowError) as exc:  # 1e400 overflows int()
            raise ValueError(f"{column.name}: {exc}") from exc
    return values


def _report(row: dict, columns: list[Column]) -> tuple[Report, str]:
    values = _values(row, columns)
    duplicate_of = values.pop("duplicate_of", None) or ""
    for name, value in list(values.items()):
        field = concrete_field(Report, name)
        if value is None and not field.null:
            values[name] = field.get_default()  # '' or the field's default
        elif value == "" and field.null:
            values[name] = None  # e.g. source_key: unique, so "no key" must be NULL
    values.setdefault("source", Source.IMPORT)
    values["source"] = values["source"] or Source.IMPORT
    if not values.get("reference"):
        values["reference"] = new_reference()
    if not values.get("observed_at"):
        raise ValueError("observed_at: required")
    return Report(**values, status_token=new_status_token()), str(duplicate_of)


def _existing(field: str, values: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(values), _CHUNK):
        found.update(
            Report.objects.filter(**{f"{field}__in": values[i : i + _CHUNK]}).values_list(
                field, flat=True
            )
        )
    return found


def _pks(references: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i in range(0, len(references), _CHUNK):
        found.update(
            Report.objects.filter(reference__in=references[i : i + _CHUNK]).values_list(
                "reference", "pk"
            )
        )
    return found


def reports_import(
    *,
    path: str | Path,
    actor: str = "import_reports",
    batch_size: int = 2000,
    progress: Progress = no_progress,
) -> ImportResult:
    """Import one file of reports in the export format; returns counts and per-row errors."""
    path, result, started = Path(path), ImportResult(), time.perf_counter()
    frame = _read(path)
    columns = [
        BY_NAME[name] for name in frame.columns if name in BY_NAME and not BY_NAME[name].derived
    ]
    result.read = len(frame)
    built: list[tuple[int, Report, str]] = []
    for number, row in enumerate(frame.to_dict("records"), start=1):
        try:
            report, duplicate_of = _report(row, columns)
        except (ValueError, TypeError) as exc:
            result.skipped["invalid row"] += 1
            result.not_imported(path.name, number, f"invalid row: {exc}"[:300])
            continue
        built.append((number, report, duplicate_of))
    result.stages["read"] = time.perf_counter() - started

    mark = time.perf_counter()
    references = [r.reference for _, r, _ in built]
    keys = [r.source_key for _, r, _ in built if r.source_key]
    taken_refs, taken_keys = _existing("reference", references), _existing("source_key", keys)
    fresh = []
    for number, report, duplicate_of in built:
        if report.reference in taken_refs or (
            report.source_key and report.source_key in taken_keys
        ):
            result.already_imported += 1
            result.not_imported(path.name, number, "already imported")
        else:
            taken_refs.add(report.reference)
            fresh.append((number, report, duplicate_of))
    with transaction.atomic():
        Report.objects.bulk_create([r for _, r, _ in fresh], batch_size=500)
        by_ref = _pks([r.reference for _, r, _ in fresh])
        ReportEvent.objects.bulk_create(
            [
                ReportEvent(
                    report_id=by_ref[r.reference],
                    actor=actor,
                    to_status=r.status,
                    note=f"imported from {path.name} row {number}"[:500],
                )
                for number, r, _ in fresh
            ],
            batch_size=1000,
        )
        links = {r.reference: d for _, r, d in fresh if d}
        targets = _pks(sorted(set(links.values())))
        for reference, duplicate_of in links.items():
            if duplicate_of in targets:
                Report.objects.filter(reference=reference).update(
                    duplicate_of_id=targets[duplicate_of]
                )
    ids = [by_ref[r.reference] for _, r, _ in fresh]
    result.imported, result.imported_ids = len(ids), ids
    progress("insert", len(ids), len(ids))
    result.stages["insert"] = time.perf_counter() - mark

    mark = time.perf_counter()
    pending = [
        by_ref[r.reference] for _, r, _ in fresh if r.enrichment_status != EnrichmentStatus.DONE
    ]
    for start in range(0, len(pending), batch_size):
        reports_enrich(report_ids=pending[start : start + batch_size], batch_size=batch_size)
        progress("enrich", min(start + batch_size, len(pending)), len(pending))
    result.unlocated = sum(
        Report.objects.filter(pk__in=ids[i : i + _CHUNK], latitude__isnull=True).count()
        for i in range(0, len(ids), _CHUNK)
    )
    result.stages["enrich"] = time.perf_counter() - mark
    result.seconds = time.perf_counter() - started
    return result
