"""``enrich_frame``: one batch in, Report field names out."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from geo.airspace import zones_from_geojson
from geo.enrich import enrich_frame
from geo.reference import ReferenceData
from tests.conftest import require_shared_data
from tests.geo.factories import NAVAIDS, RUNWAYS


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    path = require_shared_data("airspace", "uk_frz_20221229.geojson")
    zones, _ = zones_from_geojson(json.loads(path.read_text()))
    return ReferenceData.build(runways=RUNWAYS, navaids=NAVAIDS, zones=zones)


def _frame(rows: list[dict]) -> pd.DataFrame:
    base = {
        "location_text": "",
        "city": "",
        "state_region": "",
        "country": "",
        "latitude": np.nan,
        "longitude": np.nan,
        "altitude_ft": np.nan,
        "altitude_reference": "unknown",
    }
    return pd.DataFrame([{**base, **r} for r in rows], index=[10, 20, 30, 40])


def test_enrich_frame_fills_every_airspace_and_place_field(ref):
    frame = _frame(
        [
            {"location_text": "2 NM E of EGLL", "altitude_ft": 300, "altitude_reference": "AGL"},
            {
                "latitude": 52.30,
                "longitude": -3.70,
                "altitude_ft": 1500,
                "altitude_reference": "MSL",
            },
            {
                "location_text": "ON 3 MILE FINAL RUNWAY 24R",
                "city": "LOS ANGELES",
                "state_region": "CA",
                "altitude_ft": 1000,
            },
            {"location_text": "nowhere in particular"},
        ]
    )
    out = enrich_frame(frame, reference=ref)
    assert list(out.index) == [10, 20, 30, 40]
    heathrow, wales, final, lost = (out.loc[i] for i in out.index)
    assert heathrow["aerodrome_code"] == "LHR"
    assert any("HEATHROW" in z["name"] for z in heathrow["airspace_zones"])
    assert (heathrow["country_code"], heathrow["region"]) == ("GB", "England")
    assert heathrow["above_400ft_agl"] is False
    assert wales["location_method"] == "entered" and wales["airspace_zones"] == []
    assert wales["region"] == "Wales" and wales["above_400ft_agl"] is True
    assert final["location_method"] == "runway_relative" and final["in_runway_corridor"] is True
    assert final["country_code"] == "US" and final["locality"] != ""
    assert heathrow["in_runway_corridor"] is False
    assert np.isnan(lost["latitude"]) and "could not find" in lost["location_note"]
    assert lost["in_runway_corridor"] is None and lost["above_400ft_agl"] is None
    assert lost["airspace_zones"] == [] and lost["country_code"] == ""
    assert pd.isna(lost["h3_r8"]) and not pd.isna(heathrow["h3_r8"])


def test_without_runways_the_corridor_is_unknown_not_false():
    out = enrich_frame(
        pd.DataFrame(
            [
                {
                    "location_text": "",
                    "city": "",
                    "state_region": "",
                    "country": "",
                    "latitude": 51.47,
                    "longitude": -0.45,
                }
            ]
        )
    )
    assert out["in_runway_corridor"].iloc[0] is None
    assert out["above_400ft_agl"].iloc[0] is None, "no altitude given"


def test_missing_input_columns_are_named():
    with pytest.raises(ValueError, match="location_text"):
        enrich_frame(pd.DataFrame({"latitude": [1.0]}))


def test_a_report_about_lax_that_lies_nearer_hawthorne_keeps_both_aerodromes(ref):
    frame = _frame(
        [
            {"location_text": "3 NM SE of LAX"},
            {"location_text": "3 miles north of JFK", "latitude": 40.70, "longitude": -73.78},
            {"location_text": "", "latitude": 51.47, "longitude": -0.45},
            {"location_text": "somewhere over the rainbow"},
        ]
    )
    out = enrich_frame(frame, reference=ref)
    lax = out.loc[10]
    assert lax["referred_aerodrome_code"] == "LAX"
    assert lax["aerodrome_code"] == "HHR", "the nearest aerodrome is still recorded"
    assert lax["referred_aerodrome_distance_nm"] == pytest.approx(3.0, abs=0.05)
    assert lax["referred_aerodrome_bearing_deg"] == pytest.approx(135.0, abs=1.0)
    assert "Los Angeles" in lax["referred_aerodrome_name"]
    assert lax["position_source"] == "text"
    # Coordinates plus text: the position is the coordinates, the text still names JFK.
    assert out.loc[20, "referred_aerodrome_code"] == "JFK"
    assert out.loc[20, "position_source"] == "entered"
    assert out.loc[30, "referred_aerodrome_code"] == ""
    assert math.isnan(out["referred_aerodrome_distance_nm"].astype(float)[30])
    assert out.loc[40, "position_source"] == ""
