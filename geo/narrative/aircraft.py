"""The reporting aircraft: ICAO type designator (or HELO), route and reporting facility."""

from __future__ import annotations

import re

_FACILITY = re.compile(
    r"\b((?:[A-Z0-9][A-Z0-9.'&-]*\s){0,5}?(?:ATCT|TRACON|APCH|APPROACH CONTROL|APPROACH|ARTCC|"
    r"CENTER|CERAP|[ECW]-ROC|NCRCC|RAPCON|TOWER|FSS))\b\s*(?=ADVIS|REPORT|RECEIV|OBSERV|RELAY|"
    r"CALLED|WAS|NOTIF|STATED)"
)
# The slot that names the aircraft: after "ADVISED[,]" up to the verb of the report.
_SLOT = re.compile(
    r"(?:\bADVIS(?:ED|ES|E)?|\bRECEIVED (?:A )?REPORT FROM|\b(?:ATCT|TRACON|APCH|APPROACH|"
    r"ARTCC|CENTER|CERAP|ROC|NCRCC) REPORTED(?: THAT)?)\b\s*[,;]?(?P<slot>[^.]{0,160}?)"
    r"(?:\b(?:REPORT|OBSERV|SAW\b|SIGHT|SPOTTED|ENCOUNTER|NOTICED|STATED|WAS\b|WERE\b|"
    r"HAD\b|PILOT|AIRCRAFT OBSERV|WHILE\b|AT \d)|\.|$)",
    re.S,
)
_BEFORE_VERB = re.compile(
    r"^(?P<slot>[^.]{0,120}?)\b(?:REPORT|OBSERV|SAW\b|SIGHT|SPOTTED|ENCOUNTER)", re.S
)
# ICAO designators: 2-4 characters, a letter first, at least one digit (B738, CRJ9, P28A, H60),
# plus a handful of all-letter types. Flight levels, runways and TRACON ids are excluded below.
_DESIGNATOR = re.compile(
    r"\b(?!FL\d)(?!RWY?\d)(?!RY\d)([A-Z](?=[A-Z0-9]{0,3}\d)[A-Z0-9]{1,3})"
    r"(?:/[A-Z])?\b|\b(GLEX|GALX|ASTR|HDJT|GLID|BALL|ULAC|SREY|COUR|STAR)\b"
)
# An aircraft line's type in brackets, "(B738)" or "(C172/G)", and the all-letter types that
# may stand there.
_BRACKETED = re.compile(r"\(([A-Z0-9]{2,4})(?:/[A-Z])?\)")
_BRACKETED_LETTERS = ("GLEX", "GALX", "ASTR", "SREY")
_DRONE_WORD = re.compile(r"\b(?:UAS|DRONES?|UAV|QUAD)")
_HELO = re.compile(r"\b(?:HELO|HELICOPTER|ROTORCRAFT|CHOPPER)S?\b")
_SPELLED = (
    (re.compile(r"\bCESSNA\s?(1\d\d|2\d\d|3\d\d|4\d\d)\b"), "C{0}"),
    (re.compile(r"\bBOEING\s?(7[0-9]7)(?:-?(\d)00)?\b"), "B7"),
    (re.compile(r"\bAIRBUS\s?A?(3[0-9]{2})\b"), "A{0}"),
    (re.compile(r"\bEMBRAER\s?(1[4-9]\d)\b"), "E{0}"),
    (re.compile(r"\bCRJ[- ]?([1-9])00\b"), "CRJ{0}"),
    (re.compile(r"\bROBINSON\s?(R22|R44|R66)\b"), "{0}"),
    (re.compile(r"\bBELL\s?B?(?:2?06)\b"), "B06"),
    (re.compile(r"\b(?:EUROCOPTER\s|AIRBUS\s)?EC1([2-5])([05])\b"), "EC{0}{1}"),
)
_NOT_TYPES = frozenset(
    {
        "N90",
        "A80",
        "A90",
        "C90",
        "D10",
        "D01",
        "I90",
        "L30",
        "M98",
        "NCT",
        "P50",
        "P80",
        "S46",
        "S56",
        "T75",
        "U90",
        "Y90",
        "F11",
        "K90",
        "R90",
        "P31",
        "E10",
        "M03",
        "Z",
        "NM",
        "WOC",
        "ZZZZ",
    }
)
_ROUTE = re.compile(
    r"(?:(?<![A-Z0-9])[A-Z][A-Z .,'-]{0,40}\((?P<o1>[A-Z0-9]{3,4})\)|\b(?P<o2>[A-Z0-9]{3,4}))\s?-\s?"
    r"(?:[A-Z .,'-]{0,50}?\((?P<d1>[A-Z0-9]{3,4})\)|(?P<d2>[A-Z0-9]{3,4})\b)"
)


def facility(prelim: str) -> str | None:
    """The reporting ATC facility ("LAX ATCT", "NY TRACON"), from the first 200 characters."""
    m = _FACILITY.search(prelim[:200])
    return m[1].strip() if m else None


def _designator(text: str) -> str | None:
    for rx, fmt in _SPELLED:
        m = rx.search(text)
        if m:
            if fmt == "B7":
                series = m[1]
                return f"B{series[:2]}{m[2]}" if m[2] else f"B{series}"
            return fmt.format(*m.groups()) if m.groups() else fmt
    for m in _DESIGNATOR.finditer(text):
        code = m[1] or m[2]
        if code not in _NOT_TYPES:
            return code
    return None


def _report_slot(prelim: str, first: str) -> str:
    """The words that name the aircraft in the report sentence ``first``: after "ADVISED" (or a
    facility's "REPORTED"), else before the report's verb in the first 300 characters."""
    m = _SLOT.search(first)
    if m:
        return m["slot"]
    b = _BEFORE_VERB.search(prelim[:300])
    return b["slot"] if b else ""


def _named(text: str) -> str | None:
    """A designator written in ``text``, else "HELO" when it names an unspecified helicopter."""
    return _designator(text) or ("HELO" if _HELO.search(text) else None)


def _mor_aircraft(mor_aircraft: str) -> str | None:
    """The MOR block's "A/C:" line: the type in brackets ("SKW5176 (CRJ7)") first, because
    callsigns and registrations before it can look like designators."""
    if not mor_aircraft:
        return None
    for code in _BRACKETED.findall(mor_aircraft):
        if (
            code[0].isalpha() and code not in _NOT_TYPES and re.search(r"\d", code)
        ) or code in _BRACKETED_LETTERS:
            return code
    if _HELO.search(mor_aircraft):
        return "HELO"
    return _designator(mor_aircraft)


def _mor_head(mor: str) -> str | None:
    """The MOR summary's opening, before its report verb ("A B738 REPORTED A UAS ...")."""
    b = _BEFORE_VERB.search(mor[:160])
    return _named(b["slot"]) if b else None


def _before_drone(first: str) -> str | None:
    """Last resort: a designator between the header and the first mention of the drone
    ("JETBLUE CORPORATION REPORTED JETBLUE 1572, A319, SAW POSSIBLE UAS")."""
    drone = _DRONE_WORD.search(first)
    return _designator(first[: drone.start()]) if drone else None


# Plain English names the aircraft as a noun after an article or possessive ("within 200 ft of
# an A320", "flying my C172"): a designator there is the aircraft, whatever the sentence's verb.
_AFTER_ARTICLE = re.compile(r"\b(?:AN?|MY|OUR|THE|HIS|HER|THEIR)\s+(?=[A-Z0-9]{2,4}\b)")


def _plain_english(text: str) -> str | None:
    """A designator written after an article or possessive (see ``_AFTER_ARTICLE``)."""
    for m in _AFTER_ARTICLE.finditer(text):
        code = _designator(text[m.end() : m.end() + 5])
        if code:
            return code
    return None


def aircraft_type(prelim: str, mor: str, mor_aircraft: str) -> str | None:
    """ICAO type designator of the reporting aircraft, "HELO" for an unnamed helicopter.

    The sources are tried from the most to the least specific: the report sentence's aircraft
    slot (before any route), the MOR aircraft line, the MOR summary's opening, a helicopter in
    a report sentence with no slot, and a designator before the first mention of the drone.
    """
    first = prelim[: max(prelim.find(". "), 0) or 300][:300]  # the report sentence
    slot = _report_slot(prelim, first)
    route = _ROUTE.search(slot)
    return (
        _named(slot[: route.start()] if route else slot)
        or _mor_aircraft(mor_aircraft)
        or _mor_head(mor)
        or ("HELO" if not slot and _HELO.search(first) else None)
        or _before_drone(first)
        or _plain_english(prelim[:400])
    )


def route(prelim: str) -> tuple[str | None, str | None]:
    """(origin, destination) codes from ``LAX - DEN`` or ``CANCUN, MEXICO (MMUN) - BWI``."""
    m = _SLOT.search(prelim[:400])
    slot = m["slot"] if m else prelim[:200]
    r = _ROUTE.search(slot)
    if not r:
        return None, None
    orig, dest = r["o1"] or r["o2"], r["d1"] or r["d2"]
    if orig == dest == "":
        return None, None
    return orig, dest
