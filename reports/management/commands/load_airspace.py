"""``manage.py load_airspace FILE.geojson [--type TYPE]``: load airspace zones (idempotent:
a zone's identity is a fingerprint of its name and geometry)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.services.reference import airspace_load


class Command(BaseCommand):
    help = "Load airspace zones (polygons) from a GeoJSON FeatureCollection (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="GeoJSON FeatureCollection, WGS84 lon/lat")
        parser.add_argument(
            "--type",
            default="",
            dest="zone_type",
            help="zone type for every feature (default: from the properties "
            "or name: FRZ, CLASS_B, PARACHUTE...)",
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            raise CommandError(f"{path} is not a GeoJSON FeatureCollection")
        result = airspace_load(data=data, zone_type=options["zone_type"], source=path.name)
        self.stdout.write(f"airspace zones: {result.summary()}")
