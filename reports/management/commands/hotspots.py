"""``python manage.py hotspots --resolution 7 [filters] --output FILE`` and
``python manage.py hotspots --snapshots`` (refresh the precomputed maps inline, no broker).

The format follows the extension: ``.geojson`` or ``.gpkg``. Filters are the API's
(``--since 2024-01-01 --encounter-class close_encounter --aerodrome LAX --radius-nm 30`` ...)
and are validated the same way. Prints one line of JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.serializers_hotspots import HotspotQuerySerializer
from reports.services.hotspots import HotspotQueryError, hotspot_snapshots_refresh, hotspots_write

FILTERS = (
    "resolution",
    "since",
    "until",
    "window",
    "encounter_class",
    "risk_category",
    "status",
    "source",
    "aerodrome",
    "radius_nm",
    "bbox",
    "include",
)


class Command(BaseCommand):
    help = "Write Gi* hotspot hexagons for a filter to GeoJSON or GeoPackage."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="FILE.geojson or FILE.gpkg")
        parser.add_argument(
            "--published",
            action="store_true",
            help="published reports only (what the public map counts)",
        )
        parser.add_argument(
            "--snapshots", action="store_true", help="refresh the precomputed map snapshots instead"
        )
        for name in FILTERS:
            parser.add_argument("--" + name.replace("_", "-"), dest=name, default=None)

    def handle(
        self,
        *args: object,
        output: Path | None,
        published: bool,
        snapshots: bool,
        **options: object,
    ) -> None:
        if snapshots:
            written = hotspot_snapshots_refresh(force=True)
            self.stdout.write(json.dumps({"snapshots": written}))
            return
        if output is None:
            raise CommandError("--output FILE.geojson|FILE.gpkg is required")
        data = {name: options[name] for name in FILTERS if options.get(name) is not None}
        params = HotspotQuerySerializer(data=data)
        if not params.is_valid():
            problems = "; ".join(
                f"--{k.replace('_', '-')}: {' '.join(map(str, v))}"
                for k, v in params.errors.items()
            )
            raise CommandError(problems)
        query = params.query(published_only=published)
        try:
            count = hotspots_write(query=query, path=output)
        except HotspotQueryError as exc:
            raise CommandError(f"--{exc.field.replace('_', '-')}: {exc.message}") from None
        self.stdout.write(
            json.dumps({"output": str(output), "hexagons": count, "query": query.to_json()})
        )
