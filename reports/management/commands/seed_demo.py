from __future__ import annotations

from django.core.management.base import BaseCommand

from reports.services.demo import demo_seed, demo_user_ensure


class Command(BaseCommand):
    help = "Create a realistic demo data set (idempotent) and optionally a local demo analyst."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--count", type=int, default=3000)
        parser.add_argument("--demo-user", action="store_true",
                            help="also create the local analyst 'analyst' / 'skywatch-demo'")

    def handle(self, *args, count: int, demo_user: bool, **options) -> None:  # noqa: ANN002, ANN003
        created = demo_seed(count=count)
        self.stdout.write(f"demo reports created: {created}" if created
                          else "demo reports already present; nothing to do")
        if demo_user:
            demo_user_ensure(username="analyst", password="skywatch-demo")  # noqa: S106
            self.stdout.write("demo analyst: analyst / skywatch-demo (local use only)")
