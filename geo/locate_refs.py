"""Named reference points for ``geo.locate``: aerodrome codes and names, navaids and places.

A report's context (its city, state and country, and whether the text is all-capitals
aviation text) decides between candidates: FAA text prefers the US LID table (``ANX`` is the
Napoleon VOR, not Andøya), and an aerodrome whose state disagrees with the report's state is
replaced by a consistent one where there is one (``VCNTY SLB`` filed in Salisbury, MD is SBY,
not Storm Lake, IA), with a ``note`` saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from geo.aerodromes import Aerodrome
from geo.geodesy import inverse
from geo.places import NEIGHBOURS, Gazetteer, Place
from geo.reference import ReferenceData

# An aerodrome within this distance of the report's place is consistent whatever its state
# (CVG serves Cincinnati, OH from Kentucky).
CONSISTENT_WITHIN_NM = 60.0
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
_STOP = re.compile(
    r"[,;:!?/\n]|\.(?=\s|$)(?<!\bST\.)(?<!\bFT\.)(?<!\bMT\.)|\s(?:WHILE|AT|AND|WHEN|ON|IN|"
    r"HEADING|INBOUND|OUTBOUND|BOUND|ALTITUDE|REPORTED|ADVISED|NO|WITH|FLYING|DURING|THEN|"
    r"AROUND|ABOUT|APPROX\w*|NEAR|BETWEEN|FROM|TO|UAS|DRONE|FEET|FT|AGL|MSL|FL\d+|"
    r"RUNWAY|RWY)\b",
    re.I,
)
_NAVAID_WORDS = {
    "VOR",
    "VORTAC",
    "VOR-DME",
    "VOR/DME",
    "VORDME",
    "NDB",
    "TACAN",
    "DME",
    "VORTAC.",
    "VOR.",
}
_AERODROME_WORDS = {
    "ARPT",
    "AIRPORT",
    "AIRFIELD",
    "AERODROME",
    "FIELD",
    "AAF",
    "AFB",
    "ARB",
    "NAS",
    "AIRPARK",
    "HELIPORT",
    "INTL",
    "INTERNATIONAL",
}
_CODE = re.compile(r"[A-Z0-9]{3,4}")


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Ref:
    latitude: float
    longitude: float
    kind: str  # aerodrome | navaid | place
    label: str
    uncertainty_nm: float
    note: str = ""
    aerodrome: str = ""
    aerodrome_obj: Aerodrome | None = None


def country_code(country: str) -> str:
    key = re.sub(r"[^A-Z ]", " ", (country or "").upper()).strip()
    key = re.sub(r"\s+", " ", key)
    return _COUNTRIES.get(key, key if len(key) == 2 else "")


def make_context(
    ref: ReferenceData, *, city: str, state: str, country: str, text: str, miles: bool | None
) -> Context:
    cc = country_code(country)
    code = ref.places.state_code(state) if state and cc in ("", "US") else ""
    if code and not cc:
        cc = "US"
    upper = text == text.upper()
    place, note = None, ""
    if city.strip():
        place = ref.places.lookup(city, state=code, country=cc)
        if place is None and _CODE.fullmatch(city.strip().upper()):
            a = ref.aerodromes.by_lid.get(city.strip().upper())
            if a is not None:
                place = Place(a.name, a.latitude, a.longitude, "US", code, 0, "aerodrome")
        if place is not None and re.sub(r"\W", "", place.name.upper()) != re.sub(
            r"\W", "", city.upper()
        ):
            note = f"{city!r} read as {place.name}"
    return Context(
        ref,
        city.strip(),
        code,
        cc,
        cc == "US" or (not cc and upper and bool(text)),
        upper,
        upper if miles is None else miles,
        place,
        note,
    )


@lru_cache(maxsize=4096)
def _subd_code(places: Gazetteer, subd: str) -> str:
    return places.state_code(subd)


def _distance_nm(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    return float(inverse(a_lat, a_lon, b_lat, b_lon)[1])


def consistent(a: Aerodrome, ctx: Context) -> bool:
    """Does ``a`` fit the report's state (or lie near its place) and country?"""
    if (
        ctx.country
        and a.country != ctx.country
        and not (ctx.country == "US" and a.country in ("PR", "VI", "GU", "AS", "MP"))
    ):
        return False
    if not ctx.state:
        return True
    code = _subd_code(ctx.ref.places, a.subd)
    if code == ctx.state or code in NEIGHBOURS.get(ctx.state, ()):
        return True
    return (
        ctx.place is not None
        and _distance_nm(a.latitude, a.longitude, ctx.place.latitude, ctx.place.longitude)
        <= CONSISTENT_WITHIN_NM
    )


def _aerodrome_ref(a: Aerodrome, note: str = "") -> Ref:
    return Ref(a.latitude, a.longitude, "aerodrome", a.code, 0.5, note, a.code, a)


_US_LIKE = ("US", "PR", "VI", "GU", "AS", "MP")


def _code_candidates(code: str, ctx: Context) -> list[Aerodrome]:
    """LID (US only), ICAO and IATA readings of a code, without duplicates."""
    t = ctx.ref.aerodromes
    found = (
        t.by_lid.get(code) if ctx.country in ("", "US") else None,
        t.by_icao.get(code),
        t.by_iata.get(code) if len(code) == 3 else None,
    )
    out: list[Aerodrome] = []
    for a in found:
        if a is not None and a not in out:
            out.append(a)
    return out


def _navaid_ref(code: str, ctx: Context) -> Ref | None:
    if not len(ctx.ref.navaids):
        return None
    n = ctx.ref.navaids.by_ident(code, country="US" if ctx.us else ctx.country)
    return Ref(n.latitude, n.longitude, "navaid", f"{n.ident} {n.navaid_type}", 0.1) if n else None


def resolve_code(token: str, ctx: Context, *, navaids: bool = True) -> Ref | None:
    """An aerodrome (or a navaid) for a code as written in the text. In US context the US
    readings come first, then a US navaid, and only then a foreign aerodrome (``ANX``)."""
    if not ctx.upper and token != token.upper():
        return None  # in mixed-case text only capitals are codes ("fly" is not FLY)
    code = token.strip().upper()
    if not _CODE.fullmatch(code):
        return None
    candidates = _code_candidates(code, ctx)
    first_pass = [a for a in candidates if a.country in _US_LIKE] if ctx.us else candidates
    for a in first_pass:
        if consistent(a, ctx):
            return _aerodrome_ref(a)
    if candidates and ctx.state:
        alt = _consistent_alternative(code, ctx)
        first = candidates[0]
        if alt is not None:
            return _aerodrome_ref(
                alt,
                f"{code} is {first.name}, {first.subd or first.country},"
                f" not in {ctx.state}; read as {alt.code} ({alt.name})",
            )
    found = _navaid_ref(code, ctx) if navaids else None
    if found:
        return found
    if ctx.us and not ctx.state:
        for a in candidates:
            if consistent(a, ctx) or not ctx.country:
                return _aerodrome_ref(a)
    # A US report never lands on another continent through a code collision (RBV in
    # Robbinsville NJ is not Ramata in the Solomon Islands): returning None lets the caller
    # fall back to the report's own city and state.
    plausible = [a for a in candidates if a.country in _US_LIKE] if ctx.us else candidates
    if plausible and ctx.state:
        a = plausible[0]
        return _aerodrome_ref(
            a, f"{code} is {a.name}, {a.subd or a.country}: outside the report's state {ctx.state}"
        )
    return None


def _consistent_alternative(code: str, ctx: Context) -> Aerodrome | None:
    """A likely intended aerodrome near the report's place: a code one or two edits away."""
    if ctx.place is None:
        return None
    table = ctx.ref.aerodromes
    best: tuple[int, float, Aerodrome] | None = None
    for a in table.within(ctx.place.latitude, ctx.place.longitude, 30.0):
        for c in {a.lid, a.iata, a.icao}:
            if c and c[0] == code[0] and len(c) == len(code):
                edits = Levenshtein.distance(c, code)
                if edits <= 2:
                    d = _distance_nm(
                        a.latitude, a.longitude, ctx.place.latitude, ctx.place.longitude
                    )
                    if best is None or (edits, d) < best[:2]:
                        best = (edits, d, a)
    return best[2] if best else None


def _pick_aerodrome(candidates: list[Aerodrome], ctx: Context) -> Aerodrome | None:
    for a in candidates:
        if consistent(a, ctx) and (not ctx.us or a.country == "US" or ctx.country):
            return a
    if not ctx.state and not ctx.country:
        return candidates[0] if candidates else None
    return None


def _place_ref(place: Place) -> Ref:
    unc = 2.0 if place.population < 100_000 else 4.0 if place.population < 1_000_000 else 8.0
    if place.kind == "aerodrome":
        return Ref(place.latitude, place.longitude, "aerodrome", place.name, 0.5)
    return Ref(place.latitude, place.longitude, "place", f"{place.name}, {place.region}", unc)


def _cut(segment: str) -> str:
    m = _STOP.search(" " + segment)
    return (" " + segment)[: m.start()].strip() if m else segment.strip()


def resolve_ref(
    segment: str, ctx: Context, *, kinds: tuple[str, ...] = (), whole: bool = False
) -> Ref | None:
    """The reference point named at the start of ``segment`` ("LAX. NO EVASIVE...",
    "NAPOLEON VOR WHILE...", "the Heathrow airport"); None when nothing fits."""
    paren = re.search(r"\(([A-Z0-9]{3,4})\)", segment[:80])
    cut = _cut(re.sub(r"\(.*?\)", " ", segment[:120]))
    if paren and (paren.start() < len(cut) + 4 or whole):
        found = resolve_code(paren[1], ctx)
        if found:
            return found
    tokens = [t for t in cut.split() if t.upper() != "THE"][:6]
    if not tokens:
        return None
    upper = [t.upper().strip(".'\"") for t in tokens]
    want = set(kinds) or {"aerodrome", "navaid", "place"}
    for i, word in enumerate(upper):
        if word in _NAVAID_WORDS and i and "navaid" in want and len(ctx.ref.navaids):
            name = " ".join(tokens[:i])
            country = "US" if ctx.us else ctx.country
            n = ctx.ref.navaids.by_name(name, country=country) or (
                ctx.ref.navaids.by_ident(name, country=country) if i == 1 else None
            )
            if n is not None:
                return Ref(n.latitude, n.longitude, "navaid", f"{n.name} {n.navaid_type}", 0.1)
        if word in _AERODROME_WORDS and i and "aerodrome" in want:
            if i == 1 and resolve_code(tokens[0], ctx, navaids=False):
                return resolve_code(tokens[0], ctx, navaids=False)
            a = _pick_aerodrome(ctx.ref.aerodromes.names.find(" ".join(tokens[: i + 1])), ctx)
            if a is not None:
                return _aerodrome_ref(a)
    for n in range(len(tokens), 0, -1):
        cand = " ".join(tokens[:n])
        if n == 1 and _CODE.fullmatch(upper[0]) and ("aerodrome" in want or "navaid" in want):
            found = resolve_code(tokens[0], ctx, navaids="navaid" in want)
            if found:
                return found
        if "place" in want:
            place = ctx.ref.places.lookup(cand, state=ctx.state, country=ctx.country, fuzzy=False)
            if place is not None:
                return _place_ref(place)
        if "aerodrome" in want and (n > 1 or len(cand) > 4):
            a = _pick_aerodrome(ctx.ref.aerodromes.names.find(cand), ctx)
            # One bare word names an aerodrome only if it is that aerodrome's whole name and
            # the aerodrome is a notable one or in the report's state ("Heathrow", not
            # "nowhere" -> Nowhere Airport, OK).
            if a is not None and (
                n > 1 or (name_is_whole(a, cand) and (a.iata or (ctx.state and consistent(a, ctx))))
            ):
                return _aerodrome_ref(a)
    if "place" in want and ctx.state and len(cut) >= 5:
        place = ctx.ref.places.lookup(" ".join(tokens), state=ctx.state)  # typo-tolerant
        if place is not None:
            return _place_ref(place)
    return None


def name_is_whole(a: Aerodrome, written: str) -> bool:
    """A one-word name only counts when it is the aerodrome's whole distinctive name
    ("HEATHROW", "SCHIPHOL"), not merely its first word."""
    from geo.aerodromes import name_core

    core = name_core(written)
    return bool(core) and core in (name_core(a.name), name_core(a.name).split(" ", 1)[-1])
