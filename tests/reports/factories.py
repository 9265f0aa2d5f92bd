"""Builders shared by the report tests (and the browser tests): plain functions, one place.

A test module never imports another test module; what two of them need lives here (data
builders) or in ``conftest.py`` (fixtures).
"""

from __future__ import annotations

import datetime as dt
import json
from datetime import timedelta
from typing import Any

import numpy as np
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from numpy.typing import ArrayLike

from geo.cells import cells_for_points
from reports.models import Report, ReportStatus, Source
from reports.services.intake import report_submit
from reports.services.references import new_reference, new_status_token


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


def new_report() -> Report:
    """``valid_payload`` filed through the intake service, as the API would file it."""
    data = valid_payload()
    data["location_text"] = data.pop("location")
    data["observed_at"] = parse_datetime(data["observed_at"])
    return report_submit(data=data)


# A cluster 10 NM east of Kansas City in a sparse 3° x 3° field of noise.
CLUSTER = (39.10, -94.35)
FIELD = (37.5, -97.0, 40.5, -94.0)  # min_lat, min_lon, max_lat, max_lon
WHEN = dt.datetime(2025, 3, 10, 12, 0, tzinfo=dt.UTC)


def add_reports(lat: ArrayLike, lon: ArrayLike, **fields: Any) -> list[Report]:
    """Reports at the given positions with their H3 cells, as enrichment would store them."""
    lat, lon = np.atleast_1d(lat).astype(float), np.atleast_1d(lon).astype(float)
    cells = cells_for_points(lat, lon)
    defaults = {
        "observed_at": WHEN,
        "status": ReportStatus.TRIAGE,
        "source": Source.WEB,
        "encounter_class": "sighting",
    }
    defaults.update(fields)
    rows = [
        Report(
            reference=new_reference(),
            status_token=new_status_token(),
            latitude=float(a),
            longitude=float(b),
            **{f"h3_r{r}": int(cells[r][i]) for r in cells},
            **defaults,
        )
        for i, (a, b) in enumerate(zip(lat, lon, strict=True))
    ]
    return Report.objects.bulk_create(rows)


def planted(seed: int = 3, **fields: Any) -> None:
    """300 reports of noise over ``FIELD`` and 80 packed around ``CLUSTER``."""
    rng = np.random.default_rng(seed)
    add_reports(
        rng.uniform(FIELD[0], FIELD[2], 300), rng.uniform(FIELD[1], FIELD[3], 300), **fields
    )
    add_reports(
        CLUSTER[0] + rng.normal(0, 0.01, 80), CLUSTER[1] + rng.normal(0, 0.01, 80), **fields
    )


def hexagons(response: HttpResponseBase) -> dict[str, dict[str, Any]]:
    """A hotspot API answer's hexagons by H3 cell (asserting it is a GeoJSON 200)."""
    assert isinstance(response, HttpResponse), "a hotspot answer is not streamed"
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/geo+json"
    body = json.loads(response.content)
    return {f["properties"]["cell"]: f for f in body["features"]}


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


def form_data(**overrides: Any) -> dict[str, Any]:
    """The web form's fields as a browser posts them: a valid report of one hour ago at EGLL."""
    when = (timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "form_token": "tok-" + overrides.pop("token", "1"),
        "tz_offset_minutes": "0",
        "observed_at": when,
        "location_text": "EGLL",
        "latitude": "",
        "longitude": "",
        "altitude_ft": "300",
        "altitude_reference": "AGL",
        "narrative": "Drone near the fence",
        "reporter_role": "public",
        "drone_type": "multirotor",
        "drone_count": "",
        "drone_colour": "",
        "aircraft_type": "",
        "closest_proximity_ft": "",
        "evasive_action": "not_stated",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "website": "",
    }
    data.update(overrides)
    return data
