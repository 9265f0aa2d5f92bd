"""The form's live check (GET /api/v1/locate/) and the map's close-zoom reference layer
(GET /api/v1/reference/features.geojson)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import override_settings

from reports.models import Navaid, Runway

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_locate_says_where_a_typed_text_resolves_in_degrees_and_words(client):
    body = client.get("/api/v1/locate/", {"q": "3 miles north of JFK"}).json()
    assert body["found"] is True
    assert body["latitude"] == pytest.approx(40.683, abs=0.01)
    assert body["longitude"] == pytest.approx(-73.779, abs=0.01)
    assert 0 < body["uncertainty_nm"] < 3
    assert body["method"] == "aerodrome_relative" and body["aerodrome"] == "JFK"
    assert "N of" in body["description"] and "(JFK)" in body["description"]
    assert "give or take" in body["description"]


def test_locate_answers_found_false_with_a_reason_for_an_unplaceable_text(client):
    response = client.get("/api/v1/locate/", {"q": "behind the big tree at my aunt's"})
    assert response.status_code == 200
    body = response.json()
    assert body["found"] is False and body["latitude"] is None and body["reason"]


@pytest.mark.parametrize("query", [{}, {"q": ""}, {"q": "x" * 501}])
def test_locate_refuses_a_missing_or_oversized_q_naming_it(client, query):
    response = client.get("/api/v1/locate/", query)
    assert response.status_code == 400 and "q" in response.json()


def test_locate_is_throttled_like_filing_but_counted_apart(client):
    with override_settings(REPORT_SUBMIT_RATE="2/minute"):
        codes = [client.get("/api/v1/locate/", {"q": "KLAX"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_the_schema_describes_locate_exactly(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    op = schema["paths"]["/api/v1/locate/"]["get"]
    assert [p["name"] for p in op["parameters"]] == ["q"]
    assert op["parameters"][0]["required"] is True
    assert {"200", "400", "429"} <= set(op["responses"])
    ref = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    props = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]
    assert {"found", "latitude", "longitude", "uncertainty_nm", "method", "description"} <= set(
        props
    )


def _lax_runway() -> None:
    Runway.objects.create(
        airport_ident="KLAX",
        le_ident="06R",
        le_latitude=33.9467,
        le_longitude=-118.4350,
        le_heading_deg=83.0,
        he_ident="24L",
        he_latitude=33.9501,
        he_longitude=-118.4011,
        he_heading_deg=263.0,
    )
    Navaid.objects.create(
        ident="LAX", name="Los Angeles", navaid_type="VORTAC", latitude=33.9331, longitude=-118.4320
    )


def test_the_close_zoom_layer_draws_runways_aerodromes_and_navaids_in_the_window(client):
    _lax_runway()
    response = client.get("/api/v1/reference/features.geojson", {"bbox": "-118.5,33.9,-118.3,34"})
    assert response.status_code == 200 and "max-age" in response["Cache-Control"]
    features = response.json()["features"]
    kinds = {f["properties"]["kind"] for f in features}
    assert {"runway", "aerodrome", "navaid"} <= kinds
    runway = next(f for f in features if f["properties"]["kind"] == "runway")
    assert runway["geometry"]["type"] == "LineString"
    assert runway["properties"]["name"] == "RWY 06R/24L"
    codes = {
        f["properties"].get("code") for f in features if f["properties"]["kind"] == "aerodrome"
    }
    assert "LAX" in codes and "HHR" in codes
    far = client.get("/api/v1/reference/features.geojson", {"bbox": "10,10,10.5,10.5"}).json()
    assert not [f for f in far["features"] if f["properties"]["kind"] == "runway"]


@pytest.mark.parametrize(
    "bbox", ["", "1,2,3", "a,b,c,d", "-120,30,-110,40", "10,10,5,12", "nan,1,2,3"]
)
def test_the_layer_refuses_a_malformed_or_too_large_window_naming_bbox(client, bbox):
    response = client.get("/api/v1/reference/features.geojson", {"bbox": bbox})
    assert response.status_code == 400 and "bbox" in response.json()
