"""The public filing API: the 201 contract, every validation rule, idempotent retries."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from reports.models import Report
from tests.reports.factories import valid_payload

URL = "/api/v1/reports/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> APIClient:
    return APIClient()


def post(client: APIClient, body: object, **headers: Any) -> Any:
    return client.post(URL, data=json.dumps(body), content_type="application/json", **headers)


def test_a_valid_report_is_answered_201_with_reference_status_and_status_url(client):
    response = post(client, valid_payload())
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"reference", "status", "status_url"}
    assert body["reference"].startswith("DR-") and len(body["reference"]) == 12
    assert body["status"] == "received"
    report = Report.objects.get(reference=body["reference"])
    assert body["status_url"].endswith(f"/api/v1/status/{report.status_token}/")
    assert report.contact_email == "pilot@example.org"
    assert report.source == "api"


def test_references_are_random_not_sequential(client):
    refs = [post(client, valid_payload()).json()["reference"] for _ in range(5)]
    assert len(set(refs)) == 5
    assert refs != sorted(refs), "references must not reveal filing order"


def test_a_location_in_words_alone_is_enough(client):
    response = post(client, valid_payload(latitude=..., longitude=..., location="EGLL"))
    assert response.status_code == 201
    report = Report.objects.get(reference=response.json()["reference"])
    assert report.location_text == "EGLL"


def test_the_report_is_enriched_after_commit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, valid_payload())
    report = Report.objects.get(reference=response.json()["reference"])
    assert report.enrichment_status == "done"
    assert report.status == "triage"
    assert report.aerodrome_code == "LHR"
    assert report.aerodrome_distance_nm is not None and report.aerodrome_distance_nm < 3
    assert report.h3_r7 is not None


def test_the_status_url_shows_status_but_no_private_data(client):
    payload = valid_payload(
        contact_name="Jane Canary",
        contact_phone="+44 7000 123456",
        narrative="canary narrative text",
    )
    created = post(client, payload).json()
    response = client.get(created["status_url"])
    assert response.status_code == 200
    text = response.content.decode()
    assert created["reference"] in text
    for private in (
        "Jane Canary",
        "7000 123456",
        "pilot@example.org",
        "canary narrative",
        "51.465",
        "-0.43",
    ):
        assert private not in text, f"status page leaked {private!r}"


def test_an_unknown_status_token_is_404(client):
    assert client.get("/api/v1/status/not-a-token/").status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "reason"),
    [
        ({"latitude": 90.5}, "latitude", "less than or equal to 90"),
        ({"latitude": -91}, "latitude", "greater than or equal to -90"),
        ({"longitude": 180.01}, "longitude", "less than or equal to 180"),
        ({"longitude": -181}, "longitude", "greater than or equal to -180"),
        ({"latitude": "north"}, "latitude", "valid number"),
        ({"longitude": ...}, "longitude", "both latitude and longitude"),
        ({"latitude": ..., "longitude": ..., "location": ""}, "location", "Give either"),
        ({"altitude_ft": -5}, "altitude_ft", "greater than or equal to 0"),
        ({"altitude_ft": 250_000}, "altitude_ft", "less than or equal to 60000"),
        ({"contact_email": "not-an-email"}, "contact_email", "valid email"),
        ({"narrative": "x" * 10_001}, "narrative", "no more than 10000"),
        ({"location": "y" * 501}, "location", "no more than 500"),
        ({"observed_at": "yesterday"}, "observed_at", "Datetime has wrong format"),
        ({"observed_at": "2025-06-01T14:30:00"}, "observed_at", "time zone"),
        ({"observed_at": "1989-12-31T23:00:00Z"}, "observed_at", "before 1990"),
        ({"reporter_role": "astronaut"}, "reporter_role", "not a valid choice"),
        ({"contact_phone": "call me maybe"}, "contact_phone", "does not match"),
        ({"drone_count": 0}, "drone_count", "greater than or equal to 1"),
    ],
)
def test_invalid_input_is_a_400_naming_the_field_and_reason(client, overrides, field, reason):
    response = post(client, valid_payload(**overrides))
    assert response.status_code == 400, response.content
    errors = response.json()
    assert field in errors, f"expected an error for {field}, got {errors}"
    assert reason.lower() in " ".join(errors[field]).lower()
    assert Report.objects.count() == 0


def test_a_sighting_in_the_future_is_refused(client):
    future = (timezone.now() + timedelta(hours=3)).isoformat()
    response = post(client, valid_payload(observed_at=future))
    assert response.status_code == 400
    assert "future" in response.json()["observed_at"][0]


def test_unknown_fields_are_rejected_not_ignored_and_other_errors_still_reported(client):
    response = post(client, valid_payload(colour_of_sky="blue", latitude=95))
    assert response.status_code == 400
    errors = response.json()
    assert "Unknown field" in errors["colour_of_sky"][0]
    assert "latitude" in errors


@pytest.mark.parametrize(
    "field", ["status", "risk_category", "reference", "id", "published_at", "encounter_class"]
)
def test_the_public_cannot_set_workflow_fields(client, field):
    response = post(client, valid_payload(**{field: "published"}))
    assert response.status_code == 400
    assert field in response.json()


def test_missing_observed_at_is_required(client):
    response = post(client, valid_payload(observed_at=...))
    assert response.status_code == 400
    assert "required" in response.json()["observed_at"][0]


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[1, 2, 3]",
        "null",
        '"a string"',
        '{"latitude": NaN}',
        "[" * 100_000 + "]" * 100_000,
    ],
)
def test_malformed_or_pathological_json_is_a_400_never_a_500(client, body):
    response = client.post(URL, data=body, content_type="application/json")
    assert response.status_code == 400, response.content[:200]


def test_a_body_that_is_not_json_is_refused_with_415(client):
    response = client.post(URL, data="a=b", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


def test_same_idempotency_key_and_body_replays_the_first_response(client):
    body = valid_payload()
    first = post(client, body, HTTP_IDEMPOTENCY_KEY="retry-123")
    second = post(client, body, HTTP_IDEMPOTENCY_KEY="retry-123")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert Report.objects.count() == 1


def test_same_idempotency_key_with_a_different_body_is_422(client):
    post(client, valid_payload(), HTTP_IDEMPOTENCY_KEY="retry-456")
    response = post(client, valid_payload(altitude_ft=999), HTTP_IDEMPOTENCY_KEY="retry-456")
    assert response.status_code == 422
    assert Report.objects.count() == 1


def test_a_malformed_idempotency_key_is_400(client):
    response = post(client, valid_payload(), HTTP_IDEMPOTENCY_KEY="x" * 300)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    assert Report.objects.count() == 0


def test_different_keys_create_different_reports(client):
    post(client, valid_payload(), HTTP_IDEMPOTENCY_KEY="k1")
    post(client, valid_payload(), HTTP_IDEMPOTENCY_KEY="k2")
    assert Report.objects.count() == 2


def test_the_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/reports/" in paths and "post" in paths["/api/v1/reports/"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
