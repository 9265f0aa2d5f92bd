"""One input record (``id, narrative, city, state, date``) in, one flat JSON-ready dict out:
the extraction plus its position. What ``manage.py extract`` writes per line."""

from __future__ import annotations

from typing import Any

from geo.locate import LocateError, distance_from
from geo.narrative.core import extract
from geo.narrative.locating import locate_extraction
from geo.reference import ReferenceData

RECORD_FIELDS = (
    "id",
    "latitude",
    "longitude",
    "location_method",
    "location_uncertainty_nm",
    "aerodrome",
    "distance_nm",
    "bearing_deg",
    "altitude_ft",
    "altitude_reference",
    "proximity_ft",
    "aircraft_type",
    "flight_phase",
    "evasive_action",
    "nmac",
    "encounter_class",
    "nmac_hazard",
    "drone_count",
    "aircraft_involved",
    "local_time",
    "timezone",
    "position_text",
    "location_error",
)


def _text(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    return value if isinstance(value, str) else ""


def extraction_record(record: dict[str, Any], *, reference: ReferenceData) -> dict[str, Any]:
    """Flat facts for one narrative (nulls when unknown). ``aerodrome``, ``distance_nm`` (NM)
    and ``bearing_deg`` (degrees true) relate the located point to the aerodrome the text
    refers to; without one they are the narrative's own stated distance and bearing."""
    narrative = record.get("narrative")
    if not isinstance(narrative, str):
        raise ValueError("'narrative' must be a string")
    city, state = _text(record, "city"), _text(record, "state")
    date = record.get("date") if isinstance(record.get("date"), str) else None
    ex = extract(narrative, city=city, state=state, date=date)
    out: dict[str, Any] = dict.fromkeys(RECORD_FIELDS)
    out.update(
        id=record.get("id"),
        altitude_ft=ex.altitude_ft,
        altitude_reference=ex.altitude_reference,
        proximity_ft=ex.proximity_ft,
        aircraft_type=ex.aircraft_type,
        flight_phase=ex.flight_phase,
        evasive_action=ex.evasive_action,
        nmac=ex.nmac,
        encounter_class=ex.encounter_class,
        nmac_hazard=ex.nmac_hazard,
        drone_count=ex.drone_count,
        aircraft_involved=ex.aircraft_involved,
        local_time=ex.local_time,
        timezone=ex.timezone,
        position_text=ex.position_text or None,
    )
    if ex.position is not None:
        out.update(distance_nm=ex.position.distance_nm, bearing_deg=ex.position.bearing_deg)
    try:
        loc = locate_extraction(ex, city=city, state=state, reference=reference)
    except LocateError as exc:
        out["location_error"] = str(exc)
        return out
    out.update(
        latitude=round(loc.latitude, 6),
        longitude=round(loc.longitude, 6),
        location_method=loc.method,
        location_uncertainty_nm=loc.uncertainty_nm,
    )
    aerodrome = reference.aerodromes.lookup(loc.aerodrome, country="US") if loc.aerodrome else None
    if aerodrome is not None:
        bearing, dist = distance_from(loc, aerodrome)
        out.update(
            aerodrome=aerodrome.code, distance_nm=round(dist, 2), bearing_deg=round(bearing, 1)
        )
    return out
