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


def analyst_create(username: str = "analyst", *, export: bool = True) -> Any:
    """A staff user holding ``reports.view_report`` (and ``reports.export_report`` unless
    ``export=False``): what the staff pages and APIs require, staff status alone is not enough."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(
        username, password=f"pw-{username}-1", is_staff=True
    )
    codenames = ["view_report", "export_report"] if export else ["view_report"]
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="reports", codename__in=codenames)
    )
    return user
