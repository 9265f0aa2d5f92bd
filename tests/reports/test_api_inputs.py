"""One rule per input, on every route: the bounding box, unknown fields, and the report
collection's two operations (public filing, staff list) behind one URL."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from reports.models import Report
from tests.reports.factories import add_reports, analyst_create, valid_payload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

BBOX_ROUTES = ["/api/v1/reports/", "/api/v1/hotspots/", "/staff/reports/"]


@pytest.fixture
def staff() -> Client:
    client = Client()
    client.force_login(analyst_create())
    return client


def _error_names(response) -> str:
    """The body of a 400, as text: JSON for the APIs, the error list for the staff page."""
    return response.content.decode()


@pytest.mark.parametrize("route", BBOX_ROUTES)
@pytest.mark.parametrize(
    ("bbox", "reason"),
    [
        ("-1,51,1,51", "min_lat"),  # equal latitudes: an empty box
        ("-1,52,1,51", "min_lat"),  # south edge above the north edge
        ("5,50,5,52", "min_lon"),  # equal longitudes: no width
        ("-1,-91,1,51", "90"),
        ("-181,50,1,51", "180"),
        ("nan,50,1,51", "four numbers"),
        ("1,2,3", "four numbers"),
    ],
)
def test_every_route_refuses_the_same_bad_bbox_with_a_400_naming_it(staff, route, bbox, reason):
    response = staff.get(route, {"bbox": bbox})
    assert response.status_code == 400, (route, bbox, response.status_code)
    body = _error_names(response)
    assert "bbox" in body and reason in body, body[:500]


@pytest.mark.parametrize("route", ["/api/v1/reports/", "/api/v1/hotspots/"])
def test_a_bbox_across_the_antimeridian_is_accepted_and_wraps(staff, route):
    add_reports([-17.8, -17.7, -17.8], [179.5, -179.5, 0.0])
    response = staff.get(route, {"bbox": "179,-20,-179,-15"})
    assert response.status_code == 200, response.content[:300]
    if route == "/api/v1/reports/":
        assert response.json()["count"] == 2
    else:
        counts = [f["properties"]["count"] for f in json.loads(response.content)["features"]]
        assert sum(counts) == 2


def test_the_map_image_refuses_a_bbox_across_the_antimeridian_with_a_400(staff):
    response = staff.get("/api/v1/hotspots/map.png", {"bbox": "179,-20,-179,-15"})
    assert response.status_code == 400
    assert "antimeridian" in response.json()["bbox"][0]


def test_an_export_of_the_list_uses_the_same_bbox_rule(staff):
    response = staff.post(
        "/api/v1/exports/",
        {"format": "csv", "bbox": "-1,51,1,51"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "bbox" in response.json()


@pytest.mark.parametrize(
    ("route", "params"),
    [
        ("/api/v1/reports/", {"statuss": "triage"}),
        ("/api/v1/hotspots/", {"resolutoin": "7"}),
        ("/api/v1/hotspots/cells/872830828ffffff/reports/", {"limt": "5"}),
        ("/api/v1/hotspots/map.png", {"aerodrome": "LAX", "zoom": "3"}),
        ("/api/v1/hotspots/clusters/", {"colour": "red"}),
        ("/staff/reports/", {"page": "2"}),
    ],
)
def test_an_unknown_staff_query_parameter_is_a_400_naming_it(staff, route, params):
    response = staff.get(route, params)
    assert response.status_code == 400, (route, response.status_code)
    unknown = next(iter(params.keys() - {"aerodrome"}))
    assert unknown in _error_names(response) and "Unknown field" in _error_names(response)


@pytest.mark.parametrize(
    "route", ["/api/v1/public/hotspots/", "/api/v1/public/hotspots/aerodromes/"]
)
def test_an_unknown_public_query_parameter_is_a_400_naming_it(client, route):
    response = client.get(route, {"resolution": "6", "since_when": "2025"})
    assert response.status_code == 400
    assert "Unknown field" in response.json()["since_when"][0]


def test_an_unknown_field_in_an_export_request_is_a_400_naming_it(staff):
    response = staff.post(
        "/api/v1/exports/", {"format": "csv", "aerodrom": "JFK"}, content_type="application/json"
    )
    assert response.status_code == 400 and "aerodrom" in response.json()


def test_the_staff_export_form_still_posts_with_its_csrf_token(staff):
    response = staff.post(
        "/staff/exports/", {"format": "csv", "aerodrome": "JFK", "csrfmiddlewaretoken": "x"}
    )
    assert response.status_code == 302
    assert staff.post("/staff/exports/", {"format": "csv", "aerodrom": "JFK"}).status_code == 400


def test_a_signed_in_user_files_a_report_without_a_csrf_token(django_user_model):
    """Filing is anonymous: a session cookie in the browser must not turn it into a CSRF 403."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.create_user("pilot", password="pw-pilot-1"))
    response = client.post("/api/v1/reports/", valid_payload(), content_type="application/json")
    assert response.status_code == 201, response.content[:300]
    assert Report.objects.count() == 1


def test_other_methods_on_the_report_collection_are_405_naming_the_allowed_ones(client):
    response = client.put("/api/v1/reports/", "{}", content_type="application/json")
    assert response.status_code == 405
    assert {"GET", "POST"} <= {m.strip() for m in response["Allow"].split(",")}
    assert "PUT" in response.json()["detail"]


def test_the_schema_describes_the_public_filing_and_the_staff_list_separately(client):
    schema = client.get("/api/schema/?format=json").json()
    collection = schema["paths"]["/api/v1/reports/"]
    post, get = collection["post"], collection["get"]
    assert post["operationId"] == "reports_create" and get["operationId"] == "reports_list"
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ReportSubmitRequest"
    )
    assert {p["name"] for p in post["parameters"]} == {"Idempotency-Key"}
    assert {"201", "400", "409", "422", "429"} <= set(post["responses"])
    assert {} in post["security"]  # anyone may file, no session needed
    assert get["security"] == [{"cookieAuth": []}]  # staff session only
    names = {p["name"] for p in get["parameters"]}
    assert {"bbox", "status", "observed_from", "limit", "offset", "download"} <= names
    bbox = next(p for p in get["parameters"] if p["name"] == "bbox")
    assert bbox["schema"]["type"] == "string" and "antimeridian" in bbox["description"]
    assert "requestBody" not in get


def test_the_export_command_uses_the_same_bbox_rule(tmp_path):
    with pytest.raises(CommandError, match="min_lat must be below max_lat"):
        call_command(
            "export", "--format", "csv", "--output", str(tmp_path / "r.csv"), "--bbox=-1,51,1,51"
        )
    assert not (tmp_path / "r.csv").exists()
