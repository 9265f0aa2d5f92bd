"""Counts an importer logs after reading releases: rows, skips by reason, repeated reports."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True, slots=True)
class ReleaseSummary:
    rows: int  # every data row read
    reports: int  # rows not skipped
    skipped: dict[str, int]  # skip_reason → rows
    distinct_reports: int  # distinct dedupe keys among the reports
    repeated_rows: int  # reports whose key an earlier report already had (reports - distinct)
    rows_per_file: dict[str, int]


def summarize_releases(rows: pd.DataFrame) -> ReleaseSummary:
    """Summarise the frame from ``read_releases`` (or one ``FaaRelease.rows``)."""
    reports = rows[rows["skip_reason"] == ""]
    skipped = rows.loc[rows["skip_reason"] != "", "skip_reason"].value_counts()
    distinct = int(reports["dedupe_key"].nunique())
    return ReleaseSummary(
        rows=len(rows),
        reports=len(reports),
        skipped={str(reason): int(count) for reason, count in skipped.items()},
        distinct_reports=distinct,
        repeated_rows=len(reports) - distinct,
        rows_per_file={
            str(k): int(v) for k, v in rows.groupby("source_file", sort=False).size().items()
        },
    )
