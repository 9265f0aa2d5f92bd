"""One-line synopses in the controllers' style, written from a report's stored fields:

``LOS ANGELES, CA / CLOSE ENCOUNTER / 1857Z / CRJ9 REPORTED A WHITE UAS 12 NM ENE OF LAX AT
2,600 FT MSL, 500 FT FROM AIRCRAFT. NO EVASIVE ACTION.``

The synopsis is derived data and is not stored: every word comes from fields the report already
stores (place, class, time, aircraft, drone, position, altitude, proximity, evasive action, and
the narrative's own position and local time kept in ``extraction``). Writing it when the report
is read (staff list and API, admin, exports, a hexagon's report list) keeps it true after an
analyst corrects a field or the report is re-enriched against new reference data.

Every field is optional; a missing one (None, NaN, "") drops its phrase rather than printing
"None". Units as controllers write them: NM for distances, FT for heights and separations. An
altitude carries AGL or MSL only when the report says which: the synopsis never guesses one.

One formatting path: ``synopsis`` writes a line from keyword fields, and
``synopses_from_records`` / ``synopsis_from_record`` read stored records and call it row by row
(plain Python per row, cheaper than building columns first: ~10 us a row).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any, TypeGuard

from geo.geodesy import COMPASS16

# The stored report fields a synopsis reads (names as in reports.models.Report).
SYNOPSIS_FIELDS = (
    "city",
    "state_region",
    "encounter_class",
    "observed_at",
    "observed_time_known",
    "aircraft_type",
    "aircraft_involved",
    "drone_count",
    "drone_colour",
    "altitude_ft",
    "altitude_reference",
    "closest_proximity_ft",
    "evasive_action",
    "aerodrome_code",
    "aerodrome_distance_nm",
    "aerodrome_bearing_deg",
    "extraction",
)
MAX_LENGTH = 400  # characters, as the API and exports have always cut it

_EVASIVE = {
    "yes": "EVASIVE ACTION TAKEN.",
    "no": "NO EVASIVE ACTION.",
    "unknown": "EVASIVE ACTION UNKNOWN.",
}
_CLASSES = {"close_encounter": "CLOSE ENCOUNTER", "sighting": "SIGHTING"}
_ALTITUDE_REFERENCES = frozenset(("AGL", "MSL"))  # "unknown" (or anything else) writes neither


def _known(value: float | None) -> TypeGuard[float]:
    return value is not None and value == value  # not None, not NaN


def _upper(value: object) -> str:
    return value.strip().upper() if isinstance(value, str) else ""


def synopsis(
    *,
    city: str | None = None,
    state: str | None = None,
    encounter_class: str | None = None,
    time_utc: str | None = None,
    local_time: str | None = None,
    zone_letter: str | None = None,
    aircraft_type: str | None = None,
    aircraft_involved: bool | None = True,
    drone_count: float | None = None,
    drone_colours: Sequence[str] | None = (),
    distance_nm: float | None = None,
    bearing: str | None = None,
    reference: str | None = None,
    runway: str | None = None,
    runway_relation: str | None = None,
    altitude_ft: float | None = None,
    altitude_reference: str | None = None,
    proximity_ft: float | None = None,
    evasive_action: str | None = None,
) -> str:
    """The synopsis line. ``time_utc``/``local_time`` are ``HHMM``; a UTC time is written
    ``1857Z``, a local one with its FAA zone letter (``1057P``). ``distance_nm`` in NM,
    ``altitude_ft`` and ``proximity_ft`` in feet; ``aircraft_involved=None`` counts as True."""
    head = _head(city, state, encounter_class, time_utc, local_time, zone_letter)
    drone = _drone(drone_count, drone_colours)
    if aircraft_involved is not False:
        subject = aircraft_type.upper() if isinstance(aircraft_type, str) and aircraft_type else ""
        clause = f"{subject or 'AIRCRAFT'} REPORTED {drone}"
    else:
        clause = f"{drone} WAS REPORTED"
    where = _where(distance_nm, bearing, reference, runway, runway_relation)
    if where:
        clause = f"{clause} {where}"
    if _known(altitude_ft):
        unit = f"FT {altitude_reference}" if altitude_reference in _ALTITUDE_REFERENCES else "FT"
        clause = f"{clause} AT {round(altitude_ft):,} {unit}"
    if _known(proximity_ft):
        clause = f"{clause}, {round(proximity_ft):,} FT FROM AIRCRAFT"
    evasive = _EVASIVE.get(evasive_action) if isinstance(evasive_action, str) else None
    body = f"{clause}. {evasive}" if evasive else f"{clause}."
    return f"{head} / {body}" if head else body


def _head(
    city: str | None,
    state: str | None,
    encounter_class: str | None,
    time_utc: str | None,
    local_time: str | None,
    zone_letter: str | None,
) -> str:
    """``CITY, ST / CLASS / TIME``, each part left out when unknown."""
    c, s = _upper(city), _upper(state)
    parts = [f"{c}, {s}" if c and s else c or s]
    label = _CLASSES.get(encounter_class) if isinstance(encounter_class, str) else None
    if label:
        parts.append(label)
    if time_utc:
        parts.append(f"{time_utc}Z")
    elif local_time:
        parts.append(f"{local_time}{zone_letter or ''}")
    return " / ".join(p for p in parts if p)


def _drone(count: float | None, colours: Sequence[str] | None) -> str:
    colour = " AND ".join(x.upper() for x in colours[:2]) if colours else ""
    if _known(count) and count > 1:
        return f"{count:.0f} {colour + ' ' if colour else ''}UAS"
    if colour:
        return f"{'AN' if colour[0] in 'AEIOU' else 'A'} {colour} UAS"
    return "A UAS"


def _where(
    distance_nm: float | None,
    bearing: str | None,
    reference: str | None,
    runway: str | None,
    relation: str | None,
) -> str:
    ref = _upper(reference)
    at = f" AT {ref}" if ref else ""
    dist = f"{distance_nm:g} NM " if _known(distance_nm) else ""
    if runway and relation == "final":
        return f"ON {dist}FINAL RWY {runway}{at}"
    if runway and relation == "departure":
        return f"{dist}OFF THE DEPARTURE END OF RWY {runway}{at}"
    if ref and dist and isinstance(bearing, str) and bearing:
        return f"{dist}{bearing.upper()} OF {ref}"
    if ref:
        return f"IN THE VICINITY OF {ref}"
    return ""


# --- from stored records ------------------------------------------------------------------------


def synopses_from_records(records: Sequence[Mapping[str, Any]]) -> list[str]:
    """One synopsis per record (a mapping with ``SYNOPSIS_FIELDS``; a missing key is unknown).

    Positions are given relative to the nearest aerodrome unless the narrative stated its own
    (``7 SW LAX``, ``3 MILE FINAL RUNWAY 25L``), which is what the reporter actually said."""
    return [synopsis_from_record(record) for record in records]


def synopsis_from_record(record: Mapping[str, Any]) -> str:
    """The synopsis of one stored record (see ``synopses_from_records``)."""
    get = record.get
    extraction = get("extraction") or {}
    position = extraction.get("position")
    if not (position and (position.get("reference") or position.get("runway"))):
        position = _nearest_aerodrome(
            get("aerodrome_code"), get("aerodrome_distance_nm"), get("aerodrome_bearing_deg")
        )
    observed = get("observed_at")
    line = synopsis(
        city=get("city"),
        state=get("state_region"),
        encounter_class=get("encounter_class"),
        time_utc=(
            observed.strftime("%H%M")
            if get("observed_time_known") is not False and isinstance(observed, dt.datetime)
            else None
        ),
        local_time=extraction.get("local_time"),
        zone_letter=extraction.get("zone_letter"),
        aircraft_type=get("aircraft_type"),
        aircraft_involved=get("aircraft_involved"),
        drone_count=get("drone_count"),
        drone_colours=_colours(get("drone_colour"), extraction),
        distance_nm=position.get("distance_nm"),
        bearing=position.get("bearing"),
        reference=position.get("reference"),
        runway=position.get("runway"),
        runway_relation=position.get("runway_relation"),
        altitude_ft=get("altitude_ft"),
        altitude_reference=get("altitude_reference"),
        proximity_ft=get("closest_proximity_ft"),
        evasive_action=get("evasive_action"),
    )
    return line[:MAX_LENGTH]


def _nearest_aerodrome(
    code: str | None, distance_nm: float | None, bearing_deg: float | None
) -> dict[str, Any]:
    """The stored nearest aerodrome as a position: distance to 0.1 NM, 16-point bearing."""
    distance = _finite(distance_nm)
    bearing = _finite(bearing_deg)
    return {
        # round(x * 10) / 10 is numpy's round(x, 1) (half to even on x * 10), which wrote these
        # figures before; Python's round(x, 1) differs at a few halves (0.15 -> 0.1, not 0.2).
        "distance_nm": None if distance is None else round(distance * 10.0) / 10.0,
        "bearing": "" if bearing is None else COMPASS16[round((bearing % 360.0) / 22.5) % 16],
        "reference": code or "",
    }


def _finite(value: float | None) -> float | None:
    if value is None:
        return None
    number = float(value)  # stored floats, ints or Decimals
    return number if math.isfinite(number) else None


def _colours(stored: object, extraction: Mapping[str, Any]) -> tuple[str, ...]:
    """The narrative's colour list when the stored colour is just those words joined (keeps
    "DARK GREY" one colour); otherwise the stored words, which may be the reporter's own."""
    words = stored if isinstance(stored, str) else ""
    extracted = tuple(extraction.get("drone_colours") or ())
    if extracted and words == " ".join(extracted)[:60]:
        return extracted
    return tuple(words.split())
