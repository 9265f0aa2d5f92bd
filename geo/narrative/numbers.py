"""Numbers written as words before a unit of length: "TWO HUNDRED FEET" -> "200 FEET".

Vague quantities get documented single figures, so that a separation written in words is read
like one written in digits: A COUPLE (OF) = 2, A FEW = 3, SEVERAL = 5, SINGLE DIGIT = 5,
DOUBLE DIGIT = 50, A DOZEN = 12; they multiply HUNDRED and THOUSAND ("A FEW HUNDRED FEET" is
300 ft). Pilots' "a few feet" and "single digit feet" matter more as "under 10 ft" than as an
exact number, and every one of these figures falls in the band the words describe.
"""

from __future__ import annotations

import re

from geo.narrative.spans import TextMap, sub_mapped

NUMBER_WORDS = {  # the one table of number words (drone counts and text normalising too)
    "ZERO": 0,
    "ONE": 1,
    "TWO": 2,
    "THREE": 3,
    "FOUR": 4,
    "FIVE": 5,
    "SIX": 6,
    "SEVEN": 7,
    "EIGHT": 8,
    "NINE": 9,
    "TEN": 10,
    "ELEVEN": 11,
    "TWELVE": 12,
    "THIRTEEN": 13,
    "FOURTEEN": 14,
    "FIFTEEN": 15,
    "SIXTEEN": 16,
    "SEVENTEEN": 17,
    "EIGHTEEN": 18,
    "NINETEEN": 19,
    "TWENTY": 20,
    "THIRTY": 30,
    "FORTY": 40,
    "FOURTY": 40,
    "FIFTY": 50,
    "SIXTY": 60,
    "SEVENTY": 70,
    "EIGHTY": 80,
    "NINETY": 90,
}
_VAGUE = {"COUPLE": 2, "FEW": 3, "SEVERAL": 5, "DOZEN": 12}
_SCALES = {"HUNDRED": 100, "THOUSAND": 1000}
_FILLER = frozenset({"A", "OF", "AND"})
_NUMERIC = frozenset([*NUMBER_WORDS, *_VAGUE, *_SCALES, "SINGLE", "DOUBLE"])
# A run of number words that ends right before a unit of length ("A FEW HUNDRED FEET").
_RUN = re.compile(
    r"(?<![A-Z0-9])(?:(?:"
    + "|".join(sorted([*NUMBER_WORDS, *_VAGUE, *_SCALES, "A", "OF", "AND"], key=len, reverse=True))
    + r"|(?:SINGLE|DOUBLE)[ -]DIGITS?)[ -])+"
    r"(?=(?:FEET|FOOT|FT|YARDS?|YDS|METERS?|METRES?|MILES?|NM)\b)"
)
# Only text where a letter stands right before a unit needs the (slow) pattern; a few
# substring searches find out.
_UNIT_WORDS = (" FEET", " FOOT", " FT", " YARD", " YDS", " METER", " METRE", " MILE", " NM", "-FOOT", "-FEET")  # fmt: skip


def _digits(words: list[str]) -> int | None:
    """The value of a run of number words, or None when it holds no number ("OF A")."""
    total = current = 0
    seen = False
    for word in words:
        if word in NUMBER_WORDS or word in _VAGUE:
            current += NUMBER_WORDS.get(word) or _VAGUE.get(word, 0)
        elif word == "HUNDRED":
            current = (current or 1) * 100
        elif word == "THOUSAND":
            total += (current or 1) * 1000
            current = 0
        elif word in ("SINGLE", "DOUBLE"):
            current += 5 if word == "SINGLE" else 50
        else:
            continue  # A, OF, AND, DIGIT(S)
        seen = True
    return total + current if seen else None


def _replace(m: re.Match[str]) -> str:
    words = m[0].replace("-", " ").split()
    # Leading fillers ("OF", "AND", a lone "A") stay as written; "A" belongs to the number
    # before FEW, COUPLE or HUNDRED.
    skip = 0
    while skip < len(words) and words[skip] in _FILLER:
        if words[skip] == "A" and skip + 1 < len(words) and words[skip + 1] in _NUMERIC:
            break
        skip += 1
    value = _digits(words[skip:])
    if value is None:
        return m[0]
    return " ".join([*words[:skip], str(value)]) + " "


# Substrings every run of number words contains one of (a cheap test before the pattern).
_KEYS = ("HUNDRED", "THOUSAND", "FEW", "COUPLE", "SEVERAL", "DIGIT", "DOZEN", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN", "TWELVE", "TWENTY", "THIRTY", "FORTY", "FIFTY", "ZERO")  # fmt: skip


def _word_before_unit(text: str) -> bool:
    for unit in _UNIT_WORDS:
        at = text.find(unit)
        while at > 0:
            if text[at - 1].isalpha():
                return True
            at = text.find(unit, at + 1)
    return False


def spell_out(text: str, into: TextMap) -> str:
    """Number words before a unit of length as digits, recording the rewrite in ``into``."""
    for k in _KEYS:
        if k in text:
            break
    else:
        return text
    if not _word_before_unit(text):
        return text
    return sub_mapped(_RUN, _replace, text, into)
