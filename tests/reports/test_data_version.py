"""Cached maps and the reference bundle follow every write: edits, deletes, bulk and raw SQL.

Each write path changes the data version through the database's triggers, so a hotspot map
asked for after an edit is recomputed (never the cached or snapshotted map of the old data).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html.parser import HTMLParser

import h3
import pytest
from django.core.cache import cache
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test import Client

from geo.cells import cells_for_points
from reports.dataversion import TRACKED, data_version
from reports.models import AirspaceZone, HotspotSnapshot, Navaid, Report, Runway
from reports.selectors_hotspots import HotspotQuery
from reports.services.hotspots import hotspot_snapshots_refresh, query_key
from reports.services.reference import reference_data
from tests.reports.factories import CLUSTER, WHEN, add_reports, hexagons, planted

pytestmark = pytest.mark.django_db
CLOSE: dict[str, str | int] = {"encounter_class": "close_encounter", "resolution": 7}
ELSEWHERE = (36.0, -120.0)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_client(django_user_model) -> Client:
    user = django_user_model.objects.create_superuser("chief", password="pw-chief-1")
    client = Client()
    client.force_login(user)
    return client


class _FormFields(HTMLParser):
    """What a browser would post from the admin's change form: every named field's value."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") != "checkbox" or "checked" in a:
                self.data[name] = a.get("value", "on" if a.get("type") == "checkbox" else "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea] += (
                data.removeprefix("\n") if not self.data[self._textarea] else data
            )


def admin_save(client: Client, report: Report, **changes: str) -> None:
    url = f"/admin/reports/report/{report.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = _FormFields()
    form.feed(page.content.decode())
    response = client.post(url, {**form.data, **changes, "_save": "Save"})
    assert response.status_code == 302, response.content.decode()[:3000]


def cluster_count(client: Client) -> tuple[int | None, str]:
    response = client.get("/api/v1/hotspots/", CLOSE)
    feature = hexagons(response).get(h3.latlng_to_cell(*CLUSTER, 7))
    count = feature["properties"]["count"] if feature else None
    return count, response["X-Hotspots-Source"]


def _move_away(report: Report) -> None:
    cells = cells_for_points([ELSEWHERE[0]], [ELSEWHERE[1]])
    report.latitude, report.longitude = ELSEWHERE
    for resolution, column in cells.items():
        setattr(report, f"h3_r{resolution}", int(column[0]))
    report.save()


def _raw_sql(report: Report) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE reports_report SET encounter_class = 'sighting' WHERE id = %s", [report.pk]
        )


def _bulk_update(report: Report) -> None:
    report.encounter_class = "sighting"
    Report.objects.bulk_update([report], ["encounter_class"])


def _raw_save(report: Report) -> None:
    report.encounter_class = "sighting"
    report.save()


EDITS: dict[str, tuple[Callable[[Report], object], int]] = {
    # write path -> (what it does to the first close encounter, close encounters left there)
    "raw save() of a reclassification": (_raw_save, 4),
    "position corrected with save()": (_move_away, 4),
    "QuerySet.update": (
        lambda r: Report.objects.filter(pk=r.pk).update(encounter_class="sighting"),
        4,
    ),
    "bulk_update": (_bulk_update, 4),
    "delete()": (lambda r: r.delete(), 4),
    "QuerySet.delete": (lambda r: Report.objects.filter(pk=r.pk).delete(), 4),
    "raw SQL": (_raw_sql, 4),
    "bulk_create": (
        lambda r: add_reports([CLUSTER[0]], [CLUSTER[1]], encounter_class="close_encounter"),
        6,
    ),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_close_encounter_map_follows_every_kind_of_edit_at_once(admin_client, edit):
    planted()
    close = add_reports([CLUSTER[0]] * 5, [CLUSTER[1]] * 5, encounter_class="close_encounter")
    add_reports([30.0], [-90.0])  # the newest report is not one of those edited
    assert cluster_count(admin_client) == (5, "computed")
    assert cluster_count(admin_client) == (5, "cache")
    change, expected = EDITS[edit]
    change(close[0])
    assert cluster_count(admin_client) == (expected, "computed")


def test_an_analyst_reclassifying_a_report_in_the_admin_changes_the_map_at_once(admin_client):
    planted()
    close = add_reports([CLUSTER[0]] * 5, [CLUSTER[1]] * 5, encounter_class="close_encounter")
    add_reports([30.0], [-90.0])
    assert cluster_count(admin_client) == (5, "computed")
    admin_save(admin_client, close[0], encounter_class="sighting")
    assert Report.objects.get(pk=close[0].pk).encounter_class == "sighting"
    assert cluster_count(admin_client) == (4, "computed")


def test_a_snapshot_is_not_served_once_the_data_has_changed(admin_client):
    planted()
    assert hotspot_snapshots_refresh() == 12
    cell = h3.latlng_to_cell(*CLUSTER, 7)
    response = admin_client.get("/api/v1/hotspots/", {"resolution": 7})
    assert response["X-Hotspots-Source"] == "snapshot"
    before = hexagons(response)[cell]["properties"]["count"]
    # The row's totals are the map's (the meta handed back beside the body).
    snapshot = HotspotSnapshot.objects.get(key=query_key(HotspotQuery(resolution=7)))
    assert (snapshot.reports, snapshot.cells) == (380, len(hexagons(response)))
    # A correction moves three cluster reports away, however recently the snapshot was made.
    moved = list(Report.objects.filter(h3_r7=h3.str_to_int(cell))[:3])
    for report in moved:
        _move_away(report)
    for restart in (False, True):
        if restart:
            cache.clear()
        response = admin_client.get("/api/v1/hotspots/", {"resolution": 7})
        assert response["X-Hotspots-Source"] != "snapshot"
        assert hexagons(response)[cell]["properties"]["count"] == before - 3
    # A new report, too, retires the snapshot (no "may lag by up to N minutes").
    add_reports([ELSEWHERE[0] + 1], [ELSEWHERE[1]], observed_at=WHEN + dt.timedelta(days=1))
    cache.clear()
    response = admin_client.get("/api/v1/hotspots/", {"resolution": 7})
    assert response["X-Hotspots-Source"] == "computed"
    assert h3.latlng_to_cell(ELSEWHERE[0] + 1, ELSEWHERE[1], 7) in hexagons(response)
    # The periodic refresh brings the snapshots up to date; then they answer again.
    assert hotspot_snapshots_refresh() == 12
    cache.clear()
    assert admin_client.get("/api/v1/hotspots/", {"resolution": 7})["X-Hotspots-Source"] == (
        "snapshot"
    )
    assert HotspotSnapshot.objects.filter(fingerprint=str(data_version("reports"))).count() == 12


def _runway() -> Runway:
    return Runway.objects.create(
        airport_ident="KMCI",
        le_ident="01L",
        he_ident="19R",
        le_latitude=39.28,
        le_longitude=-94.72,
        he_latitude=39.31,
        he_longitude=-94.72,
    )


def test_the_reference_bundle_is_rebuilt_after_an_edit_made_anywhere():
    runway = _runway()
    before = reference_data()
    assert reference_data() is before, "cached while nothing changed"
    # As another process (or the admin) would: an edit that adds no row and no new id.
    Runway.objects.filter(pk=runway.pk).update(closed=True)
    after = reference_data()
    assert after is not before
    assert reference_data() is after


@pytest.mark.parametrize(
    "write",
    [
        lambda: _runway(),
        lambda: Navaid.objects.create(ident="MKC", name="Kansas City", latitude=39, longitude=-94),
        lambda: AirspaceZone.objects.create(
            name="Z", zone_type="FRZ", geometry={}, fingerprint="z"
        ),
        lambda: Runway.objects.filter(pk=_runway().pk).delete(),
    ],
)
def test_each_reference_table_bumps_the_reference_version_only(write):
    reports, reference = data_version("reports"), data_version("reference")
    write()
    assert data_version("reference") > reference
    assert data_version("reports") == reports


def test_a_write_that_changes_no_row_leaves_the_version_alone():
    add_reports([30.0], [-90.0])
    version = data_version("reports")
    assert Report.objects.filter(pk=-1).update(encounter_class="sighting") == 0
    assert data_version("reports") == version
    Report.objects.update(encounter_class="close_encounter")
    assert data_version("reports") > version


def test_an_unknown_data_name_is_refused():
    with pytest.raises(ValueError, match="unknown data 'report'"):
        data_version("report")


def test_the_tracked_tables_are_the_models_tables():
    tables = {m._meta.db_table for m in (Report, Runway, Navaid, AirspaceZone)}
    assert {t for names in TRACKED.values() for t in names} == tables


def test_triggers_dropped_by_a_table_rebuild_come_back_after_migrate():
    # SQLite rebuilds a table to alter it, losing its triggers; post_migrate puts them back.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER reports_report_dataversion_update")
        else:
            cursor.execute("DROP TRIGGER reports_report_dataversion ON reports_report")
    add_reports([30.0], [-90.0])
    version = data_version("reports")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    Report.objects.update(encounter_class="close_encounter")
    assert data_version("reports") > version
