"""``extract``: one narrative in, one ``Extraction`` out. Pure, no I/O, no reference data."""

from __future__ import annotations

import re

from geo.narrative import (
    aircraft,
    blocks,
    drone,
    enforcement,
    evasive,
    involvement,
    measures,
    phase,
    position,
)
from geo.narrative.model import Extraction, Position
from geo.narrative.spans import TextMap
from geo.narrative.text import normalise_mapped

CLOSE_FT = 500  # a drone this close (feet) makes the encounter "close" (DESIGN.md vocabulary)
CRITICAL_FT = 100
_CODE = re.compile(r"^[A-Z0-9]{3,4}$")
_FAC_CODE = re.compile(r"^([A-Z][A-Z0-9]{2,3}) (?:ATCT|TOWER|TRACON|APCH|RAPCON)\b")
_STATE_IN_HEADER = re.compile(r",\s*([A-Z .]+)$")
BlockSpan = tuple[int, int, int]  # (block: 0 PRELIM, 1 MOR; start; end) in that block


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


def _involvement(b: blocks.Blocks, actype: str | None, proximity: int | None) -> bool:
    both = f"{b.prelim}\n{b.mor}"
    involved = involvement.aircraft_involved(
        both if b.prelim.strip() else f"{b.mor} {b.mor_aircraft}",
        aircraft_type=actype,
        event_type=b.event_type,
    )
    if not involved and proximity is not None and not involvement.no_aircraft(both):
        involved = True  # a separation from "the aircraft" means there was one
    return involved


def _no_aircraft_type(b: blocks.Blocks, actype: str | None) -> str | None:
    """A ground or accident report names no reporting aircraft (a "HELO" there is the drone)."""
    both = f"{b.prelim}\n{b.mor}"
    accident = bool(b.event_type and "ACCIDENT" in b.event_type)
    return None if accident or involvement.no_aircraft(both) or actype == "HELO" else actype


class _Spans:
    """Collects where each fact was read, in the caller's narrative offsets."""

    def __init__(self, text: str, where: TextMap, b: blocks.Blocks) -> None:
        self.text = text
        self.where = where
        b.prelim_where.parent = where
        b.mor_where.parent = where
        self.blocks = (b.prelim_where, b.mor_where)
        self.out: dict[str, tuple[int, int]] = {}

    def block(self, name: str, found: BlockSpan | None) -> None:
        if found is not None:
            self.out[name] = self.blocks[found[0]].span(found[1], found[2])

    def token(self, name: str, token: str | None, *, suffix: str = "") -> None:
        """The first whole-word occurrence of ``token`` (optionally glued to ``suffix``, as the
        zone letter is to a time) in the normalised text."""
        if not token:
            return
        at = self.text.find(token)
        while at >= 0:
            end = at + len(token)
            after = end + len(suffix) if self.text.startswith(suffix, end) else end
            if (at == 0 or not self.text[at - 1].isalnum()) and (
                after == len(self.text) or not self.text[after].isalnum()
            ):
                self.out[name] = self.where.span(at, end)
                return
            at = self.text.find(token, end)


def _sources(b: blocks.Blocks) -> tuple[str, ...]:
    """The blocks that had text: ``prelim`` (``free`` when there was no FAA header to say so)
    and ``mor``."""
    first = "prelim" if b.header_location or b.local_time else "free"
    return tuple(s for s, t in ((first, b.prelim), ("mor", b.mor)) if t.strip())


def _timezone(b: blocks.Blocks, state: str) -> str | None:
    """The IANA zone for the zone letter; the header's ``CITY, ST`` names the state before the
    row's column does (the columns are sometimes wrong)."""
    header_state = ""
    if b.header_location:
        hs = _STATE_IN_HEADER.search(b.header_location)
        header_state = hs[1].strip() if hs else ""
    return blocks.timezone_for(b.zone_letter, header_state or state)


def _phase_span(
    name: str, written: BlockSpan | None, pos: Position | None, pos_span: BlockSpan | None
) -> BlockSpan | None:
    """Where the phase was read: its own words, or the runway position that made it ``final``."""
    if written:
        return written
    final = name == "final" and pos is not None and pos.runway_relation == "final"
    return pos_span if final else None


def extract(
    narrative: str, *, city: str = "", state: str = "", date: str | None = None
) -> Extraction:
    """Read the facts out of an FAA narrative or a plain-English report.

    ``city``/``state`` are the row's columns (used for the time zone when the zone letter is
    ``L``); ``date`` is accepted for symmetry with the importer and not needed for parsing.
    ``spans`` maps each fact read to its ``(start, end)`` in ``narrative``. Never raises for
    any string input.
    """
    del date  # the narrative carries the time; the date does not change what it says
    text, where = normalise_mapped(narrative if isinstance(narrative, str) else "")
    b = blocks.split(text)
    prelim, mor = b.prelim, b.mor
    spans = _Spans(text, where, b)
    fac = aircraft.facility(prelim)
    actype = aircraft.aircraft_type(prelim, mor, b.mor_aircraft)
    origin, dest = aircraft.route(prelim)
    context = _context_airport(b.header_location, fac, b.mor_facility, dest)
    pos, pos_span = position.position_found(prelim, mor, context_airport=context)
    meas = measures.measures(prelim, mor)
    both = f"{prelim}\n{mor}"
    evaded, evasive_span = evasive.evasive_found(prelim, mor)
    is_nmac = evasive.nmac(both)
    danger = evasive.dangerously_close(both)
    involved = _involvement(b, actype, meas.proximity_ft)
    phase_name: str = "unknown"
    phase_span: BlockSpan | None = None
    prox: int | None = None
    if involved:
        phase_name, phase_span = phase.flight_phase_found(
            prelim,
            mor,
            position=pos,
            origin=origin,
            destination=dest,
            aircraft_altitude_ft=meas.aircraft_altitude_ft or meas.altitude_ft,
            context_airport=context,
        )
        prox = meas.proximity_ft
    else:
        # No aircraft involved: no reporting aircraft's type (a "HELO" there is the drone) and
        # no aircraft to have manoeuvred; the phase and the separation stay unknown.
        actype = _no_aircraft_type(b, actype)
        if evaded == "yes":
            evaded, evasive_span = "not_stated", None
    spans.block("altitude_ft", meas.altitude_span)
    spans.block("proximity_ft", meas.proximity_span if prox is not None else None)
    spans.block("position", pos_span)
    spans.block("evasive_action", evasive_span)
    spans.block("flight_phase", _phase_span(phase_name, phase_span, pos, pos_span))
    spans.token("aircraft_type", actype)
    spans.token("local_time", b.local_time, suffix=b.zone_letter or "")
    if is_nmac and "NMAC" in text:
        spans.token("nmac", "NMAC")
    return Extraction(
        local_time=b.local_time,
        zone_letter=b.zone_letter,
        timezone=_timezone(b, state),
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
        drone_count=drone.drone_count(both),
        drone_colours=drone.colours(both),
        drone_type=drone.drone_type(both),
        lights=drone.lights(both),
        evasive_action=evaded,
        nmac=is_nmac,
        dangerously_close=danger,
        law_enforcement_notified=enforcement.law_enforcement(prelim, mor),
        encounter_class=encounter_class(
            proximity_ft=prox, nmac=is_nmac, evasive_action=evaded, dangerously_close=danger
        ),
        nmac_hazard=nmac_hazard(proximity_ft=prox, nmac=is_nmac),
        sources=_sources(b),
        spans=spans.out,
    )
