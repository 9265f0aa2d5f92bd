"""Facts for a batch of reports: what the reporter told us, completed by what the narrative says.

A reporter's own structured answer (proximity, evasive action, aircraft type ...) always wins;
the narrative only fills what was left blank. The encounter class and NMAC hazard are then
derived from the merged facts. (The synopsis is written from the stored facts when a report
is read: ``geo.synopsis_records``.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.narrative import Extraction, extract
from geo.narrative.core import CLOSE_FT, CRITICAL_FT

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
                "encounter_class", "nmac_hazard", "extraction")


def _blank(value: object, empty: object) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return value == empty


def _blank_mask(values: pd.Series, empty: object) -> np.ndarray:
    mask = values.isna().to_numpy().copy()  # pandas may hand back a read-only view
    if empty is not None:
        mask |= (values == empty).to_numpy(dtype=bool, na_value=True)
    return mask


def extract_many(narratives: pd.Series, *, cities: pd.Series, states: pd.Series) -> list[Extraction | None]:
    """``extract`` for each non-empty narrative (None where there is none)."""
    out: list[Extraction | None] = [None] * len(narratives)
    texts = narratives.tolist()
    todo = [i for i, text in enumerate(texts) if isinstance(text, str) and text.strip()]
    if todo:
        city_list, state_list = cities.tolist(), states.tolist()
        for i in todo:
            city, state = city_list[i], state_list[i]
            out[i] = extract(texts[i], city=city if isinstance(city, str) else "",
                             state=state if isinstance(state, str) else "")
    return out


def _fill(frame: pd.DataFrame, field: str, empty: object, attr: str,
          extractions: list[Extraction | None], ex_rows: list[int]) -> list:
    """The reporter's value, else the narrative's, else None."""
    given = pd.Series(_column(frame, field), dtype=object)
    blank = _blank_mask(given, empty)
    values = given.where(~blank, None).tolist()
    for i in ex_rows:
        if blank[i]:
            value = getattr(extractions[i], attr)
            values[i] = None if _blank(value, empty) else value
    return values


def _column(frame: pd.DataFrame, name: str, default: object = None) -> list:
    if name not in frame.columns:
        return [default] * len(frame)
    return frame[name].astype(object).where(frame[name].notna(), None).tolist()


def _classes(proximity: list, nmac: list, evasive: list,
             dangerously_close: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``encounter_class`` and ``nmac_hazard`` (geo.narrative.core) for whole columns."""
    prox = pd.to_numeric(pd.Series(proximity, dtype=object), errors="coerce").to_numpy(float)
    declared = np.array([bool(v) for v in nmac], dtype=bool)
    close = (prox <= CLOSE_FT) | declared | (np.asarray(evasive, dtype=object) == "yes") \
        | dangerously_close
    encounter = np.where(close, "close_encounter", "sighting")
    hazard = np.select(
        [prox < CRITICAL_FT, prox < CLOSE_FT, declared & ~(prox > CLOSE_FT)],
        ["critical", "potential", "potential"], default="none")
    return encounter, hazard


def facts_frame(frame: pd.DataFrame, extractions: list[Extraction | None]) -> pd.DataFrame:
    """Merged facts (``FACT_COLUMNS``) for each row.

    Column-wise: only rows with a narrative pay for per-row work.
    """
    n = len(frame)
    ex_rows = [i for i, ex in enumerate(extractions) if ex is not None]
    merged = {field: _fill(frame, field, empty, attr, extractions, ex_rows)
              for field, (attr, empty) in _FILLABLE.items()}
    alt_ref = _column(frame, "altitude_reference")
    colour = _column(frame, "drone_colour")
    nmac = _column(frame, "nmac_declared")
    close_words = np.zeros(n, dtype=bool)
    for i in ex_rows:
        ex = extractions[i]
        if _blank(alt_ref[i], "unknown") and ex.altitude_reference:
            alt_ref[i] = ex.altitude_reference
        if _blank(colour[i], ""):
            colour[i] = " ".join(ex.drone_colours)[:60]
        if nmac[i] is None:
            nmac[i] = ex.nmac
        close_words[i] = ex.dangerously_close
    merged["altitude_reference"] = [r if isinstance(r, str) and r else "unknown" for r in alt_ref]
    merged["drone_colour"] = [c if isinstance(c, str) else "" for c in colour]
    merged["nmac_declared"] = [None if v is None else bool(v) for v in nmac]
    encounter, hazard = _classes(merged["closest_proximity_ft"], merged["nmac_declared"],
                                 merged["evasive_action"], close_words)
    merged["encounter_class"], merged["nmac_hazard"] = encounter.tolist(), hazard.tolist()
    extraction_dicts: list[dict] = [{}] * n  # shared empty dict: never mutated, only stored
    for i in ex_rows:
        extraction_dicts[i] = extractions[i].to_dict()
    merged["extraction"] = extraction_dicts
    return pd.DataFrame(merged, index=frame.index, columns=list(FACT_COLUMNS))
