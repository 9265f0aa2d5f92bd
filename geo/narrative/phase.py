"""Phase of flight: written (``12 MILE FINAL``, ``DEPARTING RUNWAY 19R``) or inferred from the
route, the position and the aircraft's altitude.

Pattern legs (downwind, base) count as ``approach``; upwind and crosswind after take-off as
``departure``; level flight at or above 10,000 ft with nothing written as ``cruise``.
"""

from __future__ import annotations

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


def _written(text: str) -> str | None:
    text = _AVOID.sub(" ", _FACILITY_WORDS.sub(" ", text))
    best: tuple[int, str] | None = None
    for name, rx in _PHASE_RX:
        m = rx.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None


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
    if position is not None and position.runway_relation == "final":
        return "final"
    for block in (prelim, mor):
        if block:
            found = _written(block)
            if found:
                return found
    ref = position.reference if position else ""
    near = position is not None and (position.distance_nm is None or position.distance_nm <= 20)
    if ref and near:
        if destination and ref == destination:
            return "approach"
        if origin and ref == origin:
            return "departure"
    if aircraft_altitude_ft is not None and aircraft_altitude_ft >= 10000:
        return "cruise"
    if context_airport and near and not ref:
        if destination == context_airport:
            return "approach"
        if origin == context_airport:
            return "departure"
    return "unknown"
