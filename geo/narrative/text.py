"""Normalising narratives and reading numbers, units and compass points out of them.

Everything downstream works on upper-case text with single spaces, so that the FAA's
controller shorthand and a member of the public's plain English meet the same patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from geo.geodesy import COMPASS16_DEG
from geo.narrative.numbers import NUMBER_WORDS, spell_out
from geo.narrative.spans import TextMap, replace_mapped, sub_mapped


def any_key(text: str, keys: tuple[str, ...]) -> bool:
    """Whether any of ``keys`` occurs in ``text`` (a loop: cheaper than ``any(generator)``)."""
    for k in keys:
        if k in text:
            return True
    return False


class Gated:
    """A compiled pattern that only runs when one of its keywords occurs in the text.

    Python's ``re`` tries a pattern that opens with ``\\b`` or a group at every position
    (tens of microseconds on a 400-character narrative); a substring test is a hundred times
    cheaper, and most patterns need a word that most narratives lack.
    """

    __slots__ = ("keys", "rx")

    def __init__(self, pattern: str, keys: tuple[str, ...], flags: int = 0) -> None:
        self.rx = re.compile(pattern, flags)
        self.keys = keys

    # A plain loop rather than ``any(generator)``: these run ~30 times per narrative and the
    # generator costs more than the substring tests themselves.
    def _on(self, text: str) -> bool:
        for k in self.keys:
            if k in text:
                return True
        return False

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        for k in self.keys:
            if k in text:
                return self.rx.search(text, pos, len(text) if endpos is None else endpos)
        return None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.rx.finditer(text) if self._on(text) else iter(())

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.rx.sub(repl, text) if self._on(text) else text


# Where a number meets a unit of length or altitude: a fast scan (it opens with a digit class)
# that tells the slower patterns where to look.
QUANTITY = re.compile(
    r"\d[\d,./]*(?:\s?(?:-|TO|T0|OR|AND)\s?\.?\d[\d,.]*)?\s?(?:F[A-Z]?EE?T|FOOT|FT|'|"
    r"YARDS?|YDS?|METERS?|METRES?|M\b|MILES?|NM|MI\b|MSL|AGL)"
)


@lru_cache(maxsize=16)
def quantities(text: str) -> tuple[int, ...]:
    """Start offsets of every number+unit in ``text`` (a leading "." included: ".25 MILE")."""
    return tuple(
        m.start() - (1 if m.start() and text[m.start() - 1] == "." else 0)
        for m in QUANTITY.finditer(text)
    )


def near(rx: re.Pattern[str], text: str, *, before: int, after: int) -> Iterator[re.Match[str]]:
    """Matches of ``rx`` in windows around each number+unit in ``text``, in text order,
    without repeats. Lookbehinds see the whole text; lookaheads see ``after`` characters."""
    seen: set[tuple[int, int]] = set()
    for start in quantities(text):
        for m in rx.finditer(text, max(0, start - before), min(len(text), start + 30 + after)):
            if m.span() not in seen:
                seen.add(m.span())
                yield m


FEET_PER_METRE = 3.28084
FEET_PER_NM = 6076.12
FEET_PER_STATUTE_MILE = 5280.0

COMPASS_DEG = COMPASS16_DEG  # bearings in degrees true, one table with geo.geodesy
_WORD_POINTS = {
    "NORTH": "N",
    "SOUTH": "S",
    "EAST": "E",
    "WEST": "W",
    "NORTHEAST": "NE",
    "NORTHWEST": "NW",
    "SOUTHEAST": "SE",
    "SOUTHWEST": "SW",
}

_SPACES = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")
_HUNDREDS = Gated(r"\b(A|ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE) HUNDRED\b", ("HUNDRED",))
_SMALL_WORDS = Gated(
    r"\b(TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|TWENTY|THIRTY|"
    r"FORTY|FIFTY)(?= (?:FEET|FOOT|FT|METERS?|METRES?|M|YARDS?|MILES?|NM|"
    r"UAS|DRONES?|QUAD))",
    (
        "TWO ",
        "THREE ",
        "FOUR ",
        "FIVE ",
        "SIX ",
        "SEVEN ",
        "EIGHT ",
        "NINE ",
        "TEN ",
        "TWENTY ",
        "THIRTY ",
        "FORTY ",
        "FIFTY ",
    ),
)
_HALF_MILE = Gated(r"\b(?:A )?HALF(?: A)? (?:MILE|NM)\b", ("HALF",))
_CONTRACTIONS = Gated(
    r"\b(DID|WAS|WERE|COULD|DOES|DO)N'?T\b",
    ("N'T", "DIDNT", "WASNT", "WERENT", "COULDNT", "DOESNT", "DONT"),
)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_DOT_THOUSANDS = re.compile(
    r"(\d{1,2})\.(\d{3})(?= ?(?:FEET|FT)\b)(?<![\d.]\d\d\.\d\d\d)"
)  # "9.500 FEET"
_LETTER_O = re.compile(r"(\d+)(O+)\b")  # "1OO FEET"
_UNIT_RANGE = re.compile(r"(\d+)\s?(FT|FEET)\s?-\s?(\d+)\s?(?:FT|FEET)\b")
_DIGIT_O = re.compile(r"O(?<=\dO)")  # "1OO": a repair below is needed
_DIGIT_DOT = re.compile(r"\.(?<=\d\.)\d{3} ?F")  # "9.500 FEET"
_COMPASS_DASH = re.compile(r"-(?:(?<=NORTH-)|(?<=SOUTH-)|(?<=EAST-)|(?<=WEST-))")
_COMPASS_SLASH = re.compile(r"/(?:(?<=NORTH/)|(?<=SOUTH/)|(?<=EAST/)|(?<=WEST/))")
_COMPASS_HYPHEN = re.compile(r"(NORTH|SOUTH|EAST|WEST)[-/](?=(?:NORTH|SOUTH|EAST|WEST))")

# A number as written: "2,600", "2600", ".25", "4.5".
NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+/\d+|\d+(?:\.\d+)?|\.\d+)"
# A number or a range of numbers: "500-900", "5,000 T0 5,500", ".25 TO .5".
NUM_RANGE = NUM + r"(?:\s*(?:-|TO|T0|OR|AND)\s*" + NUM + r")?"
BEARING = (
    r"(?:(?:NORTH|SOUTH|EAST|WEST) (?:NORTH ?EAST|NORTH ?WEST|SOUTH ?EAST|SOUTH ?WEST)|"
    r"NORTH ?EAST|NORTH ?WEST|SOUTH ?EAST|SOUTH ?WEST|NORTH|SOUTH|EAST|WEST|"
    r"NNE|ENE|ESE|SSE|SSW|WSW|WNW|NNW|NE|SE|SW|NW|N|E|S|W)"
)


def normalise(text: str) -> str:
    """Upper case, ``_x000D_`` and CR as newlines, runs of blanks as one space, number words
    before a unit as digits ("two hundred feet" -> "200 FEET")."""
    return normalise_mapped(text)[0]


def _upper(text: str) -> str:
    up = text.upper()
    if len(up) != len(text):  # "ß" -> "SS": keep offsets one to one
        up = "".join(c.upper() if len(c.upper()) == 1 else c for c in text)
    return up


def _gated_sub(g: Gated, repl: Any, text: str, into: TextMap) -> str:
    return sub_mapped(g.rx, repl, text, into) if g._on(text) else text


def normalise_mapped(text: str) -> tuple[str, TextMap]:
    """``normalise`` plus the map from its offsets back to ``text``'s."""
    into = TextMap()
    text = _upper(text.replace("\r", "\n"))
    text = replace_mapped(text, "_X000D_", "\n", into)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    if "  " in text or "\t" in text or "\f" in text or "\v" in text:
        text = sub_mapped(_SPACES, " ", text, into)
    if "FT-" in text or "FEET-" in text or "FT -" in text:
        text = sub_mapped(_UNIT_RANGE, r"\1-\3 \2", text, into)  # "20FT-30FT" -> "20-30 FT"
    # Narratives are full of digits, so a pattern that opens with a digit class is slow; these
    # open with a literal ("O", ".", "-", "/") and look behind, which ``re`` scans for quickly.
    if _DIGIT_O.search(text) or _DIGIT_DOT.search(text):
        text = sub_mapped(_DOT_THOUSANDS, r"\1,\2", text, into)
        text = sub_mapped(_LETTER_O, lambda m: m[1] + "0" * len(m[2]), text, into)
    if _COMPASS_DASH.search(text) or _COMPASS_SLASH.search(text):
        text = sub_mapped(_COMPASS_HYPHEN, r"\1 ", text, into)
    text = _gated_sub(_CONTRACTIONS, r"\1 NOT", text, into)
    text = _gated_sub(_HALF_MILE, "0.5 MILE", text, into)
    text = spell_out(text, into)
    text = _gated_sub(_HUNDREDS, lambda m: str(100 * (NUMBER_WORDS.get(m[1], 1))), text, into)
    text = _gated_sub(_SMALL_WORDS, lambda m: str(NUMBER_WORDS[m[1]]), text, into)
    return text, into


def number(text: str) -> float:
    """A written number ("2,600", ".25") as a float."""
    text = text.replace(",", "")  # thousands separators (and any stray comma)
    if "/" in text:  # a fraction of a mile: "1/2"
        num, _, den = text.partition("/")
        return float(num) / float(den) if float(den) else float(num)
    return float(text)


_PLAIN_NUMBER = re.compile(r"[\d,.]+")
_RANGE_SPLIT = re.compile(r"\s*(?:-|\bTO\b|\bT0\b|\bOR\b|\bAND\b)\s*")


def number_range(text: str) -> tuple[float, float]:
    """(low, high) of "500-900", "5,000 T0 5,500" or a single number (low == high)."""
    text = text.strip()
    if _PLAIN_NUMBER.fullmatch(text):  # the common case: nothing to split
        value = number(text)
        return value, value
    parts = [p for p in _RANGE_SPLIT.split(text) if p]
    values = [number(p) for p in parts[:2]]
    if len(values) == 1:
        return values[0], values[0]
    return min(values), max(values)


def to_feet(value: float, unit: str) -> float:
    """Convert a length in the written unit (FEET/FT/', M/METERS, YARDS, MILES, NM) to feet."""
    unit = unit.strip().upper()
    if unit.startswith(("M", "METER", "METRE")) and not unit.startswith("MI"):
        return value * FEET_PER_METRE
    if unit.startswith("Y"):
        return value * 3.0
    if unit in ("NM", "NMI", "NAUTICAL MILE", "NAUTICAL MILES"):
        return value * FEET_PER_NM
    if unit.startswith("MI") or unit in ("SM",):
        # Pilots' "miles" are nautical; the difference is within the precision people use.
        return value * FEET_PER_NM
    return value


def compass(word: str) -> str | None:
    """A 16-point compass name for "SSW", "SOUTH WEST" or "SOUTH SOUTHWEST"."""
    word = word.strip().upper()
    if word in COMPASS_DEG:
        return word
    parts = [
        _WORD_POINTS.get(p.replace(" ", "")) for p in re.split(r" (?=NORTH|SOUTH|EAST|WEST)", word)
    ]
    joined = "".join(p or "?" for p in parts)
    collapsed = _WORD_POINTS.get(word.replace(" ", ""))
    if collapsed:
        return collapsed
    return joined if joined in COMPASS_DEG else None
