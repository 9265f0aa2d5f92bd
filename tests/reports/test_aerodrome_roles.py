"""A report about LAX that lies nearer Hawthorne (HHR) is found under LAX, and under HHR only
when asked for the nearest aerodrome: the list, its exports and the data dictionary say which."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from reports.models import Report
from reports.services.enrichment import reports_enrich
from tests.reports.factories import analyst_create, hexagons, new_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(analyst_create())
    return client


def _report_at(text: str) -> Report:
    report = new_report()
    Report.objects.filter(pk=report.pk).update(
        location_text=text, latitude=None, longitude=None, narrative="A drone."
    )
    reports_enrich(report_ids=[report.pk])
    report.refresh_from_db()
    return report


def _refs(client, query: str) -> list[str]:
    body = client.get(f"/api/v1/reports/?{query}").json()
    return sorted(r["reference"] for r in body["results"])


def test_a_report_about_lax_is_found_under_lax_though_hawthorne_is_nearer(staff_client):
    about_lax = _report_at("3 NM SE of LAX")
    assert (about_lax.referred_aerodrome_code, about_lax.aerodrome_code) == ("LAX", "HHR")
    assert about_lax.referred_aerodrome_distance_nm == pytest.approx(3.0, abs=0.05)
    at_lax = _report_at("KLAX")
    both = sorted([about_lax.reference, at_lax.reference])
    assert _refs(staff_client, "aerodrome=LAX") == both, "default: either aerodrome"
    assert _refs(staff_client, "aerodrome=LAX&aerodrome_role=referred") == both
    assert _refs(staff_client, "aerodrome=LAX&aerodrome_role=nearest") == [at_lax.reference]
    assert _refs(staff_client, "aerodrome=HHR&aerodrome_role=nearest") == [about_lax.reference]
    assert _refs(staff_client, "aerodrome=HHR&aerodrome_role=referred") == []
    bad = staff_client.get("/api/v1/reports/?aerodrome=LAX&aerodrome_role=closest")
    assert bad.status_code == 400 and "aerodrome_role" in bad.json()


def test_exports_carry_both_aerodromes_and_the_dictionary_says_which_is_which(staff_client):
    report = _report_at("3 NM SE of LAX")
    csv = staff_client.get("/api/v1/reports/?aerodrome=LAX&download=csv")
    row = pd.read_csv(io.BytesIO(csv.content)).set_index("reference").loc[report.reference]
    assert (row["referred_aerodrome_code"], row["aerodrome_code"]) == ("LAX", "HHR")
    assert row["position_source"] == "text"
    dictionary = staff_client.get("/api/v1/reports/?download=dictionary").content.decode()
    assert "referred_aerodrome_code" in dictionary and "Often not the nearest" in dictionary
    assert "demo (generated demonstration data" in dictionary


def test_the_staff_page_shows_both_aerodromes_to_one_decimal(staff_client):
    _report_at("3 NM SE of LAX")
    page = staff_client.get("/staff/reports/?aerodrome=LAX&aerodrome_role=referred")
    html = page.content.decode()
    assert "<td>LAX</td><td>3.0</td>" in html and "<td>HHR</td>" in html
    assert "1 report" in html


def test_an_invalid_filter_shows_its_error_and_no_rows(staff_client):
    report = _report_at("KLAX")
    page = staff_client.get("/staff/reports/?bbox=1,2,3")
    html = page.content.decode()
    assert page.status_code == 400 and "bbox" in html
    assert report.reference not in html, "an invalid filter must not list every report"


def test_needs_location_lists_the_reports_that_could_not_be_placed(staff_client):
    lost = _report_at("somewhere over the rainbow")
    placed = _report_at("KLAX")
    assert lost.latitude is None
    assert _refs(staff_client, "needs_location=true") == [lost.reference]
    html = staff_client.get("/staff/reports/?needs_location=true").content.decode()
    assert lost.reference in html and placed.reference not in html


def test_hotspot_maps_and_their_aerodromes_layer_use_either_aerodrome_saying_which(
    staff_client, fresh_cache
):
    about_lax = _report_at("3 NM SE of LAX")
    assert (about_lax.referred_aerodrome_code, about_lax.aerodrome_code) == ("LAX", "HHR")

    def reports_on_map(query: str) -> int:
        features = hexagons(staff_client.get(f"/api/v1/hotspots/?resolution=7&{query}"))
        return sum(f["properties"]["count"] or 0 for f in features.values())

    assert reports_on_map("aerodrome=LAX") == 1, "default: either aerodrome"
    assert reports_on_map("aerodrome=LAX&aerodrome_role=referred") == 1
    assert reports_on_map("aerodrome=LAX&aerodrome_role=nearest") == 0
    assert reports_on_map("aerodrome=HHR&aerodrome_role=nearest") == 1

    def layer(query: str) -> dict[str, tuple[int, str]]:
        body = staff_client.get(f"/api/v1/hotspots/aerodromes/?{query}").json()
        return {
            f["properties"]["code"]: (f["properties"]["reports"], f["properties"]["role"])
            for f in body["features"]
        }

    assert layer("") == {"HHR": (1, "nearest")}
    assert layer("aerodrome_role=referred") == {"LAX": (1, "referred")}
