"""``python manage.py export --format csv|xlsx|geojson|gpkg --output PATH [filters]``.

Writes the data dictionary beside the file (``PATH.dictionary.csv``). ``--public`` writes the
de-identified open-data variant (published reports only); ``--include-contact`` adds the
reporters' contact columns to the staff variant.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rest_framework.exceptions import ValidationError

from reports.api_fields import BBox, BBoxField
from reports.management.commands._progress import StageBars
from reports.selectors import ReportFilters
from reports.services.exports import FORMATS, export_frame, export_write
from reports.services.exports.writers import dictionary_csv


def _utc(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _bbox(text: str) -> BBox:
    """The API's bounding-box rule, so the command accepts exactly what the list does."""
    try:
        return BBoxField().run_validation(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(" ".join(map(str, exc.detail))) from None


class Command(BaseCommand):
    help = "Export reports (filtered) as CSV, XLSX, GeoJSON or GeoPackage."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", dest="fmt", choices=FORMATS, required=True)
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument(
            "--from",
            dest="observed_from",
            type=_utc,
            help="observed at or after (ISO 8601, UTC if no zone)",
        )
        parser.add_argument("--to", dest="observed_to", type=_utc, help="observed before")
        parser.add_argument("--bbox", type=_bbox, help="min_lon,min_lat,max_lon,max_lat")
        parser.add_argument("--aerodrome", default="")
        parser.add_argument("--status", default="")
        parser.add_argument("--encounter-class", default="")
        parser.add_argument("--source", default="")
        parser.add_argument(
            "--public",
            action="store_true",
            help="the de-identified open-data variant (published reports only)",
        )
        parser.add_argument(
            "--include-contact",
            action="store_true",
            help="add reporter contact columns (staff variant only)",
        )

    def handle(
        self,
        *args: object,
        fmt: str,
        output: Path,
        public: bool,
        include_contact: bool,
        **options: Any,
    ) -> None:
        if public and include_contact:
            raise CommandError("--public never includes contact data")
        filters = ReportFilters(
            observed_from=options["observed_from"],
            observed_to=options["observed_to"],
            bbox=options["bbox"],
            aerodrome=options["aerodrome"],
            status=options["status"],
            encounter_class=options["encounter_class"],
            source=options["source"],
        )
        bars = StageBars(self.stdout._out)
        variant = "public" if public else "staff"
        rows = export_write(
            path=output,
            fmt=fmt,
            filters=filters,
            variant=variant,
            include_contact=include_contact,
            progress=lambda done, total: bars("export", done, total),
        )
        from reports.models import Report

        _, dictionary = export_frame(
            queryset=Report.objects.none(), variant=variant, include_contact=include_contact
        )
        dictionary_path = output.with_name(output.name + ".dictionary.csv")
        dictionary_path.write_text(dictionary_csv(dictionary), encoding="utf-8")
        self.stdout.write(
            json.dumps({"rows": rows, "output": str(output), "dictionary": str(dictionary_path)})
        )
