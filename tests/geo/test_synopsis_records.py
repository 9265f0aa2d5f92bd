"""Synopses written from a report's stored fields, as the lists, exports and map show them."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.facts import facts_frame
from geo.narrative import extract
from geo.synopsis_records import synopses_from_records, synopsis_from_record

FAA = (
    "PRELIM INFO FROM FAA OPS: LOS ANGELES, CA/UAS INCIDENT/1057P/LAX ATCT ADVISED MESA "
    "5400, CRJ9, REPORTED A WHITE UAS AT 2,600 FEET WHILE ON A 12 MILE FINAL FOR RUNWAY 24R. "
    "THE UAS CAME WITHIN 300 FEET. NO EVASIVE ACTION REPORTED."
)
NEAR_LAX = {"aerodrome_code": "LAX", "aerodrome_distance_nm": 11.96, "aerodrome_bearing_deg": 68.0}


def _stored(narrative: str | None = None, **given: object) -> dict:
    """A report as enrichment stores it: the reporter's answers merged with the narrative."""
    row = {
        "city": "",
        "state_region": "",
        "observed_at": None,
        "observed_time_known": True,
        "closest_proximity_ft": None,
        "aircraft_type": "",
        "evasive_action": "not_stated",
        "altitude_ft": None,
        "altitude_reference": "unknown",
        "drone_colour": "",
        "nmac_declared": None,
        **given,
    }
    facts = facts_frame(pd.DataFrame([row]), [extract(narrative) if narrative else None])
    return {**row, **facts.iloc[0].to_dict(), **NEAR_LAX}


def test_a_narratives_own_runway_position_and_local_time_are_written():
    line = synopsis_from_record(_stored(FAA, city="Los Angeles", state_region="CA"))
    assert line == (
        "LOS ANGELES, CA / CLOSE ENCOUNTER / 1057P / CRJ9 REPORTED A WHITE UAS ON 12 NM "
        "FINAL RWY 24R AT LAX AT 2,600 FT MSL, 300 FT FROM AIRCRAFT. NO EVASIVE ACTION."
    )


def test_without_a_narrative_the_report_is_placed_from_the_nearest_aerodrome():
    line = synopsis_from_record(_stored(altitude_ft=400, altitude_reference="AGL"))
    assert line == "SIGHTING / AIRCRAFT REPORTED A UAS 12 NM ENE OF LAX AT 400 FT AGL."


def test_a_known_utc_time_is_written_and_an_unknown_one_is_left_out():
    at = dt.datetime(2025, 6, 1, 18, 57, tzinfo=dt.UTC)
    assert "/ 1857Z /" in synopsis_from_record(_stored(observed_at=at))
    assert "1857Z" not in synopsis_from_record(_stored(observed_at=at, observed_time_known=False))


def test_an_analysts_correction_shows_in_the_synopsis_at_once():
    record = _stored(FAA)
    assert "CRJ9 REPORTED" in synopsis_from_record(record)
    record["aircraft_type"] = "E75L"  # corrected after enrichment
    assert "E75L REPORTED" in synopsis_from_record(record)


def test_the_reporters_colour_is_written_when_it_differs_from_the_narratives():
    assert "A RED UAS" in synopsis_from_record(_stored(FAA, drone_colour="red"))
    assert "A DARK GREY UAS" in synopsis_from_record(
        {"drone_colour": "dark grey", "extraction": {"drone_colours": ["dark grey"]}}
    )


def test_missing_fields_drop_their_phrases_rather_than_printing_none():
    assert synopses_from_records(
        [{}, {"aerodrome_distance_nm": None, "aircraft_involved": False}]
    ) == ["AIRCRAFT REPORTED A UAS.", "A UAS WAS REPORTED."]
