"""One-line synopses in the controllers' style, from structured fields:

``LOS ANGELES, CA / CLOSE ENCOUNTER / 1857Z / CRJ9 REPORTED A WHITE UAS 12 NM ENE OF LAX AT
2,600 FT MSL, 500 FT FROM AIRCRAFT. NO EVASIVE ACTION.``

Every field is optional; a missing one drops its phrase rather than printing "None". Units are
written as the controllers write them: NM for distances, FT for heights and separations.
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.narrative.model import Extraction

_EVASIVE = {
    "yes": "EVASIVE ACTION TAKEN.",
    "no": "NO EVASIVE ACTION.",
    "unknown": "EVASIVE ACTION UNKNOWN.",
    "not_stated": "",
}
_CLASSES = {"close_encounter": "CLOSE ENCOUNTER", "sighting": "SIGHTING"}


def _feet(value: float) -> str:
    return f"{round(value):,} FT"


def _nm(value: float) -> str:
    return f"{value:g} NM"


def _drone(count: int | None, colours: Sequence[str]) -> str:
    colour = " AND ".join(c.upper() for c in colours[:2])
    if count and count > 1:
        return f"{count} {colour + ' ' if colour else ''}UAS"
    if colour:
        return f"{'AN' if colour[0] in 'AEIOU' else 'A'} {colour} UAS"
    return "A UAS"


def _where(
    *,
    distance_nm: float | None,
    bearing: str | None,
    reference: str | None,
    runway: str | None,
    runway_relation: str | None,
) -> str:
    ref = (reference or "").strip().upper()
    if runway and runway_relation == "final":
        dist = f"{_nm(distance_nm)} " if distance_nm is not None else ""
        return f"ON {dist}FINAL RWY {runway}" + (f" AT {ref}" if ref else "")
    if runway and runway_relation == "departure":
        dist = f"{_nm(distance_nm)} " if distance_nm is not None else ""
        return f"{dist}OFF THE DEPARTURE END OF RWY {runway}" + (f" AT {ref}" if ref else "")
    if ref and distance_nm is not None and bearing:
        return f"{_nm(distance_nm)} {bearing.upper()} OF {ref}"
    if ref:
        return f"IN THE VICINITY OF {ref}"
    return ""


def synopsis(
    *,
    city: str = "",
    state: str = "",
    encounter_class: str | None = None,
    time_utc: str | None = None,
    local_time: str | None = None,
    zone_letter: str | None = None,
    aircraft_type: str | None = None,
    aircraft_involved: bool = True,
    drone_count: int | None = None,
    drone_colours: Sequence[str] = (),
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
    ``1857Z``, a local one with its FAA zone letter (``1057P``). Altitudes without a stated
    reference are written MSL when an aircraft reported them (pilots read their altimeter)."""
    head = [", ".join(p for p in (city.strip().upper(), state.strip().upper()) if p)]
    if encounter_class in _CLASSES:
        head.append(_CLASSES[encounter_class])
    if time_utc:
        head.append(f"{time_utc}Z")
    elif local_time:
        head.append(f"{local_time}{zone_letter or ''}")
    subject = (aircraft_type or "AIRCRAFT").upper() if aircraft_involved else ""
    drone = _drone(drone_count, drone_colours)
    clause = f"{subject} REPORTED {drone}" if subject else f"{drone} WAS REPORTED"
    where = _where(
        distance_nm=distance_nm,
        bearing=bearing,
        reference=reference,
        runway=runway,
        runway_relation=runway_relation,
    )
    if where:
        clause += f" {where}"
    if altitude_ft is not None:
        ref = altitude_reference or ("MSL" if aircraft_involved else "")
        clause += f" AT {_feet(altitude_ft)}" + (f" {ref}" if ref else "")
    if proximity_ft is not None:
        clause += f", {_feet(proximity_ft)} FROM AIRCRAFT"
    body = clause + "."
    evasive = _EVASIVE.get(evasive_action or "", "")
    if evasive:
        body += f" {evasive}"
    return " / ".join(p for p in (*head, body) if p)


def synopsis_for(ex: Extraction, *, city: str = "", state: str = "") -> str:
    """``synopsis`` filled from an ``Extraction`` (the header's place wins over the columns)."""
    where_city, where_state = city, state
    if ex.header_location and "," in ex.header_location:
        where_city, _, where_state = ex.header_location.rpartition(",")
    pos = ex.position
    return synopsis(
        city=where_city,
        state=where_state,
        encounter_class=ex.encounter_class,
        time_utc=ex.utc_time,
        local_time=ex.local_time,
        zone_letter=ex.zone_letter,
        aircraft_type=ex.aircraft_type,
        aircraft_involved=ex.aircraft_involved,
        drone_count=ex.drone_count,
        drone_colours=ex.drone_colours,
        distance_nm=pos.distance_nm if pos else None,
        bearing=pos.bearing if pos else None,
        reference=pos.reference if pos else None,
        runway=pos.runway if pos else None,
        runway_relation=pos.runway_relation if pos else None,
        altitude_ft=ex.altitude_ft,
        altitude_reference=ex.altitude_reference,
        proximity_ft=ex.proximity_ft,
        evasive_action=ex.evasive_action,
    )
