"""The permission matrix: every route, anonymous and staff. A new route without an entry here
fails the test, so nobody adds an endpoint without deciding who may use it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

PUBLIC, STAFF = "public", "staff"
# route name -> (who may GET it, a concrete path). Staff-only routes must refuse the anonymous
# visitor (redirect to login, 401/403) and never show data.
MATRIX: dict[str, tuple[str, str]] = {
    "schema": (PUBLIC, "/api/schema/"),
    "api-docs": (PUBLIC, "/api/docs/"),
    "home": (PUBLIC, "/"),
    "report-new": (PUBLIC, "/report/"),
    "report-track": (PUBLIC, "/track/no-such-token/"),  # 404 for a wrong token, for everyone
    "basemap-countries": (PUBLIC, "/basemap/countries.geojson"),
    "api-report-create": (STAFF, "/api/v1/reports/"),  # GET lists (staff); POST files (public)
    "api-export-create": (STAFF, "/api/v1/exports/"),
    "api-export": (STAFF, "/api/v1/exports/1/"),
    "api-export-download": (STAFF, "/api/v1/exports/1/download/"),
    "api-public-geojson": (PUBLIC, "/api/v1/public/reports.geojson"),
    "api-public-csv": (PUBLIC, "/api/v1/public/reports.csv"),
    "api-public-dictionary": (PUBLIC, "/api/v1/public/dictionary/"),
    "open-data": (PUBLIC, "/open-data/"),
    "staff-reports": (STAFF, "/staff/reports/"),
    "staff-export-create": (STAFF, "/staff/exports/"),
    "staff-export": (STAFF, "/staff/exports/1/"),
    "api-report-status": (PUBLIC, "/api/v1/status/no-such-token/"),
    "api-hotspots": (STAFF, "/api/v1/hotspots/?resolution=7"),
    "api-hotspot-map-png": (STAFF, "/api/v1/hotspots/map.png?aerodrome=LAX"),
    "api-hotspot-cell-reports": (STAFF, "/api/v1/hotspots/cells/872830828ffffff/reports/"),
    "api-hotspot-clusters": (STAFF, "/api/v1/hotspots/clusters/"),
    "api-hotspot-aerodromes": (STAFF, "/api/v1/hotspots/aerodromes/"),
    "api-public-hotspots": (PUBLIC, "/api/v1/public/hotspots/?resolution=7"),
    "api-public-hotspot-aerodromes": (PUBLIC, "/api/v1/public/hotspots/aerodromes/"),
    "api-airspace-zones": (PUBLIC, "/api/v1/airspace/zones.geojson"),
    "staff-map": (STAFF, "/staff/map/"),
    "public-map": (PUBLIC, "/map/"),
    "healthz": (PUBLIC, "/healthz"),
    "readyz": (PUBLIC, "/readyz"),
    "metrics": (STAFF, "/metrics"),  # or a scraper's bearer METRICS_TOKEN
}


POST_ONLY = {"api-export-create", "staff-export-create"}  # GET answers 405 even for staff


def _route_names(patterns: list, skip: tuple[str, ...] = ("admin",)) -> set[str]:
    names: set[str] = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            if not any(s in str(p.pattern) for s in skip):
                names |= _route_names(p.url_patterns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(p.name)
    return names


def test_every_route_has_an_entry_in_the_permission_matrix():
    missing = _route_names(get_resolver().url_patterns) - set(MATRIX)
    assert not missing, f"add these routes to MATRIX with who may use them: {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(n for n, (who, _) in MATRIX.items() if who == STAFF))
def test_staff_routes_refuse_anonymous_visitors(client, name):
    response = client.get(MATRIX[name][1])
    assert response.status_code in (302, 401, 403), (name, response.status_code)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("name", sorted(n for n, (who, _) in MATRIX.items() if who == STAFF))
def test_staff_routes_refuse_signed_in_non_staff_users(client, name):
    user = get_user_model().objects.create_user("citizen", password="pw-citizen-1")
    client.force_login(user)
    response = client.get(MATRIX[name][1])
    assert response.status_code in (302, 401, 403, 404), (name, response.status_code)
    assert response.status_code != 200


@pytest.mark.parametrize("name", sorted(n for n, (who, _) in MATRIX.items() if who == STAFF))
def test_staff_routes_answer_staff(admin_client, name):
    response = admin_client.get(MATRIX[name][1])
    expected = (405,) if name in POST_ONLY else (200, 404)  # 404: there is no export 1
    assert response.status_code in expected, (name, response.status_code)


@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_anonymous_posts_to_staff_only_routes_are_refused(client, name):
    response = client.post(MATRIX[name][1], {"format": "csv"})
    assert response.status_code in (302, 401, 403), (name, response.status_code)


@pytest.mark.parametrize("name", sorted(n for n, (who, _) in MATRIX.items() if who == PUBLIC))
def test_public_routes_answer_anyone(client, name):
    response = client.get(MATRIX[name][1])
    expected = 404 if "no-such-token" in MATRIX[name][1] else 200
    assert response.status_code == expected, (name, response.status_code)
