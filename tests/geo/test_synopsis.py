"""geo.synopsis: the controllers' one-line summary, from whatever fields are known, and from a
report's stored fields as the lists, exports and map show it."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.facts import facts_frame
from geo.narrative import extract
from geo.synopsis import synopses_from_records, synopsis, synopsis_from_record


def test_it_writes_the_full_line_in_the_controllers_style():
    line = synopsis(
        city="Los Angeles",
        state="CA",
        encounter_class="close_encounter",
        time_utc="1857",
        aircraft_type="CRJ9",
        drone_colours=["white"],
        distance_nm=12,
        bearing="ENE",
        reference="LAX",
        altitude_ft=2600,
        altitude_reference="MSL",
        proximity_ft=500,
        evasive_action="no",
    )
    assert line == (
        "LOS ANGELES, CA / CLOSE ENCOUNTER / 1857Z / CRJ9 REPORTED A WHITE UAS "
        "12 NM ENE OF LAX AT 2,600 FT MSL, 500 FT FROM AIRCRAFT. NO EVASIVE ACTION."
    )


def test_missing_fields_drop_their_phrases_instead_of_printing_none():
    line = synopsis(city="Tulsa", state="OK")
    assert line == "TULSA, OK / AIRCRAFT REPORTED A UAS."
    assert "NONE" not in synopsis().upper() and synopsis() == "AIRCRAFT REPORTED A UAS."


def test_local_time_keeps_its_zone_letter_when_no_utc_time_is_known():
    assert "/ 1057P /" in synopsis(city="X", state="CA", local_time="1057", zone_letter="P")


def test_runway_positions_several_drones_and_reports_without_an_aircraft():
    final = synopsis(
        aircraft_type="A320",
        distance_nm=3,
        runway="25L",
        runway_relation="final",
        reference="LAX",
        drone_count=2,
        drone_colours=["black", "red"],
    )
    ground = synopsis(
        aircraft_involved=False,
        altitude_ft=400,
        reference="DCA",
        evasive_action="not_stated",
        encounter_class="sighting",
    )
    assert "A320 REPORTED 2 BLACK AND RED UAS ON 3 NM FINAL RWY 25L AT LAX." in final
    assert ground == "SIGHTING / A UAS WAS REPORTED IN THE VICINITY OF DCA AT 400 FT."


def test_evasive_action_wording():
    assert synopsis(evasive_action="yes").endswith("EVASIVE ACTION TAKEN.")
    assert synopsis(evasive_action="unknown").endswith("EVASIVE ACTION UNKNOWN.")


# --- from stored records ---------------------------------------------------------------------

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
        "FINAL RWY 24R AT LAX AT 2,600 FT, 300 FT FROM AIRCRAFT. NO EVASIVE ACTION."
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


def test_an_altitude_is_written_with_only_the_reference_the_report_knows():
    # The FAA narrative says "AT 2,600 FEET": neither AGL nor MSL, so the line says neither.
    unknown = synopsis_from_record(_stored(FAA))
    assert " AT 2,600 FT, 300 FT FROM AIRCRAFT." in unknown and "MSL" not in unknown
    stated = "REPORTED A WHITE UAS AT 2,600 FEET MSL WHILE ON A 12 MILE FINAL FOR RUNWAY 24R."
    assert synopsis_from_record(_stored(stated)).endswith(" AT 2,600 FT MSL.")
    assert "AT 400 FT AGL" in synopsis_from_record(
        _stored(altitude_ft=400, altitude_reference="AGL")
    )
    assert "AT 400 FT MSL" in synopsis_from_record(
        _stored(altitude_ft=400, altitude_reference="MSL")
    )
    assert synopsis_from_record(_stored(altitude_ft=400)).endswith(" AT 400 FT.")


def test_it_summarises_an_extracted_faa_narrative():
    line = synopsis_from_record(
        _stored(
            "PRELIM INFO FROM FAA OPS: FORT LAUDERDALE, FL/UAS SIGHTING/1453E/MIAMI TRACON "
            "ADVISED, A321, CLT - FLL, REPORTED A SMALL BLACK UAS 300 FEET BELOW ACFT WHILE "
            "W BOUND AT 4,000 FEET 18 WNW FLL. NO EVASIVE ACTION TAKEN.",
            city="Fort Lauderdale",
            state_region="FL",
        )
    )
    assert line == (
        "FORT LAUDERDALE, FL / CLOSE ENCOUNTER / 1453E / A321 REPORTED A "
        "BLACK UAS 18 NM WNW OF FLL AT 3,700 FT, 300 FT FROM AIRCRAFT. NO EVASIVE ACTION."
    )
