"""``manage.py locate``: JSON lines ``{"id", "text", "city"?, "state"?, "country"?}`` on stdin,
one JSON line out per line in, in order. A line that cannot be parsed or located gives an
``error`` field, never a crash."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from reports.management.commands._jsonlines import answer_lines
from reports.services.locating import location_record
from reports.services.reference import reference_data


class Command(BaseCommand):
    help = "Locate texts read as JSON lines on stdin; write one JSON line per input."
    stealth_options = ("stdin",)

    def handle(self, *args, **options) -> None:
        reference = reference_data()
        answer_lines(
            stdin=options.get("stdin"),
            stdout=self.stdout,
            answer=lambda record: location_record(record=record, reference=reference),
        )
