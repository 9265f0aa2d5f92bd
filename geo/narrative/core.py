"""``extract``: one narrative in, one ``Extraction`` out. Pure, no I/O, no reference data."""

from __future__ import annotations

import re

from geo.narrative import aircraft, behaviour, blocks, measures, phase, position
from geo.narrative.model import Extraction
from geo.narrative.text import normalise

CLOSE_FT = 500  # a drone this close (feet) makes the encounter "close" (DESIGN.md vocabulary)
CRITICAL_FT = 100
_CODE = re.compile(r"^[A-Z0-9]{3,4}$")
_FAC_CODE = re.compile(r"^([A-Z][A-Z0-9]{2,3}) (?:ATCT|TOWER|TRACON|APCH|RAPCON)\b")
_STATE_IN_HEADER = re.compile(r",\s*([A-Z .]+)$")


def encounter_class(
    *, proximity_ft: int | None, nmac: bool, evasive_action: str, dangerously_close: bool
) -> str:
    """``close_encounter`` when within 500 ft, an NMAC, evasive action or "dangerously close"
    wording; otherwise ``sighting``."""
    close = (
        (proximity_ft is not None and proximity_ft <= CLOSE_FT)
        or nmac
        or evasive_action == "yes"
        or dangerously_close
    )
    return "close_encounter" if close else "sighting"


def nmac_hazard(*, proximity_ft: int | None, nmac: bool) -> str:
    """``critical`` under 100 ft, ``potential`` under 500 ft (or a declared NMAC with no
    distance: an NMAC means under 500 ft by definition), else ``none``."""
    if proximity_ft is not None:
        if proximity_ft < CRITICAL_FT:
            return "critical"
        if proximity_ft < CLOSE_FT:
            return "potential"
        return "potential" if nmac and proximity_ft <= CLOSE_FT else "none"
    return "potential" if nmac else "none"


def _context_airport(
    header: str | None, facility: str | None, mor_facility: str | None, destination: str | None
) -> str | None:
    if header and _CODE.match(header):
        return header
    if facility:
        m = _FAC_CODE.match(facility)
        if m:
            return m[1]
    return destination or mor_facility


def extract(
    narrative: str, *, city: str = "", state: str = "", date: str | None = None
) -> Extraction:
    """Read the facts out of an FAA narrative or a plain-English report.

    ``city``/``state`` are the row's columns (used for the time zone when the zone letter is
    ``L``); ``date`` is accepted for symmetry with the importer and not needed for parsing.
    Never raises for any string input.
    """
    del date  # the narrative carries the time; the date does not change what it says
    text = normalise(narrative if isinstance(narrative, str) else "")
    b = blocks.split(text)
    prelim, mor = b.prelim, b.mor
    sources = tuple(
        s
        for s, t in (
            ("prelim" if b.header_location or b.local_time else "free", prelim),
            ("mor", mor),
        )
        if t.strip()
    )
    header_state = ""
    if b.header_location:
        hs = _STATE_IN_HEADER.search(b.header_location)
        header_state = hs[1].strip() if hs else ""
    fac = aircraft.facility(prelim)
    actype = aircraft.aircraft_type(prelim, mor, b.mor_aircraft)
    origin, dest = aircraft.route(prelim)
    context = _context_airport(b.header_location, fac, b.mor_facility, dest)
    pos = position.position(prelim, mor, context_airport=context)
    meas = measures.measures(prelim, mor)
    both = f"{prelim}\n{mor}"
    evasive = behaviour.evasive_action(prelim, mor)
    is_nmac = behaviour.nmac(both)
    danger = behaviour.dangerously_close(both)
    involved = behaviour.aircraft_involved(
        both if prelim.strip() else f"{mor} {b.mor_aircraft}",
        aircraft_type=actype,
        event_type=b.event_type,
    )
    if not involved and meas.proximity_ft is not None and not behaviour.no_aircraft(both):
        involved = True  # a separation from "the aircraft" means there was one
    if not involved:
        if (
            (b.event_type and "ACCIDENT" in b.event_type)
            or behaviour.no_aircraft(both)
            or actype == "HELO"
        ):
            actype = None
        evasive = "not_stated" if evasive == "yes" else evasive
    phase_name = (
        phase.flight_phase(
            prelim,
            mor,
            position=pos,
            origin=origin,
            destination=dest,
            aircraft_altitude_ft=meas.aircraft_altitude_ft or meas.altitude_ft,
            context_airport=context,
        )
        if involved
        else "unknown"
    )
    prox = meas.proximity_ft if involved else None
    return Extraction(
        local_time=b.local_time,
        zone_letter=b.zone_letter,
        timezone=blocks.timezone_for(b.zone_letter, header_state or state),
        utc_time=b.utc_time,
        header_location=b.header_location,
        event_type=b.event_type,
        facility=fac,
        aerodrome_hint=context,
        mor_facility=b.mor_facility,
        aircraft_type=actype,
        route_origin=origin,
        route_destination=dest,
        flight_phase=phase_name,
        aircraft_altitude_ft=meas.aircraft_altitude_ft,
        aircraft_involved=involved,
        position=pos,
        altitude_ft=meas.altitude_ft,
        altitude_reference=meas.altitude_reference,
        proximity_ft=prox,
        drone_count=behaviour.drone_count(both),
        drone_colours=behaviour.colours(both),
        drone_type=behaviour.drone_type(both),
        lights=behaviour.lights(both),
        evasive_action=evasive,
        nmac=is_nmac,
        dangerously_close=danger,
        law_enforcement_notified=behaviour.law_enforcement(prelim, mor),
        encounter_class=encounter_class(
            proximity_ft=prox, nmac=is_nmac, evasive_action=evasive, dangerously_close=danger
        ),
        nmac_hazard=nmac_hazard(proximity_ft=prox, nmac=is_nmac),
        sources=sources,
    )
