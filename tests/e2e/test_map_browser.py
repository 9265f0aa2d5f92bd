"""The hotspot map in a real Chromium: hexagons, filters, the time slider, a hexagon's reports,
and nothing requested from outside this machine (Leaflet and the basemap are local)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from reports.models import Report, ReportStatus
from tests.e2e.conftest import BrowserSession
from tests.reports.factories import analyst_create
from tests.reports.test_hotspots_api import WHEN, add_reports, planted

DENVER = (39.75, -104.99)


def login_as_staff(web: BrowserSession, django_user_model) -> None:
    """A staff session cookie, made by Django's test client, handed to the browser."""
    user = analyst_create("mapper", export=False)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    web.page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": web.base_url}]
    )


def wait_ready(page: object, *, previous: str | None = None) -> int:
    """Wait until the map has drawn a hexagon set (different from ``previous`` if given)."""
    selector = "#hotspot-map[data-state=ready]"
    if previous is not None:
        selector += f":not([data-hexagons='{previous}'])"
    page.wait_for_selector(selector, state="attached", timeout=60_000)
    return int(page.get_attribute("#hotspot-map", "data-hexagons"))


def zoom_onto(page: object, selector: str, *, min_px: float = 12.0) -> None:
    """Double-click the map on the first element matching ``selector`` until it is at least
    ``min_px`` wide, as a user zooms in on a spot (res-7 hexagons are specks at country zoom)."""
    for _ in range(8):
        box = page.locator(selector).first.bounding_box()
        if box and box["width"] >= min_px:
            return
        page.mouse.dblclick(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(500)
    raise AssertionError(f"could not zoom onto {selector}")


@pytest.fixture
def map_data(transactional_db: None) -> None:
    # Snapshots cached by earlier tests in this process would stand in for the map of this data
    # (a snapshot may lag the data by HOTSPOTS_SNAPSHOT_MAX_AGE, by design).
    cache.clear()
    planted(aerodrome_code="MKC")  # a hot cluster east of Kansas City in noise, March 2025
    # Close encounters around Denver, a year earlier: the encounter filter and the time slider
    # must each change what is drawn.
    add_reports(
        [DENVER[0] + 0.005 * (i % 5) for i in range(30)],
        [DENVER[1] + 0.005 * (i // 5) for i in range(30)],
        encounter_class="close_encounter",
        observed_at=WHEN - dt.timedelta(days=365),
        aerodrome_code="DEN",
        closest_proximity_ft=200,
        aircraft_type="B738",
    )


def test_the_staff_map_draws_hexagons_filters_them_and_lists_a_hexagons_reports(
    web: BrowserSession, map_data: None, django_user_model, artifacts_dir: Path
) -> None:
    login_as_staff(web, django_user_model)
    page = web.page
    assert page.goto("/staff/map/").status == 200
    everything = wait_ready(page)
    assert everything > 0 and page.locator("path.hex").count() == everything
    assert page.locator("path.hex-hot_99").count() >= 1
    page.wait_for_selector(".leaflet-overlay-pane svg path.leaflet-interactive", state="attached")
    page.screenshot(path=str(artifacts_dir / "hotspot-map-staff.png"), full_page=True)

    # Encounter filter: only the Denver close encounters remain.
    page.select_option("#f-encounter", "close_encounter")
    close = wait_ready(page, previous=str(everything))
    assert 0 < close < everything
    assert "from 30 reports" in page.inner_text("#map-status")

    # Time slider: from the first month (Denver, 2024) to the last (Kansas City, 2025); moving
    # the start to the last month leaves March 2025 only.
    page.select_option("#f-encounter", "")
    assert wait_ready(page, previous=str(close)) == everything
    last = page.get_attribute("#f-from", "max")
    page.eval_on_selector(
        "#f-from",
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('change', {bubbles: true})); }",
        last,
    )
    recent = wait_ready(page, previous=str(everything))
    assert page.inner_text("#f-from-label") == "2025-03"
    assert "from 380 reports" in page.inner_text("#map-status") and recent < everything

    # Clicking a hot hexagon with reports lists them: references the database knows.
    zoom_onto(page, "path.hex-hot_99.hex-reported")
    page.locator("path.hex-hot_99.hex-reported").first.click()
    page.wait_for_selector("#cell-reports:not([hidden]) tbody tr")
    references = page.locator("#cell-reports tbody tr td:first-child").all_inner_texts()
    assert references and Report.objects.filter(reference__in=references).count() == len(references)
    assert "newest first" in page.inner_text("#cell-summary")

    # The optional layers: report clusters and the aerodromes the reports are nearest to.
    page.check("#l-points")
    page.wait_for_selector("path.cluster", state="attached")
    page.check("#l-aerodromes")
    page.wait_for_selector("path.aerodrome", state="attached")
    assert web.foreign_requests() == []


def test_the_public_map_shows_published_hexagons_and_counts_but_no_report_list(
    web: BrowserSession, map_data: None
) -> None:
    Report.objects.filter(encounter_class="sighting").update(
        status=ReportStatus.PUBLISHED, published_at=WHEN
    )
    page = web.page
    assert page.goto("/map/").status == 200
    assert wait_ready(page) > 0
    # The public map never offers a finer grid than the open data, nor workflow filters.
    options = page.locator("#f-resolution option").all_inner_texts()
    assert max(int(o) for o in options) <= 7 and page.locator("#f-status").count() == 0
    zoom_onto(page, "path.hex-hot_99.hex-reported")
    page.locator("path.hex-hot_99.hex-reported").first.click()
    page.wait_for_function("document.getElementById('cell-summary').textContent.includes('report')")
    assert "hot spot" in page.inner_text("#cell-summary")
    assert page.locator("#cell-reports").count() == 0
    assert web.foreign_requests() == []
