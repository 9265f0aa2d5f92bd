"""Facts for a batch of reports: what the reporter told us, completed by what the narrative says.

A reporter's own structured answer (proximity, evasive action, aircraft type ...) always wins;
the narrative only fills what was left blank. The encounter class and NMAC hazard are then
derived from the merged facts, and the synopsis is written from them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from geo.geodesy import compass16
from geo.narrative import Extraction, encounter_class, extract, nmac_hazard
from geo.synopsis import synopsis

# Report field -> (Extraction attribute, value that means "the reporter left it blank").
_FILLABLE: dict[str, tuple[str, object]] = {
    "altitude_ft": ("altitude_ft", None),
    "closest_proximity_ft": ("proximity_ft", None),
    "aircraft_type": ("aircraft_type", ""),
    "flight_phase": ("flight_phase", ""),
    "evasive_action": ("evasive_action", "not_stated"),
    "drone_count": ("drone_count", None),
    "drone_type": ("drone_type", "unknown"),
    "drone_lights": ("lights", None),
    "aircraft_involved": ("aircraft_involved", None),
    "law_enforcement_notified": ("law_enforcement_notified", None),
}
FACT_COLUMNS = (*_FILLABLE, "altitude_reference", "drone_colour", "nmac_declared",
                "encounter_class", "nmac_hazard", "synopsis", "extraction")


def _blank(value: object, empty: object) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return value == empty


def extract_many(narratives: pd.Series, *, cities: pd.Series, states: pd.Series) -> list[Extraction | None]:
    """``extract`` for each non-empty narrative (None where there is none)."""
    out: list[Extraction | None] = []
    for text, city, state in zip(narratives, cities, states, strict=True):
        if isinstance(text, str) and text.strip():
            out.append(extract(text, city=city if isinstance(city, str) else "",
                               state=state if isinstance(state, str) else ""))
        else:
            out.append(None)
    return out


def _merge_row(row: dict[str, Any], ex: Extraction | None) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for field, (attr, empty) in _FILLABLE.items():
        given = row.get(field)
        if not _blank(given, empty):
            merged[field] = given
        elif ex is not None:
            value = getattr(ex, attr)
            merged[field] = None if _blank(value, empty) else value
        else:
            merged[field] = None
    given_ref = row.get("altitude_reference")
    if _blank(given_ref, "unknown") and ex is not None and ex.altitude_reference:
        merged["altitude_reference"] = ex.altitude_reference
    else:
        merged["altitude_reference"] = given_ref if not _blank(given_ref, "") else "unknown"
    colour = row.get("drone_colour")
    merged["drone_colour"] = colour if not _blank(colour, "") else (
        " ".join(ex.drone_colours)[:60] if ex is not None else "")
    given_nmac = row.get("nmac_declared")
    merged["nmac_declared"] = bool(given_nmac) if not _blank(given_nmac, None) else (
        ex.nmac if ex is not None else None)
    merged["encounter_class"] = encounter_class(
        proximity_ft=merged["closest_proximity_ft"], nmac=bool(merged["nmac_declared"]),
        evasive_action=merged["evasive_action"] or "not_stated",
        dangerously_close=bool(ex and ex.dangerously_close))
    merged["nmac_hazard"] = nmac_hazard(proximity_ft=merged["closest_proximity_ft"],
                                        nmac=bool(merged["nmac_declared"]))
    merged["extraction"] = ex.to_dict() if ex is not None else {}
    return merged


def _where(ex: Extraction | None, code: str, dist: float, direction: str) -> dict[str, Any]:
    """The synopsis' position phrase: the narrative's own, else relative to the nearest aerodrome."""
    pos = ex.position if ex is not None else None
    if pos is not None and (pos.reference or pos.runway):
        return {"distance_nm": pos.distance_nm, "bearing": pos.bearing,
                "reference": pos.reference, "runway": pos.runway,
                "runway_relation": pos.runway_relation}
    if code and dist == dist:  # not NaN
        return {"distance_nm": round(dist, 1), "bearing": direction, "reference": code}
    return {}


def _column(frame: pd.DataFrame, name: str, default: object = None) -> list:
    if name not in frame.columns:
        return [default] * len(frame)
    return frame[name].astype(object).where(frame[name].notna(), None).tolist()


def facts_frame(frame: pd.DataFrame, context: pd.DataFrame,
                extractions: list[Extraction | None]) -> pd.DataFrame:
    """Merged facts (``FACT_COLUMNS``) for each row; ``context`` carries the located aerodrome.

    Works on plain Python lists: pandas row access costs more than the facts themselves.
    """
    inputs = [*_FILLABLE, "altitude_reference", "drone_colour", "nmac_declared"]
    columns = {name: _column(frame, name) for name in inputs}
    cities, states = _column(frame, "city", ""), _column(frame, "state_region", "")
    observed, known = _column(frame, "observed_at"), _column(frame, "observed_time_known", True)
    codes = _column(context, "aerodrome_code", "")
    dists = context["aerodrome_distance_nm"].to_numpy(float).tolist()
    bearings = context["aerodrome_bearing_deg"].to_numpy(float)
    directions = compass16(np.nan_to_num(bearings)).tolist()
    out = []
    for i, ex in enumerate(extractions):
        merged = _merge_row({name: columns[name][i] for name in inputs}, ex)
        when = observed[i]
        merged["synopsis"] = synopsis(
            city=cities[i] if isinstance(cities[i], str) else "",
            state=states[i] if isinstance(states[i], str) else "",
            encounter_class=merged["encounter_class"],
            time_utc=when.strftime("%H%M") if known[i] is not False and hasattr(when, "strftime")
            else None,
            local_time=ex.local_time if ex is not None else None,
            zone_letter=ex.zone_letter if ex is not None else None,
            aircraft_type=merged["aircraft_type"],
            aircraft_involved=merged["aircraft_involved"] is not False,
            drone_count=merged["drone_count"],
            drone_colours=ex.drone_colours if ex is not None else (
                tuple(merged["drone_colour"].split()) if merged["drone_colour"] else ()),
            altitude_ft=merged["altitude_ft"], altitude_reference=(
                merged["altitude_reference"] if merged["altitude_reference"] in ("AGL", "MSL")
                else None),
            proximity_ft=merged["closest_proximity_ft"],
            evasive_action=merged["evasive_action"],
            **_where(ex, codes[i] or "", dists[i], directions[i]),
        )[:400]
        out.append(merged)
    return pd.DataFrame(out, index=frame.index, columns=list(FACT_COLUMNS))
