from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone


def valid_payload(**overrides: Any) -> dict[str, Any]:
    """A complete, valid API submission; override fields to break one thing at a time."""
    payload: dict[str, Any] = {
        "observed_at": (timezone.now() - timedelta(hours=2)).isoformat(),
        "latitude": 51.4650,
        "longitude": -0.4300,
        "location": "2 NM E of EGLL",
        "altitude_ft": 400,
        "narrative": "White quadcopter hovering off the approach to runway 27L.",
        "reporter_role": "pilot",
        "contact_email": "pilot@example.org",
    }
    payload.update(overrides)
    return {k: v for k, v in payload.items() if v is not ...}
