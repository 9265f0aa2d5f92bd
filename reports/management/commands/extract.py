"""``manage.py extract``: JSON lines ``{"id", "narrative", "city", "state", "date"}`` on stdin,
one JSON line out per line in, in order, with the facts read from the narrative and its
position (see ``geo.narrative.RECORD_FIELDS``). A malformed line gives ``{"error": ...}`` and
the command carries on."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from geo.narrative import extraction_record
from reports.management.commands._jsonlines import answer_lines
from reports.services.reference import reference_data


class Command(BaseCommand):
    help = "Extract facts from narratives read as JSON lines on stdin; one JSON line out each."
    stealth_options = ("stdin",)

    def handle(self, *args, **options) -> None:
        reference = reference_data()
        answer_lines(
            stdin=options.get("stdin"),
            stdout=self.stdout,
            answer=lambda record: extraction_record(record, reference=reference),
        )
