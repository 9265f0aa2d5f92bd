"""Which number+unit quantities in a text measure the drone itself, not where it was.

"2 FOOT BY 2 FOOT", "6 FEET IN LENGTH", "3' X 3'", "A WINGSPAN OF 8 FEET", "A 1 FOOT BLACK
UAS": a size is never an altitude, an offset or a separation, so the altitude and separation
grammars skip these quantities. Three rules, each about the words around the quantity:

* a dimension word follows the unit (WIDE, LONG, TALL, ACROSS, IN DIAMETER, IN LENGTH,
  WINGSPAN, IN SIZE, SQUARE) or a second dimension does (``BY 2``, ``X 2``);
* a size word precedes it (SIZE, DIAMETER, WINGSPAN, MEASURING, DIMENSIONS, optionally with
  OF/WAS/ESTIMATED/ABOUT) or a first dimension does (``2 FOOT BY``, ``3' X``);
* an article and the drone noun frame a small length ("A 1 FOOT BLACK UAS", "A 2-3 FT
  QUADCOPTER"): up to 50 ft, with at most three words between the unit and the noun.
"""

from __future__ import annotations

import re

from geo.narrative.text import quantities

_UNIT = re.compile(
    r"[\d,./]+(?:\s?(?:-|TO)\s?\.?[\d,.]+)?\s?(?P<unit>F[A-Z]?EE?T|FOOT|FT|'|M\b|METERS?)"
)
_DIMENSION_AFTER = re.compile(
    r"\.?\s?(?:IN\s)?(?:WIDE|LONG|TALL|HIGH\b(?!ER)|ACROSS|DIAMETER|DIA\b|WING ?SPAN|LENGTH|LENTH|"
    r"WIDTH|HEIGHT|SIZE|SQUARED?)\b|\s?(?:BY|X)\s?\.?\d"
)
_SIZE_WORD_BEFORE = re.compile(
    r"(?<!IN )\b(?:SIZE|DIAMETER|WING ?SPAN|MEASURING|MEASURED|DIMENSIONS?)\b\s?(?:(?:OF|WAS|IS|"
    r"ESTIMATED|APPEARED TO BE|ABOUT|APPROX(?:IMATELY)?\.?|AROUND|ROUGHLY|AN?)\s)*$"
)
_SIZE_KEYS = ("SIZE", "DIAMETER", "SPAN", "MEASUR", "DIMENSION")
_PAIR_BEFORE = re.compile(r"\d\s?(?:FOOT|FEET|FT|'|INCH(?:ES)?|IN|\")?\s?(?:BY|X)\s?$")
_ARTICLE_BEFORE = re.compile(
    r"\b(?:AN?|THE)\s(?:(?:SMALL|LARGE|BIG|TINY|APPROX(?:IMATELY)?\.?|ABOUT|ROUGHLY)\s)?$"
)
_NOUN_AFTER = re.compile(
    r"\s?(?:[A-Z/-]+,?\s){0,3}?(?:UAS|DRONE|QUAD|UAV|OBJECT|MODEL|HELICOPTER|AIRPLANE|PLANE|"
    r"BALLOON|FIXED|MULTI|HEXA|OCTO|ROTOR)"
)
_SMALL_FT = 50.0


def _leading_number(text: str) -> float:
    digits = re.match(r"\.?\d+(?:\.\d+)?", text.replace(",", ""))
    return float(digits[0]) if digits else 0.0


def _is_size(text: str, start: int, end: int) -> bool:
    if _DIMENSION_AFTER.match(text, end):
        return True
    before = text[max(0, start - 40) : start]
    if before.endswith(("BY ", "X ", "X", "BY")) and _PAIR_BEFORE.search(before):
        return True
    for k in _SIZE_KEYS:  # (a substring test is far cheaper than the pattern)
        if k in before:
            return _SIZE_WORD_BEFORE.search(before) is not None
    return bool(
        _NOUN_AFTER.match(text, end)
        and _ARTICLE_BEFORE.search(before, max(0, len(before) - 25))
        and _leading_number(text[start:end]) <= _SMALL_FT
    )


def is_size(text: str, start: int) -> bool:
    """Whether the quantity at ``start`` (an offset ``quantities`` gives) measures the drone."""
    unit = _UNIT.match(text, start)
    # (yards, miles, AGL: never a drone's size here)
    return unit is not None and _is_size(text, start, unit.end())


def sizes(text: str) -> frozenset[int]:
    """Start offsets (as ``quantities`` gives them) of the quantities that are sizes."""
    return frozenset(start for start in quantities(text) if is_size(text, start))
