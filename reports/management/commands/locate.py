"""``manage.py locate``: JSON lines ``{"id", "text", "city"?, "state"?, "country"?}`` on stdin,
one JSON line out per line in, in order. A line that cannot be parsed or located gives an
``error`` field, never a crash."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from reports.services.reference import location_record, reference_data


class Command(BaseCommand):
    help = "Locate texts read as JSON lines on stdin; write one JSON line per input."
    stealth_options = ("stdin",)

    def handle(self, *args, **options) -> None:
        reference = reference_data()
        stdin = options.get("stdin") or sys.stdin
        for number, line in enumerate(stdin, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                answer = {"id": None, "error": f"line {number}: not JSON ({exc})"}
            else:
                if isinstance(record, dict):
                    answer = location_record(record=record, reference=reference)
                else:
                    answer = {"id": None, "error": f"line {number}: expected a JSON object"}
            self.stdout.write(json.dumps(answer, ensure_ascii=False))
