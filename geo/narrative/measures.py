"""The drone's altitude and its closest stated distance from the aircraft, in feet.

Conventions (documented so that labels and code agree):

* An altitude range ("BETWEEN 800 - 1,000 FEET") gives its **midpoint**: the report is a
  pilot's estimate and the midpoint is the least-biased single figure.
* ``AT n FEET`` in the drone's own clause (before ``WHILE``) is the drone's altitude; otherwise
  the drone is taken to be at the aircraft's altitude (the FAA convention), shifted by an offset
  (``500 FEET BELOW``) when one is given. ``FL200`` is 20,000 ft. ``UNKN ALTITUDE`` is ``None``.
* A proximity range ("20FT-30FT OFF HIS WING") gives its **lower** bound, and several
  separations give the smallest: the closest stated approach is what a safety analyst needs.
* An offset (``500 FEET BELOW``) is both an altitude offset and a proximity.
* Metres and yards are converted; "miles" in a proximity are taken as nautical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.narrative.separation import proximity
from geo.narrative.sizes import is_size
from geo.narrative.text import NUM_RANGE, Gated, number_range, quantities, to_feet

_FEET = r"(?:F[A-Z]?EE?T\b|FOOT\b|FT\b\.?|')"
_LEN_UNIT = r"(?P<unit>F[A-Z]?EE?T\b|FOOT\b|FT\b\.?|'|METERS?\b|METRES?\b|M\b|YARDS?\b|YDS?\b)"
_ALT_VALUE = (
    r"(?P<alt>" + NUM_RANGE + r")\s?(?:" + _FEET + r"|(?=\s?(?:MSL|AGL)\b))"
    r"(?:\s?(?P<ref>MSL|AGL))?"
)
_ALT_METRES = r"(?P<altm>" + NUM_RANGE + r")\s?(?:METERS?|METRES?|M)\b(?:\s?(?P<refm>MSL|AGL))?"
# Unit-less altitudes: "AT 4,500." (comma thousands), "AT 5K", and the controllers' hundreds
# of feet "AT 073" / "@ 073" (7,300 ft) in MOR summaries.
_BARE_ALT = re.compile(
    r"(?: AT|ALTITUDE OF|@)\s?(?:(?P<comma>\d{1,2},\d{3})\b(?!\s?(?:Z|UTC|L\b))|"
    r"(?P<k>\d{1,2}(?:\.\d)?)K\b|(?P<hund>0\d\d)\b(?!\s?(?:Z|UTC|DEG|RADIAL|HEADING)))"
)
_AT_ALT = re.compile(
    r"\b(?:AT|ALTITUDE OF|ALT OF|ALTITUDE|ALTITUDES OF|AROUND|ABOUT|APPROX(?:IMATELY)?|APRX|"
    r"BETWEEN|FLYING|HOVERING|OPERATING|ESTIMATED|EST|POSITION OF|LEVEL|OUT OF|THROUGH|@)\s?(?:AN? ALTITUDE OF\s)?"
    r"(?:(?:ABOUT|APPROX(?:IMATELY)?\.?|APRX|AROUND|BETWEEN|ROUGHLY|AN ESTIMATED|ESTIMATED)\s)?"
    r"(?:" + _ALT_VALUE + r"|" + _ALT_METRES + r")(?!\s?(?:BELOW|ABOVE|UNDER|OVER|OFF|FROM|"
    r"AWAY|WIDE|LONG|ACROSS|LATERAL|HORIZONTAL|OF THE|OF ACFT|OF AIRCRAFT|OF HIS|OF HER|OF US|"
    r"LEFT|RIGHT|AHEAD|BEHIND|DIAMETER|WINGSPAN|IN DIAMETER|IN FRONT|IN SIZE|IN LENGTH|X |BY ))"
)
_BARE_AGL = Gated(
    r"(?P<alt>" + NUM_RANGE + r")\s?" + _FEET + r"?\s?(?P<ref>AGL|MSL)\b", ("AGL", "MSL")
)
_FL = Gated(r"\bF\.?L\.?\s?(?P<fl>\d{2,3})\b", ("FL", "F.L"))
_UNKNOWN_ALT = Gated(
    r"\b(?:UNKN?|UNKNOWN|UNK)\s(?:ALTITUDE|ALT)\b|\bALTITUDE (?:UNKN?|UNKNOWN)\b"
    r"|\bNO ALTITUDE\b",
    ("UNK", "NO ALTITUDE"),
)
_SAME_ALT = Gated(
    r"\bSAME ALTITUDE\b|\bCO-?ALTITUDE\b|\bSAME ALT\b|\bSAME LEVEL\b", ("SAME", "CO-ALT", "COALT")
)
_OFFSET = re.compile(
    r"(?P<n>" + NUM_RANGE + r")\s?" + _LEN_UNIT + r"\s?(?:DIRECTLY\s|JUST\s)?"
    r"(?:FROM\s)?(?P<dir>BELOW|ABOVE|UNDER|UNDERNEATH|OVERHEAD(?=\s?(?:[.,;]|$|WHILE|ACFT|AIRCRAFT|"
    r"THE A|OF|AND))|OVER|BENEATH|HIGHER|LOWER)\b"
    r"(?!\s(?:THE\s)?(?:GROUND|SURFACE|WATER|TREE|TERRAIN|RUNWAY|BUILDING|FIELD|"
    r"ARPT|AIRPORT|HOUSE|ROOF))"
)
# (Patterns that open with a literal rather than ``\b`` let ``re`` skip ahead quickly.)
_WHILE = re.compile(
    r"WHILE\b|ACFT WAS\b|AIRCRAFT WAS\b|A/C WAS\b| WE WERE\b| I WAS\b|"
    r"WHEN HE\b|WHEN THEY\b"
)
# Words that open the drone's clause: an altitude written before them belongs to the aircraft
# ("CIRRUS SR22, AT 2,000 FEET OBSERVED UAS 300 FEET BELOW").
_DRONE_WORD = re.compile(r"(?:UAS|DRONE|UAV|QUAD|OBJECT)")
_REPORT_VERB = re.compile(
    r"(?:REPORTED|REPORTS|OBSERVED|SAW|SPOTTED|SIGHTED|ENCOUNTERED|"
    r"NOTICED|SEEING)\b"
)


Span = tuple[int, int] | None
Altitude = tuple[float, str | None, int, int]  # feet, AGL|MSL|None, start, end


@dataclass(frozen=True, slots=True)
class Measures:
    altitude_ft: int | None
    altitude_reference: str | None
    aircraft_altitude_ft: int | None
    proximity_ft: int | None
    same_altitude: bool
    altitude_span: tuple[int, int, int] | None = None  # block (0 PRELIM, 1 MOR), start, end
    proximity_span: tuple[int, int, int] | None = None


def _alt_of(m: re.Match[str]) -> tuple[float, str | None, int]:
    if m.groupdict().get("alt"):
        low, high = number_range(m["alt"])
        return (low + high) / 2.0, m.groupdict().get("ref"), m.start("alt")
    low, high = number_range(m["altm"])
    return to_feet((low + high) / 2.0, "M"), m.groupdict().get("refm"), m.start("altm")


def _stated_altitude(text: str, lo: int, hi: int) -> Altitude | None:
    """The first ``AT n FEET``-style altitude in ``text[lo:hi]`` that is not a size."""
    for start in quantities(text):
        if not lo <= start < hi:
            continue
        m = _AT_ALT.search(text, max(lo, start - 50), min(hi, start + 40))
        if m is None:
            continue
        feet, ref, at = _alt_of(m)
        if is_size(text, at):
            continue
        if 0 < feet <= 60000:
            return feet, ref, m.start(), m.end()
    return None


def _bare_altitude(text: str, lo: int, hi: int) -> Altitude | None:
    """Unit-less altitudes ("AT 4,500.", "AT 5K", "@ 073"): a fallback."""
    bare = _BARE_ALT.search(text, lo, hi)
    if not bare:
        return None
    if bare["comma"]:
        feet = number_range(bare["comma"])[0]
    elif bare["k"]:
        feet = float(bare["k"]) * 1000.0
    else:
        feet = float(bare["hund"]) * 100.0
    return (feet, None, bare.start(), bare.end()) if 0 < feet <= 60000 else None


def _first_altitude(text: str, lo: int, hi: int) -> Altitude | None:
    """(feet, AGL|MSL|None, start, end) of the first altitude statement in ``text[lo:hi]``
    (offsets, not slices: the number+unit scan of the block is shared)."""
    best = _stated_altitude(text, lo, hi)
    fl = _FL.search(text, lo, hi)
    if fl and (best is None or fl.start() < best[2]):
        best = (float(fl["fl"]) * 100.0, "MSL", fl.start(), fl.end())
    if best is None:
        best = _bare_altitude(text, lo, hi)
    agl = _BARE_AGL.search(text, lo, hi)
    if agl and (best is None or agl.start() < best[2]) and not is_size(text, agl.start()):
        low, high = number_range(agl["alt"])
        best = ((low + high) / 2.0, agl["ref"], agl.start(), agl.end())
    return best


def _offset(text: str, lo: int = 0, hi: int | None = None) -> float | None:
    hi = len(text) if hi is None else hi
    for s in quantities(text):
        m = _OFFSET.match(text, s) if lo <= s < hi else None
        if m and not is_size(text, s):
            low, high = number_range(m["n"])
            feet = to_feet((low + high) / 2.0, m["unit"])
            return -feet if m["dir"] in _DOWN else feet
    return None


_DOWN = frozenset({"BELOW", "UNDER", "UNDERNEATH", "BENEATH", "LOWER"})
Read = tuple[int | None, str | None, int | None, bool, Span]


def _clauses(text: str) -> tuple[int, int, Altitude | None]:
    """(start of the drone's clause, end of it, an aircraft altitude written before it).

    The block splits at ``WHILE`` (or "ACFT WAS"): before it the drone's clause, after it the
    aircraft's. An altitude written before the report verb is the aircraft's too.
    """
    split = _WHILE.search(text)
    cut = split.start() if split else len(text)
    drone_word = _DRONE_WORD.search(text, 0, cut)
    verbs = list(_REPORT_VERB.finditer(text, 0, drone_word.start() if drone_word else cut))
    verb = verbs[-1].start() if verbs else 0
    pre = _first_altitude(text, 0, verb) if verb else None
    return (verb if pre else 0), cut, pre


def _altitude(text: str) -> Read:
    """(drone altitude, reference, aircraft altitude, altitude stated?, span) for one block."""
    drone_lo, cut, pre = _clauses(text)
    offset = _offset(text)
    own = _first_altitude(text, drone_lo, cut)
    craft = pre or (_first_altitude(text, cut, len(text)) if cut < len(text) else None)
    aircraft_ft = int(round(craft[0])) if craft else None
    if own and craft is None and offset is not None and _offset(text, drone_lo, own[2]) is not None:
        # "500 FEET BELOW ACFT AT 3,000 FEET" with no aircraft clause: n is the aircraft's.
        return int(round(own[0] + offset)), own[1], int(round(own[0])), True, own[2:]
    if own:
        return int(round(own[0])), own[1], aircraft_ft, True, own[2:]
    if craft:
        feet = craft[0] + (offset or 0.0)
        return int(round(feet)), craft[1], aircraft_ft, True, craft[2:]
    if _UNKNOWN_ALT.search(text):
        return None, None, None, True, None
    return None, None, None, False, None


def measures(prelim: str, mor: str) -> Measures:
    """Drone altitude and proximity: PRELIM first, the MOR block only for what PRELIM lacks."""
    alt, ref, craft, stated, span = _altitude(prelim) if prelim else (None,) * 3 + (False, None)
    block = 0
    if not stated and mor:
        alt, ref, craft, _, span = _altitude(mor)
        block = 1
    # The MOR block often adds the closest figure ("MISSED THE WING BY 5 TO 15 FT"): take the
    # smallest separation either block states.
    near = [
        (found, i)
        for i, found in (
            (0, proximity(prelim) if prelim else None),
            (1, proximity(mor) if mor else None),
        )
        if found is not None
    ]
    closest = min(near, key=lambda f: f[0][0]) if near else None
    same = bool(_SAME_ALT.search(prelim) or (mor and _SAME_ALT.search(mor)))
    return Measures(
        alt,
        ref,
        craft,
        round(closest[0][0]) if closest else None,
        same,
        (block, *span) if span and alt is not None else None,
        (closest[1], closest[0][1], closest[0][2]) if closest else None,
    )
