"""``manage.py extract``: JSON lines ``{"id", "narrative", "city", "state", "date"}`` on stdin,
one JSON line out per line in, in order, with the facts read from the narrative and its
position (see ``geo.narrative.RECORD_FIELDS``). A malformed line gives ``{"error": ...}`` and
the command carries on."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from geo.narrative import extraction_record
from reports.services.reference import reference_data


class Command(BaseCommand):
    help = "Extract facts from narratives read as JSON lines on stdin; one JSON line out each."
    stealth_options = ("stdin",)

    def handle(self, *args, **options) -> None:
        reference = reference_data()
        stdin = options.get("stdin") or sys.stdin
        for number, line in enumerate(stdin, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("expected a JSON object")
                answer = extraction_record(record, reference=reference)
            except ValueError as exc:
                answer = {"id": None, "error": f"line {number}: {exc}"}
            self.stdout.write(json.dumps(answer, ensure_ascii=False))
