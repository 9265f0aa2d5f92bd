"""Phase of flight: written (``12 MILE FINAL``, ``DEPARTING RUNWAY 19R``) or inferred from the
route, the position and the aircraft's altitude.

Pattern legs (downwind, base) count as ``approach``; upwind and crosswind after take-off as
``departure``; level flight at or above 10,000 ft with nothing written as ``cruise``.
"""

from __future__ import annotations

import re

from geo.narrative.model import Position
from geo.narrative.text import Gated

# Facility names ("SOCAL APPROACH ADVISED") are not phases: they are removed before matching.
_FACILITY_WORDS = Gated(
    r"\b[A-Z]+ (?:APPROACH|APCH|DEPARTURE)(?= ADVIS| REPORT| CONTROL|,)",
    ("APPROACH", "APCH", "DEPARTURE"),
)
_PHASES = (
    (
        "final",
        r"\bFINAL\b|\bLANDING (?:ON|RUNWAY|RWY|RY)\b|\bON (?:SHORT )?FINAL|\bSHORT FINAL|"
        r"\bON THE GLIDE ?(?:SLOPE|PATH)|\bTOUCH(?:ING)? DOWN|\bFLARE\b",
    ),
    (
        "taxi",
        r"\bTAXI(?:ING|ED)?\b|\bON (?:THE )?RAMP\b|\bAT (?:THE )?GATE\b|\bHOLDING SHORT\b|\bAFTER LANDING\b|"
        r"\bON THE (?:GROUND|TAXIWAY)\b|\bPARKED\b",
    ),
    (
        "departure",
        r"\bDEPART(?:ING|ED|URE|S)?\b(?! END)|\bTAKE ?-?OFF\b|\bTAKING OFF\b|"
        r"\bAFTER TAKE ?OFF|\bUPWIND\b|\bCROSS ?WIND\b|\bOFF THE DEPARTURE END\b|"
        r"\bINITIAL CLIMB\b|\bJUST AFTER LIFT ?OFF",
    ),
    ("climb", r"\bCLIMBING\b|\bCLIMB(?:ING)? (?:THROUGH|OUT|TO)\b|\bIN THE CLIMB\b|\bCLIMBOUT\b"),
    (
        "approach",
        r"\bAPPROACH(?:ING)?\b|\bAPCH\b|\bARRIV(?:AL|ING)\b|\bINBOUND\b|\bDESCEND(?:ING)?\b|"
        r"\bDESCENT\b|\bDOWNWIND\b|\bBASE(?: LEG)?\b|\bIN THE PATTERN\b|\bTRAFFIC PATTERN\b|"
        r"\b(?:FOR|TO) (?:RUNWAY|RWY|RY) ?\d|\bVECTORS? (?:FOR|TO)\b|\bON THE ILS\b|"
        r"\bLOCALIZER\b|\bON VISUAL\b|\bLANDING\b",
    ),
    ("cruise", r"\bCRUIS(?:E|ING)\b|\bEN ?ROUTE\b|\bLEVEL AT\b"),
)
_KEYS = {
    "final": ("FINAL", "LANDING", "GLIDE", "TOUCH", "FLARE"),
    "taxi": ("TAXI", "RAMP", "GATE", "HOLDING SHORT", "LANDING", "ON THE GROUND", "PARKED"),
    "departure": ("DEPART", "TAKE", "TAKING OFF", "UPWIND", "CROSS", "INITIAL CLIMB", "LIFT"),
    "climb": ("CLIMB",),
    "approach": (
        "APPROACH",
        "APCH",
        "ARRIV",
        "INBOUND",
        "DESCEN",
        "DOWNWIND",
        "BASE",
        "PATTERN",
        "RUNWAY",
        "RWY",
        "RY ",
        "VECTOR",
        "ILS",
        "LOCALIZER",
        "VISUAL",
        "LANDING",
    ),
    "cruise": ("CRUIS", "ENROUTE", "EN ROUTE", "LEVEL AT"),
}
_PHASE_RX = [(name, Gated(rx, _KEYS[name])) for name, rx in _PHASES]
_AVOID = Gated(r"\b(?:CLIMBED|DESCENDED|CLIMB|DESCEND)\b[^.]{0,40}\bTO AVOID\b", ("AVOID",))


def _written(text: str) -> tuple[str, int, int] | None:
    """The earliest phase written in ``text``: (phase, start, end). Facility names and
    climbs/descents made to avoid the drone are blanked first (same length, so offsets hold)."""
    text = _AVOID.sub(_blank, _FACILITY_WORDS.sub(_blank, text))
    best: tuple[str, int, int] | None = None
    for name, rx in _PHASE_RX:
        m = rx.search(text, 0, best[1] if best else len(text))
        if m and (best is None or m.start() < best[1]):
            best = (name, m.start(), m.end())
    return best


def _blank(m: re.Match[str]) -> str:
    return " " * len(m[0])


def _inferred(
    position: Position | None,
    origin: str | None,
    destination: str | None,
    aircraft_altitude_ft: int | None,
    context_airport: str | None,
) -> str:
    """The phase from the route, the position and the altitude when none is written."""
    ref = position.reference if position else ""
    near = position is not None and (position.distance_nm is None or position.distance_nm <= 20)
    if ref and near and ref in (origin, destination):
        return "approach" if ref == destination else "departure"
    if aircraft_altitude_ft is not None and aircraft_altitude_ft >= 10000:
        return "cruise"
    if context_airport and near and not ref and context_airport in (origin, destination):
        return "approach" if destination == context_airport else "departure"
    return "unknown"


def flight_phase_found(
    prelim: str,
    mor: str,
    *,
    position: Position | None,
    origin: str | None,
    destination: str | None,
    aircraft_altitude_ft: int | None,
    context_airport: str | None = None,
) -> tuple[str, tuple[int, int, int] | None]:
    """One of final, approach, departure, climb, cruise, taxi, unknown, and where it was
    written ((block, start, end), None when inferred or read from the position)."""
    if position is not None and position.runway_relation == "final":
        return "final", None
    for i, block in enumerate((prelim, mor)):
        found = _written(block) if block else None
        if found:
            return found[0], (i, found[1], found[2])
    return _inferred(position, origin, destination, aircraft_altitude_ft, context_airport), None


def flight_phase(
    prelim: str,
    mor: str,
    *,
    position: Position | None,
    origin: str | None,
    destination: str | None,
    aircraft_altitude_ft: int | None,
    context_airport: str | None = None,
) -> str:
    """One of final, approach, departure, climb, cruise, taxi, unknown."""
    return flight_phase_found(
        prelim,
        mor,
        position=position,
        origin=origin,
        destination=destination,
        aircraft_altitude_ft=aircraft_altitude_ft,
        context_airport=context_airport,
    )[0]
