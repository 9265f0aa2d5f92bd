"""Merging the reporter's answers with the narrative's facts, for whole batches."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.facts import _classes, facts_frame
from geo.narrative import encounter_class, extract, nmac_hazard

FAA = (
    "PRELIM INFO FROM FAA OPS: LOS ANGELES, CA/UAS INCIDENT/1057P/LAX ATCT ADVISED MESA "
    "5400, CRJ9, REPORTED A WHITE UAS AT 2,600 FEET WHILE ON A 12 MILE FINAL FOR RUNWAY 24R. "
    "THE UAS CAME WITHIN 300 FEET. NO EVASIVE ACTION REPORTED."
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, 0, 99, 100, 499, 500, 501, 5000]),
            st.booleans(),
            st.sampled_from(["yes", "no", "unknown", "not_stated"]),
            st.booleans(),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_column_classes_equal_the_per_report_rules(rows):
    prox, nmac, evasive, close = (np.array(c, dtype=object) for c in zip(*rows, strict=True))
    encounter, hazard = _classes(prox, nmac, evasive, close.astype(bool))
    for i, (p, n, e, c) in enumerate(rows):
        assert encounter[i] == encounter_class(
            proximity_ft=p, nmac=n, evasive_action=e, dangerously_close=c
        )
        assert hazard[i] == nmac_hazard(proximity_ft=p, nmac=n)


def _frame(**row) -> pd.DataFrame:
    base = {
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
    }
    return pd.DataFrame([{**base, **row}])


def test_the_narrative_fills_what_the_reporter_left_blank():
    facts = facts_frame(_frame(), [extract(FAA)]).iloc[0]
    assert facts["closest_proximity_ft"] == 300 and facts["aircraft_type"] == "CRJ9"
    assert facts["encounter_class"] == "close_encounter" and facts["nmac_hazard"] == "potential"
    assert facts["drone_colour"] == "white" and facts["extraction"]["local_time"] == "1057"


def test_the_reporters_own_answers_win_over_the_narrative():
    facts = facts_frame(
        _frame(closest_proximity_ft=50, aircraft_type="B738", evasive_action="yes"), [extract(FAA)]
    ).iloc[0]
    assert facts["closest_proximity_ft"] == 50 and facts["aircraft_type"] == "B738"
    assert facts["evasive_action"] == "yes" and facts["nmac_hazard"] == "critical"
