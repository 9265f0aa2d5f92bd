"""The staff hotspot map on the real FAA record: the known concentrations come out hot.

Imports the 2024-2025 releases (eight files, about 3,500 sightings; a few minutes on two busy
cores) with ``import_faa --publish``; set ``HOTSPOTS_FAA_ALL=1`` to import all 42 files
(about ten minutes). Saves the screenshot the README shows as ``docs/hotspots-faa.png``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import h3
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from tests.conftest import require_shared_data
from tests.e2e.browser import BrowserSession, login_as_staff, wait_ready
from tests.e2e.helpers import status_of

pytestmark = pytest.mark.faa

# The README's screenshot is refreshed only on request (UPDATE_DOCS_SCREENSHOT=1): a test run
# must not modify tracked files. Otherwise the screenshot goes to test-artifacts/.
_ROOT = Path(__file__).resolve().parents[2]
DOCS = _ROOT / ("docs" if os.environ.get("UPDATE_DOCS_SCREENSHOT") == "1" else "test-artifacts")
# (min_lat, max_lat, min_lon, max_lon) in degrees: the metro areas the FAA record is known for.
CONCENTRATIONS = {
    "New York": (40.0, 41.3, -74.8, -72.8),
    "Los Angeles": (33.3, 34.6, -118.9, -117.3),
    "Chicago": (41.4, 42.4, -88.5, -87.3),
    "Florida": (24.4, 31.1, -87.7, -79.8),
}


def faa_files() -> list[Path]:
    folder = require_shared_data("faa_uas_sightings")
    files = sorted(folder.glob("*.csv"))
    if os.environ.get("HOTSPOTS_FAA_ALL") != "1":
        files = [f for f in files if f.name[:4] in ("2024", "2025")]
    assert files, f"no FAA releases in {folder}"
    return files


def test_the_staff_map_of_the_faa_record_shows_new_york_los_angeles_chicago_and_florida_hot(
    web: BrowserSession, transactional_db: None, django_user_model, tmp_path: Path
) -> None:
    cache.clear()  # no snapshot of an earlier test's data may stand in for this map
    call_command(
        "import_faa",
        *map(str, faa_files()),
        "--publish",
        "--errors",
        str(tmp_path / "errors.csv"),
        stdout=open(os.devnull, "w"),
    )

    login_as_staff(web, django_user_model)
    client = Client()
    client.force_login(django_user_model.objects.get(username="mapper"))
    response = client.get("/api/v1/hotspots/", {"resolution": 7})
    assert response.status_code == 200
    hot = [
        h3.cell_to_latlng(f["properties"]["cell"])
        for f in json.loads(response.content)["features"]
        if f["properties"]["classification"] in ("hot_99", "hot_95")
    ]
    for place, (lat0, lat1, lon0, lon1) in CONCENTRATIONS.items():
        inside = [p for p in hot if lat0 <= p[0] <= lat1 and lon0 <= p[1] <= lon1]
        assert inside, f"no hot hexagon (95 % or more) near {place} among {len(hot)} hot cells"

    page = web.page
    page.set_viewport_size({"width": 1280, "height": 1100})
    assert status_of(page.goto("/staff/map/")) == 200
    hexagons = wait_ready(page)
    assert hexagons > 100 and page.locator("path.hex-hot_99").count() > 0
    # The country outlines arrive in their own request; wait until they are drawn too.
    page.wait_for_function(
        f"document.querySelectorAll('.leaflet-overlay-pane path').length > {hexagons}",
        timeout=30_000,
    )
    page.wait_for_timeout(500)
    DOCS.mkdir(exist_ok=True)
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=str(DOCS / "hotspots-faa.png"), full_page=False)
    assert web.foreign_requests() == []
