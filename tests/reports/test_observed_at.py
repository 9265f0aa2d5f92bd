"""An impossible sighting time is a 400 (API) or a form error naming ``observed_at``, never a 500;
the import paths report it per row, naming the column."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from reports.models import Report
from reports.services.exports.columns import COLUMNS
from reports.services.imports import faa_import, reports_import
from tests.reports.factories import valid_payload

URL = "/api/v1/reports/"
pytestmark = pytest.mark.django_db


def post(client: APIClient, body: object):
    return client.post(URL, data=json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    ("observed_at", "reason"),
    [
        ("2024-02-30T12:00:00Z", "day is out of range for month"),
        ("2024-06-01T24:00:00Z", "hour must be in 0..23"),
        ("2024-06-01T12:99:00Z", "minute must be in 0..59"),
        ("2024-13-01T12:00:00Z", "month must be in 1..12"),
        ("2024-06-01T12:00:00+25:00", "UTC offset must be less than 24 hours"),
    ],
)
def test_an_impossible_observed_at_is_a_400_naming_the_field_and_the_reason(observed_at, reason):
    response = post(APIClient(), valid_payload(observed_at=observed_at))
    assert response.status_code == 400, response.content
    messages = " ".join(response.json()["observed_at"])
    assert "not a valid date-time" in messages.lower() and reason in messages, messages
    assert Report.objects.count() == 0


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    text=st.one_of(
        st.text(max_size=40),
        # Strings shaped like ISO 8601 with arbitrary numbers in every slot reach the parser's
        # regex path, where an impossible value used to escape as a ValueError.
        st.builds(
            "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}".format,
            st.integers(0, 9999),
            st.integers(0, 99),
            st.integers(0, 99),
            st.integers(0, 99),
            st.integers(0, 99),
            st.integers(0, 99),
            st.sampled_from(["Z", "+00:00", "+25:00", "-23:59", "+14:00", "", "+2400", "-99"]),
        ),
    )
)
def test_any_observed_at_string_is_answered_201_or_400_never_500(text):
    cache.clear()  # the per-client throttle is not what this test is about
    response = post(APIClient(), valid_payload(observed_at=text))
    assert response.status_code in (201, 400), (text, response.status_code, response.content)
    if response.status_code == 400:
        assert "observed_at" in response.json(), response.json()


@pytest.mark.parametrize(
    "observed_at", ["2024-02-30T12:00", "2024-06-01T24:00", "2024-13-01T12:00"]
)
def test_the_web_form_answers_an_impossible_date_with_a_field_error(observed_at):
    client = Client()
    token = client.get("/report/").context["form"].initial["form_token"]
    response = client.post(
        "/report/",
        {
            "form_token": token,
            "observed_at": observed_at,
            "tz_offset_minutes": "0",
            "location_text": "EGLL",
            "altitude_reference": "unknown",
            "reporter_role": "public",
            "drone_type": "unknown",
            "evasive_action": "not_stated",
        },
    )
    assert response.status_code == 400
    assert 'id="id_observed_at-error"' in response.content.decode()
    assert Report.objects.count() == 0


def _export_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[c.name for c in COLUMNS])
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_import_reports_names_the_column_of_an_impossible_time_and_imports_the_rest(tmp_path):
    good = (timezone.now() - timedelta(days=1)).isoformat()
    rows = [
        {"reference": "DR-AAAA-AAA1", "observed_at": "2024-02-30T12:00:00Z", "location_text": "x"},
        {"reference": "DR-AAAA-AAA2", "observed_at": good, "received_at": "2024-13-01T00:00:00Z"},
        {"reference": "DR-AAAA-AAA3", "observed_at": good, "altitude_ft": "1e400"},
        {"reference": "DR-AAAA-AAA4", "observed_at": good, "location_text": "EGLL"},
    ]
    result = reports_import(path=_export_csv(tmp_path / "in.csv", rows))
    assert result.imported == 1 and Report.objects.get().reference == "DR-AAAA-AAA4"
    reasons = [error[2] for error in result.errors]
    assert "observed_at" in reasons[0] and "day is out of range for month" in reasons[0]
    assert "received_at" in reasons[1] and "month must be in 1..12" in reasons[1]
    assert "altitude_ft" in reasons[2]


def test_import_faa_skips_an_impossible_date_with_a_reason_and_imports_the_rest(tmp_path):
    path = tmp_path / "2024-01_2024-03__sightings.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Date", "State", "City", "Summary"])
        writer.writerow(["2024-02-30", "FLORIDA", "ORLANDO", "UAS SEEN NEAR MCO."])
        writer.writerow(["2024-02-28", "FLORIDA", "ORLANDO", "UAS SEEN NEAR MCO AT 400 FEET."])
    result = faa_import(paths=[path])
    assert result.imported == 1
    assert [error[1] for error in result.errors] == ["1"]
    assert "date" in result.errors[0][2]
