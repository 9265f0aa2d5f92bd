from __future__ import annotations

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class SafeJSONParser(JSONParser):
    """JSON parser that turns pathological input (deep nesting) into a 400, not a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("JSON is nested too deeply.") from exc
        except ValueError as exc:  # e.g. invalid UTF-8 surfaced as UnicodeDecodeError
            raise ParseError(f"JSON parse error - {exc}") from exc
