"""The form never lets a map click silently override the typed text, and a report we could not
place says so on its tracking page and lets the reporter correct it."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from reports.models import Report, ReportEvent
from tests.reports.factories import form_data

pytestmark = pytest.mark.django_db(transaction=True)

QUEBEC = {"latitude": "46.81", "longitude": "-71.21"}
NEAR_JFK_NORTH = {"latitude": "40.684", "longitude": "-73.779"}


def test_a_map_click_far_from_the_typed_text_is_questioned_not_silently_used(client):
    response = client.post("/report/", form_data(location_text="3 miles north of JFK", **QUEBEC))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Which is right?" in html and "3 miles north of JFK" in html and "(JFK)" in html
    assert not Report.objects.exists()


def test_the_reporter_may_choose_the_map_point_and_the_report_records_it(client):
    data = form_data(location_text="3 miles north of JFK", position_source="map", **QUEBEC)
    assert client.post("/report/", data).status_code == 302
    report = Report.objects.get()
    assert report.position_source == "map"
    assert (report.latitude, report.longitude) == (46.81, -71.21)


def test_a_click_that_agrees_with_the_text_is_recorded_as_both(client):
    assert (
        client.post(
            "/report/", form_data(location_text="3 miles north of JFK", **NEAR_JFK_NORTH)
        ).status_code
        == 302
    )
    report = Report.objects.get()
    assert report.position_source == "both"
    assert report.referred_aerodrome_code == "JFK"


def test_a_typed_text_alone_is_recorded_as_text(client):
    assert client.post("/report/", form_data(location_text="3 NM SE of LAX")).status_code == 302
    report = Report.objects.get()
    assert report.position_source == "text"
    assert (report.referred_aerodrome_code, report.aerodrome_code) == ("LAX", "HHR")


def test_the_tracking_page_shows_where_the_report_was_placed(client):
    response = client.post("/report/", form_data(location_text="3 NM SE of LAX"))
    html = client.get(response["Location"]).content.decode()
    assert "Placed 3.0 NM from" in html and "(LAX)" in html
    assert "still locating" not in html


def _unplaceable(client) -> tuple[Report, str]:
    response = client.post(
        "/report/", form_data(location_text="behind my aunt's big shed", narrative="A drone.")
    )
    return Report.objects.get(), response["Location"]


def test_an_unplaceable_report_says_so_and_its_reporter_can_correct_it(client):
    report, url = _unplaceable(client)
    assert report.latitude is None
    html = client.get(url).content.decode()
    assert "We could not place this report" in html and "still locating" not in html
    assert 'id="relocate-form"' in html
    response = client.post(url, {"location_text": "2 NM E of EGLL"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.latitude == pytest.approx(51.47, abs=0.05)
    assert report.location_text == "2 NM E of EGLL" and report.position_source == "text"
    assert ReportEvent.objects.filter(report=report, note__startswith="location corrected").exists()
    assert "We could not place" not in client.get(url).content.decode()


def test_a_correction_needs_something_and_is_rate_limited(client):
    cache.clear()
    report, url = _unplaceable(client)
    bad = client.post(url, {"location_text": "", "latitude": "51"})
    assert bad.status_code == 400 and "Give both or neither" in bad.content.decode()
    codes = [client.post(url, {"location_text": "nowhere land"}).status_code for _ in range(6)]
    assert codes == [302] * 5 + [429]
    cache.clear()


def test_a_placed_report_cannot_be_moved_from_the_tracking_page(client):
    response = client.post("/report/", form_data(location_text="EGLL"))
    moved = client.post(response["Location"], {"location_text": "KLAX"})
    assert moved.status_code == 409
    assert Report.objects.get().aerodrome_code != "LAX"


def test_staff_needs_location_filter_is_on_the_staff_page(admin_client):
    html = admin_client.get("/staff/reports/").content.decode()
    assert 'name="needs_location"' in html and 'name="aerodrome_role"' in html
