"""geo.synopsis: the controllers' one-line summary, from whatever fields are known."""

from __future__ import annotations

from geo.narrative import extract
from geo.synopsis import synopsis, synopsis_for


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


def test_it_summarises_an_extracted_faa_narrative():
    ex = extract(
        "PRELIM INFO FROM FAA OPS: FORT LAUDERDALE, FL/UAS SIGHTING/1453E/MIAMI TRACON "
        "ADVISED, A321, CLT - FLL, REPORTED A SMALL BLACK UAS 300 FEET BELOW ACFT WHILE "
        "W BOUND AT 4,000 FEET 18 WNW FLL. NO EVASIVE ACTION TAKEN."
    )
    assert synopsis_for(ex) == (
        "FORT LAUDERDALE, FL / CLOSE ENCOUNTER / 1453E / A321 REPORTED A "
        "BLACK UAS 18 NM WNW OF FLL AT 3,700 FT MSL, 300 FT FROM "
        "AIRCRAFT. NO EVASIVE ACTION."
    )
