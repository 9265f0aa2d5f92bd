"""Filing is limited per client, through the API and the web form alike, with one shared count.

The rate comes from Django settings (``REPORT_SUBMIT_RATE``) at request time, so these tests
set it with pytest-django's ``settings`` fixture, never by reaching into DRF's internals."""

from __future__ import annotations

import json
import secrets

import pytest
from django.core.cache import cache

from reports.models import Report
from tests.reports.factories import form_data, valid_payload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def api_post(client, **extra) -> int:
    return client.post(
        "/api/v1/reports/", json.dumps(valid_payload()), content_type="application/json", **extra
    ).status_code


def form_post(client, **extra):
    return client.post(
        "/report/", {**form_data(), "form_token": secrets.token_urlsafe(24)}, **extra
    )


def test_a_flood_from_one_client_gets_429_and_a_spoofed_forwarded_for_does_not_reset_it(
    client, settings
):
    settings.REPORT_SUBMIT_RATE = "3/minute"
    codes = [api_post(client, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}") for i in range(5)]
    assert codes == [201, 201, 201, 429, 429]
    blocked = client.post(
        "/api/v1/reports/", json.dumps(valid_payload()), content_type="application/json"
    )
    assert blocked.status_code == 429 and int(blocked["Retry-After"]) > 0


def test_the_rate_setting_is_read_at_request_time(client, settings):
    settings.REPORT_SUBMIT_RATE = "1/minute"
    assert [api_post(client), api_post(client)] == [201, 429]
    cache.clear()
    settings.REPORT_SUBMIT_RATE = "5/minute"
    assert [api_post(client) for _ in range(3)] == [201, 201, 201]


def test_the_web_form_is_throttled_with_a_readable_429_page(client, settings):
    settings.REPORT_SUBMIT_RATE = "3/minute"
    responses = [form_post(client) for _ in range(5)]
    assert [r.status_code for r in responses] == [302, 302, 302, 429, 429]
    page = responses[-1]
    assert int(page["Retry-After"]) > 0
    text = page.content.decode()
    assert "Too many reports" in text and "not filed" in text and "<html" in text
    assert Report.objects.count() == 3


def test_the_api_and_the_form_share_one_count_per_client(client, settings):
    settings.REPORT_SUBMIT_RATE = "4/minute"
    assert [api_post(client) for _ in range(2)] == [201, 201]
    assert [form_post(client).status_code for _ in range(2)] == [302, 302]
    assert form_post(client).status_code == 429
    assert api_post(client) == 429
    # Another client is not affected.
    assert api_post(client, REMOTE_ADDR="192.0.2.7") == 201
    assert form_post(client, REMOTE_ADDR="192.0.2.8").status_code == 302


def test_showing_the_form_is_not_counted(client, settings):
    settings.REPORT_SUBMIT_RATE = "1/minute"
    for _ in range(3):
        assert client.get("/report/").status_code == 200
    assert form_post(client).status_code == 302
