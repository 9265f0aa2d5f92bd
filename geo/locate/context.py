"""A report's context for ``locate``: its city, state and country, and how its text is written.

The context decides between candidates: FAA text prefers the US LID table (``ANX`` is the
Napoleon VOR, not Andøya), and an aerodrome whose state disagrees with the report's state gives
way to a consistent one (``geo.locate.codes``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.aerodromes import Aerodrome
from geo.geodesy import inverse
from geo.places import NEIGHBOURS, Gazetteer, Place
from geo.reference import ReferenceData

# An aerodrome within this distance (NM) of the report's place is consistent whatever its state
# (CVG serves Cincinnati, OH from Kentucky).
CONSISTENT_WITHIN_NM = 60.0
# Territories a US report may name as its state.
US_TERRITORIES = ("PR", "VI", "GU", "AS", "MP")
US_LIKE = ("US", *US_TERRITORIES)
CODE = re.compile(r"[A-Z0-9]{3,4}")  # an aerodrome code or navaid ident as written
_COUNTRIES = {
    "US": "US",
    "USA": "US",
    "UNITED STATES": "US",
    "UNITED STATES OF AMERICA": "US",
    "U S": "US",
    "U S A": "US",
    "UK": "GB",
    "UNITED KINGDOM": "GB",
    "GREAT BRITAIN": "GB",
    "ENGLAND": "GB",
    "SCOTLAND": "GB",
    "WALES": "GB",
    "CANADA": "CA",
    "GERMANY": "DE",
    "FRANCE": "FR",
    "NETHERLANDS": "NL",
    "IRELAND": "IE",
    "AUSTRALIA": "AU",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    ref: ReferenceData
    city: str
    state: str  # USPS code, "" when unknown
    country: str  # ISO alpha-2, "" when unknown
    us: bool  # prefer US tables (FAA text, a US state or country)
    upper: bool  # the text is all capitals (aviation style)
    miles_are_nautical: bool
    place: Place | None  # the report's own city, when it resolves
    place_note: str = ""


def country_code(country: str) -> str:
    """ISO alpha-2 for a written country ("United Kingdom" -> "GB"), "" when unknown."""
    key = re.sub(r"[^A-Z ]", " ", (country or "").upper()).strip()
    key = re.sub(r"\s+", " ", key)
    return _COUNTRIES.get(key, key if len(key) == 2 else "")


def make_context(
    ref: ReferenceData, *, city: str, state: str, country: str, text: str, miles: bool | None
) -> Context:
    """The context of a report; ``miles`` says whether "miles" are nautical (None: guess from
    the text's case)."""
    cc = country_code(country)
    code = ref.places.state_code(state) if state and cc in ("", "US") else ""
    if code and not cc:
        cc = "US"
    upper = text == text.upper()
    place, note = _report_place(ref, city, code, cc) if city.strip() else (None, "")
    return Context(
        ref=ref,
        city=city.strip(),
        state=code,
        country=cc,
        us=cc == "US" or (not cc and upper and bool(text)),
        upper=upper,
        miles_are_nautical=upper if miles is None else miles,
        place=place,
        place_note=note,
    )


def _report_place(
    ref: ReferenceData, city: str, state: str, country: str
) -> tuple[Place | None, str]:
    """The report's own city (or an aerodrome code written as the city), with a note when it
    was read as something other than written ("TEETERBORO" -> Teterboro)."""
    place = ref.places.lookup(city, state=state, country=country)
    if place is None and CODE.fullmatch(city.strip().upper()):
        a = ref.aerodromes.by_lid.get(city.strip().upper())
        if a is not None:
            place = Place(a.name, a.latitude, a.longitude, "US", state, 0, "aerodrome")
    if place is not None and re.sub(r"\W", "", place.name.upper()) != re.sub(
        r"\W", "", city.upper()
    ):
        return place, f"{city!r} read as {place.name}"
    return place, ""


@lru_cache(maxsize=4096)
def _subd_code(places: Gazetteer, subd: str) -> str:
    return places.state_code(subd)


def distance_nm(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    return float(inverse(a_lat, a_lon, b_lat, b_lon)[1])


def consistent(a: Aerodrome, ctx: Context) -> bool:
    """Does ``a`` fit the report's state (or lie near its place) and country?"""
    if (
        ctx.country
        and a.country != ctx.country
        and not (ctx.country == "US" and a.country in US_TERRITORIES)
    ):
        return False
    if not ctx.state:
        return True
    code = _subd_code(ctx.ref.places, a.subd)
    if code == ctx.state or code in NEIGHBOURS.get(ctx.state, ()):
        return True
    return (
        ctx.place is not None
        and distance_nm(a.latitude, a.longitude, ctx.place.latitude, ctx.place.longitude)
        <= CONSISTENT_WITHIN_NM
    )
