"""The closest stated separation between the drone and the aircraft, in feet.

A length is a separation when the words around it say so, in one of two ways:

* a **relation** follows it: ``300 FEET BELOW``, ``50 FEET OFF THE LEFT WING``,
  ``100 YARDS LEFT OF ACFT``, ``200 FEET IN FRONT OF``, ``2 MILES AWAY``;
* a **lead-in** precedes it: ``WITHIN``, ``BY`` (``MISSED ACFT BY 50 FEET``), a past verb of
  passing (``PASSED 50 METERS``, ``CAME ABOUT 10 FEET``), or a proximity noun
  (``CLOSEST PROXIMITY ESTIMATED 200 FEET``, ``SEPARATION WAS 300 FEET``).

It is not one when the words say it measures something else: the drone's size
(``geo.narrative.sizes``), a height above the ground (``500 FEET ABOVE THE GROUND``, ``AGL``),
or a distance from a place (``WITHIN 1 MILE OF THE RUNWAY``, ``1,500 FEET OFF THE DEPARTURE
END``). Miles only count with an explicit relation to the aircraft ("2 MILES AWAY", "WITHIN
1 MILE OF THE ACFT"): a bare "WITHIN 5 MILES" is nearly always a distance from an airport.
Numbers written as words were turned into digits by ``normalise`` ("A FEW HUNDRED FEET").
"""

from __future__ import annotations

import re

from geo.narrative.sizes import is_size
from geo.narrative.text import NUM_RANGE, number_range, quantities, to_feet

Found = tuple[float, int, int]  # feet, start, end (offsets in the block)

_AIRCRAFT = (
    r"(?:(?:THE|HIS|HER|THEIR|OUR|MY|BOTH|EACH|ITS|AN?|REPORTING|SUBJECT)\s)*"
    r"(?:ACFT|AIRCRAFT|A/C|HELO|HELICOPTER|PLANE|AIRPLANE|JET|WINGS?|NOSE|COCKPIT|WINDSCREEN|"
    r"WINDSHIELD|HIM|HER|US|THEM|ME|IT|TAIL|ROTORS?|FUSELAGE|LANDING GEAR|POSITION|"
    r"(?:LEFT|RIGHT)(?: SIDE| WING)?|FLIGHT ?PATH|[A-Z]\d{2,3}[A-Z]?|\(?[A-Z]{1,3}\d{1,3}[A-Z]?\)?)\b"
)
# What a length may be measured from when it is not the aircraft.
_PLACE = (
    r"(?:THE\s|AN?\s)?(?:GROUND|SURFACE|WATER|TREES?|TREE ?LINE|TERRAIN|RUNWAY|RWY|BUILDINGS?|"
    r"DEPARTURE END|APPROACH END|FIELD|ARPT|AIRPORT|AIRFIELD|THRESHOLD|HOUSES?|ROOF|SHORE|COAST|"
    r"TOP OF|BRIDGE|(?:CONTROL\s)?TOWER|STRUCTURE|POLES?|POWER ?LINES?|CRANE|STADIUM|HIGHWAY|"
    r"ROAD|STREET|PARKING|LAKE|RIVER|OCEAN|BEACH|CROWD|CENTER ?LINE|EXTENDED|COURSE|FINAL|"
    r"LOCATION|AREA|PIER|HELIPAD|HOSPITAL|SCHOOL|FIRE|VOR|TFR|[A-Z]{3}\s(?:ARPT|AIRPORT|VOR))\b"
)
_FEET = r"F[A-Z]?EE?T\b|FOOT\b|FT\b\.?|'|YARDS?\b|YDS?\b|METERS?\b|METRES?\b|M\b"
_MILES = r"MILES?\b|NM\b|MI\b"
_RELATION = (
    r"(?:TO THE\s|ON THE\s)?(?:DIRECTLY\s|JUST\s|STRAIGHT\s)?(?P<how>OFF|FROM|BELOW|ABOVE|UNDER|"
    r"UNDERNEATH|BENEATH|OVERHEAD(?=\s?(?:[.,;]|$|WHILE|ACFT|AIRCRAFT|THE A))|OVER(?:\s?TOP)?|IN FRONT|AHEAD|BEHIND|LATERAL(?:LY)?|"
    r"HORIZONTAL(?:LY)?|VERTICAL(?:LY)?|AWAY|SEPARATION|(?:LEFT|RIGHT)\sOF|"
    r"(?<=TO THE )(?:LEFT|RIGHT)|(?<=ON THE )(?:LEFT|RIGHT)|"
    r"ON (?:HIS |HER |THEIR |OUR |ITS )?(?:LEFT|RIGHT)(?: SIDE| WING)?|OF (?=" + _AIRCRAFT + r"))\b"
)
_CLAUSE_END = (
    r"(?=\s?(?:[.,;:)]|$|\n|WHILE\b|AND\b|AT\b|THEN\b|WITH\b|BUT\b|AS\b|ON\b|IN\b|HEADING\b))"
)
# "<n> FEET BELOW [THE ACFT]": the relation is followed by the aircraft, the clause ends, or
# anything but a place ("OFF THE DEPARTURE END", "ABOVE THE GROUND").
_AFTER = re.compile(
    r"(?P<n>" + NUM_RANGE + r")\s?(?P<unit>" + _FEET + r")\s?" + _RELATION
    + r"(?!\s?(?:AGL|MSL)\b)(?!\s(?:OF\s|FROM\s|ON\s|TO\s)?" + _PLACE + r")"
    r"|(?P<m>" + NUM_RANGE + r")\s?(?P<munit>" + _MILES + r")\s(?:AWAY(?! FROM (?!" + _AIRCRAFT
    + r"))|LATERAL(?:LY)?|HORIZONTAL(?:LY)?|(?:OFF|FROM|LEFT OF|RIGHT OF|IN FRONT OF|AHEAD OF|"
    r"BEHIND)\s" + _AIRCRAFT + r")"
)  # fmt: skip
_BARE = re.compile(
    r"(?P<n>" + NUM_RANGE + r")\s?(?P<unit>" + _FEET + r"|" + _MILES + r")"
    r"(?!\s?(?:AGL|MSL|ALTITUDE|ALT)\b)(?!\s(?:OF\s|FROM\s)?" + _PLACE + r")"
)
# Words right before a bare length that make it a separation.
_LEAD_IN = re.compile(
    r"(?:\bWITHIN|\bBY|\b(?:PASSED|CAME|MISSED|CLEARED)|"
    r"\b(?:PROXIMITY|SEPARATION|CLOSEST(?: POINT| APPROACH)?|MISS DISTANCE)\b[^.\d]{0,30}?"
    r"(?:\bWAS|\bOF|\bESTIMATED|\bIS|\bBEING|\bAS|:))\s?(?:(?:ABOUT|APPROX(?:IMATELY)?\.?|AN|"
    r"ESTIMATED|ROUGHLY|AROUND|ONLY|MAYBE|LESS THAN|UNDER|NO MORE THAN|APRX|APPX\.?|EST\.?)\s)*$"
)
_LEAD_KEYS = ("WITHIN", "BY", "PASSED", "CAME", "MISSED", "CLEARED", "PROXIMITY", "SEPARATION", "CLOSEST", "MISS DIST")  # fmt: skip
_MILE_OK = re.compile(r"\s(?:OF|FROM)\s" + _AIRCRAFT + r"|\s?(?:[.,;]|$)")


_VERTICAL = frozenset({"BELOW", "ABOVE", "UNDER", "UNDERNEATH", "BENEATH", "OVERHEAD", "OVER"})
_AT = re.compile(r"\bAT\s(?:(?:ABOUT|APPROX(?:IMATELY)?\.?|AROUND|AN ESTIMATED)\s)?$")


def _after_at(m: re.Match[str], text: str, start: int) -> bool:
    """An altitude, not a separation: "AT 9,500 FEET OFF RIGHT SIDE" (a thousand feet or more
    after AT, beside the aircraft, with no "SAME ALTITUDE" to say the height is known)."""
    if not m["n"]:
        return False  # miles: an altitude is never written in miles
    how = (m["how"] or "").replace("OVERTOP", "OVER").split(" ")[0]
    return (
        how not in _VERTICAL
        and _AT.search(text, max(0, start - 30), start) is not None
        and number_range(m["n"])[0] >= 1000
        and "SAME ALT" not in text
    )


def _lead_in(text: str, start: int) -> re.Match[str] | None:
    before = text[max(0, start - 45) : start]
    for k in _LEAD_KEYS:
        if k in before:
            return _LEAD_IN.search(before)
    return None


def _feet(number: str, unit: str) -> float:
    return to_feet(number_range(number)[0], unit)  # a range's lower bound: the closest figure


def _one(text: str, start: int) -> Found | None:
    lead = _lead_in(text, start)
    # The span runs from the lead-in ("WITHIN", "MISSED ACFT BY") when there is one.
    begin = max(0, start - 45) + lead.start() if lead else start
    m = _AFTER.match(text, start)
    if m is not None and not _after_at(m, text, start):
        feet = _feet(m["n"], m["unit"]) if m["n"] else _feet(m["m"], m["munit"])
        return feet, begin, len(text[: m.end()].rstrip())
    w = _BARE.match(text, start) if lead else None
    if w is None:
        return None
    if w["unit"].startswith(("MI", "NM")) and not _MILE_OK.match(text, w.end()):
        return None  # "WITHIN 5 MILES OF MCO": from a place
    return _feet(w["n"], w["unit"]), begin, w.end()


def proximity(text: str) -> Found | None:
    """The smallest stated separation from the aircraft in ``text``: (feet, start, end)."""
    best: Found | None = None
    for start in quantities(text):
        found = _one(text, start)
        if (
            found
            and 0 < found[0] < 100000
            and (best is None or found[0] < best[0])
            and not is_size(text, start)
        ):
            best = found
    return best
