"""Runway-relative positions: ``3 MILE FINAL RUNWAY 25L``, ``12 MILE FINAL``, ``OFF THE
DEPARTURE END OF RUNWAY 19R``, ``DEPARTING RUNWAY 24``. Distances are NM; ranges give their
midpoint. Each reader returns the ``Position`` and the (start, end) of the words it read.
"""

from __future__ import annotations

import re

from geo.narrative.model import Found, Position
from geo.narrative.text import BEARING, NUM_RANGE, Gated, number_range

_MILES = r"(?:NAUTICAL MILES?|STATUTE MILES?|NM|SM|MILES?|MI)"
_RWY = r"(?:RUNWAY|RWY|RY)\s?(?P<rwy>\d{1,2}\s?[LRC]?)\b"
_FINAL = Gated(
    r"(?:(?P<dist>"
    + NUM_RANGE
    + r")\s?(?:-\s?)?(?:"
    + _MILES
    + r"\s?)?)?(?:LEFT |RIGHT |SHORT |A )?"
    r"FINAL(?: APPROACH)?(?: COURSE)?\s(?:(?:FOR|TO|INTO|ON|OF)\s)?(?:THE\s)?" + _RWY,
    ("FINAL",),
)
_FINAL_DIST = Gated(
    r"(?P<dist>" + NUM_RANGE + r")\s?(?:-\s?)?(?:" + _MILES + r")\s(?:FINAL|OUT)\b",
    ("FINAL", "OUT"),
)
_DEPARTURE_END = Gated(
    r"(?:(?P<dist>"
    + NUM_RANGE
    + r")\s?(?:"
    + _MILES
    + r"\s)?(?:"
    + BEARING
    + r"\s)?(?:OFF|FROM|BEYOND|"
    r"PAST|OF)\s)?(?:OFF\s)?(?:THE\s)?DEPARTURE END (?:OF\s)?(?:THE\s)?(?:"
    + _RWY[:-2]
    + r"|RUNWAY)",
    ("DEPARTURE END",),
)
_FINAL_ONLY = Gated(
    r"(?P<dist>" + NUM_RANGE + r")\s?(?:-\s?)?(?:" + _MILES + r")\s?(?:FINAL|"
    r"OUT ON FINAL)\b",
    ("FINAL",),
)
_DEPARTING = Gated(
    r"\b(?:DEPARTING|DEPARTED|DEPARTURE FROM|TAKING OFF FROM|TAKEOFF FROM|"
    r"DEPARTURE OFF)\s(?:THE\s)?(?:[A-Z]{3,4}\s)?" + _RWY,
    ("DEPART", "TAK"),
)

_RWY_AIRPORT = re.compile(r"^\s*(?:,|AT|OF|INTO|TO|FROM)\s*(?P<code>[A-Z0-9]{3,4})\b(?!\s?FEET)")

_ANY_RUNWAY = re.compile(r"(?:RUNWAY|RWY|RY)\s?(?P<rwy>\d{1,2}\s?[LRC]?)\b")


def _mid(text: str) -> float:
    low, high = number_range(text)
    return round((low + high) / 2.0, 3)


def _runway_airport(after: str, context_airport: str | None) -> str:
    m = _RWY_AIRPORT.match(after)
    if m and m["code"] not in ("AND", "THE", "WHILE", "FEET"):
        return m["code"]
    return context_airport or ""


def _final(text: str, context_airport: str | None) -> Found | None:
    m = _FINAL.search(text)
    if not m:
        return None
    rwy = m["rwy"].replace(" ", "")
    dist_text = m["dist"]
    start = m.start()
    if not dist_text:
        d = _FINAL_DIST.search(text, max(0, m.start() - 30), m.end())
        dist_text = d["dist"] if d else None
        start = d.start() if d else start
    ref = _runway_airport(text[m.end() :], context_airport)
    label = f"{dist_text} MILE FINAL RUNWAY {rwy}" if dist_text else f"FINAL RUNWAY {rwy}"
    found = Position(
        text=f"{label} AT {ref}" if ref else label,
        kind="runway",
        reference=ref,
        distance_nm=_mid(dist_text) if dist_text else None,
        runway=rwy,
        runway_relation="final",
    )
    return found, start, m.end()


def _final_only(text: str, context_airport: str | None, everything: str) -> Found | None:
    m = _FINAL_ONLY.search(text)
    if not m:
        return None
    any_rwy = _ANY_RUNWAY.search(text) or _ANY_RUNWAY.search(everything)
    rwy = any_rwy["rwy"].replace(" ", "") if any_rwy else None
    ref = context_airport or ""
    label = f"{m['dist']} MILE FINAL" + (f" RUNWAY {rwy}" if rwy else "")
    found = Position(
        text=f"{label} AT {ref}" if ref else label,
        kind="runway",
        reference=ref,
        distance_nm=_mid(m["dist"]),
        runway=rwy,
        runway_relation="final",
    )
    return found, m.start(), m.end()


def _departure(text: str, context_airport: str | None) -> Found | None:
    m = _DEPARTURE_END.search(text) or _DEPARTING.search(text)
    if not m:
        return None
    rwy_text = m["rwy"] or ""
    if not rwy_text:
        any_rwy = _ANY_RUNWAY.search(text)
        rwy_text = any_rwy["rwy"] if any_rwy else ""
    if not rwy_text:
        return None
    rwy = rwy_text.replace(" ", "")
    dist_text = m.groupdict().get("dist")
    ref = _runway_airport(text[m.end() :], context_airport)
    label = f"OFF THE DEPARTURE END OF RUNWAY {rwy}"
    label = f"{dist_text} MILE {label}" if dist_text else label
    found = Position(
        text=f"{label} AT {ref}" if ref else label,
        kind="runway",
        reference=ref,
        distance_nm=_mid(dist_text) if dist_text else None,
        runway=rwy,
        runway_relation="departure",
    )
    return found, m.start(), m.end()


def runway(text: str, context_airport: str | None, everything: str = "") -> Found | None:
    """A final-approach or departure position in ``text``; ``everything`` (both blocks) may
    name the runway when ``text`` gives only "12 MILE FINAL"."""
    return (
        _final(text, context_airport)
        or _final_only(text, context_airport, everything)
        or _departure(text, context_airport)
    )
