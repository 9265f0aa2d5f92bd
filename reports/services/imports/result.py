"""What an import did: counts for the one-line JSON summary, and the per-row error file."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class ImportResult:
    """Counts of one import run. ``skipped`` is keyed by reason; ``stages`` holds seconds."""

    read: int = 0
    imported: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0
    already_imported: int = 0
    unlocated: int = 0
    published: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (file, row, reason)
    imported_ids: list[int] = field(default_factory=list)

    def not_imported(self, file: str, row: object, reason: str) -> None:
        self.errors.append((file, "" if row is None else str(row), reason))

    def summary(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "imported": self.imported,
            "skipped": dict(self.skipped),
            "duplicates": self.duplicates,
            "already_imported": self.already_imported,
            "unlocated": self.unlocated,
            "published": self.published,
            "seconds": round(self.seconds, 2),
            "stages": {k: round(v, 2) for k, v in self.stages.items()},
        }


def errors_write(result: ImportResult, path: Path) -> Path:
    """Write ``file,row,reason`` lines (with a header) for every row that was not imported."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("file", "row", "reason"))
        writer.writerows(result.errors)
    return path
