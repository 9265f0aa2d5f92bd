"""``geo.synopsis.synopsis`` for a whole batch at once, column by column.

Enrichment writes a synopsis for every report; at 100,000 reports a Python call per row costs
more than all the spatial work together. This builds the same lines with numpy string
operations. ``geo.synopsis.synopsis`` stays the readable reference, and a property test holds
the two identical.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

_EVASIVE = {"yes": "EVASIVE ACTION TAKEN.", "no": "NO EVASIVE ACTION.",
            "unknown": "EVASIVE ACTION UNKNOWN."}
_CLASSES = {"close_encounter": "CLOSE ENCOUNTER", "sighting": "SIGHTING"}


def _text(values: Sequence[object]) -> pd.Series:
    s = pd.Series(list(values), dtype=object)
    return s.where(s.map(lambda v: isinstance(v, str)), "").astype(str)


def _numbers(values: Sequence[object]) -> pd.Series:
    return pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce")


def _fmt(values: pd.Series, pattern: str) -> pd.Series:
    """``pattern.format(v)`` where ``v`` is known, else ''. Only known values are formatted."""
    out = pd.Series("", index=values.index, dtype=object)
    known = values.notna()
    out[known] = [pattern.format(v) for v in values[known].tolist()]
    return out


def _join(parts: list[pd.Series], sep: str) -> pd.Series:
    """Join the non-empty parts of each row with ``sep``."""
    out = parts[0].copy()
    for part in parts[1:]:
        both = (out != "") & (part != "")
        out = out.where(~both, out + sep) + part
    return out


def synopses(*, n: int, city: Sequence[object], state: Sequence[object],
             encounter_class: Sequence[object], time_utc: Sequence[object],
             local_time: Sequence[object], zone_letter: Sequence[object],
             aircraft_type: Sequence[object], aircraft_involved: Sequence[bool],
             drone_count: Sequence[object], drone_colours: Sequence[Sequence[str]],
             distance_nm: Sequence[object], bearing: Sequence[object],
             reference: Sequence[object], runway: Sequence[object],
             runway_relation: Sequence[object], altitude_ft: Sequence[object],
             altitude_reference: Sequence[object], proximity_ft: Sequence[object],
             evasive_action: Sequence[object]) -> list[str]:
    """One synopsis per row; every argument is a column of length ``n`` (None = unknown)."""
    if n == 0:
        return []
    place = _join([_text(city).str.strip().str.upper(), _text(state).str.strip().str.upper()],
                  ", ")
    label = _text(encounter_class).map(_CLASSES).fillna("")
    utc, local = _text(time_utc), _text(local_time)
    when = np.where(utc != "", utc + "Z", np.where(local != "", local + _text(zone_letter), ""))
    when = pd.Series(when, dtype=object)

    involved = pd.Series([v is not False for v in aircraft_involved], dtype=bool)
    aircraft = _text(aircraft_type)
    subject = aircraft.where(aircraft != "", "AIRCRAFT").str.upper().where(involved, "")
    colour = pd.Series([" AND ".join(c.upper() for c in (cs or ())[:2])
                        for cs in drone_colours], dtype=object)
    count = _numbers(drone_count)
    many = count.notna() & (count > 1)
    article = np.where(colour.str[:1].isin(list("AEIOU")), "AN ", "A ")
    drone = np.where(many, _fmt(count, "{:.0f} ") + colour.where(colour == "", colour + " ") + "UAS",
                     np.where(colour != "", article + colour + " UAS", "A UAS"))
    drone = pd.Series(drone, dtype=object)
    clause = pd.Series(np.where(subject != "", subject + " REPORTED " + drone,
                                drone + " WAS REPORTED"), dtype=object)

    ref = _text(reference).str.strip().str.upper()
    rwy, relation = _text(runway), _text(runway_relation)
    dist = _numbers(distance_nm)
    dist_txt = _fmt(dist, "{:g} NM ")
    at_ref = ref.where(ref == "", " AT " + ref)
    where = np.select(
        [(rwy != "") & (relation == "final"), (rwy != "") & (relation == "departure"),
         (ref != "") & dist.notna() & (_text(bearing) != ""), ref != ""],
        ["ON " + dist_txt + "FINAL RWY " + rwy + at_ref,
         dist_txt + "OFF THE DEPARTURE END OF RWY " + rwy + at_ref,
         _fmt(dist, "{:g} NM") + " " + _text(bearing).str.upper() + " OF " + ref,
         "IN THE VICINITY OF " + ref], default="")
    where = pd.Series(where, dtype=object)
    clause = clause + where.where(where == "", " " + where)

    alt = _numbers(altitude_ft)
    alt_ref = _text(altitude_reference)
    alt_ref = alt_ref.where(alt_ref != "", np.where(involved, "MSL", ""))
    alt_txt = _fmt(alt.round(), " AT {:,.0f} FT") + alt_ref.where(alt_ref == "", " " + alt_ref)
    clause = clause + alt_txt.where(alt.notna(), "")
    clause = clause + _fmt(_numbers(proximity_ft).round(), ", {:,.0f} FT FROM AIRCRAFT")
    evasive = _text(evasive_action).map(_EVASIVE).fillna("")
    body = clause + "." + evasive.where(evasive == "", " " + evasive)
    return _join([place, label, when, body], " / ").tolist()
