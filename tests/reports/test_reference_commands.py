"""The reference-data loaders and the locate command, against the real files."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from reports.models import AirspaceZone, Navaid, Runway
from reports.services.reference import reference_data
from tests.conftest import require_shared_data

pytestmark = pytest.mark.django_db


def _run(*args: str, stdin: str | None = None) -> str:
    out = io.StringIO()
    if stdin is None:
        call_command(*args, stdout=out)
    else:
        call_command(*args, stdout=out, stdin=io.StringIO(stdin))
    return out.getvalue()


@pytest.fixture
def small_runways(tmp_path):
    src = require_shared_data("airports", "ourairports_runways.csv")
    lines = src.read_text().splitlines()
    keep = [lines[0]] + [
        ln for ln in lines[1:] if '"EGLL"' in ln or '"KLAX"' in ln or '"00A"' in ln
    ]
    path = tmp_path / "runways.csv"
    path.write_text("\n".join(keep + [keep[1]]) + "\n")  # plus one duplicate row
    return path


def test_load_runways_twice_creates_then_changes_nothing(small_runways):
    first = _run("load_runways", str(small_runways))
    count = Runway.objects.count()
    second = _run("load_runways", str(small_runways))
    assert count == 4 + 2 + 1, first  # 4 at LAX, 2 at Heathrow, 1 helipad at 00A
    assert "created 7" in first and "duplicate" in first
    assert "created 0, updated 0, unchanged 7" in second
    assert Runway.objects.count() == count


def test_load_navaids_is_idempotent_and_keeps_namibia():
    path = require_shared_data("airports", "ourairports_navaids.csv")
    first = _run("load_navaids", str(path))
    second = _run("load_navaids", str(path))
    assert Navaid.objects.filter(ident="ANX", country="US").exists()
    assert Navaid.objects.filter(country="NA").exists(), "NA (Namibia) read as missing"
    assert "created 0, updated 0" in second, second
    assert "created 0" not in first


def test_load_airspace_uk_frz_is_idempotent_and_typed():
    path = require_shared_data("airspace", "uk_frz_20221229.geojson")
    first = _run("load_airspace", str(path))
    second = _run("load_airspace", str(path))
    assert "created 696" in first
    assert "created 0, updated 0, unchanged 696" in second
    zone = AirspaceZone.objects.get(name="EG RU128A LONDON HEATHROW")
    assert (zone.zone_type, zone.lower_limit) == ("FRZ", "SFC")


def test_load_airspace_type_option_and_chicago_classes():
    path = require_shared_data("airspace", "faa_chicago_ohare_class_airspace.geojson")
    _run("load_airspace", str(path))
    assert AirspaceZone.objects.filter(zone_type="CLASS_B").count() == 7
    assert AirspaceZone.objects.filter(zone_type="PARACHUTE").count() >= 3


def test_reference_data_is_rebuilt_after_a_load(small_runways):
    before = reference_data()
    assert reference_data() is before, "cached between calls"
    _run("load_runways", str(small_runways))
    after = reference_data()
    assert after is not before and len(after.runways) > len(before.runways)


def test_locate_command_answers_every_line_in_order(small_runways):
    _run("load_runways", str(small_runways))
    lines = "\n".join(
        [
            json.dumps({"id": 1, "text": "7 SW LAX"}),
            "{not json",
            json.dumps({"id": 3, "text": "somewhere over the rainbow"}),
            json.dumps(
                {
                    "id": 4,
                    "text": "ON A 12 MILE FINAL FOR RUNWAY 24R",
                    "city": "LOS ANGELES",
                    "state": "CA",
                }
            ),
            json.dumps([1, 2]),
            json.dumps({"id": 6, "text": 5}),
            "",
            json.dumps({"id": 7, "text": "51.47, -0.4543"}),
        ]
    )
    answers = [json.loads(x) for x in _run("locate", stdin=lines).splitlines()]
    assert [a["id"] for a in answers] == [1, None, 3, 4, None, 6, 7]
    first = answers[0]
    assert first["location_method"] == "aerodrome_relative" and first["aerodrome"] == "LAX"
    assert first["distance_nm"] == pytest.approx(7.0, abs=0.05)
    assert first["bearing_deg"] == pytest.approx(225.0, abs=0.5)
    assert "error" in answers[1] and "error" in answers[2] and answers[2]["latitude"] is None
    assert answers[3]["location_method"] == "runway_relative"
    assert answers[3]["distance_nm"] > 10
    assert "error" in answers[4] and "error" in answers[5]
    assert answers[6]["aerodrome"] == "LHR"
