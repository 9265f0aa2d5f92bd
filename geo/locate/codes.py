"""Aerodrome codes and navaid idents as written in a report ("LAX", "KJFK", "ANX", "SLB").

A code may be a US LID, an ICAO or an IATA code, or a navaid's ident, and the same letters mean
different places in different tables. ``resolve_code`` tries readings in order, each a small
step, and the first that fits the report's context wins.
"""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz.distance import Levenshtein

from geo.aerodromes import Aerodrome
from geo.locate.context import CODE, US_LIKE, Context, consistent, distance_nm
from geo.locate.model import Ref, RefKind
from geo.locate.uncertainty import UNCERTAINTY

# A code one or two edits from the one written, at an aerodrome this close (NM) to the report's
# place, is the likely intended one (SLB typed for SBY in Salisbury, MD).
NEAR_MISS_WITHIN_NM = 30.0


def aerodrome_ref(a: Aerodrome, note: str = "") -> Ref:
    return Ref(
        latitude=a.latitude,
        longitude=a.longitude,
        kind=RefKind.AERODROME,
        label=a.code,
        uncertainty_nm=UNCERTAINTY.aerodrome_nm,
        note=note,
        aerodrome=a.code,
        aerodrome_obj=a,
    )


def navaid_by_ident(code: str, ctx: Context) -> Ref | None:
    """The navaid with this ident, in the report's country (the US for FAA text)."""
    if not len(ctx.ref.navaids):
        return None
    n = ctx.ref.navaids.by_ident(code, country="US" if ctx.us else ctx.country)
    if n is None:
        return None
    return Ref(
        latitude=n.latitude,
        longitude=n.longitude,
        kind=RefKind.NAVAID,
        label=f"{n.ident} {n.navaid_type}",
        uncertainty_nm=UNCERTAINTY.navaid_nm,
    )


# One step of ``resolve_code``: (code, its aerodrome readings, context) -> a reference or None.
CodeStep = Callable[[str, list[Aerodrome], Context], Ref | None]


def resolve_code(token: str, ctx: Context, *, navaids: bool = True) -> Ref | None:
    """An aerodrome (or a navaid) for a code as written in the text. In US context the US
    readings come first, then a US navaid, and only then a foreign aerodrome (``ANX``)."""
    if not ctx.upper and token != token.upper():
        return None  # in mixed-case text only capitals are codes ("fly" is not FLY)
    code = token.strip().upper()
    if not CODE.fullmatch(code):
        return None
    candidates = _code_candidates(code, ctx)
    steps = _STEPS if navaids else _AERODROME_STEPS
    for step in steps:
        found = step(code, candidates, ctx)
        if found is not None:
            return found
    return None


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


def _consistent_reading(code: str, candidates: list[Aerodrome], ctx: Context) -> Ref | None:
    """The first reading that fits the report (US readings only, in US context)."""
    for a in candidates:
        if (not ctx.us or a.country in US_LIKE) and consistent(a, ctx):
            return aerodrome_ref(a)
    return None


def _near_miss(code: str, candidates: list[Aerodrome], ctx: Context) -> Ref | None:
    """Every reading is in another state: a near-identical code near the report's place."""
    if not (candidates and ctx.state):
        return None
    alt = _consistent_alternative(code, ctx)
    if alt is None:
        return None
    first = candidates[0]
    return aerodrome_ref(
        alt,
        f"{code} is {first.name}, {first.subd or first.country},"
        f" not in {ctx.state}; read as {alt.code} ({alt.name})",
    )


def _navaid(code: str, candidates: list[Aerodrome], ctx: Context) -> Ref | None:
    return navaid_by_ident(code, ctx)


def _stateless_us_reading(code: str, candidates: list[Aerodrome], ctx: Context) -> Ref | None:
    """US text without a state: a reading in the report's country (any, when none is given)."""
    if not ctx.us or ctx.state:
        return None
    for a in candidates:
        if consistent(a, ctx) or not ctx.country:
            return aerodrome_ref(a)
    return None


def _out_of_state(code: str, candidates: list[Aerodrome], ctx: Context) -> Ref | None:
    """The code as written, with a note that it lies outside the report's state. A US report
    never lands on another continent through a code collision (RBV in Robbinsville NJ is not
    Ramata in the Solomon Islands): None lets the caller fall back to the report's own city."""
    if not ctx.state:
        return None
    for a in candidates:
        if not ctx.us or a.country in US_LIKE:
            return aerodrome_ref(
                a,
                f"{code} is {a.name}, {a.subd or a.country}: outside the report's state "
                f"{ctx.state}",
            )
    return None


_STEPS: tuple[CodeStep, ...] = (
    _consistent_reading,
    _near_miss,
    _navaid,
    _stateless_us_reading,
    _out_of_state,
)
_AERODROME_STEPS = tuple(step for step in _STEPS if step is not _navaid)


def _consistent_alternative(code: str, ctx: Context) -> Aerodrome | None:
    """A likely intended aerodrome near the report's place: a code one or two edits away."""
    if ctx.place is None:
        return None
    best: tuple[int, float, Aerodrome] | None = None
    for a in ctx.ref.aerodromes.within(
        ctx.place.latitude, ctx.place.longitude, NEAR_MISS_WITHIN_NM
    ):
        for c in {a.lid, a.iata, a.icao}:
            if c and c[0] == code[0] and len(c) == len(code):
                edits = Levenshtein.distance(c, code)
                if edits <= 2:
                    d = distance_nm(
                        a.latitude, a.longitude, ctx.place.latitude, ctx.place.longitude
                    )
                    if best is None or (edits, d) < best[:2]:
                        best = (edits, d, a)
    return best[2] if best else None
