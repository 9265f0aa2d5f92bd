from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from reports.services.demo import demo_reference_load, demo_seed, demo_user_ensure


class Command(BaseCommand):
    help = "Create a realistic demo data set (idempotent) and optionally a local demo analyst."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=int, default=3000)
        parser.add_argument(
            "--reference-dir",
            type=Path,
            default=settings.SHARED_DATA_DIR,
            help="sample runways/navaids/airspace to load first, if present",
        )
        parser.add_argument(
            "--demo-user",
            action="store_true",
            help="also create the local analyst 'analyst' / 'skywatch-demo'",
        )

    def handle(self, *args, count: int, demo_user: bool, reference_dir: Path, **options) -> None:
        for name, summary in demo_reference_load(directory=reference_dir).items():
            self.stdout.write(f"{name}: {summary}")
        created = demo_seed(count=count)
        self.stdout.write(
            f"demo reports created: {created}"
            if created
            else "demo reports already present; nothing to do"
        )
        if demo_user:
            demo_user_ensure(username="analyst", password="skywatch-demo")  # noqa: S106
            self.stdout.write("demo analyst: analyst / skywatch-demo (local use only)")
