"""Airspace context: zones from the real UK FRZ file, runway corridors, the 400 ft flag."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from geo.airspace import (
    CorridorIndex,
    ZoneIndex,
    above_400ft_agl,
    zone_fingerprint,
    zones_from_geojson,
)
from geo.geodesy import destination
from geo.runways import RunwayTable
from tests.conftest import require_shared_data


@pytest.fixture(scope="module")
def uk_frz() -> ZoneIndex:
    path = require_shared_data("airspace", "uk_frz_20221229.geojson")
    records, skipped = zones_from_geojson(json.loads(path.read_text()))
    assert len(records) == 696 and skipped == []
    return ZoneIndex.from_records(records)


def test_a_point_at_heathrow_is_in_the_heathrow_frz_and_central_wales_is_not(uk_frz):
    hits = uk_frz.zones_at([51.4700, 52.30], [-0.4543, -3.70])
    names = [z["name"] for z in hits[0]]
    assert "EG RU128A LONDON HEATHROW" in names
    assert all(z["type"] == "FRZ" and z["lower_limit"] == "SFC" for z in hits[0])
    assert hits[1] == []


def test_points_without_coordinates_hit_nothing(uk_frz):
    assert uk_frz.zones_at([np.nan, 51.47], [np.nan, -0.4543])[0] == []


def test_chicago_zones_get_types_from_their_names():
    path = require_shared_data("airspace", "faa_chicago_ohare_class_airspace.geojson")
    records, _ = zones_from_geojson(json.loads(path.read_text()))
    types = {r["name"]: r["zone_type"] for r in records}
    assert types["CHICAGO CLASS B AREA A"] == "CLASS_B"
    assert types["GARY CLASS D"] == "CLASS_D"
    assert types["DZ PIN014 WED WKNDS 0800-SS"] == "PARACHUTE"
    # Its altitudes are known to be altered: they are not read as limits.
    assert all(r["lower_limit"] == "" for r in records)
    hits = ZoneIndex.from_records(records).zones_at([41.9786], [-87.9048])  # O'Hare
    assert any(z["type"] == "CLASS_B" for z in hits[0])


def test_non_polygons_are_skipped_with_a_reason_and_fingerprints_are_stable():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    data = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": "A"}, "geometry": square},
            {
                "type": "Feature",
                "properties": {"name": "P"},
                "geometry": {"type": "Point", "coordinates": [0, 0]},
            },
            {"type": "Feature", "properties": {"name": "N"}, "geometry": None},
        ],
    }
    records, skipped = zones_from_geojson(data, zone_type="TEST")
    assert [r["zone_type"] for r in records] == ["TEST"]
    assert len(skipped) == 2 and "Point" in skipped[0]
    assert records[0]["fingerprint"] == zone_fingerprint("A", dict(reversed(square.items())))


@pytest.fixture(scope="module")
def corridors() -> CorridorIndex:
    return CorridorIndex(
        RunwayTable.from_frame(
            [
                {
                    "airport_ident": "EGLL",
                    "le_ident": "09R",
                    "le_latitude": 51.46478,
                    "le_longitude": -0.486808,
                    "he_ident": "27L",
                    "he_latitude": 51.464957,
                    "he_longitude": -0.434048,
                }
            ]
        )
    )


def test_the_corridor_follows_the_extended_centreline_and_widens(corridors):
    thr_lat, thr_lon = 51.464957, -0.434048  # 27L threshold; approach from the east
    on_axis = destination(thr_lat, thr_lon, 90.0, 3.0)
    beyond = destination(thr_lat, thr_lon, 90.0, 5.5)
    near_wide = destination(*destination(thr_lat, thr_lon, 90.0, 0.5), 0.0, 0.3)
    far_wide = destination(*destination(thr_lat, thr_lon, 90.0, 4.5), 0.0, 0.3)
    departure = destination(51.46478, -0.486808, 270.0, 2.0)  # west of 09R: climb-out of 27L
    lat, lon = zip(on_axis, beyond, near_wide, far_wide, departure, strict=True)
    hit = corridors.hits(lat, lon) >= 0
    assert hit.tolist() == [True, False, False, True, True]


def test_above_400ft_uses_agl_directly_and_msl_minus_aerodrome_elevation():
    out = above_400ft_agl(
        [500, 300, 1300, 900, np.nan, 500],
        ["AGL", "AGL", "MSL", "unknown", "AGL", "MSL"],
        [1000, 1000, 1000, 100, 0, np.nan],
    )
    assert out.tolist() == [True, False, False, True, None, None]


def test_runway_table_reads_model_field_names_and_skips_closed_runways():
    table = RunwayTable.from_frame(
        pd.DataFrame(
            [
                {
                    "airport_ident": "X",
                    "le_ident": "09",
                    "le_latitude": 0.0,
                    "le_longitude": 0.0,
                    "he_ident": "27",
                    "he_latitude": 0.0,
                    "he_longitude": 0.01,
                    "closed": False,
                },
                {
                    "airport_ident": "Y",
                    "le_ident": "09",
                    "le_latitude": 0.0,
                    "le_longitude": 0.0,
                    "he_ident": "27",
                    "he_latitude": 0.0,
                    "he_longitude": 0.01,
                    "closed": True,
                },
            ]
        )
    )
    assert len(table) == 2
    end = table.end(["X"], "9")
    assert end is not None and end.heading_deg == pytest.approx(90.0, abs=0.01)
    opposite = table.opposite(end)
    assert opposite is not None and opposite.ident == "27"
