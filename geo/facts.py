"""Facts for a batch of reports: what the reporter told us, completed by what the narrative says.

A reporter's own structured answer (proximity, evasive action, aircraft type ...) always wins;
the narrative only fills what was left blank. The encounter class and NMAC hazard are then
derived from the merged facts. (The synopsis is written from the stored facts when a report
is read: ``geo.synopsis``.)
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
FACT_COLUMNS = (
    *_FILLABLE,
    "altitude_reference",
    "drone_colour",
    "nmac_declared",
    "encounter_class",
    "nmac_hazard",
    "extraction",
)


def _blank(value: object, empty: object) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and value != value:  # NaN
        return True
    return value == empty


def extract_many(
    narratives: pd.Series, *, cities: pd.Series, states: pd.Series
) -> list[Extraction | None]:
    """``extract`` for each non-empty narrative (None where there is none)."""
    out: list[Extraction | None] = [None] * len(narratives)
    texts = narratives.to_numpy(dtype=object)
    # Empty narratives (most API and form reports, every coordinate-only import) are dropped
    # by one array comparison before any per-row test.
    maybe = np.flatnonzero((texts != "") & ~np.asarray(pd.isna(texts), dtype=bool)).tolist()
    todo = [i for i in maybe if isinstance(texts[i], str) and texts[i].strip()]
    if todo:
        city_list, state_list = cities.tolist(), states.tolist()
        for i in todo:
            city, state = city_list[i], state_list[i]
            out[i] = extract(
                texts[i],
                city=city if isinstance(city, str) else "",
                state=state if isinstance(state, str) else "",
            )
    return out


def _fill(
    frame: pd.DataFrame,
    field: str,
    empty: object,
    attr: str,
    extractions: list[Extraction | None],
    ex_rows: list[int],
) -> np.ndarray:
    """The reporter's value, else the narrative's, else None (an object array)."""
    values, blank = _column_and_missing(frame, field)
    if empty is not None:
        blank |= values == empty
    values[blank] = None
    for i in ex_rows:
        if blank[i]:
            value = getattr(extractions[i], attr)
            values[i] = None if _blank(value, empty) else value
    return values


def _column_and_missing(frame: pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray]:
    """A writable object array of the column, None where it is missing (NaN, NA, NaT), and
    where that is (computed once: the callers need both)."""
    if name not in frame.columns:
        return np.empty(len(frame), dtype=object), np.ones(len(frame), dtype=bool)  # all None
    column = frame[name]
    values = column.to_numpy(dtype=object, copy=True)
    missing = column.isna().to_numpy(dtype=bool, copy=True)  # written to by callers
    values[missing] = None
    return values, missing


def _missing(values: np.ndarray) -> np.ndarray:
    """Where an array from ``_column_and_missing``, since edited, holds None."""
    # numpy's stubs have no overload for comparing an object array with None; it works.
    return np.equal(values, None)  # type: ignore[call-overload]


def _classes(
    proximity: np.ndarray, nmac: np.ndarray, evasive: np.ndarray, dangerously_close: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``encounter_class`` and ``nmac_hazard`` (geo.narrative.core) for whole columns."""
    prox = as_floats(proximity)
    declared = np.equal(nmac, True)  # None and False alike: not declared
    close = (
        (prox <= CLOSE_FT)
        | declared
        | (np.asarray(evasive, dtype=object) == "yes")
        | dangerously_close
    )
    # Labels picked from small object arrays: the same few str objects shared by every row,
    # not 100,000 new ones.
    encounter = _ENCOUNTERS[close.astype(np.intp)]
    hazard = _HAZARDS[
        np.select(
            [prox < CRITICAL_FT, prox < CLOSE_FT, declared & ~(prox > CLOSE_FT)],
            [2, 1, 1],
            default=0,
        )
    ]
    return encounter, hazard


_NO_EXTRACTION: dict = {}  # one shared empty dict for rows without a narrative: only stored
_ENCOUNTERS = np.array(["sighting", "close_encounter"], dtype=object)
_HAZARDS = np.array(["none", "potential", "critical"], dtype=object)


def as_floats(values: object) -> np.ndarray:
    """Numbers as a float array, NaN where missing or not a number. Numeric and None-holding
    arrays convert directly; only text falls back to pandas' slower parsing."""
    if isinstance(values, pd.Series):
        if values.dtype.kind in "fiub":
            return values.to_numpy(dtype=float, na_value=np.nan)
        values = values.to_numpy(dtype=object)
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return pd.to_numeric(
            pd.Series(np.asarray(values, dtype=object), dtype=object), errors="coerce"
        ).to_numpy(float)


def _or_default(values: np.ndarray, default: str) -> np.ndarray:
    """Missing or empty values become ``default``."""
    values[_missing(values) | (values == "")] = default
    return values


def facts_columns(
    frame: pd.DataFrame, extractions: list[Extraction | None]
) -> dict[str, np.ndarray]:
    """Merged facts (``FACT_COLUMNS``), one object array per column.

    Column-wise: only rows with a narrative pay for per-row work.
    """
    n = len(frame)
    present = np.empty(n, dtype=object)
    present[:] = extractions
    ex_rows = np.flatnonzero(np.not_equal(present, None)).tolist()  # type: ignore[call-overload]
    merged = {
        field: _fill(frame, field, empty, attr, extractions, ex_rows)
        for field, (attr, empty) in _FILLABLE.items()
    }
    alt_ref, alt_ref_missing = _column_and_missing(frame, "altitude_reference")
    colour, colour_missing = _column_and_missing(frame, "drone_colour")
    nmac, nmac_missing = _column_and_missing(frame, "nmac_declared")
    close_words = np.zeros(n, dtype=bool)
    for i in ex_rows:
        ex = extractions[i]
        assert ex is not None  # ex_rows are the rows with an extraction
        if _blank(alt_ref[i], "unknown") and ex.altitude_reference:
            alt_ref[i] = ex.altitude_reference
        if _blank(colour[i], ""):
            colour[i] = " ".join(ex.drone_colours)[:60]
        if nmac[i] is None:
            nmac[i] = ex.nmac
            nmac_missing[i] = False
        close_words[i] = ex.dangerously_close
    merged["altitude_reference"] = _or_default(alt_ref, "unknown")
    merged["drone_colour"] = _or_default(colour, "")
    known = np.flatnonzero(~nmac_missing)
    if known.size:
        nmac[known] = [bool(v) for v in nmac[known]]  # Python bools: database drivers want them
    merged["nmac_declared"] = nmac
    merged["encounter_class"], merged["nmac_hazard"] = _classes(
        merged["closest_proximity_ft"], nmac, merged["evasive_action"], close_words
    )
    extraction_dicts = np.full(n, _NO_EXTRACTION, dtype=object)
    for i in ex_rows:
        ex = extractions[i]
        assert ex is not None
        extraction_dicts[i] = ex.to_dict()
    merged["extraction"] = extraction_dicts
    return {column: merged[column] for column in FACT_COLUMNS}


def facts_frame(frame: pd.DataFrame, extractions: list[Extraction | None]) -> pd.DataFrame:
    """``facts_columns`` as a frame with ``frame``'s index."""
    return pd.DataFrame(
        facts_columns(frame, extractions), index=frame.index, columns=list(FACT_COLUMNS)
    )
