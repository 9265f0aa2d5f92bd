"""The JSON-lines loop shared by ``locate`` and ``extract``: one answer per input line, in
order; a line that is not a JSON object gives an ``error`` answer and the loop carries on."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TextIO


def answer_lines(
    *, stdin: TextIO | None, stdout: Any, answer: Callable[[dict[str, Any]], dict[str, Any]]
) -> None:
    for number, line in enumerate(stdin or sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("expected a JSON object")
            out = answer(record)
        except ValueError as exc:
            out = {"id": None, "error": f"line {number}: {exc}"}
        stdout.write(json.dumps(out, ensure_ascii=False))
