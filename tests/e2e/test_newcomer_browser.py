"""The newcomer's path in a real Chromium: type a location and see where it resolves; click the
map far away and be asked which is right; zoom to the aerodrome and see its runways; file and
see the report's place on the tracking page; file an unplaceable one and be told so (and fix
it from the tracking page)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from reports.models import Report, Runway
from tests.e2e.browser import SUBMIT_TIMEOUT_MS, fill_form, open_form
from tests.e2e.conftest import BrowserSession

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.django_db(transaction=True)


def _jfk_runway() -> None:
    Runway.objects.create(
        airport_ident="KJFK",
        le_ident="04L",
        le_latitude=40.6220,
        le_longitude=-73.7856,
        le_heading_deg=31.0,
        he_ident="22R",
        he_latitude=40.6451,
        he_longitude=-73.7703,
        he_heading_deg=211.0,
    )


def _submit(page: Page) -> None:
    with page.expect_navigation(url=re.compile(r"/track/[^/]+/$"), timeout=SUBMIT_TIMEOUT_MS):
        page.click("#submit-report", no_wait_after=True)


def test_a_newcomer_is_asked_when_a_click_disagrees_and_sees_runways_and_the_place(
    web: BrowserSession,
) -> None:
    _jfk_runway()
    page = open_form(web)
    fill_form(page, observed="2025-06-01T10:00", narrative="Grey drone over the water.")
    page.fill("#id_location_text", "3 miles north of JFK")
    # (Locators, not wait_for_function: the CSP forbids evaluating strings.)
    page.locator("#locate-result", has_text="We read this as").wait_for(timeout=60_000)
    assert "(JFK)" in page.inner_text("#locate-result")

    # The map went to where the text resolves; zoom in on the aerodrome: its runway is drawn.
    page.wait_for_selector("#map .text-position", state="attached")
    page.locator("#map .leaflet-control-zoom-out").click()  # see the whole airport
    page.wait_for_selector("#map .ref-runway", state="attached", timeout=30_000)
    labels = page.locator("#map .ref-label").all_inner_texts()
    assert any("RWY 04L/22R" in label for label in labels), labels
    assert any("JFK" in label for label in labels), labels

    # A click far from the text is questioned, and not silently taken.
    box = page.locator("#map").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 15, box["y"] + box["height"] - 15)
    conflict = page.locator("#position-conflict")
    conflict.wait_for(state="visible")
    assert "Which is right?" in conflict.inner_text()
    assert page.input_value("#id_latitude") == "", "the click must not replace the text yet"
    page.click("#use-typed-text")
    assert not conflict.is_visible()
    assert page.input_value("#id_latitude") == ""

    _submit(page)
    place = page.inner_text("#place")
    assert "Placed" in place and "(JFK)" in place, place
    report = Report.objects.get()
    assert report.position_source == "text" and report.referred_aerodrome_code == "JFK"


def test_choosing_the_map_point_files_it_and_records_the_map_as_the_source(
    web: BrowserSession,
) -> None:
    page = open_form(web)
    fill_form(page, observed="2025-06-01T10:00", narrative="Drone.")
    page.fill("#id_location_text", "3 miles north of JFK")
    page.wait_for_selector("#map .text-position", state="attached", timeout=60_000)
    box = page.locator("#map").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] - 40, box["y"] + 40)  # clear of the zoom buttons
    page.locator("#position-conflict").wait_for(state="visible")
    page.click("#use-map-point")
    assert page.input_value("#id_latitude") != ""
    _submit(page)
    report = Report.objects.get()
    assert report.position_source == "map"
    assert report.location_text == "3 miles north of JFK"


def test_an_unplaceable_report_is_told_so_and_can_be_corrected(web: BrowserSession) -> None:
    page = open_form(web)
    fill_form(page, observed="2025-06-01T10:00", narrative="A drone, I think.")
    page.fill("#id_location_text", "behind my aunt's big shed")
    page.locator("#locate-result", has_text="cannot place").wait_for(timeout=60_000)
    _submit(page)
    assert "We could not place this report" in page.inner_text("#place")
    assert "still locating" not in page.content()
    page.fill("#relocate-form #id_location_text", "2 NM E of EGLL")
    with page.expect_navigation(timeout=SUBMIT_TIMEOUT_MS):
        page.click("#relocate-form button[type=submit]")
    assert "Placed" in page.inner_text("#place")
    assert Report.objects.get().latitude is not None
