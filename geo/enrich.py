"""Enrich many reports at once: locate, airspace context, reverse geocode, H3 cells.

Input and output are pandas frames whose column names are the report's field names, so the
Django edge maps them one to one. Per-row work (text parsing) is unavoidable for locating; all
spatial work after that (nearest aerodrome, zones, corridors, reverse geocoding, H3) is
vectorised over the batch.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.aerodromes import AerodromeTable
from geo.airspace import above_400ft_agl
from geo.cells import RESOLUTIONS, cells_for_points
from geo.facts import FACT_COLUMNS, extract_many, facts_frame
from geo.locate import LocateError, Location, locate
from geo.narrative import Extraction, locate_extraction
from geo.reference import ReferenceData, default_reference

INPUT_COLUMNS = ("location_text", "city", "state_region", "country", "latitude", "longitude")
OPTIONAL_COLUMNS = ("altitude_ft", "altitude_reference")  # used when present
_LOCATION_COLUMNS = ("latitude", "longitude", "location_method", "location_uncertainty_nm",
                     "location_reference", "location_note")


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _locate_one(text: str, city: str, state: str, country: str, ex: Extraction | None,
                reference: ReferenceData) -> Location:
    """The reporter's words first, then the narrative's own position, then city/state."""
    reasons = []
    if text.strip():
        try:
            return locate(text, city=city, state=state, country=country, reference=reference)
        except LocateError as exc:
            reasons.append(str(exc))
    if ex is not None:
        try:
            return locate_extraction(ex, city=city, state=state, country=country,
                                     reference=reference)
        except LocateError as exc:
            reasons.append(str(exc))
    elif city.strip():
        return locate("", city=city, state=state, country=country, reference=reference)
    raise LocateError("; ".join(reasons) or "no location text given")


def _locate_missing(frame: pd.DataFrame, reference: ReferenceData,
                    extractions: list[Extraction | None]) -> pd.DataFrame:
    """Rows without coordinates get them from their location text or narrative."""
    lat = pd.to_numeric(frame["latitude"], errors="coerce").to_numpy(float)
    lon = pd.to_numeric(frame["longitude"], errors="coerce").to_numpy(float)
    entered = np.isfinite(lat) & np.isfinite(lon)
    n = len(frame)
    values: dict[str, np.ndarray] = {  # numpy columns: building 100k-item lists is the cost
        "latitude": np.where(entered, lat, np.nan),
        "longitude": np.where(entered, lon, np.nan),
        "location_method": np.where(entered, "entered", "").astype(object),
        "location_uncertainty_nm": np.full(n, np.nan),
        "location_reference": np.full(n, "", dtype=object),
        "location_note": np.full(n, "", dtype=object),
    }
    missing = np.flatnonzero(~entered).tolist()
    if missing:  # text parsing only where coordinates are missing
        texts, cities = frame["location_text"].tolist(), frame["city"].tolist()
        states, countries = frame["state_region"].tolist(), frame["country"].tolist()
    for i in missing:
        try:
            found = _locate_one(_text(texts[i]), _text(cities[i]), _text(states[i]),
                                _text(countries[i]), extractions[i], reference)
        except LocateError as exc:
            values["location_note"][i] = str(exc)[:300]
            continue
        for column, value in zip(_LOCATION_COLUMNS, (
                found.latitude, found.longitude, found.method, found.uncertainty_nm,
                found.reference[:120], found.note[:300]), strict=True):
            values[column][i] = value
    return pd.DataFrame(values, index=frame.index)


def enrich_frame(frame: pd.DataFrame, *, aerodromes: AerodromeTable | None = None,
                 reference: ReferenceData | None = None) -> pd.DataFrame:
    """Derived fields for each row of ``frame`` (columns ``INPUT_COLUMNS``, optionally
    ``OPTIONAL_COLUMNS``); same index. Distances in NM, bearings in degrees true from the
    aerodrome, altitudes in feet. ``in_runway_corridor`` is None when no runways are loaded or
    the row has no position; ``above_400ft_agl`` is None when the altitude is unknown."""
    missing = [c for c in INPUT_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"enrich_frame needs columns {missing}; got {list(frame.columns)}")
    reference = reference or default_reference()
    if aerodromes is not None and aerodromes is not reference.aerodromes:
        reference = ReferenceData(aerodromes=aerodromes, places=reference.places,
                                  navaids=reference.navaids, runways=reference.runways,
                                  zones=reference.zones, reverse=reference.reverse)
    table = reference.aerodromes
    narratives = frame["narrative"] if "narrative" in frame.columns else pd.Series(
        "", index=frame.index)
    extractions = extract_many(narratives, cities=frame["city"], states=frame["state_region"])
    out = _locate_missing(frame, reference, extractions)
    lat = out["latitude"].to_numpy(float)
    lon = out["longitude"].to_numpy(float)
    has_point = np.isfinite(lat) & np.isfinite(lon)

    near = table.nearest(lat, lon)
    has = near.index >= 0
    pick = np.maximum(near.index, 0)
    codes = np.array([a.code for a in table.aerodromes], dtype=object)
    names = np.array([a.name for a in table.aerodromes], dtype=object)
    elevations = np.array([a.elevation_ft for a in table.aerodromes], dtype=float)
    out["aerodrome_code"] = np.where(has, codes[pick], "")
    out["aerodrome_name"] = np.where(has, names[pick], "")
    out["aerodrome_distance_nm"] = np.round(near.distance_nm, 3)
    out["aerodrome_bearing_deg"] = np.round(near.bearing_deg, 1)

    out["airspace_zones"] = reference.zones.zones_at(lat, lon)
    if len(reference.runways):
        corridor = reference.corridors.hits(lat, lon) >= 0
        out["in_runway_corridor"] = np.where(has_point, corridor, None).astype(object)
    else:
        out["in_runway_corridor"] = None

    places = reference.reverse_geocoder.lookup(lat, lon)
    out["country_code"] = places.country_code
    out["region"] = [r[:120] for r in places.region]
    out["locality"] = [r[:120] for r in places.locality]

    for res, cells in cells_for_points(lat, lon, RESOLUTIONS).items():
        out[f"h3_r{res}"] = pd.arrays.IntegerArray(cells, cells == 0)  # 0: no position

    # Reporter's answers completed from the narrative; the 400 ft flag uses the merged altitude.
    # MSL minus the nearest aerodrome's elevation approximates AGL (see geo.airspace).
    facts = facts_frame(frame, extractions)
    merged_alt = pd.to_numeric(facts["altitude_ft"], errors="coerce").to_numpy(float)
    merged_ref = facts["altitude_reference"].fillna("").astype(str).str.upper().to_numpy(object)
    out["above_400ft_agl"] = above_400ft_agl(merged_alt, merged_ref,
                                             np.where(has, elevations[pick], np.nan))
    for column in FACT_COLUMNS:
        out[column] = facts[column]
    return out
