"""``manage.py load_navaids FILE``: load an OurAirports navaids CSV; re-running changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from reports.services.reference import navaids_load, ourairports_read


class Command(BaseCommand):
    help = "Load VORs, NDBs and other navaids from an OurAirports navaids.csv (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="OurAirports navaids.csv")

    def handle(self, *args, **options) -> None:
        try:
            frame = ourairports_read(options["file"], kind="navaids")
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        result = navaids_load(frame=frame)
        self.stdout.write(f"navaids: {result.summary()}")
