"""``geo.locate``: every way people write a position, and never a crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.geodesy import inverse
from geo.locate import LocateError, Location, Method, locate
from geo.reference import ReferenceData
from tests.geo.factories import NAVAIDS, RUNWAYS


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return ReferenceData.build(runways=RUNWAYS, navaids=NAVAIDS)


def _offset(loc: Location, lat: float, lon: float) -> tuple[float, float]:
    """(bearing from (lat, lon) to loc in degrees, distance NM)."""
    b, d = inverse(lat, lon, loc.latitude, loc.longitude)
    return float(b), float(d)


LAX = (33.942496, -118.408049)


@pytest.mark.parametrize(
    ("text", "lat", "lon", "unc_max"),
    [
        ("51.47, -0.4543", 51.47, -0.4543, 1.0),
        ("40.6413 N 73.7781 W", 40.6413, -73.7781, 0.1),
        ("51°28'12\"N 0°27'15\"W", 51.47, -0.454167, 0.1),
        ("51 28 12 N 000 27 15 W", 51.47, -0.454167, 0.1),
        ("51º28′12″N, 0º27′15″W", 51.47, -0.454167, 0.1),
        ("N5106 W00013", 51.1, -0.216667, 1.0),
        ("510600N 0001300W", 51.1, -0.216667, 0.1),
        ("drone hovering at 51.4700 -0.4543, white", 51.47, -0.4543, 0.1),
    ],
)
def test_it_reads_coordinates_in_every_common_notation(ref, text, lat, lon, unc_max):
    loc = locate(text, reference=ref)
    assert loc.method == "coordinates"
    assert (loc.latitude, loc.longitude) == pytest.approx((lat, lon), abs=1e-5)
    assert loc.uncertainty_nm <= unc_max


def test_it_refuses_a_latitude_beyond_the_pole(ref):
    with pytest.raises(LocateError, match="latitude"):
        locate("95.0, 10.0", reference=ref)


@pytest.mark.parametrize(
    ("text", "kwargs", "code"),
    [
        ("LAX", {}, "LAX"),
        ("EGLL", {}, "LHR"),
        ("TEB", {"state": "NJ"}, "TEB"),
        ("Frankfurt Airport", {}, "FRA"),
        ("Toronto Pearson", {}, "YYZ"),
        ("CAIRNS AAF AIRPORT", {"state": "ALABAMA"}, "OZR"),
        ("MERRILL FIELD ARPT", {"state": "Alaska"}, "MRI"),
        ("TACOMA NARROWS ARPT (TIW)", {}, "TIW"),
        ("Heathrow", {}, "LHR"),
    ],
)
def test_it_finds_aerodromes_by_code_and_by_name(ref, text, kwargs, code):
    loc = locate(text, reference=ref, **kwargs)
    assert (loc.method, loc.aerodrome) == ("aerodrome", code)


def test_anx_in_faa_text_is_the_napoleon_vor_not_andoya(ref):
    loc = locate("10 N ANX", state="MISSOURI", reference=ref)
    assert loc.method == "navaid_relative" and "ANX" in loc.reference
    assert loc.latitude == pytest.approx(39.0954 + 10 / 60, abs=0.01)


@pytest.mark.parametrize(
    ("text", "kwargs", "bearing", "dist"),
    [
        ("7 SW LAX", {}, 225.0, 7.0),
        ("14 ENE OF RDU", {}, 67.5, 14.0),
        ("2 NM SE of EGLL", {}, 135.0, 2.0),
        ("2nm south-east of Heathrow", {}, 135.0, 2.0),
        ("10 km east of Schiphol", {}, 90.0, 10 / 1.852),
        # Mixed-case public text: "miles" are statute miles.
        ("5 miles north of Gatwick airport", {}, 0.0, 5 * 0.868976),
        # All-capitals aviation text: "MILES" are nautical.
        ("5 MILES N OF LGW", {"country": "GB"}, 0.0, 5.0),
        ("LGW 260°/1NM", {}, 260.0, 1.0),
        ("EGCC 090/4", {}, 90.0, 4.0),
        ("THE UAS WAS 3 W OF TEB ARPT.", {"state": "NJ"}, 270.0, 3.0),
    ],
)
def test_it_offsets_from_aerodromes_by_bearing_and_distance(ref, text, kwargs, bearing, dist):
    loc = locate(text, reference=ref, **kwargs)
    assert loc.method == "aerodrome_relative"
    # MAN is Manchester's IATA code and also a US LID: read it as IATA here.
    a = ref.aerodromes.by_iata.get(loc.aerodrome) or ref.aerodromes.lookup(loc.aerodrome)
    b, d = _offset(loc, a.latitude, a.longitude)
    assert d == pytest.approx(dist, abs=0.02)
    assert b == pytest.approx(bearing, abs=0.5)
    assert loc.uncertainty_nm >= 0.2 * dist


def test_a_range_gives_the_midpoint_and_a_wider_radius(ref):
    ranged = locate(".25 TO .5 W MERRILL FIELD ARPT", state="ALASKA", reference=ref)
    single = locate(".375 W MERRILL FIELD ARPT", state="ALASKA", reference=ref)
    assert ranged.aerodrome == "MRI"
    assert (ranged.latitude, ranged.longitude) == pytest.approx(
        (single.latitude, single.longitude), abs=1e-6
    )
    assert ranged.uncertainty_nm > single.uncertainty_nm


def test_vicinity_of_a_code(ref):
    loc = locate("VCNTY SBY", state="MD", reference=ref)
    assert (loc.method, loc.aerodrome) == ("aerodrome_vicinity", "SBY")
    assert loc.uncertainty_nm >= 3


def test_a_code_from_another_state_gives_way_to_a_consistent_one(ref):
    loc = locate("VCNTY SLB", city="SALISBURY", state="MARYLAND", reference=ref)
    assert loc.aerodrome == "SBY", "SLB is Storm Lake, Iowa"
    assert "SLB" in loc.note and "SBY" in loc.note


def test_washington_airports_fit_virginia_and_maryland_reports(ref):
    assert locate("5 W IAD", state="VIRGINIA", reference=ref).note == ""
    loc = locate("16 SE DCA", city="WASHINGTON", state="DC", reference=ref)
    assert loc.aerodrome == "DCA" and loc.note == ""


@pytest.mark.parametrize(
    ("text", "state", "ident"),
    [
        ("21 SW NAPOLEON VOR", "MISSOURI", "Napoleon"),
        ("6.3 NW SEAL BEACH VOR", "CALIFORNIA", "Seal Beach"),
    ],
)
def test_it_offsets_from_navaids_by_name(ref, text, state, ident):
    loc = locate(text, state=state, reference=ref)
    assert loc.method == "navaid_relative" and ident in loc.reference
    assert loc.longitude < 0, "the US navaid, not the Brazilian SLI"


def test_twelve_mile_final_is_out_along_the_reciprocal_of_the_runway(ref):
    text = (
        "PRELIM INFO FROM FAA OPS: LOS ANGELES, CA/UAS INCIDENT/1057P/LAX ATCT ADVISED "
        "MESA 5400, CRJ9, REPORTED A UAS AT 2,600 FEET WHILE ON A 12 MILE FINAL FOR "
        "RUNWAY 24R. NO EVASIVE ACTION REPORTED."
    )
    loc = locate(text, city="LOS ANGELES", state="CALIFORNIA", reference=ref)
    assert loc.method == "runway_relative" and loc.reference == "LAX RWY 24R"
    b, d = _offset(loc, 33.952112, -118.401954)  # from the 24R threshold
    assert d == pytest.approx(12.0, abs=0.01)
    assert b == pytest.approx(83.2, abs=1.0)  # landing heading 263 -> approach from 083


def test_final_at_a_named_aerodrome_in_free_text(ref):
    loc = locate("6 NM final runway 27L at Heathrow", reference=ref)
    b, d = _offset(loc, 51.464957, -0.434048)
    assert loc.aerodrome == "LHR" and d == pytest.approx(6.0, abs=0.01)
    assert b == pytest.approx(90.0, abs=1.0)


def test_three_mile_final_uses_the_reports_city_to_find_the_aerodrome(ref):
    loc = locate("ON 3 MILE FINAL RUNWAY 24R", city="LOS ANGELES", state="CA", reference=ref)
    assert loc.reference == "LAX RWY 24R"


def test_off_the_departure_end_is_beyond_the_far_threshold(ref):
    loc = locate(
        "OFF THE DEPARTURE END OF RUNWAY 19R", city="SAN FRANCISCO", state="CA", reference=ref
    )
    b, d = _offset(loc, 37.6077, -122.383)  # the 1L threshold is 19R's far end
    assert loc.method == "runway_relative"
    assert d == pytest.approx(0.5, abs=0.01) and b == pytest.approx(208, abs=2)


def test_it_offsets_from_a_city_in_the_reports_state(ref):
    loc = locate("20 S FORT MYERS", state="FLORIDA", reference=ref)
    assert loc.method == "place_relative" and "Fort Myers" in loc.reference
    b, d = _offset(loc, 26.62168, -81.84059)
    assert d == pytest.approx(20.0, abs=0.3) and b == pytest.approx(180, abs=2)


@pytest.mark.parametrize(
    ("city", "state", "lat", "lon"),
    [
        ("TEETERBORO", "NEW JERSEY", 40.85, -74.06),
        ("RALEIGH/DURHAM", "NC", 35.88, -78.79),
        ("FT. LAUDERDALE", "Florida", 26.12, -80.14),
        ("SAINT LOUIS", "MO", 38.63, -90.20),
        ("TUSCON", "ARIZONA", 32.22, -110.93),
        ("BEDFORD", "Massachusetts", 42.49, -71.28),
    ],
)
def test_report_city_and_state_alone_resolve(ref, city, state, lat, lon):
    loc = locate("", city=city, state=state, reference=ref)
    assert loc.method == "place"
    assert (loc.latitude, loc.longitude) == pytest.approx((lat, lon), abs=0.1)


def test_the_faa_header_city_is_a_fallback(ref):
    loc = locate(
        "PRELIM INFO FROM FAA OPS: BOISE, ID/UAS SIGHTING/1200M/BOISE ATCT ADVISED,"
        " A320, REPORTED A UAS. NO EVASIVE ACTION TAKEN.",
        reference=ref,
    )
    assert loc.method == "place" and "Boise" in loc.reference


def test_a_dropped_minus_sign_is_repaired_from_the_reports_place(ref):
    loc = locate("7 SW HARTFORD (41.3802/072.4240)", city="HARTFORD", state="CT", reference=ref)
    assert loc.longitude == pytest.approx(-72.424) and "west" in loc.note


def test_nonsense_is_a_locate_error_with_a_reason(ref):
    with pytest.raises(LocateError, match="could not find"):
        locate("somewhere over the rainbow", reference=ref)
    with pytest.raises(LocateError, match="no location"):
        locate("   ", reference=ref)


def test_the_aerodromes_argument_still_works():
    from geo.aerodromes import load_aerodromes

    assert locate("KJFK", aerodromes=load_aerodromes()).aerodrome == "JFK"


_words = st.sampled_from(
    [
        "7",
        ".5",
        "TO",
        "SW",
        "N",
        "OF",
        "LAX",
        "RUNWAY",
        "24R",
        "FINAL",
        "MILE",
        "VCNTY",
        "VOR",
        "NAPOLEON",
        "°",
        "/",
        "51.4",
        "-0.45",
        "N51",
        "ARPT",
        "(TIW)",
        "km",
        "miles",
        "Heathrow",
        "OPS:",
        ",",
        "ST.",
        "",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(st.text(max_size=200), st.lists(_words, max_size=12).map(" ".join)),
    city=st.text(max_size=40),
    state=st.one_of(
        st.text(max_size=20),
        st.sampled_from(["NY", "New Jersey", "Louisana", "DC", "PUERTO RICO", ""]),
    ),
)
def test_any_text_gives_a_location_or_a_locate_error(ref, text, city, state):
    try:
        loc = locate(text, city=city, state=state, reference=ref)
    except LocateError:
        return
    assert -90 <= loc.latitude <= 90 and -180 <= loc.longitude <= 180
    assert loc.uncertainty_nm >= 0


def test_a_us_report_never_lands_abroad_through_a_code_collision():
    from geo.locate import locate

    # RBV is Ramata (Solomon Islands) in the IATA table; the report is from New Jersey.
    found = locate("5 SW RBV", city="ROBBINSVILLE", state="NJ")
    assert 38.5 < found.latitude < 41.5 and -76.0 < found.longitude < -73.5


def test_without_runway_data_a_runway_phrase_lands_on_its_aerodrome_not_the_city():
    from geo.locate import locate

    found = locate("12 MILE FINAL FOR RUNWAY 24R AT LAX", city="LOS ANGELES", state="CA")
    assert found.method == "aerodrome" and found.reference == "LAX"
    assert found.uncertainty_nm >= 12  # the stated distance, direction unknown


def test_a_location_refuses_a_method_that_would_be_stored_misspelt():
    # location_method is stored and filtered on: a typo must fail here, not land in the table.
    with pytest.raises(ValueError, match="aerodrome_relativ"):
        Location(latitude=1.0, longitude=2.0, method="aerodrome_relativ", uncertainty_nm=1.0)
    found = Location(latitude=1.0, longitude=2.0, method="place", uncertainty_nm=1.0)
    assert found.method is Method.PLACE and found.method == "place"


def test_a_location_is_built_with_keywords_only():
    # Five numbers and strings in a row are easy to swap (latitude/longitude, note/aerodrome).
    with pytest.raises(TypeError):
        Location(1.0, 2.0, Method.PLACE, 1.0)  # type: ignore[call-arg]
