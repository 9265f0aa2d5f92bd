"""manage.py extract: JSON lines in, one JSON line of facts out per line, errors inline."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

LAX = (
    "PRELIM INFO FROM FAA OPS: LOS ANGELES, CA/UAS INCIDENT/1857P/LAX ATCT ADVISED, CRJ9, "
    "REPORTED A WHITE UAS 500 FEET BELOW ACFT WHILE WSW BOUND AT 2,600 FEET 7 ENE LAX. "
    "NO EVASIVE ACTION TAKEN. LAPD NOTIFIED."
)
REQUIRED = (
    "id",
    "latitude",
    "longitude",
    "location_method",
    "aerodrome",
    "distance_nm",
    "bearing_deg",
    "altitude_ft",
    "proximity_ft",
    "aircraft_type",
    "flight_phase",
    "evasive_action",
    "nmac",
    "encounter_class",
    "nmac_hazard",
    "drone_count",
    "aircraft_involved",
)


def _run(*lines: str) -> list[dict]:
    out = StringIO()
    call_command("extract", stdin=StringIO("\n".join(lines) + "\n"), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.django_db
def test_it_writes_the_facts_and_position_of_each_narrative():
    [row] = _run(
        json.dumps(
            {
                "id": "faa-1",
                "narrative": LAX,
                "city": "LOS ANGELES",
                "state": "CALIFORNIA",
                "date": "2024-05-01",
            }
        )
    )
    assert set(REQUIRED) <= set(row)
    assert row["id"] == "faa-1"
    assert (row["aircraft_type"], row["altitude_ft"], row["proximity_ft"]) == ("CRJ9", 2100, 500)
    assert (row["encounter_class"], row["nmac_hazard"], row["evasive_action"]) == (
        "close_encounter",
        "none",
        "no",
    )
    assert row["aerodrome"] == "LAX"
    assert row["distance_nm"] == pytest.approx(7, abs=0.2)
    assert row["bearing_deg"] == pytest.approx(67.5, abs=2)
    assert 33.9 < row["latitude"] < 34.1 and -118.4 < row["longitude"] < -118.2


@pytest.mark.django_db
def test_a_malformed_line_gives_an_error_line_and_the_command_carries_on():
    rows = _run(
        "this is not json",
        json.dumps([1, 2]),
        json.dumps({"id": 7}),
        json.dumps({"id": 8, "narrative": LAX}),
    )
    assert [r.get("id") for r in rows] == [None, None, None, 8]
    assert all("error" in r for r in rows[:3]) and "error" not in rows[3]


@pytest.mark.django_db
def test_unknowns_are_nulls_and_an_unplaceable_text_still_gives_a_line():
    [row] = _run(json.dumps({"id": 9, "narrative": "saw something", "city": "", "state": ""}))
    assert row["latitude"] is None and row["altitude_ft"] is None
    assert row["proximity_ft"] is None and row["aircraft_type"] is None
    assert row["location_error"]
