"""``manage.py load_runways FILE``: load an OurAirports runways CSV; re-running changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from reports.services.reference import ourairports_read, runways_load


class Command(BaseCommand):
    help = "Load runway thresholds and headings from an OurAirports runways.csv (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="OurAirports runways.csv")

    def handle(self, *args, **options) -> None:
        try:
            frame = ourairports_read(options["file"], kind="runways")
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        result = runways_load(frame=frame)
        self.stdout.write(f"runways: {result.summary()}")
