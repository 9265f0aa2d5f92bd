"""Replay protection never hands one reporter another's report.

The web form's one-time token is bound to the visitor's session and to what was sent: only the
same browser sending the same form again is a replay. Idempotency keys belong to the client that
sent them (the throttle's identity), so two clients choosing the same key each file a report."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from reports.models import Report
from tests.reports.factories import valid_payload

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/"


def issued_token(client: Client) -> str:
    response = client.get("/report/")
    assert response.status_code == 200
    return response.context["form"]["form_token"].value()


def form_body(token: str, **overrides: str) -> dict[str, str]:
    body = {
        "form_token": token,
        "tz_offset_minutes": "0",
        "observed_at": (timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "location_text": "EGLL",
        "altitude_reference": "AGL",
        "narrative": "Drone near the fence",
        "reporter_role": "public",
        "drone_type": "multirotor",
        "evasive_action": "not_stated",
    }
    return {**body, **overrides}


def track_url(report: Report) -> str:
    return f"/track/{report.status_token}/"


def test_a_genuine_double_submit_files_one_report_and_shows_its_own_page():
    browser = Client()
    body = form_body(issued_token(browser))
    first = browser.post("/report/", body)
    second = browser.post("/report/", body)
    report = Report.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == track_url(report)


def test_another_session_reusing_a_token_gets_a_fresh_form_never_the_first_reporters_link():
    victim, other = Client(), Client()
    token = issued_token(victim)
    victim.post("/report/", form_body(token, narrative="The victim's own words."))
    first = Report.objects.get()

    # Same token, even the same body, from another browser: not a replay of *its* submission.
    for narrative in ("The victim's own words.", "Something else entirely."):
        response = other.post("/report/", form_body(token, narrative=narrative))
        html = response.content.decode()
        assert response.status_code == 400
        assert first.status_token not in html and first.reference not in html
        assert "already been sent" in html
        assert issued_token(other) != token
        fresh = response.context["form"]["form_token"].value()
        assert fresh and fresh != token, "the form must come back with a new token"
        # The fresh form files normally.
        filed = other.post("/report/", form_body(fresh, narrative=narrative))
        assert filed.status_code == 302 and filed["Location"] != track_url(first)
    assert Report.objects.count() == 3


def test_the_same_session_sending_different_details_with_a_used_token_is_not_a_replay():
    browser = Client()
    token = issued_token(browser)
    browser.post("/report/", form_body(token, narrative="First sighting."))
    first = Report.objects.get()
    response = browser.post("/report/", form_body(token, narrative="A second, different one."))
    assert response.status_code == 400
    assert first.status_token not in response.content.decode()
    assert Report.objects.count() == 1
    fresh = response.context["form"]["form_token"].value()
    assert (
        browser.post("/report/", form_body(fresh, narrative="A second, different one.")).status_code
        == 302
    )
    assert Report.objects.count() == 2


def api_post(client: APIClient, body: dict, key: str):
    return client.post(
        URL, data=json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )


def test_two_clients_with_the_same_idempotency_key_and_body_each_get_their_own_report():
    alice = APIClient(REMOTE_ADDR="198.51.100.7")
    bob = APIClient(REMOTE_ADDR="203.0.113.9")
    body = valid_payload()
    first = api_post(alice, body, "demo-1")  # the README's example key
    second = api_post(bob, body, "demo-1")
    assert first.status_code == second.status_code == 201
    assert "Idempotent-Replayed" not in second.headers
    assert first.json()["status_url"] != second.json()["status_url"]
    assert first.json()["reference"] != second.json()["reference"]
    assert Report.objects.count() == 2
    # Each client's own retry still replays its own first response.
    again = api_post(bob, body, "demo-1")
    assert again.json() == second.json() and again.headers["Idempotent-Replayed"] == "true"
    assert Report.objects.count() == 2


def test_another_client_with_the_same_key_and_a_different_body_is_not_refused():
    api_post(APIClient(REMOTE_ADDR="198.51.100.7"), valid_payload(), "shared-key")
    response = api_post(
        APIClient(REMOTE_ADDR="203.0.113.9"), valid_payload(altitude_ft=999), "shared-key"
    )
    assert response.status_code == 201, response.content
    assert Report.objects.count() == 2
