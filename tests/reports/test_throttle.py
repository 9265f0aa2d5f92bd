from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from tests.reports.factories import valid_payload

pytestmark = pytest.mark.django_db


def test_a_flood_from_one_client_gets_429_and_a_spoofed_forwarded_for_does_not_reset_it(
    client, settings
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"report_submit": "3/minute"},
    }
    from rest_framework.settings import api_settings

    api_settings.reload()
    from reports.apis import ReportSubmitThrottle

    ReportSubmitThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    cache.clear()
    try:
        codes = [
            client.post(
                "/api/v1/reports/",
                json.dumps(valid_payload()),
                content_type="application/json",
                HTTP_X_FORWARDED_FOR=f"10.0.0.{i}",
            ).status_code
            for i in range(5)
        ]
        assert codes[:3] == [201, 201, 201]
        assert codes[3:] == [429, 429]
        blocked = client.post(
            "/api/v1/reports/", json.dumps(valid_payload()), content_type="application/json"
        )
        assert blocked.status_code == 429 and int(blocked["Retry-After"]) > 0
    finally:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"report_submit": "1000/minute"},
        }
        api_settings.reload()
        ReportSubmitThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        cache.clear()
