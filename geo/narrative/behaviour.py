"""What happened: evasive action, NMAC, law enforcement, the drone's description, and whether
an aircraft was involved at all."""

from __future__ import annotations

import re

from geo.narrative.text import Gated

_LEO_WORDS = (
    r"(?:\bPD\b|POLICE|SHERIFF|\bLEOS?\b|LAW ENFORCEMENT|\bFBI\b|\bUSSS\b|SECRET SERVICE|"
    r"TROOPER|STATE PATROL|HIGHWAY PATROL|\b911\b|MARSHAL|CONSTABLE|\bPMO\b|\bSO\b|\bDPS\b|"
    r"\bCHP\b|\b[A-Z]{2,4}PD\b|\bPAPD\b|SECURITY|BORDER PATROL|\bCBP\b|MILITARY POLICE|"
    r"\bMP\b|\bSHERIFFS?\b|\bDHS\b|\bAOC\b|OPERATIONS CENTER|\bOSI\b|\bNCIS\b|\bCID\b)"
)
_LEO_UNKNOWN = Gated(
    r"\bUNK(?:N|NOWN)?\b[^.]{0,40}(?:NOTIF|" + _LEO_WORDS[3:] + r"|"
    r"(?:LEO|LAW ENFORCEMENT) NOTIFICATION (?:NOT|WAS NOT) (?:REPORTED|PROVIDED)|"
    r"\bNO (?:LEO|LAW ENFORCEMENT) NOTIFICATION (?:REPORTED|PROVIDED)",
    ("UNK", "NOTIFICATION"),
)
_LEO_NO = Gated(
    r"\b(?:LEOS?|LAW ENFORCEMENT|POLICE|PD)\s(?:WAS\s|WERE\s)?NOT\s(?:NOTIFIED|"
    r"CONTACTED|ADVISED)|\bNO (?:LEOS?|LAW ENFORCEMENT|POLICE) (?:WAS |WERE )?"
    r"(?:NOTIFIED|CONTACTED)|\bDID NOT (?:NOTIFY|CONTACT|CALL) (?:LEO|LAW|POLICE)",
    (
        "NOT NOTIFIED",
        "NOT CONTACTED",
        "NOT ADVISED",
        "NO LEO",
        "NO LAW",
        "NO POLICE",
        "DID NOT NOTIFY",
        "DID NOT CONTACT",
        "DID NOT CALL",
    ),
)
_LEO_AGENCY = re.compile(_LEO_WORDS)
# A literal every alternative of ``_LEO_WORDS`` contains: a window holding none of them cannot
# name an agency. ``_LEO_AGENCY`` costs ~40 us on a sentence (an alternation of ``\b`` words
# tried at every position) and "ADVISED" is in nearly every header, so this gate is most of
# ``law_enforcement``'s speed. "SO" and "MP" sit inside many words (ALSO, CAMP): when one of
# them is the only key present, a short two-word pattern decides.
_LEO_KEYS = (
    "PD",
    "POLICE",
    "SHERIFF",
    "LEO",
    "LAW ENFORCEMENT",
    "FBI",
    "USSS",
    "SECRET SERVICE",
    "TROOPER",
    "PATROL",
    "911",
    "MARSHAL",
    "CONSTABLE",
    "PMO",
    "DPS",
    "CHP",
    "SECURITY",
    "CBP",
    "DHS",
    "AOC",
    "OPERATIONS CENTER",
    "OSI",
    "NCIS",
    "CID",
)
_SO_MP = re.compile(r"\b(?:SO|MP)\b")


def _names_agency(window: str, keys: tuple[str, ...], so_mp: bool) -> bool:
    """``_LEO_AGENCY.search(window)``, skipped when the window lacks the literals it needs
    (``keys``: those of ``_LEO_KEYS`` present in the whole block)."""
    for k in keys:
        if k in window:
            return _LEO_AGENCY.search(window) is not None
    return so_mp and _SO_MP.search(window) is not None


_LEO_VERB = re.compile(
    r"NOTIF|NTFD|ADVISED|CONTACTED|DISPATCHED|INFORMED|RESPONDED|CALLED|ADZD|"
    r"ON SCENE"
)

_COUNT = re.compile(
    r"\b(?P<n>\d{1,2}|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|MULTIPLE|SEVERAL|"
    r"NUMEROUS|A FEW|A PAIR OF|PAIR OF|TWIN)(?:\s?(?:-|TO)\s?\d{1,2})?\s(?:[A-Z/-]+,?\s){0,3}?"
    r"(?:UAS|UASS|DRONES|UAVS|QUAD ?-?COPTERS|OBJECTS|SUAS)\b"
)
_PLURAL = re.compile(r"(?:UAS|UASS|DRONES|UAVS|COPTERS|OBJECTS|SUAS)\b")
_WORD_COUNT = {
    "TWO": 2,
    "THREE": 3,
    "FOUR": 4,
    "FIVE": 5,
    "SIX": 6,
    "SEVEN": 7,
    "EIGHT": 8,
    "NINE": 9,
    "TEN": 10,
    "A PAIR OF": 2,
    "PAIR OF": 2,
    "TWIN": 2,
}
_COLOUR_WORDS = frozenset(
    {
        "WHITE",
        "BLACK",
        "RED",
        "SILVER",
        "GRAY",
        "GREY",
        "ORANGE",
        "YELLOW",
        "BLUE",
        "GREEN",
        "PINK",
        "PURPLE",
        "GOLD",
        "BROWN",
        "TAN",
        "CHROME",
        "DARK",
        "CAMO",
        "CAMOUFLAGE",
    }
)
_MULTIROTOR = Gated(
    r"QUAD|HEXA?COPTER|OCTO?COPTER|MULTI-?ROTOR|\bROTORS\b|\bROTARY\b|"
    r"PROPELLERS|\bPROPS\b|\bDJI\b|PHANTOM|MAVIC|\bINSPIRE\b|FOUR[- ]ROTOR",
    ("QUAD", "COPTER", "ROTOR", "ROTARY", "PROP", "DJI", "PHANTOM", "MAVIC", "INSPIRE"),
)
_FIXED_WING = Gated(
    r"FIXED[- ]WING|MODEL (?:AIR)?PLANE|RC (?:AIR)?PLANE|REMOTE[- ]CONTROLL?ED "
    r"(?:MODEL )?(?:AIR)?PLANE|AIRPLANE[- ]SHAPED|PLANE[- ]SHAPED|\bGLIDER\b|"
    r"FLYING WING|WING[- ]SHAPED|\bDELTA WING",
    ("FIXED", "PLANE", "GLIDER", "FLYING WING", "WING SHAPED", "WING-SHAPED", "DELTA WING"),
)
_HELI_DRONE = Gated(
    r"(?:UAS|DRONE|MODEL|RC|REMOTE[- ]CONTROLL?ED) HELICOPTER|HELICOPTER[- ]"
    r"(?:TYPE|STYLE|SHAPED) (?:UAS|DRONE)",
    ("HELICOPTER",),
)
_NO_LIGHTS = Gated(
    r"\bNO LIGHTS?\b|\bUNLIT\b|\bWITHOUT (?:ANY )?LIGHTS?\b|\bNOT LIT\b", ("LIGHT", "LIT")
)
_LIGHTS = Gated(
    r"\bLIGHTS?\b|\bLIT\b|\bSTROBES?\b|\bILLUMINATED\b|\bGLOWING\b|\bBLINKING\b|"
    r"\bFLASHING\b|\bLED\b",
    ("LIGHT", "LIT", "STROBE", "ILLUMIN", "GLOW", "BLINK", "FLASH", "LED"),
)

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


def law_enforcement(prelim: str, mor: str) -> bool | None:
    """True when an agency was told, False when the text says none was, None when unknown."""
    for block in (prelim, mor):
        if not block:
            continue
        if _LEO_NO.search(block):
            return False
        if _LEO_UNKNOWN.search(block):
            return None
        keys = tuple(k for k in _LEO_KEYS if k in block)
        so_mp = "SO" in block or "MP" in block
        if not keys and not so_mp:
            continue  # no agency named anywhere in this block
        for verb in _LEO_VERB.finditer(block):
            # The agency is named in the same sentence, just before or after the verb.
            start = max(block.rfind(".", 0, verb.start()) + 1, verb.start() - 80)
            end = block.find(".", verb.end())
            end = min(end if end >= 0 else len(block), verb.end() + 40)
            if _names_agency(block[start:end], keys, so_mp):
                return True
    return None


def drone_count(text: str) -> int | None:
    """How many drones (the lower bound of "5-6 UAS"; "MULTIPLE" counts as 2)."""
    m = None
    for plural in _PLURAL.finditer(text):
        # The count sits just before the noun: look back a few words only.
        m = _COUNT.search(text, max(0, plural.start() - 40), plural.end())
        if m:
            break
    if m:
        n = m["n"]
        if n.isdigit():
            return int(n) if 0 < int(n) < 100 else 1
        return _WORD_COUNT.get(n, 2)
    return 1 if any(k in text for k in ("UAS", "DRONE", "UAV", "QUAD")) else None


# Where a colour word can be: only the whitespace-separated tokens around these hits are read
# (walking every token of the narrative in Python cost more than all but two patterns).
_COLOUR_HIT = re.compile("|".join(sorted(_COLOUR_WORDS, key=len, reverse=True)))
_SPACE = re.compile(r"\s")
_TOKEN_EDGE = frozenset(".,;:()/'\"-")  # what may border a colour inside its token


def _token_colours(token: str, seen: list[str]) -> None:
    word = token.strip(".,;:()/'\"-")
    if word in _COLOUR_WORDS:
        word = "grey" if word in ("GRAY", "GREY") else word.lower()
        if word not in seen:
            seen.append(word)
    elif "/" in word or "-" in word:  # "WHITE/RED", "BLACK-RED"
        for part in re.split(r"[/-]", word):
            if part in _COLOUR_WORDS:
                part = "grey" if part in ("GRAY", "GREY") else part.lower()
                if part not in seen:
                    seen.append(part)


def colours(text: str) -> tuple[str, ...]:
    """Colour words, in order, from the tokens (``str.split()``) that are colours or
    slash/hyphen lists of them."""
    seen: list[str] = []
    done = -1  # end of the last token read: a token with two hits is read once
    for hit in _COLOUR_HIT.finditer(text):
        start, stop = hit.span()
        if start < done:
            continue
        # Inside a longer word (the RED of REPORTED): this hit cannot be a colour token.
        if (start and text[start - 1] not in _TOKEN_EDGE and not text[start - 1].isspace()) or (
            stop < len(text) and text[stop] not in _TOKEN_EDGE and not text[stop].isspace()
        ):
            continue
        while start and not text[start - 1].isspace():
            start -= 1
        end = _SPACE.search(text, hit.end())
        done = end.start() if end else len(text)
        _token_colours(text[start:done], seen)
    return tuple(seen)


def drone_type(text: str) -> str:
    if _MULTIROTOR.search(text):
        return "multirotor"
    if _FIXED_WING.search(text):
        return "fixed_wing"
    if _HELI_DRONE.search(text):
        return "helicopter"
    return "unknown"


def lights(text: str) -> bool | None:
    if _NO_LIGHTS.search(text):
        return False
    return True if _LIGHTS.search(text) else None


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
