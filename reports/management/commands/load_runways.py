"""``manage.py load_runways FILE``: load an OurAirports runways CSV; re-running changes nothing."""

from __future__ import annotations

import pandas as pd
from django.core.management.base import BaseCommand, CommandError

from reports.services.reference import runways_load


class Command(BaseCommand):
    help = "Load runway thresholds and headings from an OurAirports runways.csv (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="OurAirports runways.csv")

    def handle(self, *args, **options) -> None:
        try:
            frame = pd.read_csv(options["file"], low_memory=False)
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot read {options['file']}: {exc}") from exc
        if "airport_ident" not in frame.columns:
            raise CommandError("not an OurAirports runways file: no airport_ident column")
        result = runways_load(frame=frame)
        self.stdout.write(f"runways: {result.summary()}")
