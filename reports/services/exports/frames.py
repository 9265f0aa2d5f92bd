"""Reports -> a frame of export values (see ``columns``), read in chunks with a progress hook."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import h3
import pandas as pd
from django.db.models import F, QuerySet

from geo.synopsis import SYNOPSIS_FIELDS, synopses_from_records
from reports.models import Report
from reports.services.exports.columns import Column

ProgressHook = Callable[[int, int], None]


def _iso(value: dt.datetime | None) -> str | None:
    if value is None or pd.isna(value):
        return None
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _h3(value: int | None) -> str | None:
    return h3.int_to_str(int(value)) if value and not pd.isna(value) else None


_CONVERT: dict[str, Callable[[Any], object]] = {
    "datetime": _iso,
    "h3": _h3,
    "json": lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False),
}


def reports_frame(
    queryset: QuerySet[Report],
    columns: tuple[Column, ...],
    *,
    chunk_size: int = 5000,
    progress: ProgressHook | None = None,
) -> pd.DataFrame:
    """One row per report, the columns in order, values in their export form."""
    names = [c.name for c in columns]
    fields = [n for n in names if n not in ("duplicate_of", "synopsis")]
    if "synopsis" in names:  # written from the stored fields it summarises
        fields += [f for f in SYNOPSIS_FIELDS if f not in fields]
    annotate = {"duplicate_of_ref": F("duplicate_of__reference")} if "duplicate_of" in names else {}
    total = queryset.count()
    rows: list[dict] = []
    for row in (
        queryset.annotate(**annotate).values(*fields, *annotate).iterator(chunk_size=chunk_size)
    ):
        if annotate:
            row["duplicate_of"] = row.pop("duplicate_of_ref")
        rows.append(row)
        if progress and len(rows) % chunk_size == 0:
            progress(len(rows), total)
    if "synopsis" in names:
        for row, line in zip(rows, synopses_from_records(rows), strict=True):
            row["synopsis"] = line
    frame = pd.DataFrame.from_records(rows, columns=names)
    for column in columns:
        convert = _CONVERT.get(column.type)
        if convert is not None:
            frame[column.name] = pd.Series(
                [convert(v) for v in frame[column.name].astype(object)],
                index=frame.index,
                dtype=object,
            )
        elif column.type in ("integer", "boolean"):
            frame[column.name] = frame[column.name].astype(
                "Int64" if column.type == "integer" else "boolean"
            )
        elif column.type == "number":
            frame[column.name] = pd.to_numeric(frame[column.name]).astype(float)
    if progress:
        progress(total, total)
    return frame
