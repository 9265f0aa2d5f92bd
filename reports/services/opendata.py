"""The public, de-identified data set: published reports only, through an explicit allowlist.

What is published, and how it is generalised (settings in brackets):

* place: the centre of the report's H3 cell at resolution ``OPEN_DATA_H3_RESOLUTION`` (7 by
  default: cells of about 5 km², edge about 1.2 km), plus the nearest aerodrome, the distance
  from it rounded to a whole NM and the 16-point bearing. Never the exact position or the text
  the reporter wrote.
* time: the UTC day or month (``OPEN_DATA_TIME_GRAIN``: ``day`` or ``month``, default
  ``month`` as NASA ASRS does) and a UTC 6-hour block (``00-06`` ... ``18-24``), empty when
  only the date was known.
* facts: closed vocabularies only (encounter class, NMAC hazard, risk category, object class,
  drone type, flight phase, evasive action) and the drone altitude rounded to 100 ft.
* text: only ``narrative_redacted``, the published form an analyst wrote (or, for FAA public
  records, the FAA's words), passed through ``reports.services.redaction.narrative_redact``
  when published: no e-mail addresses, phone numbers, names or callsigns.
* id: a keyed hash of the internal id, not the reference the reporter holds.

No contact data, callsigns, client hashes, free-text fields, photos, source files or keys.
"""

from __future__ import annotations

import hashlib
import hmac

import h3
import numpy as np
import pandas as pd
from django.conf import settings

from geo.geodesy import COMPASS16
from reports.models import ReportQuerySet

# The only model fields this module reads. Adding one here is a privacy decision.
SOURCE_FIELDS = (
    "id",
    "observed_at",
    "observed_time_known",
    "latitude",
    "longitude",
    "aerodrome_code",
    "aerodrome_distance_nm",
    "aerodrome_bearing_deg",
    "country_code",
    "region",
    "source",
    "encounter_class",
    "nmac_hazard",
    "risk_category",
    "object_class",
    "drone_type",
    "flight_phase",
    "evasive_action",
    "altitude_ft",
    "narrative_redacted",
)
PUBLIC_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "text", "Opaque identifier of the published report (keyed hash)"),
    ("period", "text", "UTC month (YYYY-MM) or day (YYYY-MM-DD) of the sighting"),
    ("time_block", "text", "UTC 6-hour block: 00-06, 06-12, 12-18, 18-24; empty if unknown"),
    ("h3_cell", "h3", "H3 cell containing the sighting (resolution in h3_resolution)"),
    ("h3_resolution", "integer", "Resolution of h3_cell"),
    ("latitude", "number", "Latitude of the cell centre, WGS84 degrees (not the sighting)"),
    ("longitude", "number", "Longitude of the cell centre, WGS84 degrees (not the sighting)"),
    ("aerodrome_code", "text", "Nearest aerodrome (FAA LID, else ICAO)"),
    ("aerodrome_distance_nm", "integer", "Distance from that aerodrome, whole NM"),
    ("aerodrome_bearing", "text", "16-point compass bearing from that aerodrome"),
    ("country_code", "text", "ISO country"),
    ("region", "text", "State or region"),
    ("source", "text", "web, api, faa, import"),
    ("encounter_class", "text", "sighting or close_encounter"),
    ("nmac_hazard", "text", "critical (<100 ft), potential (<500 ft), none"),
    ("risk_category", "text", "UK Airprox Board risk category A-E"),
    ("object_class", "text", "drone, model_aircraft, balloon, unknown_object"),
    ("drone_type", "text", "multirotor, fixed_wing, helicopter, unknown"),
    ("flight_phase", "text", "taxi, departure, climb, cruise, approach, final, unknown"),
    ("evasive_action", "text", "yes, no, unknown, not_stated"),
    ("altitude_ft", "integer", "Drone altitude, feet, rounded to 100"),
    ("narrative", "text", "The published, redacted narrative; empty if none was published"),
)
PUBLIC_COLUMN_NAMES = tuple(name for name, _, _ in PUBLIC_COLUMNS)


def open_data_resolution() -> int:
    return int(getattr(settings, "OPEN_DATA_H3_RESOLUTION", 7))


def open_data_grain() -> str:
    grain = getattr(settings, "OPEN_DATA_TIME_GRAIN", "month")
    if grain not in ("day", "month"):
        raise ValueError(f"OPEN_DATA_TIME_GRAIN must be 'day' or 'month', not {grain!r}")
    return grain


def open_data_dictionary() -> list[dict[str, str]]:
    res, grain = open_data_resolution(), open_data_grain()
    notes = {
        "h3_cell": f"H3 cell containing the sighting, resolution {res}",
        "period": f"UTC {grain} of the sighting",
    }
    return [{"column": n, "type": t, "description": notes.get(n, d)} for n, t, d in PUBLIC_COLUMNS]


def _public_id(pk: int) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"open-data:{pk}".encode(), hashlib.sha256).hexdigest()[:16]


def open_data_frame(*, queryset: ReportQuerySet) -> pd.DataFrame:
    """The public table for the **published** reports among ``queryset``."""
    rows = list(queryset.public().order_by("observed_at", "id").values(*SOURCE_FIELDS))
    src = pd.DataFrame.from_records(rows, columns=SOURCE_FIELDS)
    res = open_data_resolution()
    out = pd.DataFrame(index=src.index)
    out["id"] = [_public_id(pk) for pk in src["id"]]
    when = pd.to_datetime(src["observed_at"], utc=True)
    out["period"] = when.dt.strftime("%Y-%m-%d" if open_data_grain() == "day" else "%Y-%m")
    block = (when.dt.hour // 6 * 6).astype("Int64")
    out["time_block"] = [
        f"{b:02d}-{b + 6:02d}" if known else ""
        for b, known in zip(block, src["observed_time_known"], strict=True)
    ]
    lat = pd.to_numeric(src["latitude"]).to_numpy(float)
    lon = pd.to_numeric(src["longitude"]).to_numpy(float)
    cells = [
        h3.latlng_to_cell(a, o, res) if np.isfinite(a) and np.isfinite(o) else None
        for a, o in zip(lat, lon, strict=True)
    ]
    centres = [h3.cell_to_latlng(c) if c else (np.nan, np.nan) for c in cells]
    out["h3_cell"] = cells
    out["h3_resolution"] = res
    out["latitude"] = [round(c[0], 5) for c in centres]
    out["longitude"] = [round(c[1], 5) for c in centres]
    out["aerodrome_code"] = src["aerodrome_code"]
    out["aerodrome_distance_nm"] = (
        pd.to_numeric(src["aerodrome_distance_nm"]).round().astype("Int64")
    )
    bearing = pd.to_numeric(src["aerodrome_bearing_deg"])
    out["aerodrome_bearing"] = [
        COMPASS16[int(round(b / 22.5)) % 16] if pd.notna(b) else "" for b in bearing
    ]
    for name in (
        "country_code",
        "region",
        "source",
        "encounter_class",
        "nmac_hazard",
        "risk_category",
        "object_class",
        "drone_type",
        "flight_phase",
        "evasive_action",
    ):
        out[name] = src[name]
    out["altitude_ft"] = (pd.to_numeric(src["altitude_ft"]) / 100).round().mul(100).astype("Int64")
    out["narrative"] = src["narrative_redacted"]
    return out[list(PUBLIC_COLUMN_NAMES)]
