"""Whether an aircraft was involved at all: ground, security and operator reports (crashes,
fly-aways, sightings from the street) carry no reporting aircraft, and then no separation,
flight phase or evasive action belongs to one."""

from __future__ import annotations

import re

from geo.narrative.text import Gated

_NO_AIRCRAFT = Gated(
    r"\bNO (?:ACFT|AIRCRAFT|A/C)(?: WERE| WAS)? (?:INVOLVED|AFFECTED|IN THE (?:AREA|VICINITY)|IN "
    r"AIRSPACE|IMPACTED|REPORTED)|\bNO (?:ACFT|AIRCRAFT|A/C) IN\b|\bA/C:\s?(?:NONE|N/A)\b|"
    r"\bNO IMPACT TO (?:AIR )?(?:TRAFFIC|OPERATIONS)",
    ("NO ACFT", "NO AIRCRAFT", "NO A/C", "A/C: N", "A/C:N", "NO IMPACT"),
)
# Reports from the ground or from a drone's operator (crashes, fly-aways, security sightings).
_GROUND = Gated(
    r"\b(?:OFF[- ]DUTY PILOT|CITIZEN|CIVILIAN|RESIDENT|CALLER|HOMEOWNER|REMOTE PILOT|"
    r"OPERATOR (?:ADVISED|REPORTED)|USSS (?:REPORTED|OBSERVED)|SECRET SERVICE (?:REPORTED|OBSERVED)|"
    r"SECURITY (?:OFFICER|GUARD|PERSONNEL|STAFF)|BDAR|VOICE MESSAGE|PHONE CALL|"
    r"TELEPHONE CALL)\b|\bACCIDENT\b|\b(?:DRONE|UAS) (?:STRUCK|CRASHED|HIT) (?:A|AN|INTO)\b|"
    r"\bLOST (?:CONTROL|LINK)\b|\bUNABLE TO MAINTAIN CONTROL\b|\bFLY-?AWAY\b",
    (
        "DUTY PILOT",
        "CITIZEN",
        "CIVILIAN",
        "RESIDENT",
        "CALLER",
        "HOMEOWNER",
        "REMOTE PILOT",
        "OPERATOR ADVISED",
        "OPERATOR REPORTED",
        "USSS",
        "SECRET SERVICE",
        "SECURITY OFFICER",
        "SECURITY GUARD",
        "SECURITY PERSONNEL",
        "SECURITY STAFF",
        "BDAR",
        "VOICE MESSAGE",
        "PHONE CALL",
        "ACCIDENT",
        "STRUCK",
        "CRASH",
        " HIT ",
        "LOST CONTROL",
        "LOST LINK",
        "UNABLE TO MAINTAIN",
        "FLYAWAY",
        "FLY-AWAY",
        "FLY AWAY",
    ),
)
# Wording only an airborne crew's report has.
_AIRBORNE = re.compile(
    r"\bWHILE [A-Z]{1,9} ?BOUND\b|\bON (?:A )?(?:\d+ ?)?(?:MILE )?FINAL\b|O'CLOCK|"
    r"\bOFF (?:HIS|HER|THEIR|OUR|THE) (?:LEFT|RIGHT)|(?:BELOW|ABOVE) (?:THE )?"
    r"(?:ACFT|AIRCRAFT)\b|\bACFT WAS\b"
)
_AIRCRAFT_SIGNS = re.compile(
    r"\b(?:PILOT|ACFT|AIRCRAFT|A/C|HELO|HELICOPTER|FLIGHT CREW|CREW|AIRLINER|WHILE [A-Z]{1,5} ?BOUND|"
    r"WHILE ON|FINAL|DOWNWIND|DEPARTING|CLIMBING|DESCENDING|OFF (?:HIS|HER|THEIR|OUR) |WING|COCKPIT|"
    r"O'CLOCK|WE WERE|OUR (?:AIRCRAFT|PLANE|HELICOPTER)|(?:BELOW|ABOVE|PAST|PASSED|NEAR|MISSED|"
    r"OVERTOOK|TOWARDS?) US|OUR (?:WING|NOSE|LEFT|RIGHT|ALTITUDE))\b"
)


def aircraft_involved(text: str, *, aircraft_type: str | None, event_type: str | None) -> bool:
    """False for ground, security and detection reports and for accidents without an aircraft."""
    if _NO_AIRCRAFT.search(text):
        return False
    accident = bool(event_type and "ACCIDENT" in event_type)
    ground = (_GROUND.search(text) or accident) and not _AIRBORNE.search(text)
    if ground and (aircraft_type in (None, "HELO") or accident):
        return False
    if aircraft_type:
        return True
    return bool(_AIRCRAFT_SIGNS.search(text))


def no_aircraft(text: str) -> bool:
    """The text says outright that no aircraft was involved."""
    return bool(_NO_AIRCRAFT.search(text))
