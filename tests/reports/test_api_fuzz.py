"""Whatever JSON arrives, the filing API answers 201 or 400 — never a 500."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.serializers import ReportSubmitSerializer

FIELDS = sorted(ReportSubmitSerializer().fields)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(
        [
            "2025-06-01T14:30:00Z",
            "2025-06-01T14:30:00",
            "EGLL",
            "51.47, -0.45",
            "pilot",
            "AGL",
            "yes",
            "",
            " ",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)
bodies = st.dictionaries(
    st.sampled_from(FIELDS + ["status", "id", "extra"]), values, max_size=len(FIELDS)
)


@pytest.mark.django_db
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(body=bodies)
def test_arbitrary_json_bodies_are_answered_201_or_400(client, body):
    cache.clear()  # the per-client throttle is not what this test is about
    response = client.post(
        "/api/v1/reports/", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code in (201, 400), (body, response.status_code, response.content[:300])
    if response.status_code == 400:
        assert isinstance(response.json(), dict) and response.json()
