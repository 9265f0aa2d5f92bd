"""Importing the FAA's UAS sightings releases: read, insert in bulk, enrich in batches.

One report per distinct FAA report. ``geo.faa`` gives every row a ``dedupe_key`` (date plus
narrative, word for word), which becomes the report's unique ``source_key``: a row repeating an
earlier row of the same run is counted as a duplicate, and a row whose key is already in the
database (a re-run, or an overlapping release) is counted as already imported. The first
occurrence's file and row are the provenance.

Rows are inserted with ``bulk_create`` and enriched with ``reports_enrich`` in batches, never
one task per row. ``publish=True`` publishes the new reports in bulk (see
``reports.services.publishing.reports_publish_imported``): FAA releases are public records.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
from django.db import transaction
from django.utils import timezone

from geo.faa import FaaFormatError, read_release
from reports.models import EnrichmentStatus, Report, ReporterRole, ReportEvent, ReportStatus, Source
from reports.services.bulk import rows_insert
from reports.services.enrichment import reports_enrich
from reports.services.imports.faa_time import faa_observed_at
from reports.services.imports.progress import Progress, no_progress
from reports.services.imports.result import ImportResult
from reports.services.references import new_reference, new_status_token

_LOOKUP_CHUNK = 900  # bound the number of SQL parameters on every backend


def faa_import(
    *,
    paths: Sequence[str | Path],
    publish: bool = False,
    actor: str = "import_faa",
    batch_size: int = 2000,
    progress: Progress = no_progress,
) -> ImportResult:
    """Import FAA release files (CSV, XLSX, XLS); returns counts, stage seconds and errors."""
    result = ImportResult()
    started = time.perf_counter()

    frame = _read(paths, result, progress)
    fresh, existing_keys = _select(frame, result)
    result.stages["read"] = time.perf_counter() - started

    mark = time.perf_counter()
    ids = _insert(fresh, result, actor=actor, batch_size=batch_size, progress=progress)
    result.imported, result.imported_ids = len(ids), ids
    result.stages["insert"] = time.perf_counter() - mark

    mark = time.perf_counter()
    for start in range(0, len(ids), batch_size):
        reports_enrich(report_ids=ids[start : start + batch_size], batch_size=batch_size)
        progress("enrich", min(start + batch_size, len(ids)), len(ids))
    result.unlocated = sum(
        Report.objects.filter(pk__in=chunk, latitude__isnull=True).count()
        for chunk in _chunks(ids, _LOOKUP_CHUNK)
    )
    result.stages["enrich"] = time.perf_counter() - mark

    if publish:
        from reports.services.publishing import reports_publish_imported

        mark = time.perf_counter()
        waiting = _unpublished_ids(existing_keys)
        result.published = reports_publish_imported(report_ids=ids + waiting, actor=actor)
        result.stages["publish"] = time.perf_counter() - mark
    result.seconds = time.perf_counter() - started
    return result


def _read(paths: Sequence[str | Path], result: ImportResult, progress: Progress) -> pd.DataFrame:
    frames = []
    for done, path in enumerate(paths, start=1):
        try:
            frames.append(read_release(path).rows)
        except FaaFormatError as exc:
            result.skipped["unreadable file"] += 1
            result.not_imported(Path(path).name, None, f"unreadable file: {exc}")
        progress("read", done, len(paths))
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def _select(frame: pd.DataFrame, result: ImportResult) -> tuple[list[dict], list[str]]:
    """The rows to insert; counts skipped rows, in-run duplicates and rows already imported."""
    result.read = len(frame)
    first: dict[str, tuple[str, int]] = {}
    fresh: list[dict] = []
    for row in frame.to_dict("records"):
        file, number = row["source_file"], row["source_row"]
        if row["skip_reason"]:
            result.skipped[row["skip_reason"]] += 1
            result.not_imported(file, number, row["skip_reason"])
            continue
        key = row["source_key"]
        if key in first:
            result.duplicates += 1
            result.not_imported(file, number, "duplicate of {}:{}".format(*first[key]))
            continue
        first[key] = (file, number)
        fresh.append(row)
    existing = _existing_keys([row["source_key"] for row in fresh])
    for row in fresh:
        if row["source_key"] in existing:
            result.already_imported += 1
            result.not_imported(row["source_file"], row["source_row"], "already imported")
    return [row for row in fresh if row["source_key"] not in existing], sorted(existing)


def _existing_keys(keys: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(keys, _LOOKUP_CHUNK):
        found.update(
            key
            for key in Report.objects.filter(source_key__in=chunk).values_list(
                "source_key", flat=True
            )
            if key
        )
    return found


def _report(row: dict, now: dt.datetime) -> tuple[dict, str]:
    """The new report's fields (a dict for ``rows_insert``) and its audit note."""
    state = row["state"] or ""
    observed_at, known, how = faa_observed_at(
        row["date"], row["narrative"], state, row["local_time"]
    )
    fields = {
        "reference": new_reference(),
        "status_token": new_status_token(),
        "status": ReportStatus.RECEIVED,
        "received_at": now,
        "observed_at": observed_at,
        "observed_time_known": known,
        "source": Source.FAA,
        "source_key": row["source_key"],
        "source_file": row["source_file"][:255],
        "source_row": int(row["source_row"]),
        "source_release": row["source_release"][:64],
        "reporter_role": ReporterRole.ATC,
        "city": row["city"][:120],
        "state_region": (state or row["state_raw"])[:120],
        "country": (row["country_hint"] or "")[:120],
        "narrative": row["narrative"],
        "enrichment_status": EnrichmentStatus.PENDING,
    }
    note = f"imported from {row['source_file']} row {row['source_row']}; time from {how}"
    return fields, note[:500]


def _insert(
    rows: list[dict], result: ImportResult, *, actor: str, batch_size: int, progress: Progress
) -> list[int]:
    now = timezone.now()
    ids: list[int] = []
    for start in range(0, len(rows), batch_size):
        batch = [_report(row, now) for row in rows[start : start + batch_size]]
        ids.extend(_insert_batch(batch, result, actor=actor, now=now))
        progress("insert", min(start + batch_size, len(rows)), len(rows))
    return ids


def _insert_batch(
    batch: list[tuple[dict, str]], result: ImportResult, *, actor: str, now: dt.datetime
) -> list[int]:
    """Insert, tolerating a concurrent importer: a row another run inserted first is counted
    as already imported; a (vanishingly rare) reference collision gets a new reference."""
    inserted: dict[str, int] = {}  # source_key -> pk
    notes: dict[str, str] = {}
    pending = batch
    for _ in range(3):
        with transaction.atomic():
            rows_insert(Report, [fields for fields, _ in pending])
            by_reference = {fields["reference"]: (fields, note) for fields, note in pending}
            for pk, reference in Report.objects.filter(
                reference__in=list(by_reference)
            ).values_list("pk", "reference"):
                fields, note = by_reference.pop(reference)
                inserted[fields["source_key"]], notes[fields["source_key"]] = pk, note
        taken = _existing_keys([fields["source_key"] for fields, _ in by_reference.values()])
        pending = []
        for fields, note in by_reference.values():
            if fields["source_key"] in taken:
                result.already_imported += 1
                result.not_imported(fields["source_file"], fields["source_row"], "already imported")
            else:
                fields["reference"], fields["status_token"] = new_reference(), new_status_token()
                pending.append((fields, note))
        if not pending:
            break
    rows_insert(
        ReportEvent,
        [
            {
                "report_id": pk,
                "at": now,
                "actor": actor,
                "from_status": "",
                "to_status": ReportStatus.RECEIVED,
                "note": notes[key],
            }
            for key, pk in inserted.items()
        ],
    )
    return list(inserted.values())


def _unpublished_ids(keys: list[str]) -> list[int]:
    """Already-imported FAA reports nobody has reviewed yet: ``--publish`` publishes them too."""
    ids: list[int] = []
    for chunk in _chunks(keys, _LOOKUP_CHUNK):
        ids.extend(
            Report.objects.filter(
                source_key__in=chunk,
                source=Source.FAA,
                published_at__isnull=True,
                status=ReportStatus.TRIAGE,
            ).values_list("pk", flat=True)
        )
    return ids


def _chunks(items: Sequence, size: int) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
