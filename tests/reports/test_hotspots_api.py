"""The hotspot APIs: a planted cluster comes back hot, filters, validation, privacy, caching."""

from __future__ import annotations

import datetime as dt
import json

import h3
import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from reports.models import AirspaceZone, HotspotSnapshot, Report, ReportStatus
from reports.services.hotspots import hotspot_snapshots_refresh
from tests.reports.factories import CLUSTER, WHEN, add_reports, analyst_create, hexagons, planted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


@pytest.fixture
def staff(django_user_model) -> Client:
    user = analyst_create()
    client = Client()
    client.force_login(user)
    return client


def cell_of(lat: float, lon: float, res: int = 7) -> str:
    return h3.latlng_to_cell(lat, lon, res)


def test_a_planted_cluster_of_reports_comes_back_as_hot_hexagons(staff):
    planted()
    features = hexagons(staff.get("/api/v1/hotspots/", {"resolution": 7}))
    centre = features[cell_of(*CLUSTER)]["properties"]
    assert centre["classification"] == "hot_99", centre
    assert centre["count"] >= 20
    hot = [f for f in features.values() if f["properties"]["classification"].startswith("hot")]
    # Every hot hexagon is the cluster or touches it: the noise makes no hotspot of its own.
    for feature in hot:
        assert h3.grid_distance(feature["properties"]["cell"], cell_of(*CLUSTER)) <= 2


def test_each_hexagon_is_a_polygon_with_only_cell_count_z_p_q_and_classification(staff):
    planted()
    feature = next(iter(hexagons(staff.get("/api/v1/hotspots/")).values()))
    assert set(feature["properties"]) == {"cell", "count", "z", "p", "q", "classification"}
    ring = feature["geometry"]["coordinates"][0]
    assert feature["geometry"]["type"] == "Polygon" and len(ring) == 7 and ring[0] == ring[-1]


def test_anonymous_visitors_and_non_staff_users_cannot_read_the_staff_hotspots(django_user_model):
    assert Client().get("/api/v1/hotspots/").status_code == 403
    user = django_user_model.objects.create_user("reporter", password="pw-reporter-1")
    client = Client()
    client.force_login(user)
    assert client.get("/api/v1/hotspots/").status_code == 403
    assert client.get("/api/v1/hotspots/cells/872a10000ffffff/reports/").status_code == 403
    assert client.get("/api/v1/hotspots/map.png", {"aerodrome": "MCI"}).status_code == 403


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"resolution": 12}, "resolution"),
        ({"since": "last tuesday"}, "since"),
        ({"since": "2025-02-01T00:00:00Z", "until": "2025-01-01T00:00:00Z"}, "until"),
        ({"encounter_class": "collision"}, "encounter_class"),
        ({"risk_category": "Z"}, "risk_category"),
        ({"radius_nm": 30}, "radius_nm"),
        ({"aerodrome": "NOPE", "radius_nm": 30}, "aerodrome"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"resolutoin": 7}, "resolutoin"),
    ],
)
def test_a_bad_parameter_is_refused_with_a_400_that_names_it(staff, params, field):
    response = staff.get("/api/v1/hotspots/", params)
    assert response.status_code == 400
    assert field in response.json(), response.json()


def test_filters_count_only_the_matching_reports(staff):
    planted()
    add_reports(
        [CLUSTER[0]] * 5,
        [CLUSTER[1]] * 5,
        encounter_class="close_encounter",
        observed_at=WHEN - dt.timedelta(days=400),
        risk_category="A",
    )

    def total(params: dict) -> int:
        hexes = hexagons(staff.get("/api/v1/hotspots/", params)).values()
        return sum(f["properties"]["count"] or 0 for f in hexes)

    assert total({}) == 385
    assert total({"encounter_class": "close_encounter"}) == 5
    assert total({"risk_category": "A"}) == 5
    assert total({"until": "2025-01-01T00:00:00Z"}) == 5
    assert total({"since": "2025-01-01T00:00:00Z"}) == 380
    assert total({"status": "published"}) == 0


def test_an_aerodrome_radius_keeps_only_the_reports_inside_the_circle(staff):
    add_reports([39.2976, 39.2976 + 25 / 60, 39.2976 + 35 / 60], [-94.7139] * 3)  # MCI, 25, 35 NM N
    features = hexagons(staff.get("/api/v1/hotspots/", {"aerodrome": "MCI", "radius_nm": 30}))
    assert sum(f["properties"]["count"] for f in features.values()) == 2


def test_the_public_map_counts_only_published_reports_and_hides_small_counts():
    planted()
    now = timezone.now()
    Report.objects.filter(
        latitude__gt=CLUSTER[0] - 0.1,
        latitude__lt=CLUSTER[0] + 0.1,
        longitude__gt=CLUSTER[1] - 0.1,
        longitude__lt=CLUSTER[1] + 0.1,
    ).update(published_at=now, status=ReportStatus.PUBLISHED)
    lone = add_reports([38.0], [-96.5], published_at=now, status=ReportStatus.PUBLISHED)[0]
    features = hexagons(Client().get("/api/v1/public/hotspots/"))
    assert features[cell_of(*CLUSTER)]["properties"]["count"] >= 20
    assert lone.latitude is not None and lone.longitude is not None
    assert features[cell_of(lone.latitude, lone.longitude)]["properties"]["count"] is None
    published = Report.objects.filter(published_at__isnull=False).count()
    assert sum(f["properties"]["count"] or 0 for f in features.values()) <= published
    for feature in features.values():
        assert set(feature["properties"]) == {"cell", "count", "z", "p", "q", "classification"}


def test_the_public_map_refuses_workflow_filters_and_a_finer_grid_than_the_open_data():
    client = Client()
    assert "resolution" in client.get("/api/v1/public/hotspots/", {"resolution": 9}).json()
    assert "status" in client.get("/api/v1/public/hotspots/", {"status": "triage"}).json()


def test_a_new_report_shows_on_the_next_request_even_though_maps_are_cached(staff):
    planted()
    first = staff.get("/api/v1/hotspots/", {"resolution": 8, "since": "2025-01-01T00:00:00Z"})
    again = staff.get("/api/v1/hotspots/", {"since": "2025-01-01T00:00:00Z", "resolution": 8})
    assert first["X-Hotspots-Source"] == "computed" and again["X-Hotspots-Source"] == "cache"
    add_reports([36.0], [-120.0])
    after = staff.get("/api/v1/hotspots/", {"resolution": 8, "since": "2025-01-01T00:00:00Z"})
    assert after["X-Hotspots-Source"] == "computed"
    assert cell_of(36.0, -120.0, 8) in hexagons(after)


def test_snapshots_answer_the_common_views_and_survive_a_cache_wipe(staff):
    planted()
    assert hotspot_snapshots_refresh() == HotspotSnapshot.objects.count() == 12
    assert hotspot_snapshots_refresh() == 0  # nothing changed: nothing recomputed
    cache.clear()  # as after a restart
    response = staff.get("/api/v1/hotspots/", {"resolution": 7})
    assert response["X-Hotspots-Source"] == "snapshot"
    assert hexagons(response)[cell_of(*CLUSTER)]["properties"]["classification"] == "hot_99"


def test_a_hexagon_lists_its_reports_newest_first_with_reference_and_synopsis(staff):
    add_reports([CLUSTER[0]] * 2, [CLUSTER[1]] * 2, aerodrome_code="MKC")
    newest = add_reports(
        [CLUSTER[0]],
        [CLUSTER[1]],
        observed_at=WHEN + dt.timedelta(days=1),
        aerodrome_code="MKC",
        aerodrome_distance_nm=10.2,
        aerodrome_bearing_deg=95.0,
        aircraft_type="C172",
        altitude_ft=1500,
        altitude_reference="AGL",
    )[0]
    body = staff.get(f"/api/v1/hotspots/cells/{cell_of(*CLUSTER, 8)}/reports/").json()
    assert body["count"] == 3 and body["resolution"] == 8
    first = body["reports"][0]
    assert first["reference"] == newest.reference
    assert (
        first["synopsis"]
        == "SIGHTING / 1200Z / C172 REPORTED A UAS 10.2 NM E OF MKC AT 1,500 FT AGL."
    )
    assert first["aerodrome_code"] == "MKC"
    assert first["observed_at"].startswith("2025-03-11")
    assert "cell" in staff.get("/api/v1/hotspots/cells/not-a-cell/reports/").json()


def test_the_static_map_of_an_aerodrome_is_a_png_and_an_unknown_code_is_a_400(staff):
    planted()
    response = staff.get(
        "/api/v1/hotspots/map.png",
        {"aerodrome": "MCI", "radius_nm": 40, "width": 400, "height": 400},
    )
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert "aerodrome" in staff.get("/api/v1/hotspots/map.png", {"aerodrome": "QQQQ"}).json()
    assert "aerodrome" in staff.get("/api/v1/hotspots/map.png").json()


def test_the_map_layers_give_clusters_aerodromes_and_airspace_zones(staff):
    planted(aerodrome_code="MCI")
    AirspaceZone.objects.create(
        name="Kansas City FRZ",
        zone_type="FRZ",
        fingerprint="x1",
        geometry={"type": "Point", "coordinates": [-94.7, 39.3]},
    )
    clusters = staff.get("/api/v1/hotspots/clusters/", {"resolution": 5}).json()["features"]
    assert sum(f["properties"]["count"] for f in clusters) == 380
    aerodromes = staff.get("/api/v1/hotspots/aerodromes/").json()["features"]
    assert aerodromes[0]["properties"] == {
        "code": "MCI",
        "reports": 380,
        "name": aerodromes[0]["properties"]["name"],
        "role": "nearest",
    }
    assert aerodromes[0]["geometry"]["coordinates"][1] == pytest.approx(39.3, abs=0.1)
    zones = Client().get("/api/v1/airspace/zones.geojson").json()["features"]
    assert zones[0]["properties"]["name"] == "Kansas City FRZ"
    assert Client().get("/api/v1/hotspots/clusters/").status_code == 403


def test_the_staff_map_page_needs_a_staff_login_and_the_public_one_does_not(staff):
    assert Client().get("/staff/map/").status_code == 302
    page = staff.get("/staff/map/")
    assert (
        page.status_code == 200
        and b'data-cell-url="/api/v1/hotspots/cells/CELL/reports/"' in page.content
    )
    public = Client().get("/map/")
    assert public.status_code == 200
    assert b"/api/v1/public/hotspots/" in public.content and b"cells/CELL" not in public.content
    assert b"<script>" not in public.content


def test_asking_for_significant_hexagons_only_leaves_out_the_ordinary_ones(staff):
    planted()
    every = hexagons(staff.get("/api/v1/hotspots/"))
    significant = hexagons(staff.get("/api/v1/hotspots/", {"include": "significant"}))
    assert 0 < len(significant) < len(every)
    assert all(f["properties"]["classification"] != "not_significant" for f in significant.values())
    meta = json.loads(staff.get("/api/v1/hotspots/").content)["meta"]
    assert meta["reports"] == 380 and meta["cells"] == len(every)


def test_a_browser_that_accepts_gzip_gets_the_map_compressed_and_identical(staff):
    planted()
    import gzip

    plain = staff.get("/api/v1/hotspots/", {"resolution": 6})
    packed = staff.get("/api/v1/hotspots/", {"resolution": 6}, HTTP_ACCEPT_ENCODING="gzip, br")
    assert packed["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
