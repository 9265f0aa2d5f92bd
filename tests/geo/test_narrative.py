"""geo.narrative: FAA controller shorthand and plain English in, facts out.

Snippets are real FAA narratives (public record), trimmed to the part under test.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.narrative import Extraction, Position, encounter_class, extract, nmac_hazard
from tests.conftest import require_shared_data

ROOT = Path(__file__).resolve().parents[2]
LAX = (
    "PRELIM INFO FROM FAA OPS: LOS ANGELES, CA/UAS INCIDENT/1057P/LAX ATCT ADVISED MESA 5400, "
    "CRJ9, REPORTED A UAS AT 2,600 FEET WHILE ON A 12 MILE FINAL FOR RUNWAY 24R. NO EVASIVE "
    "ACTION REPORTED. LAPD AVIATION UNIT NOTIFIED."
)


# --- header -------------------------------------------------------------------------------


def test_it_reads_the_header_time_zone_and_facility():
    ex = extract(LAX)
    assert (ex.header_location, ex.local_time, ex.zone_letter) == ("LOS ANGELES, CA", "1057", "P")
    assert ex.timezone == "America/Los_Angeles"
    assert ex.facility == "LAX ATCT"


def test_a_city_with_a_slash_stays_whole_in_the_header():
    ex = extract(
        "PRELIM INFO FROM FAA OPS: RALEIGH/DURHAM, NC/UAS INCIDENT/1412E/RDU ATCT "
        "ADVISED B737 REPORTED A UAS AT 3,000 FEET 5 S RDU."
    )
    assert ex.header_location == "RALEIGH/DURHAM, NC"
    assert ex.local_time == "1412"


def test_local_zone_letter_uses_the_state_for_its_time_zone():
    ex = extract(
        "PRELIM INFO FROM FAA OPS: HONOLULU, HI/UAS INCIDENT/0916L/2 TOUR HELICOPTERS "
        "REPORTED A UAS OPERATING AT 200 FEET VCNTY BEACH FRONT PARK."
    )
    assert ex.timezone == "Pacific/Honolulu"


def test_late_reports_still_give_their_time():
    ex = extract(
        "PRELIM INFO FROM FAA OPS: NEW YORK, NY/UAS INCIDENT/LATE REPORT-1007E/E-ROC "
        "ADVISED PIPER PA28, REPORTED A UAS SW BOUND AT 6,800 FEET 10 SW JFK."
    )
    assert ex.local_time == "1007" and ex.aircraft_type == "PA28"


def test_the_mor_block_gives_the_utc_time():
    ex = extract(
        "UAS MOR Alert for LAS\nNumber: LAS-M-2018/05/14-0002\nType: Hazardous\n"
        "Date/Time: May 14, 2018 - 1847Z\nA/C: (B738)\n\nSummary: B738 SAW A DRONE."
    )
    assert ex.utc_time == "1847" and ex.aircraft_type == "B738"


# --- aircraft and route -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slot", "expected"),
    [
        ("ADVISED, CESSNA C172, REPORTED", "C172"),
        ("ADVISED  ROBBINS R44, REPORTED", "R44"),
        ("ADVISED, AGUSTAWESTLAND A109, REPORTED", "A109"),
        ("ADVISED , A21N, DUBLIN, IRELAND (EIDW) - IAD, REPORTED", "A21N"),
        ("ADVISED UNKN TYPE HELO, REPORTED", "HELO"),
        ("ADVISED  BELL 06, REPORTED", "B06"),
        ("ADVISED AMERICAN, B752, MIA - LIMA, PERU, OBSERVED", "B752"),
    ],
)
def test_it_reads_the_type_designator_past_manufacturers_and_callsigns(slot, expected):
    ex = extract(
        f"PRELIM INFO FROM FAA OPS: MIAMI, FL/UAS INCIDENT/1814E/MIA APCH {slot} "
        "A UAS AT 1,500 FEET 2 SE OF MIA."
    )
    assert ex.aircraft_type == expected


def test_the_mor_aircraft_line_is_the_fallback_for_the_type():
    ex = extract(
        "PRELIM INFO FROM FAA OPS: FLL/UAS INCIDENT/1215E/MIAMI APPROACH REPORT ADVISED A "
        "BLACK AND WHITE UAS AT 2,200 FEET 7 W OF FLL.\nUAS MOR Alert for MIA\n"
        "A/C: (E190)\nSummary: E190 WAS ON FINAL AND SAW A DRONE."
    )
    assert ex.aircraft_type == "E190"


def test_it_reads_short_and_long_routes():
    short = extract(
        "PRELIM INFO FROM FAA OPS: ORLANDO, FL/UAS INCIDENT/1306E/MCO ATCT ADVISED "
        "SOUTHWEST B737, HOU-MCO, REPORTED UAS WHILE ON A 4 MILE FINAL RWY 17L."
    )
    long = extract(
        "PRELIM INFO FROM FAA OPS: SAN JUAN, PUERTO RICO/UAS INCIDENT/1732L/SAN JUAN "
        "CERAP ADVISED , A20N, SANTO DOMINGO, DOMINICAN REPUBLIC (MDSD) - SAN JUAN, "
        "PUERTO RICO (TJSJ), AIRCRAFT OBSERVED A UAS AT 5,000 FEET 20 W SJU."
    )
    assert (short.route_origin, short.route_destination) == ("HOU", "MCO")
    assert (long.route_origin, long.route_destination) == ("MDSD", "TJSJ")


# --- position -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reference", "distance", "bearing"),
    [
        ("AT 2,500 FEET 14 ENE OF RDU.", "RDU", 14.0, "ENE"),
        ("AT 4,000 FEET 4.5 SSE PORTLAND-HILLSBORO ARPT.", "PORTLAND-HILLSBORO ARPT", 4.5, "SSE"),
        ("AT 800 FEET .25 TO .5 W MERRILL FIELD ARPT.", "MERRILL FIELD ARPT", 0.375, "W"),
        ("AT 6,000 FEET 21 SW NAPOLEON VOR.", "NAPOLEON VOR", 21.0, "SW"),
        ("AT 6,000 FEET 19 NNW  TREASURE VORTAC (TRV).", "TRV", 19.0, "NNW"),
        ("AT 4700 FEET, 8 WEST-NORTHWEST SNA.", "SNA", 8.0, "WNW"),
        ("A DRONE APPROX 3-4 SOUTH SOUTHWEST OF LGA AT ABOUT 2200FT", "LGA", 3.5, "SSW"),
        ("PASSING A UAS AT 800 FEET, 3SM SW OF KCIC.", "KCIC", 2.61, "SW"),
    ],
)
def test_it_reads_distance_bearing_reference_positions(text, reference, distance, bearing):
    pos = extract(
        f"PRELIM INFO FROM FAA OPS: X, ST/UAS INCIDENT/1200E/C172 REPORTED A UAS {text}"
    ).position
    assert pos is not None and pos.kind == "offset"
    assert (pos.reference, pos.distance_nm, pos.bearing) == (reference, distance, bearing)


def _position(narrative: str) -> Position:
    pos = extract(narrative).position
    assert pos is not None, f"no position read from {narrative!r}"
    return pos


def test_it_reads_runway_relative_positions():
    final = _position(LAX)
    departure = _position(
        "ON DEPARTURE FROM RWY 16R, REPORTED SEEING A SMALL UAS AT 500 FEET, "
        "1 MILE SW OF THE DEPARTURE END OF THE RUNWAY."
    )
    assert (final.kind, final.runway, final.distance_nm, final.runway_relation) == (
        "runway",
        "24R",
        12.0,
        "final",
    )
    assert final.reference == "LAX"  # the tower's airport
    assert (departure.runway, departure.distance_nm, departure.runway_relation) == (
        "16R",
        1.0,
        "departure",
    )


def test_it_reads_vicinity_overhead_and_coordinates():
    assert _position("REPORTED A UAS AT 6,000 FEET VCNTY BLACKWOOD.").reference == "BLACKWOOD"
    assert _position("OBSERVED A UAS OVER PRINCETON ARPT (39N) AT 3,500 FEET.").reference == "39N"
    coords = _position("THE LAT/LONG FOR THE UAS LOCATION WAS 3620N 9120W.")
    assert coords.kind == "coordinates"
    assert (coords.latitude, coords.longitude) == pytest.approx((36.3333, -91.3333), abs=1e-3)


def test_a_narrative_without_a_position_has_none():
    assert (
        extract("USSS REPORTED A UAS WITH LIGHTS OVER THE OLD EXECUTIVE BUILDING.").position is None
        or extract("USSS REPORTED A UAS.").position is None
    )


# --- altitude -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "feet"),
    [
        ("REPORTED A UAS AT 2,600 FEET WHILE ON A 12 MILE FINAL", 2600),
        ("REPORTED UAS WHILE E BOUND AT FL230 34 S WICHITA FALLS.", 23000),
        ("SEEING A PHANTOM QUADCOPTER UAS BETWEEN 800 - 1,000 FEET 1 N KENDALL", 900),  # midpoint
        ("REPORTED A UAS 500 FEET ABOVE ACFT WHILE SW BOUND AT 5,000 FEET 5 N HAMMONTON.", 5500),
        ("REPORTED A SILVER UAS 400 FEET BELOW AIRCRAFT POSITION OF 3,400 FEET", 3000),
        (
            "CESSNA C501, 50 N BPT AT FL200 REPORTED A UAS 2 FEET IN DIAMETER APPROXIMATELY 1,000 FEET "
            "BELOW.",
            19000,
        ),
        ("CIRRUS SR22, AT 2,000 FEET OBSERVED UAS 300 FEET BELOW 3.5 W FARMINGDALE.", 1700),
        (
            "REPORTED A WHITE UAS HOVERING AT 500 FEET WHILE DEPARTING RUNWAY 10L E BOUND AT 1,000 FEET",
            500,
        ),
        ("REPORTED UAS 500 FEET OVERHEAD WHILE S BOUND AT 3,300 FEET 6 MILE FINAL", 3800),
        ("REPORTED UAS FROM THE 3 O'CLOCK WHILE S BOUND AT 1,500 4 N TEB.", 1500),
        ("OBSERVED A UAS PASS OFF LEFT SIDE OF ACFT AT 9.500 FEET VCNTY NAPA, CA.", 9500),
    ],
)
def test_it_reads_the_drones_altitude(text, feet):
    assert extract(text).altitude_ft == feet


def test_unknown_altitude_is_none_and_agl_is_kept():
    assert (
        extract(
            "REPORTED 3 REMOTE CONTROL HELICOPTERS OPERATING 1.5 E CRQ, ALTITUDE UNKN."
        ).altitude_ft
        is None
    )
    agl = extract("PILOT REPORTED BLACK DRONE OFF HIS RIGHT WHILE ON CROSSWIND AT 800 FEET AGL")
    assert (agl.altitude_ft, agl.altitude_reference) == (800, "AGL")


# --- proximity ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "feet"),
    [
        ("POSSIBLE UAS PASSED 100 FEET FROM ACFT AT 6,000 FEET VCNTY BLACKWOOD.", 100),
        ("A C172 REPORTED A UAS 2 FT OFF RIGHT WING 2 NE OF DENVER.", 2),
        ("OBSERVED A UAS WITHIN 200 YARDS AT THE SAME ALTITUDE.", 600),
        ("REPORTED A UAS 1,000 FEET BELOW ACFT OFF LEFT SIDE WHILE AT FL200", 1000),
        ("PILOT REPORTED THE UAS CAME WITHIN 500 FEET OF THE ACFT.", 500),
        ("C182 REPORTED A YELLOW DRONE PASSED OFF OF THE LEFT WING BY 50 FEET.", 50),
        ("CLOSEST PROXIMITY WAS 400 FEET.", 400),
        ("A QUADCOPTER UAS 20FT-30FT OFF OF HIS WING", 20),  # the closest figure of a range
        ("A WHITE QUADCOPTER PASSED ABOUT 50 M BELOW US ON FINAL TO RUNWAY 27L", 164),
        ("DRONE PASSED AROUND 1OO FEET OFF THE RIGHT SIDE OF THE AIRCRAFT", 100),
    ],
)
def test_it_reads_the_closest_stated_proximity(text, feet):
    assert extract(text).proximity_ft == feet


def test_distances_that_are_not_separations_are_not_proximities():
    assert (
        extract("REPORTED A UAS 2 FEET IN DIAMETER AT 6,000 FEET 4 SE WICHITA.").proximity_ft
        is None
    )
    assert (
        extract(
            "GLEX REPORTED A DRONE AT 1300 FEET 8 MILES AWAY FROM TETERBORO AIRPORT."
        ).proximity_ft
        is None
    )
    assert extract("B737 ON THE FINAL WITHIN 1/2 MILE CENTERLINE AT 700 FT.").proximity_ft is None


# --- evasive action, NMAC, encounter class -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NO EVASIVE ACTION TAKEN.", "no"),
        ("NO EVASIVE ACTON TAKEN.", "no"),
        ("EVASIVE ACTION NOT TAKEN.", "no"),
        ("NO CONFLICTS REPORTED.", "no"),
        ("THE PILOT DID NOT TAKE ANY EVASIVE ACTION.", "no"),
        ("PILOT REPORTED HE DID NOT HAVE TIME TO TAKE EVASIVE ACTION.", "no"),
        ("PILOT DID NOT INDICATE HE NEEDED TO TAKE EVASIVE MANEUVERS.", "no"),
        ("UNKN IF ANY EVASIVE ACTION TAKEN.", "unknown"),
        ("EVASIVE ACTION AND LEO NOTIFICATION NOT REPORTED.", "unknown"),
        ("THE PILOT HAD TO TAKE EVASIVE ACTION (HARD TURN TO THE RIGHT) TO AVOID THE UAS.", "yes"),
        ("ACFT DEVIATED SLIGHTLY LEFT TO AVOID UAS.", "yes"),
        ("ACFT CLIMBED 100 FEET TO AVOID UAS.", "yes"),
        ("ACFT TURNED 60 DEGREES RIGHT TO AVOID UAS.", "yes"),
        ("LAPD NOTIFIED.", "not_stated"),
    ],
)
def test_it_classifies_evasive_action(text, expected):
    assert extract(f"B737 REPORTED A UAS AT 3,000 FEET. {text}").evasive_action == expected


def test_nmac_is_read_and_its_negations_are_not():
    assert extract("TEXAN 2, T6, REPORTED NMAC WITH UAS, 4 S CAIRNS AAF AIRPORT.").nmac
    assert not extract("B738 SAW A WHITE DRONE 5 MILES ENE OF LAS. NO NMAC.").nmac
    assert not extract("HELO SAW A DRONE. THIS EVENT WAS NOT REFERRED TO AS A NMAC.").nmac
    assert not extract(
        "UAS MOR Alert for PAE\nType: Public inquiry or concern (including all "
        "pilot reported NMACs)\nSummary: A/C REPORTED SEEING A SMALL DRONE."
    ).nmac


def test_encounter_class_follows_the_design_vocabulary():
    assert (
        encounter_class(proximity_ft=500, nmac=False, evasive_action="no", dangerously_close=False)
        == "close_encounter"
    )
    assert (
        encounter_class(proximity_ft=501, nmac=False, evasive_action="no", dangerously_close=False)
        == "sighting"
    )
    assert extract("PILOT STATED THAT UAS ALMOST HIT ACFT.").encounter_class == "close_encounter"
    assert (
        extract("E45X REPORTED BARELY MISSING A DRONE AT 165.").encounter_class == "close_encounter"
    )
    assert extract("THE UAS EVENT WAS NOT CONSIDERED A CLOSE CALL.").encounter_class == "sighting"


def test_nmac_hazard_bands():
    assert nmac_hazard(proximity_ft=50, nmac=False) == "critical"
    assert nmac_hazard(proximity_ft=300, nmac=False) == "potential"
    assert nmac_hazard(proximity_ft=500, nmac=False) == "none"
    assert nmac_hazard(proximity_ft=None, nmac=True) == "potential"


# --- the drone, law enforcement, who was involved, phase ----------------------------------


def test_it_describes_the_drone():
    ex = extract("REPORTED 2 WHITE/RED QUAD-COPTER UAS WITH A SINGLE RED LIGHT AT 700 FEET.")
    assert ex.drone_count == 2 and ex.drone_type == "multirotor" and ex.lights is True
    assert ex.drone_colours == ("white", "red")
    assert extract("A RED REMOTE CONTROLLED MODEL PLANE WAS OBSERVED").drone_type == "fixed_wing"
    assert extract("UAS HAD NO LIGHTS.").lights is False


def test_law_enforcement_notified_yes_no_unknown():
    assert extract("B737 SAW A UAS. NYPD AVIATION UNIT NOTIFIED.").law_enforcement_notified is True
    assert extract("B737 SAW A UAS. LEO NOT NOTIFIED.").law_enforcement_notified is False
    assert extract("B737 SAW A UAS. UNKN IF LEO NOTIFIED.").law_enforcement_notified is None


def test_ground_security_and_accident_reports_involve_no_aircraft():
    assert not extract(
        "PRELIM INFO FROM FAA OPS: WOLF TRAP, VA/UAS INCIDENT/1648E/NCRCC ADVISED "
        "A CITIZEN REPORTED TWO INDIVIDUALS FLYING A UAS VCNTY WOLF TRAP. NO ACFT "
        "INVOLVED."
    ).aircraft_involved
    accident = extract(
        "PRELIM INFO FROM FAA OPS: TOLLESON, AZ/UAS INCIDENT-ACCIDENT/LATE REPORT "
        "- 0949M/W-ROC ADVISED, MK30, AMAZON DRONE STRUCK A STATIONARY CRANE."
    )
    assert not accident.aircraft_involved and accident.aircraft_type is None
    assert extract(LAX).aircraft_involved


@pytest.mark.parametrize(
    ("text", "phase"),
    [
        (LAX, "final"),
        (
            "PRELIM INFO FROM FAA OPS: X, ST/UAS INCIDENT/1200E/B752 DPTD MIA, DEPARTING RWY 9, "
            "REPORTED A UAS.",
            "departure",
        ),
        (
            "PRELIM INFO FROM FAA OPS: ATLANTA, GA/UAS SIGHTING/1841E/PDK ATCT ADVISED, BEECH BE40, "
            "BWI - PDK, REPORTED UAS WHILE NNE BOUND AT 200 FEET 1 SSW PDK.",
            "approach",
        ),
        (
            "PRELIM INFO FROM FAA OPS: MEMPHIS, TN/UAS SIGHTING/1510C/MEMPHIS TRACON ADVISED, B763, "
            "MEM - JFK, REPORTED A BLACK UAS WHILE SSE BOUND AT 2,500 FEET 6 SSE MEM.",
            "departure",
        ),
        ("REPORTED UAS WHILE E BOUND AT FL230 34 S WICHITA FALLS.", "cruise"),
        (
            "A319, FLL - LBE, WHILE ON RAMP REPORTED UAS PASS OVER THE AREA AT APPROX 100 FEET.",
            "taxi",
        ),
        ("SOCAL APPROACH ADVISED C172 REPORTED A UAS AT 3,000 FEET.", "unknown"),
    ],
)
def test_it_reads_or_infers_the_flight_phase(text, phase):
    assert extract(text).flight_phase == phase


def test_plain_english_reports_are_read_like_faa_ones():
    ex = extract(
        "A white quadcopter passed about 50 m below us on final to runway 27L. "
        "We didn't take evasive action."
    )
    assert ex.proximity_ft == 164 and ex.flight_phase == "final"
    assert ex.encounter_class == "close_encounter" and ex.nmac_hazard == "potential"
    assert ex.evasive_action == "no" and ex.drone_colours == ("white",)
    assert ex.position is not None and ex.position.runway == "27L"


@pytest.mark.parametrize(
    ("text", "proximity", "aircraft"),
    [
        # The newcomer's report (issue 14): it was stored as 400 ft with no aircraft type.
        ("The drone came within 200 ft of an A320 on final.", 200, "A320"),
        ("Flying my C172 when a drone passed about 100 feet below us.", 100, "C172"),
        ("A grey drone flew across the nose of our B738, maybe 300 ft away.", 300, "B738"),
    ],
)
def test_plain_english_names_the_aircraft_after_an_article(text, proximity, aircraft):
    ex = extract(text)
    assert (ex.proximity_ft, ex.aircraft_type) == (proximity, aircraft)


def test_the_extraction_serialises_to_plain_json():
    data = extract(LAX).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["position"]["runway"] == "24R" and data["position_text"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_any_text_gives_an_extraction_never_an_exception(text):
    assert isinstance(extract(text), Extraction)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "PRELIM INFO FROM FAA OPS:",
                "LAX/",
                "UAS INCIDENT/",
                "1057P/",
                "ADVISED",
                ",",
                "B738",
                "REPORTED",
                "A UAS",
                "AT",
                "2,600",
                "FEET",
                "FL",
                "12",
                "MILE",
                "FINAL",
                "RUNWAY",
                "24R",
                "7 SW",
                "VCNTY",
                "BELOW",
                "ABOVE",
                "WITHIN",
                "YARDS",
                "OFF",
                "LEFT SIDE",
                "NO EVASIVE",
                "NMAC",
                "MOR Alert for",
                "Summary:",
                "A/C: (",
                ")",
                "-",
                "/",
                ".",
                "1/2",
                "0",
                "99999",
            ]
        ),
        max_size=40,
    )
)
def test_grammar_shaped_noise_never_raises(words):
    assert isinstance(extract(" ".join(words)), Extraction)


# --- accuracy on the hand-labelled FAA rows ------------------------------------------------


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "faa_accuracy", ROOT / "bench" / "faa_accuracy.py"
    )
    assert spec is not None and spec.loader is not None, "bench/faa_accuracy.py cannot be loaded"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.faa
def test_field_accuracy_on_labelled_faa_rows_stays_at_or_above_95_percent():
    require_shared_data("airports", "ourairports_runways.csv")
    bench = _bench()
    result = bench.evaluate(bench.load_labels(), bench.load_reference())
    low = {
        field: f"{right}/{scored}"
        for field, (right, scored) in result["scores"].items()
        if field in bench.FIELDS and right < 0.95 * scored
    }
    assert not low, (
        f"accuracy fell below 95% for {low}; run .venv/bin/python "
        f"bench/faa_accuracy.py to see the misses"
    )


def test_the_labels_cover_every_year_with_self_contained_rows():
    rows = [
        json.loads(line)
        for line in (ROOT / "tests" / "data" / "faa_labels.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    assert len(rows) >= 200
    years = {row["date"][:4] for row in rows if row["date"][:4].isdigit()}
    years |= {row["date"][-4:] for row in rows if row["date"][-4:].isdigit()}
    assert {str(y) for y in range(2014, 2026)} <= years
    assert all(row["narrative"] and "labels" in row for row in rows)
