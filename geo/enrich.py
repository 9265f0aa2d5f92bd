"""Enrich many reports at once: locate, airspace context, H3 cells.

Input and output are pandas frames whose column names are the report's field names, so the
Django edge maps them one to one. Per-row work (text parsing) is unavoidable for locating; all
spatial work after that is vectorised over the batch.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.aerodromes import AerodromeTable, load_aerodromes
from geo.cells import RESOLUTIONS, cells_for_points
from geo.locate import LocateError, locate

INPUT_COLUMNS = ("location_text", "city", "state_region", "country", "latitude", "longitude")


def _locate_missing(frame: pd.DataFrame, aerodromes: AerodromeTable) -> pd.DataFrame:
    """Rows without coordinates get them from their location text, where it resolves."""
    out = pd.DataFrame(index=frame.index, data={
        "latitude": frame["latitude"].astype(float),
        "longitude": frame["longitude"].astype(float),
        "location_method": np.where(frame["latitude"].notna(), "entered", ""),
        "location_uncertainty_nm": np.nan,
        "location_reference": "",
        "location_note": "",
    })
    out["location_method"] = out["location_method"].astype(object)
    missing = out.index[out["latitude"].isna() | out["longitude"].isna()]
    for idx in missing:
        row = frame.loc[idx]
        try:
            found = locate(row["location_text"] or "", city=row["city"] or "",
                           state=row["state_region"] or "", country=row["country"] or "",
                           aerodromes=aerodromes)
        except LocateError as exc:
            out.loc[idx, "location_note"] = str(exc)[:300]
            continue
        out.loc[idx, ["latitude", "longitude", "location_method", "location_uncertainty_nm",
                      "location_reference", "location_note"]] = [
            found.latitude, found.longitude, found.method, found.uncertainty_nm,
            found.reference, found.note[:300]]
    return out


def enrich_frame(frame: pd.DataFrame, *, aerodromes: AerodromeTable | None = None) -> pd.DataFrame:
    """Derived fields for each row of ``frame`` (columns ``INPUT_COLUMNS``); same index."""
    aerodromes = aerodromes or load_aerodromes()
    out = _locate_missing(frame, aerodromes)
    lat = out["latitude"].to_numpy(float)
    lon = out["longitude"].to_numpy(float)
    near = aerodromes.nearest(lat, lon)
    has = near.index >= 0
    codes = np.array([a.code for a in aerodromes.aerodromes], dtype=object)
    names = np.array([a.name for a in aerodromes.aerodromes], dtype=object)
    out["aerodrome_code"] = np.where(has, codes[np.maximum(near.index, 0)], "")
    out["aerodrome_name"] = np.where(has, names[np.maximum(near.index, 0)], "")
    out["aerodrome_distance_nm"] = np.round(near.distance_nm, 3)
    out["aerodrome_bearing_deg"] = np.round(near.bearing_deg, 1)
    for res, cells in cells_for_points(lat, lon, RESOLUTIONS).items():
        out[f"h3_r{res}"] = pd.array(np.where(cells == 0, None, cells), dtype="Int64")
    return out
