"""The permission matrix: every route x method x role, with the exact status each must answer.

A new route without an entry here fails the test, so nobody adds an endpoint without deciding
who may use it. Roles: an anonymous visitor; a signed-in user who is not staff; a staff user
with no model permissions; an analyst (staff with ``reports.view_report`` and
``reports.export_report``). Staff pages send anyone not signed in as staff to the admin
sign-in (302); staff APIs answer 403; a staff user without the permissions gets 403 on both.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from reports.models import Export, ExportStatus
from tests.reports.factories import analyst_create, new_report

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "user", "staff", "analyst")
LOGIN = "302 login"  # a redirect to /admin/login/?next=<the page>

# Shorthands for the common rows: (anonymous, user, staff, analyst).
EVERYONE_200 = (200, 200, 200, 200)
EVERYONE_405 = (405, 405, 405, 405)
STAFF_PAGE = (LOGIN, LOGIN, 403, 200)
STAFF_PAGE_405 = (LOGIN, LOGIN, 403, 405)
STAFF_API = (403, 403, 403, 200)
STAFF_API_405 = (403, 403, 403, 405)
READY = (200, 200, 200, 200)  # every dependency of the test run answers

# route name -> (path, {method: statuses by role}). POSTs send an empty JSON object.
# {token} is a real report's status token and {export} a finished export's id.
MATRIX: dict[str, tuple[str, dict[str, tuple[int | str, ...]]]] = {
    "schema": ("/api/schema/", {"GET": EVERYONE_200, "POST": EVERYONE_405}),
    "api-docs": ("/api/docs/", {"GET": EVERYONE_200, "POST": EVERYONE_405}),
    "home": ("/", {"GET": EVERYONE_200, "POST": EVERYONE_405}),
    # POST without the form's fields: the form again with its errors.
    "report-new": ("/report/", {"GET": EVERYONE_200, "POST": (400, 400, 400, 400)}),
    # POST without the correction form's fields: the page again with its errors.
    "report-track": ("/track/{token}/", {"GET": EVERYONE_200, "POST": (400, 400, 400, 400)}),
    "basemap-countries": (
        "/basemap/countries.geojson",
        {"GET": EVERYONE_200, "POST": EVERYONE_405},
    ),
    # GET lists (analysts); POST files a report (anyone; an empty body is a 400).
    "api-report-create": ("/api/v1/reports/", {"GET": STAFF_API, "POST": (400, 400, 400, 400)}),
    "api-export-create": (
        "/api/v1/exports/",
        {"GET": STAFF_API_405, "POST": (403, 403, 403, 400)},  # 400: no format given
    ),
    "api-export": ("/api/v1/exports/{export}/", {"GET": STAFF_API, "POST": STAFF_API_405}),
    "api-export-download": (
        "/api/v1/exports/{export}/download/",
        {"GET": STAFF_API, "POST": STAFF_API_405},
    ),
    "api-public-geojson": (
        "/api/v1/public/reports.geojson",
        {"GET": EVERYONE_200, "POST": EVERYONE_405},
    ),
    "api-public-csv": ("/api/v1/public/reports.csv", {"GET": EVERYONE_200, "POST": EVERYONE_405}),
    "api-public-dictionary": (
        "/api/v1/public/dictionary/",
        {"GET": EVERYONE_200, "POST": EVERYONE_405},
    ),
    "open-data": ("/open-data/", {"GET": EVERYONE_200, "POST": EVERYONE_405}),
    "staff-reports": ("/staff/reports/", {"GET": STAFF_PAGE, "POST": STAFF_PAGE_405}),
    "staff-export-create": (
        "/staff/exports/",
        {"GET": STAFF_PAGE_405, "POST": (LOGIN, LOGIN, 403, 400)},  # 400: no format given
    ),
    "staff-export": ("/staff/exports/{export}/", {"GET": STAFF_PAGE, "POST": STAFF_PAGE_405}),
    "api-report-status": ("/api/v1/status/{token}/", {"GET": EVERYONE_200, "POST": EVERYONE_405}),
    "api-hotspots": ("/api/v1/hotspots/?resolution=7", {"GET": STAFF_API, "POST": STAFF_API_405}),
    "api-hotspot-map-png": (
        "/api/v1/hotspots/map.png?aerodrome=LAX",
        {"GET": STAFF_API, "POST": STAFF_API_405},
    ),
    "api-hotspot-cell-reports": (
        "/api/v1/hotspots/cells/872830828ffffff/reports/",
        {"GET": STAFF_API, "POST": STAFF_API_405},
    ),
    "api-hotspot-clusters": (
        "/api/v1/hotspots/clusters/",
        {"GET": STAFF_API, "POST": STAFF_API_405},
    ),
    "api-hotspot-aerodromes": (
        "/api/v1/hotspots/aerodromes/",
        {"GET": STAFF_API, "POST": STAFF_API_405},
    ),
    "api-public-hotspots": (
        "/api/v1/public/hotspots/?resolution=7",
        {"GET": EVERYONE_200, "POST": EVERYONE_405},
    ),
    "api-public-hotspot-aerodromes": (
        "/api/v1/public/hotspots/aerodromes/",
        {"GET": EVERYONE_200, "POST": EVERYONE_405},
    ),
    "api-airspace-zones": (
        "/api/v1/airspace/zones.geojson",
        {"GET": EVERYONE_200, "POST": EVERYONE_405},
    ),
    "api-locate": ("/api/v1/locate/?q=KLAX", {"GET": EVERYONE_200, "POST": EVERYONE_405}),
    "api-reference-features": (
        "/api/v1/reference/features.geojson?bbox=-118.5,33.9,-118.3,34",
        {"GET": EVERYONE_200, "POST": EVERYONE_405},
    ),
    "staff-map": ("/staff/map/", {"GET": STAFF_PAGE, "POST": STAFF_PAGE_405}),
    "public-map": ("/map/", {"GET": EVERYONE_200, "POST": EVERYONE_405}),
    "healthz": ("/healthz", {"GET": EVERYONE_200, "POST": EVERYONE_405}),
    "readyz": ("/readyz", {"GET": READY, "POST": EVERYONE_405}),
    # Any staff account, or a scraper's bearer METRICS_TOKEN: operational counts, no report data.
    "metrics": ("/metrics", {"GET": (403, 403, 200, 200), "POST": EVERYONE_405}),
}
STAFF_ROUTES = sorted(n for n, (_, rows) in MATRIX.items() if rows["GET"][0] != 200)


def _route_names(patterns: list, skip: tuple[str, ...] = ("admin",)) -> set[str]:
    names: set[str] = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            if not any(s in str(p.pattern) for s in skip):
                names |= _route_names(p.url_patterns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(p.name)
    return names


@pytest.fixture
def world(settings, tmp_path) -> dict[str, str]:
    """A report (for its status token) and a finished export with its file on disk."""
    settings.EXPORT_ROOT = tmp_path
    (tmp_path / "export-matrix.csv").write_text("reference\n")
    export = Export.objects.create(format="csv", status=ExportStatus.DONE, file="export-matrix.csv")
    return {"token": new_report().status_token, "export": str(export.pk)}


def client_for(role: str) -> Client:
    client = Client()
    users = get_user_model().objects
    if role == "user":
        client.force_login(users.get_or_create(username="citizen")[0])
    elif role == "staff":
        client.force_login(users.get_or_create(username="staffer", is_staff=True)[0])
    elif role == "analyst":
        analyst = users.filter(username="analyst").first() or analyst_create()
        client.force_login(analyst)
    return client


def request(client: Client, method: str, path: str):
    if method == "POST":
        return client.post(path, "{}", content_type="application/json")
    return client.get(path)


def test_every_route_has_an_entry_in_the_permission_matrix():
    missing = _route_names(get_resolver().url_patterns) - set(MATRIX)
    assert not missing, f"add these routes to MATRIX with who may use them: {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_route_answers_each_role_and_method_exactly_as_the_matrix_says(world, name):
    path, rows = MATRIX[name]
    path = path.format(**world)
    wrong = []
    for role in ROLES:
        client = client_for(role)
        for method, expected_by_role in sorted(rows.items()):
            expected = expected_by_role[ROLES.index(role)]
            response = request(client, method, path)
            got: int | str = response.status_code
            if got == 302 and response["Location"].startswith("/admin/login/?next="):
                got = LOGIN
            if got != expected:
                wrong.append(f"{method} as {role}: expected {expected}, got {got}")
    assert not wrong, f"{name} ({path}): " + "; ".join(wrong)


@pytest.mark.parametrize("name", STAFF_ROUTES)
def test_what_staff_are_sent_is_never_cached(world, name):
    path, rows = MATRIX[name]
    response = client_for("analyst").get(path.format(**world))
    assert response.status_code in (200, 405)
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, (name, response.get("Cache-Control"))


def test_the_admin_is_never_cached_either(admin_client):
    directives = admin_client.get("/admin/")["Cache-Control"]
    assert "private" in directives and "no-store" in directives


def test_staff_who_may_view_but_not_export_cannot_download(world):
    client = Client()
    client.force_login(analyst_create("viewer", export=False))
    assert client.get("/staff/reports/").status_code == 200
    assert client.get("/api/v1/reports/").status_code == 200
    assert client.get("/staff/reports/?download=csv").status_code == 403
    assert client.get("/api/v1/reports/?download=csv").status_code == 403
    assert client.get("/api/v1/reports/?download=dictionary").status_code == 200
    assert client.get(f"/api/v1/exports/{world['export']}/download/").status_code == 403
    assert client.post("/api/v1/exports/", {"format": "csv"}).status_code == 403
    assert "download=csv" not in client.get("/staff/reports/").content.decode()
