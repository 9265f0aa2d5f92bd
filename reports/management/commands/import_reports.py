"""``python manage.py import_reports FILE [--errors PATH]``: reports in our export format."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from reports.management.commands._progress import StageBars
from reports.services.imports import errors_write, reports_import


class Command(BaseCommand):
    help = "Import reports from a CSV, XLSX, GeoJSON or GeoPackage file written by `export`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--errors",
            type=Path,
            default=None,
            help="per-row error file (default var/import-errors-<timestamp>.csv)",
        )

    def handle(self, *args: object, file: Path, errors: Path | None, **options: object) -> None:
        try:
            result = reports_import(path=file, progress=StageBars(self.stdout._out))
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        errors = errors or settings.VAR_DIR / f"import-errors-{timezone.now():%Y%m%dT%H%M%S}.csv"
        errors_write(result, errors)
        self.stdout.write(json.dumps({**result.summary(), "errors_file": str(errors)}))
