"""``manage.py load_navaids FILE``: load an OurAirports navaids CSV; re-running changes nothing."""

from __future__ import annotations

import pandas as pd
from django.core.management.base import BaseCommand, CommandError

from reports.services.reference import navaids_load


class Command(BaseCommand):
    help = "Load VORs, NDBs and other navaids from an OurAirports navaids.csv (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="OurAirports navaids.csv")

    def handle(self, *args, **options) -> None:
        try:
            # keep_default_na=False: "NA" is Namibia's country code, not a missing value.
            frame = pd.read_csv(options["file"], keep_default_na=False,
                                na_values={"latitude_deg": [""], "longitude_deg": [""]})
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot read {options['file']}: {exc}") from exc
        if "ident" not in frame.columns:
            raise CommandError("not an OurAirports navaids file: no ident column")
        result = navaids_load(frame=frame)
        self.stdout.write(f"navaids: {result.summary()}")
