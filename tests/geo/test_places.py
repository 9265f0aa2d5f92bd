"""The offline gazetteer and reverse geocoder."""

from __future__ import annotations

import pytest

from geo.places import canonical, load_gazetteer, name_variants
from geo.reverse import load_reverse_geocoder


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_saint_fort_and_punctuation_meet_in_one_canonical_form():
    assert canonical("St. Louis") == canonical("SAINT LOUIS") == canonical("ST LOUIS")
    assert canonical("Ft. Myers") == canonical("FORT MYERS")
    assert canonical("Coeur d'Alene") == canonical("COEUR DALENE")


def test_variants_split_slashes_and_brackets():
    assert name_variants("RALEIGH/DURHAM")[:3] == ["RALEIGH DURHAM", "RALEIGH", "DURHAM"]
    assert "GROTON" in name_variants("GROTON (NEW LONDON)")


@pytest.mark.parametrize(
    ("state", "code"),
    [
        ("New York", "NY"),
        ("NEW YORK", "NY"),
        ("ny", "NY"),
        ("Louisana", "LA"),
        ("MS15", "MS"),
        ("District of Columbia", "DC"),
        ("PUERTO RICO", "PR"),
        ("Ontario", ""),
        ("", ""),
    ],
)
def test_state_names_codes_and_typos_become_usps_codes(gazetteer, state, code):
    assert gazetteer.state_code(state) == code


def test_the_same_name_in_different_states_is_told_apart(gazetteer):
    portland_me = gazetteer.lookup("PORTLAND", state="MAINE")
    portland_or = gazetteer.lookup("PORTLAND", state="OREGON")
    assert portland_me.longitude > -72 and portland_or.longitude < -120


def test_aerodrome_towns_missing_from_geonames_are_found(gazetteer):
    assert gazetteer.lookup("TETERBORO", state="NJ").region == "NJ"
    assert gazetteer.lookup("WINDSOR LOCKS", state="CONNECTICUT") is not None


def test_typos_are_matched_within_the_state_only(gazetteer):
    assert gazetteer.lookup("TEETERBORO", state="NJ").name == "Teterboro"
    assert gazetteer.lookup("TUSCON", state="AZ").name == "Tucson"
    assert gazetteer.lookup("TEETERBORO", state="NJ", fuzzy=False) is None


def test_without_a_state_the_largest_city_wins(gazetteer):
    assert gazetteer.lookup("London").country == "GB"
    assert gazetteer.lookup("London", country="CA").country == "CA"


def test_reverse_geocoding_gives_country_region_and_locality():
    result = load_reverse_geocoder().lookup(
        [51.47, 52.30, 40.64, 0.0], [-0.45, -3.70, -73.78, -30.0]
    )
    assert result.country_code.tolist() == ["GB", "GB", "US", ""]
    assert result.region.tolist()[:3] == ["England", "Wales", "New York"]
    assert result.locality[0] != "" and result.locality[3] == ""
