"""Find the date, city, state and narrative columns by meaning, whatever a quarter calls them.

Seen so far: the date column under 10 spellings (``EventDATETIME``, ``Event Date & Time``,
``Date of Sighitng``, ``Day of Date of Sighting``, ``Date`` ...), City/State in either order,
and the narrative as ``EventREPORTNARRATIVE``, ``Description``, ``Event Description``,
``Summary`` or ``Redacted``. Anything else (``Item Type``, ``Path``, ``Column1`` ... ``Column16380``)
is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

ROLES = ("date", "city", "state", "narrative")

# Tested against the squashed header (lower case, letters and digits only), narrative first so
# that a future "Event Description Date" would not be taken for the date.
_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("narrative", re.compile(r"narrative|description|summary|redacted|remarks")),
    ("city", re.compile(r"city")),
    ("state", re.compile(r"state")),
    # "sigh" covers the "Sighitng" typo; "^day" covers "Day of Sighting".
    ("date", re.compile(r"date|sigh|^day")),
)


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """0-based column positions of each role, and the header text each one had."""

    date: int
    city: int
    state: int
    narrative: int
    headers: dict[str, str]

    @property
    def width(self) -> int:
        """How many leading columns must be read to see every role (skips 16k empty ones)."""
        return max(self.date, self.city, self.state, self.narrative) + 1


def _squash(header: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(header or "").lower())


def find_roles(header: Sequence[object]) -> dict[str, int]:
    """Role → first column position whose header matches it; roles not found are absent."""
    found: dict[str, int] = {}
    for position, cell in enumerate(header):
        squashed = _squash(cell)
        if not squashed:
            continue
        for role, pattern in _ROLE_PATTERNS:
            if pattern.search(squashed):
                found.setdefault(role, position)
                break
    return found


def column_map(header: Sequence[object]) -> ColumnMap | None:
    """The full mapping, or None when any role is missing."""
    found = find_roles(header)
    if any(role not in found for role in ROLES):
        return None
    return ColumnMap(
        **{role: found[role] for role in ROLES},
        headers={role: str(header[found[role]]).strip() for role in ROLES},
    )
