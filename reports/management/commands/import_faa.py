"""``python manage.py import_faa FILE [FILE ...] [--publish] [--errors PATH]``.

Prints one line of JSON at the end: read, imported, skipped (by reason), duplicates,
already_imported, unlocated, published, seconds and seconds per stage; writes every row that
was not imported to the error file (``file,row,reason``).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from reports.management.commands._progress import StageBars
from reports.services.imports import errors_write, faa_import


class Command(BaseCommand):
    help = "Import FAA UAS sightings releases (CSV, XLSX, XLS) as reports, enriched in bulk."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish the imported reports (FAA releases are public records)",
        )
        parser.add_argument(
            "--errors",
            type=Path,
            default=None,
            help="per-row error file (default var/import-errors-<timestamp>.csv)",
        )
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(
        self,
        *args: object,
        files: list[Path],
        publish: bool,
        errors: Path | None,
        batch_size: int,
        **options: object,
    ) -> None:
        result = faa_import(
            paths=files,
            publish=publish,
            batch_size=batch_size,
            progress=StageBars(self.stdout._out),
        )
        errors = errors or settings.VAR_DIR / f"import-errors-{timezone.now():%Y%m%dT%H%M%S}.csv"
        errors_write(result, errors)
        self.stdout.write(json.dumps({**result.summary(), "errors_file": str(errors)}))
