"""Issue 11: what a measurement measures, separations in any wording, avoidance verbs,
radial/DME fixes, and the span of narrative each fact was read from."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from geo.narrative import extract
from tests.conftest import require_shared_data

ROOT = Path(__file__).resolve().parents[2]
HEAD = "PRELIM INFO FROM FAA OPS: DENVER, CO/UAS INCIDENT/1138M/DENVER TRACON ADVISED C172, "


@pytest.mark.parametrize(
    "text",
    [
        "REPORTED A 2 FOOT BY 2 FOOT WHITE UAS WHILE E BOUND AT 6,000 FEET 22 SW TOL.",
        "REPORTED A UAS 6 FEET IN LENGTH WHILE E BOUND AT 6,000 FEET.",
        "REPORTED A BLACK UAS APPROXIMATELY 2 FT TALL WHILE W BOUND AT 6,000 FEET.",
        "REPORTED A UAS WITH A WINGSPAN OF 8 FEET WHILE W BOUND AT 6,000 FEET.",
        "REPORTED A 3' X 3' UAS WHILE W BOUND AT 6,000 FEET.",
        "REPORTED A 1 FOOT BLACK UAS WHILE W BOUND AT 6,000 FEET.",
    ],
)
def test_a_drones_size_is_never_its_altitude_or_its_distance(text):
    ex = extract(HEAD + text)
    assert ex.altitude_ft == 6000
    assert ex.proximity_ft is None


def test_a_size_beside_a_separation_leaves_the_separation():
    ex = extract(HEAD + "REPORTED A UAS 2 FEET IN DIAMETER APPROXIMATELY 1,000 FEET BELOW.")
    assert ex.proximity_ft == 1000


@pytest.mark.parametrize(
    ("text", "feet"),
    [
        ("REPORTED A BLUE UAS MISSED ACFT BY 50 FEET AT 14,000 FEET.", 50),
        ("REPORTED PASSING WITHIN 1,000 FEET OF A BLACK AND BURGUNDY UAS AT 14,000 FEET.", 1000),
        ("UAS CAME WITHIN 200 FEET OF BOTH ACFT. NO EVASIVE ACTION REPORTED.", 200),
        ("REPORTED A UAS. CLOSEST PROXIMITY ESTIMATED 200 FEET. NO INJURIES REPORTED.", 200),
        ("REPORTED A UAS PASSED WITHIN 15 FEET OF IT AT 3,000 FEET.", 15),
        ("REPORTED A UAS PASSED 50 METERS AND HE DID NOT HAVE TO MOVE.", 164),
        ("PILOT PASSED OVER UAS BY A FEW HUNDRED FEET AT 2,300 FEET.", 300),
        ("SAID THE DRONE ALMOST HIT THE AIRCRAFT AND MISSED BY SINGLE DIGIT FEET.", 5),
        ("REPORTED A UAS TWO HUNDRED FEET BELOW THE ACFT.", 200),
        ("REPORTED A UAS 100 YARDS LEFT OF ACFT WHILE SW BOUND AT 7,500 FEET.", 300),
        ("REPORTED A UAS 500 FEET ON LEFT SIDE WHILE INBOUND.", 500),
    ],
)
def test_explicit_separation_is_read_in_any_wording(text, feet):
    assert extract(HEAD + text).proximity_ft == feet


@pytest.mark.parametrize(
    "text",
    [
        "REPORTED A UAS WITHIN 1 MILE OF THE RUNWAY AT 400 FEET.",
        "REPORTED A UAS 1,500 FEET OFF THE DEPARTURE END OF RUNWAY 34 AT 400 FEET.",
        "REPORTED A UAS AT 9,500 FEET OFF RIGHT SIDE OF ACFT WHILE EASTBOUND AT 11,000 FEET.",
        "REPORTED A UAS 500 FEET ABOVE THE GROUND.",
    ],
)
def test_distances_from_places_and_heights_are_not_separations(text):
    assert extract(HEAD + text).proximity_ft is None


@pytest.mark.parametrize(
    "sentence",
    [
        "PILOT CONDUCTED HARD TURN TO AVOID UAS.",
        "HE SAW IT AND DESCENDED TO AVOID IT.",
        "ACFT MADE A SLIGHT DEVIATION TO AVOID UAS.",
        "PILOT BANKED LEFT TO AVOID THE DRONE.",
        "AN IMMEDIATE CLIMB WAS REQUIRED TO AVOID THE UAS.",
        "PILOT HAD TO DUCK/DIVE TO MISS DRONE.",
        "CREW PULLED UP TO AVOID THE UAS. NO EVASIVE ACTION TAKEN.",
    ],
)
def test_avoidance_without_the_word_evasive_is_evasive_action(sentence):
    ex = extract(HEAD + "REPORTED A UAS WHILE N BOUND AT 3,000 FEET. " + sentence)
    assert ex.evasive_action == "yes"
    assert ex.encounter_class == "close_encounter"


@pytest.mark.parametrize(
    "sentence",
    [
        "ACFT DID NOT HAVE TO MANEUVER TO AVOID THE UAS.",
        "ATC MANEUVERED MULTIPLE ACFT FROM AREA TO AVOID UAS.",
        "PILOT TURNED RIGHT TO AVOID THE TRAFFIC.",
    ],
)
def test_denied_or_someone_elses_manoeuvres_are_not_evasive_action(sentence):
    ex = extract(HEAD + "REPORTED A UAS WHILE N BOUND AT 3,000 FEET. " + sentence)
    assert ex.evasive_action != "yes"


def test_a_radial_dme_fix_is_a_position():
    ex = extract("MOR ALERT FOR ATL\nSUMMARY: B738 AT 3,000 FEET ATL125011 REPORTED A DRONE.")
    pos = ex.position
    assert pos is not None and pos.kind == "offset"
    assert (pos.reference, pos.distance_nm, pos.bearing_deg, pos.text) == (
        "ATL",
        11.0,
        125.0,
        "ATL125011",
    )


def test_every_fact_carries_the_span_of_the_narrative_it_was_read_from():
    narrative = (
        "PRELIM INFO FROM FAA OPS:  Denver, CO/UAS INCIDENT/1138M/DENVER TRACON ADVISED "
        "C172,_x000D_ reported a 2 foot by 2 foot  uas two hundred feet below acft while "
        "n bound at 6,000 feet 7 SW DEN. Pilot banked left to avoid the uas. DEN PD notified."
    )
    ex = extract(narrative)
    read = {field: narrative[start:end] for field, (start, end) in ex.spans.items()}
    assert read["proximity_ft"] == "two hundred feet below"
    assert read["altitude_ft"].endswith("6,000 feet")
    assert read["position"] == "7 SW DEN"
    assert read["aircraft_type"] == "C172"
    assert read["local_time"] == "1138"
    assert read["evasive_action"].startswith("banked left to avoid")
    assert ex.to_dict()["spans"]["position"] == list(ex.spans["position"])


def test_spans_hold_in_the_mor_block():
    narrative = (
        "PRELIM INFO FROM FAA OPS: X, CO/UAS INCIDENT/1138M/ZDV ADVISED B738 REPORTED A UAS."
        "\n\nMOR Alert for DEN\nType: Other\nSummary: drone passed   within 50 ft of the "
        "wing at 8,000 ft."
    )
    ex = extract(narrative)
    start, end = ex.spans["proximity_ft"]
    assert narrative[start:end] == "within 50 ft of"
    assert ex.proximity_ft == 50


# --- the accuracy targets ---------------------------------------------------------------


def _bench(name: str) -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None, f"bench/{name}.py cannot be loaded"
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # (dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def accuracy() -> dict[str, object]:
    require_shared_data("airports", "ourairports_runways.csv")
    bench = _bench("faa_accuracy")
    ref = bench.load_reference()
    return {
        "bench": bench,
        "holdout": bench.evaluate(bench.load_labels(bench.HOLDOUT), ref),
        "dev": bench.evaluate(bench.load_labels(), ref),
    }


# The floors measured with the issue-11 extractor (README): a change that loses a field on the
# development set, or falls below these on the random sample, fails the build.
DEV_FLOOR = {
    "position": 166,
    "altitude_ft": 201,
    "proximity_ft": 203,
    "aircraft_type": 203,
    "evasive_action": 204,
    "encounter_class": 204,
}
HOLDOUT_FLOOR = {
    "position": 212,
    "altitude_ft": 272,
    "proximity_ft": 282,
    "aircraft_type": 287,
    "evasive_action": 292,
    "encounter_class": 289,
}


@pytest.mark.faa
def test_no_field_falls_on_the_development_set(accuracy):
    low = {
        f: accuracy["dev"]["scores"][f]
        for f, n in DEV_FLOOR.items()
        if accuracy["dev"]["scores"][f][0] < n
    }
    assert not low, f"development accuracy fell: {low}; run bench/faa_accuracy.py --misses"


@pytest.mark.faa
def test_no_field_falls_on_the_random_sample(accuracy):
    scores = accuracy["holdout"]["scores"]
    low = {f: scores[f] for f, n in HOLDOUT_FLOOR.items() if scores[f][0] < n}
    assert not low, f"held-out accuracy fell: {low}; run bench/faa_accuracy.py"


@pytest.mark.faa
@pytest.mark.xfail(
    strict=True,
    reason="issue 11 target not met yet: position 82.5 %, altitude 91.9 %, proximity 95.3 %, "
    "aircraft type 96.96 % on the random sample (README); strict, so meeting it fails here "
    "until this mark is removed",
)
def test_every_field_reaches_97_percent_on_the_random_sample(accuracy):
    scores = accuracy["holdout"]["scores"]
    low = {f: scores[f] for f in accuracy["bench"].FIELDS if scores[f][0] < 0.97 * scores[f][1]}
    assert not low, f"below 97 % on the random sample: {low}"


@pytest.mark.faa
def test_corpus_separations_are_read_and_sizes_are_not_measures():
    require_shared_data("faa_uas_sightings")
    corpus = _bench("faa_corpus")
    checks = corpus.run_checks(corpus.corpus_rows(), extract)
    read, stated = checks.share_read()
    assert read >= 0.98 * stated, f"separation wording read in only {read}/{stated}"
    assert len(checks.size_as_measure) <= 3, f"sizes read as measures: {checks.size_as_measure}"
    assert not checks.altitude_too_high, checks.altitude_too_high
