"""The drone as the narrative describes it: how many, their colours, the kind of airframe
and whether it was lit."""

from __future__ import annotations

import re

from geo.narrative.numbers import NUMBER_WORDS
from geo.narrative.text import Gated

_COUNT = re.compile(
    r"\b(?P<n>\d{1,2}|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|MULTIPLE|SEVERAL|"
    r"NUMEROUS|A FEW|A PAIR OF|PAIR OF|TWIN)(?:\s?(?:-|TO)\s?\d{1,2})?\s(?:[A-Z/-]+,?\s){0,3}?"
    r"(?:UAS|UASS|DRONES|UAVS|QUAD ?-?COPTERS|OBJECTS|SUAS)\b"
)
_PLURAL = re.compile(r"(?:UAS|UASS|DRONES|UAVS|COPTERS|OBJECTS|SUAS)\b")
_WORD_COUNT = {
    word: NUMBER_WORDS[word]
    for word in ("TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN")
} | {"A PAIR OF": 2, "PAIR OF": 2, "TWIN": 2}
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
    """``multirotor``, ``fixed_wing`` or ``helicopter`` from the airframe words, in that order of
    precedence (a "quadcopter helicopter" is a multirotor), else ``unknown``."""
    if _MULTIROTOR.search(text):
        return "multirotor"
    if _FIXED_WING.search(text):
        return "fixed_wing"
    if _HELI_DRONE.search(text):
        return "helicopter"
    return "unknown"


def lights(text: str) -> bool | None:
    """False when the text says the drone was unlit, True when it mentions lights, else None."""
    if _NO_LIGHTS.search(text):
        return False
    return True if _LIGHTS.search(text) else None
