"""The batch synopsis writes exactly what the one-at-a-time reference writes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.synopsis import synopsis
from geo.synopsis_batch import synopses

_maybe_text = st.one_of(st.none(), st.sampled_from(["", "Los Angeles", "ca", " Tulsa ", "X"]))
row = st.fixed_dictionaries(
    {
        "city": _maybe_text,
        "state": _maybe_text,
        "encounter_class": st.sampled_from([None, "sighting", "close_encounter", "other"]),
        "time_utc": st.sampled_from([None, "", "1857"]),
        "local_time": st.sampled_from([None, "1057"]),
        "zone_letter": st.sampled_from([None, "P", "E"]),
        "aircraft_type": st.sampled_from([None, "", "crj9", "A320"]),
        "aircraft_involved": st.sampled_from([True, False, None]),
        "drone_count": st.sampled_from([None, 1, 2, 5]),
        "drone_colours": st.sampled_from([(), ("white",), ("black", "red", "orange"), ("orange",)]),
        "distance_nm": st.sampled_from([None, 0.5, 3, 12.25]),
        "bearing": st.sampled_from([None, "", "ene", "SW"]),
        "reference": st.sampled_from([None, "", "LAX", " dca "]),
        "runway": st.sampled_from([None, "", "24R"]),
        "runway_relation": st.sampled_from([None, "final", "departure"]),
        "altitude_ft": st.sampled_from([None, 400, 2600.4, 12000]),
        "altitude_reference": st.sampled_from([None, "AGL", "MSL"]),
        "proximity_ft": st.sampled_from([None, 0, 50, 499.6, 1500]),
        "evasive_action": st.sampled_from([None, "yes", "no", "unknown", "not_stated"]),
    }
)


def _reference(r: dict) -> str:
    kw = {k: v for k, v in r.items() if v is not None}
    kw["aircraft_involved"] = r["aircraft_involved"] is not False
    kw["city"], kw["state"] = r["city"] or "", r["state"] or ""
    return synopsis(**kw)


@settings(max_examples=300, deadline=None)
@given(st.lists(row, min_size=1, max_size=8))
def test_batch_and_single_synopses_are_identical(rows):
    columns = {k: [r[k] for r in rows] for k in rows[0]}
    assert synopses(n=len(rows), **columns) == [_reference(r) for r in rows]
