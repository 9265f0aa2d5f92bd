"""``manage.py hotspots``: hexagons to GeoJSON or GeoPackage, the API's filters and errors."""

from __future__ import annotations

import io
import json

import h3
import pyogrio
import pytest
from django.core.management import CommandError, call_command

from reports.models import HotspotSnapshot
from tests.reports.factories import CLUSTER, planted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def run(*args: str) -> dict:
    out = io.StringIO()
    call_command("hotspots", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_command_writes_the_planted_cluster_as_hot_hexagons_in_geojson(tmp_path):
    planted()
    summary = run("--resolution", "7", "--output", str(tmp_path / "hot.geojson"))
    data = json.loads((tmp_path / "hot.geojson").read_text())
    assert summary["hexagons"] == len(data["features"]) > 0
    by_cell = {f["properties"]["cell"]: f["properties"] for f in data["features"]}
    assert by_cell[h3.latlng_to_cell(*CLUSTER, 7)]["classification"] == "hot_99"


def test_the_command_writes_a_geopackage_that_gis_tools_can_open(tmp_path):
    planted()
    run("--resolution", "6", "--since", "2025-01-01", "--output", str(tmp_path / "hot.gpkg"))
    frame = pyogrio.read_dataframe(tmp_path / "hot.gpkg", layer="hotspots")
    assert {"cell", "count", "z", "p", "q", "classification"} <= set(frame.columns)
    assert frame.crs.to_epsg() == 4326 and (frame.geometry.geom_type == "Polygon").all()
    assert "hot_99" in set(frame["classification"])


def test_filters_apply_and_a_bad_one_is_named_in_the_error(tmp_path):
    planted()
    summary = run(
        "--encounter-class", "close_encounter", "--output", str(tmp_path / "none.geojson")
    )
    assert summary["hexagons"] == 0
    with pytest.raises(CommandError, match="--resolution"):
        run("--resolution", "11", "--output", str(tmp_path / "x.geojson"))
    with pytest.raises(CommandError, match="--output"):
        run("--output", str(tmp_path / "x.shp"))


def test_snapshots_can_be_refreshed_inline_without_a_broker():
    planted()
    assert run("--snapshots") == {"snapshots": 12}
    assert HotspotSnapshot.objects.count() == 12
