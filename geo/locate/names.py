"""The reference point a phrase names: "LAX. NO EVASIVE...", "NAPOLEON VOR WHILE...", "the
Heathrow airport", "FORT MYERS", "TACOMA NARROWS ARPT (TIW)".

``resolve_ref`` reads the start of a text up to the first stop word and tries one small resolver
per kind of name, most specific first: a code in parentheses; a name followed by the word that
says what it is (``VOR``, ``ARPT``); then, for the longest run of words down to one, a bare code,
a place, an aerodrome's name; and last a typo-tolerant place in the report's state. A new way of
naming a reference is a new resolver in one of the tables at the bottom.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from geo.aerodromes import Aerodrome, name_core
from geo.locate.codes import aerodrome_ref, resolve_code
from geo.locate.context import CODE, Context, consistent
from geo.locate.model import ALL_KINDS, Ref, RefKind
from geo.locate.uncertainty import UNCERTAINTY
from geo.places import Place

_STOP = re.compile(
    r"[,;:!?/\n]|\.(?=\s|$)(?<!\bST\.)(?<!\bFT\.)(?<!\bMT\.)|\s(?:WHILE|AT|AND|WHEN|ON|IN|"
    r"HEADING|INBOUND|OUTBOUND|BOUND|ALTITUDE|REPORTED|ADVISED|NO|WITH|FLYING|DURING|THEN|"
    r"AROUND|ABOUT|APPROX\w*|NEAR|BETWEEN|FROM|TO|UAS|DRONE|FEET|FT|AGL|MSL|FL\d+|"
    r"RUNWAY|RWY)\b",
    re.I,
)
_PAREN_CODE = re.compile(r"\(([A-Z0-9]{3,4})\)")
_PARENTHESES = re.compile(r"\(.*?\)")
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
MAX_WORDS = 6  # a reference's name is short; longer runs only cost look-ups


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """The start of a text read as a possible reference name."""

    text: str  # as given (a resolver may look past the cut, e.g. at ", ME" after a city)
    cut: str  # up to the first stop word or punctuation, parentheses removed
    paren_code: str  # a code in parentheses at (or, for a whole text, anywhere near) the start
    words: tuple[str, ...]  # the cut's first words as written, without "THE"
    upper: tuple[str, ...]  # the same in capitals, without dots and quotes

    def name(self, n: int) -> str:
        """The first ``n`` words as written."""
        return " ".join(self.words[:n])


def read_segment(text: str, *, whole: bool = False) -> Segment:
    paren = _PAREN_CODE.search(text[:80])
    cut = _cut(_PARENTHESES.sub(" ", text[:120]))
    words = tuple([t for t in cut.split() if t.upper() != "THE"][:MAX_WORDS])
    return Segment(
        text=text,
        cut=cut,
        paren_code=paren[1] if paren and (paren.start() < len(cut) + 4 or whole) else "",
        words=words,
        upper=tuple(t.upper().strip(".'\"") for t in words),
    )


def _cut(segment: str) -> str:
    m = _STOP.search(" " + segment)
    return (" " + segment)[: m.start()].strip() if m else segment.strip()


def resolve_ref(
    segment: str, ctx: Context, *, kinds: Collection[str] = (), whole: bool = False
) -> Ref | None:
    """The reference point named at the start of ``segment``, of one of ``kinds`` (``RefKind``
    values; all when empty); None when nothing fits. ``whole``: the segment is the whole text,
    so a code in parentheses anywhere near the start counts."""
    seg = read_segment(segment, whole=whole)
    if seg.paren_code:
        found = resolve_code(seg.paren_code, ctx)
        if found is not None:
            return found
    want = frozenset(kinds) or ALL_KINDS
    for i in range(1, len(seg.words)):
        for typed in _TYPED:
            found = typed(seg, i, ctx, want)
            if found is not None:
                return found
    for n in range(len(seg.words), 0, -1):
        for resolver in _BY_WORDS:
            found = resolver(seg, n, ctx, want)
            if found is not None:
                return found
    return _place_with_typo(seg, ctx, want) if seg.words else None


# --- resolvers --------------------------------------------------------------------------------
# Each takes the segment, a word index or count, the context and the wanted kinds; each returns
# None at once unless its kind is wanted.


def _navaid_typed(seg: Segment, i: int, ctx: Context, want: frozenset[str]) -> Ref | None:
    """ "NAPOLEON VOR": the words before a navaid word name a navaid (or, one word, its ident)."""
    if seg.upper[i] not in _NAVAID_WORDS or RefKind.NAVAID not in want:
        return None
    navaids = ctx.ref.navaids
    if not len(navaids):
        return None
    name = seg.name(i)
    country = "US" if ctx.us else ctx.country
    n = navaids.by_name(name, country=country) or (
        navaids.by_ident(name, country=country) if i == 1 else None
    )
    if n is None:
        return None
    return Ref(
        latitude=n.latitude,
        longitude=n.longitude,
        kind=RefKind.NAVAID,
        label=f"{n.name} {n.navaid_type}",
        uncertainty_nm=UNCERTAINTY.navaid_nm,
    )


def _aerodrome_typed(seg: Segment, i: int, ctx: Context, want: frozenset[str]) -> Ref | None:
    """ "MERRILL FIELD ARPT", "TEB ARPT": the words up to an aerodrome word name an aerodrome
    (one word before it may be its code)."""
    if seg.upper[i] not in _AERODROME_WORDS or RefKind.AERODROME not in want:
        return None
    if i == 1:
        found = resolve_code(seg.words[0], ctx, navaids=False)
        if found is not None:
            return found
    a = _pick_aerodrome(ctx.ref.aerodromes.names.find(seg.name(i + 1)), ctx)
    return aerodrome_ref(a) if a is not None else None


def _code(seg: Segment, n: int, ctx: Context, want: frozenset[str]) -> Ref | None:
    """One word that is a code: an aerodrome, or a navaid's ident when navaids are wanted."""
    if n != 1 or not CODE.fullmatch(seg.upper[0]):
        return None
    if RefKind.AERODROME not in want and RefKind.NAVAID not in want:
        return None
    return resolve_code(seg.words[0], ctx, navaids=RefKind.NAVAID in want)


def _place(seg: Segment, n: int, ctx: Context, want: frozenset[str]) -> Ref | None:
    """A city or town by its exact (canonical) name, in the report's state or country."""
    if RefKind.PLACE not in want:
        return None
    place = ctx.ref.places.lookup(seg.name(n), state=ctx.state, country=ctx.country, fuzzy=False)
    return place_ref(place) if place is not None else None


def _aerodrome_name(seg: Segment, n: int, ctx: Context, want: frozenset[str]) -> Ref | None:
    """An aerodrome by name. One bare word names an aerodrome only if it is that aerodrome's
    whole name and the aerodrome is a notable one or in the report's state ("Heathrow", not
    "nowhere" -> Nowhere Airport, OK)."""
    name = seg.name(n)
    if RefKind.AERODROME not in want or (n == 1 and len(name) <= 4):
        return None
    a = _pick_aerodrome(ctx.ref.aerodromes.names.find(name), ctx)
    if a is None:
        return None
    if n > 1 or (name_is_whole(a, name) and (a.iata or (ctx.state and consistent(a, ctx)))):
        return aerodrome_ref(a)
    return None


def _place_with_typo(seg: Segment, ctx: Context, want: frozenset[str]) -> Ref | None:
    """Last: a place in the report's state within a typo or two ("TEETERBORO")."""
    if RefKind.PLACE not in want or not ctx.state or len(seg.cut) < 5:
        return None
    place = ctx.ref.places.lookup(seg.name(len(seg.words)), state=ctx.state)
    return place_ref(place) if place is not None else None


Resolver = Callable[[Segment, int, Context, frozenset[str]], Ref | None]
# Named with the word that says what they are: tried at each word, left to right.
_TYPED: tuple[Resolver, ...] = (_navaid_typed, _aerodrome_typed)
# Bare names: for the longest run of words first, each of these in turn.
_BY_WORDS: tuple[Resolver, ...] = (_code, _place, _aerodrome_name)


# --- helpers ----------------------------------------------------------------------------------


def place_ref(place: Place) -> Ref:
    if place.kind == "aerodrome":  # an aerodrome's own name in the gazetteer
        return Ref(
            latitude=place.latitude,
            longitude=place.longitude,
            kind=RefKind.AERODROME,
            label=place.name,
            uncertainty_nm=UNCERTAINTY.aerodrome_nm,
        )
    return Ref(
        latitude=place.latitude,
        longitude=place.longitude,
        kind=RefKind.PLACE,
        label=f"{place.name}, {place.region}",
        uncertainty_nm=UNCERTAINTY.place(place.population),
    )


def _pick_aerodrome(candidates: list[Aerodrome], ctx: Context) -> Aerodrome | None:
    for a in candidates:
        if consistent(a, ctx) and (not ctx.us or a.country == "US" or ctx.country):
            return a
    if not ctx.state and not ctx.country:
        return candidates[0] if candidates else None
    return None


def name_is_whole(a: Aerodrome, written: str) -> bool:
    """A one-word name only counts when it is the aerodrome's whole distinctive name
    ("HEATHROW", "SCHIPHOL"), not merely its first word."""
    core = name_core(written)
    return bool(core) and core in (name_core(a.name), name_core(a.name).split(" ", 1)[-1])
