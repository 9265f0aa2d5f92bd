"""The facts extracted from one narrative: a frozen, JSON-serialisable record.

Units: altitudes and proximities in feet, distances in nautical miles, bearings in degrees true
(the FAA writes 16-point compass names relative to true north), times as local ``HHMM``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

EVASIVE_VALUES = ("yes", "no", "unknown", "not_stated")
PHASES = ("final", "approach", "departure", "climb", "cruise", "taxi", "unknown")
DRONE_TYPES = ("multirotor", "fixed_wing", "helicopter", "unknown")


@dataclass(frozen=True, slots=True)
class Position:
    """Where the narrative says the encounter happened, before any geocoding.

    ``kind`` is ``offset`` (``7 SW LAX``), ``runway`` (``3 MILE FINAL RUNWAY 25L``),
    ``vicinity`` (``VCNTY OQN``) or ``coordinates`` (``3620N 9120W``).
    """

    text: str
    kind: str
    reference: str = ""  # an aerodrome code, navaid, airport or place name, as written
    distance_nm: float | None = None
    bearing: str | None = None  # 16-point compass name, e.g. "SSW"
    bearing_deg: float | None = None  # degrees true
    runway: str | None = None  # "24R"
    runway_relation: str | None = None  # final | departure
    latitude: float | None = None  # degrees, when the narrative gives coordinates
    longitude: float | None = None


# A position read from one block of text and where: (position, start, end) in that block.
Found = tuple[Position, int, int]


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything ``extract`` could read from one narrative; ``None`` means not stated."""

    # header
    local_time: str | None = None  # "1857"
    zone_letter: str | None = None  # E C M P L A H
    timezone: str | None = None  # IANA name when the zone letter and state allow it
    utc_time: str | None = None  # "HHMM" from an MOR block's Date/Time line
    header_location: str | None = None  # "LOS ANGELES, CA" or an airport code "LAX"
    event_type: str | None = None
    facility: str | None = None  # "LAX ATCT"
    aerodrome_hint: str | None = None  # the airport the report is about, from header/facility
    mor_facility: str | None = None  # "MOR Alert for LAX": a weaker hint (may be a TRACON)
    # aircraft
    aircraft_type: str | None = None  # ICAO designator, or "HELO"
    route_origin: str | None = None
    route_destination: str | None = None
    flight_phase: str = "unknown"
    aircraft_altitude_ft: int | None = None
    aircraft_involved: bool = True
    # position
    position: Position | None = None
    # the drone
    altitude_ft: int | None = None
    altitude_reference: str | None = None  # "AGL" | "MSL" when written
    proximity_ft: int | None = None
    drone_count: int | None = None
    drone_colours: tuple[str, ...] = ()
    drone_type: str = "unknown"
    lights: bool | None = None
    # outcome
    evasive_action: str = "not_stated"
    nmac: bool = False
    dangerously_close: bool = False
    law_enforcement_notified: bool | None = None
    encounter_class: str = "sighting"
    nmac_hazard: str = "none"
    sources: tuple[str, ...] = field(default=())  # which blocks contributed: prelim, mor, free
    # Where each fact was read: field name -> (start, end) offsets into the narrative string as
    # given (``narrative[start:end]``), so a reviewer can see the words behind each value.
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def position_text(self) -> str:
        return self.position.text if self.position else ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types only (tuples become lists, the position a nested dict or null)."""
        data = asdict(self)
        data["drone_colours"] = list(self.drone_colours)
        data["sources"] = list(self.sources)
        data["spans"] = {k: list(v) for k, v in self.spans.items()}
        data["position_text"] = self.position_text
        return data
