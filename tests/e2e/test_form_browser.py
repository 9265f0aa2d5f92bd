"""The public filing form in a real Chromium: typing, clicking the map, errors, resubmission.

The browser runs in London time (Europe/London), so a summer sighting typed as 14:30 local must
be stored as 13:30 UTC. Celery is eager here, so enrichment has run by the time the
confirmation page renders.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reports.models import EnrichmentStatus, Report, ReportStatus
from tests.e2e.browser import SUBMIT_TIMEOUT_MS, BrowserSession, fill_form, open_form
from tests.e2e.helpers import status_of

if TYPE_CHECKING:
    from playwright.sync_api import Page

REFERENCE = re.compile(r"^DR-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$")
HEATHROW = (51.4706, -0.4619)
# report_form.js opens the map on this centre and zoom.
MAP_CENTRE = (30.0, -40.0)
MAP_ZOOM = 2


def submit_and_read_reference(page: Page) -> str:
    with page.expect_navigation(url=re.compile(r"/track/[^/]+/$"), timeout=SUBMIT_TIMEOUT_MS):
        page.click("#submit-report", no_wait_after=True)
    reference = page.inner_text("#reference").strip()
    assert REFERENCE.match(reference), f"reference {reference!r} is not DR-XXXX-XXXX"
    return reference


def distance_nm(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in nautical miles (spherical Earth; fine for a few-mile check)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 3440.065 * math.asin(math.sqrt(h))


def latlng_at_offset(dx: float, dy: float) -> tuple[float, float]:
    """The latitude/longitude (degrees) ``dx, dy`` pixels from the map centre, in Leaflet's
    Web Mercator at ``MAP_ZOOM`` (256 px tiles): what a click there should give."""
    world_px = 256 * 2**MAP_ZOOM
    lat0, lon0 = map(math.radians, MAP_CENTRE)
    y0 = math.log(math.tan(math.pi / 4 + lat0 / 2))
    y = y0 - dy * 2 * math.pi / world_px
    lat = math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)
    return lat, math.degrees(lon0) + dx * 360 / world_px


def test_a_reporter_types_a_location_and_gets_a_reference_for_the_saved_report(
    web: BrowserSession, artifacts_dir: Path
) -> None:
    page = open_form(web)
    fill_form(
        page,
        observed="2025-07-04T14:30",
        location="2 NM SE of EGLL",
        narrative="Black quadcopter crossed the approach path at about 1500 ft.",
    )
    page.screenshot(path=str(artifacts_dir / "report-form-filled.png"), full_page=True)

    reference = submit_and_read_reference(page)
    assert page.inner_text("#status-link").startswith(web.base_url + "/track/")
    page.screenshot(path=str(artifacts_dir / "report-confirmation.png"), full_page=True)

    report = Report.objects.get(reference=reference)
    assert report.location_text == "2 NM SE of EGLL"
    assert report.narrative.startswith("Black quadcopter")
    assert report.observed_at == datetime(2025, 7, 4, 13, 30, tzinfo=UTC), (
        "14:30 typed in London in July (BST, UTC+1) must be stored as 13:30 UTC; the form's "
        "tz offset must be the one in force on the sighting date, not today's"
    )
    assert report.enrichment_status == EnrichmentStatus.DONE
    assert report.latitude is not None and report.longitude is not None
    assert distance_nm((report.latitude, report.longitude), HEATHROW) < 5, (
        f"'2 NM SE of EGLL' resolved to {report.latitude}, {report.longitude}, not near Heathrow"
    )
    assert page.inner_text("#status") == ReportStatus.TRIAGE.label


def test_a_reporter_clicks_the_map_and_the_report_is_saved_where_they_clicked(
    web: BrowserSession, artifacts_dir: Path
) -> None:
    page = open_form(web)
    box = page.locator("#map").bounding_box()
    assert box is not None, "element not laid out"
    # About 112 px east and 82 px north of the centre (30 N, 40 W) at zoom 2: near London.
    dx, dy = 112, -82
    page.mouse.click(box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy)
    expected = latlng_at_offset(dx, dy)

    lat_text = page.input_value("#id_latitude")
    lon_text = page.input_value("#id_longitude")
    assert lat_text and lon_text, "clicking the map must fill latitude and longitude"
    # One pixel is ~0.35 degrees at this zoom.
    assert abs(float(lat_text) - expected[0]) < 0.8 and abs(float(lon_text) - expected[1]) < 0.8
    assert page.locator("#map .leaflet-marker-icon").count() == 1, "a marker shows the click"
    fill_form(page, observed="2025-01-15T09:05", narrative="Drone hovering over the fields.")
    page.screenshot(path=str(artifacts_dir / "report-form-map-click.png"), full_page=True)

    reference = submit_and_read_reference(page)
    report = Report.objects.get(reference=reference)
    assert report.location_text == ""
    assert (report.latitude, report.longitude) == (float(lat_text), float(lon_text))
    assert report.observed_at == datetime(2025, 1, 15, 9, 5, tzinfo=UTC)  # GMT in January
    assert report.h3_r7 is not None


@pytest.mark.parametrize(
    ("observed", "location", "field", "message"),
    [
        ("2099-01-01T10:00", "EGLL", "observed_at", "cannot be in the future"),
        ("2025-03-01T10:00", "", "location_text", "Give either latitude and longitude"),
    ],
    ids=["future-date", "no-location"],
)
def test_a_mistake_is_shown_next_to_its_field_with_a_400_and_nothing_is_saved(
    web: BrowserSession, observed: str, location: str, field: str, message: str
) -> None:
    page = open_form(web)
    fill_form(page, observed=observed, location=location, narrative="Seen from the garden.")
    with page.expect_navigation(timeout=SUBMIT_TIMEOUT_MS) as navigation:
        page.click("#submit-report", no_wait_after=True)
    assert navigation.value.status == 400

    error = page.locator(f"#id_{field}-error")
    assert error.is_visible(), f"no error shown next to #id_{field}"
    assert message in error.inner_text()
    assert message in page.inner_text("#error-summary")
    # What the reporter typed is still there to correct.
    assert page.input_value("#id_narrative") == "Seen from the garden."
    assert page.input_value("#id_location_text") == location
    assert Report.objects.count() == 0


def test_a_double_click_on_send_files_one_report(web: BrowserSession) -> None:
    page = open_form(web)
    fill_form(page, observed="2025-05-02T18:00", location="EGLL", narrative="Two drones.")
    with page.expect_navigation(url=re.compile(r"/track/[^/]+/$"), timeout=SUBMIT_TIMEOUT_MS):
        page.dblclick("#submit-report", no_wait_after=True)
    reference = page.inner_text("#reference").strip()

    assert list(Report.objects.values_list("reference", flat=True)) == [reference]


def test_sending_the_same_form_again_shows_the_first_report_instead_of_filing_another(
    web: BrowserSession,
) -> None:
    page = open_form(web)
    fill_form(page, observed="2025-05-02T18:00", location="EGLL", narrative="Resubmitted.")
    # Exactly what the browser will post, CSRF and one-time token included: a refresh that
    # re-posts, or a second tab, sends these bytes again.
    # The offset is the one report_form.js puts in on submit (the sighting date's, which in
    # London differs from today's half the year).
    posted = page.evaluate(
        "() => { const data = Object.fromEntries("
        "new FormData(document.getElementById('report-form'))"
        ".entries().filter(([k, v]) => typeof v === 'string'));"
        " data.tz_offset_minutes = String(new Date(data.observed_at).getTimezoneOffset());"
        " return data; }"
    )
    first = submit_and_read_reference(page)

    again = page.request.post(
        f"{web.base_url}/report/", form=posted, headers={"Referer": f"{web.base_url}/report/"}
    )
    assert again.ok and "/track/" in again.url, again.text()[:500]
    assert first in again.text()
    assert Report.objects.count() == 1


def test_no_page_of_the_filing_journey_asks_anything_of_another_host(web: BrowserSession) -> None:
    page = web.page
    assert status_of(page.goto("/")) == 200
    page = open_form(web)
    page.mouse.click(*_map_centre(page))
    fill_form(page, observed="2025-02-10T07:45", narrative="Offline check.")
    submit_and_read_reference(page)
    page.wait_for_load_state("networkidle")

    requested = " ".join(web.requested)
    for local_asset in ("leaflet.js", "report_form.js", "countries.geojson", "/track/"):
        assert local_asset in requested, f"{local_asset} was not requested: recorder broken?"
    assert web.foreign_requests() == [], "pages must load nothing from other hosts"


def _map_centre(page: Page) -> tuple[float, float]:
    box = page.locator("#map").bounding_box()
    assert box is not None, "element not laid out"
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
