"""When an FAA row happened, in UTC, from its date, its narrative ``HHMM<zone>`` and its state.

Pure helpers (no models). The zone letter is the FAA's: E, C, M, P, A, H, and L for "local"
(Alaska, Hawaii, Puerto Rico, the Virgin Islands, Guam), which needs the row's state.

When the narrative gives no usable time, the report is placed at **12:00 local** on its date in
the state's zone (so the local date stays right), or at 12:00 UTC when the zone is unknown too;
either way ``observed_time_known`` is False.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from geo.narrative.blocks import split, timezone_for
from geo.narrative.text import normalise

_EAST = "America/New_York"
_CENTRAL = "America/Chicago"
_MOUNTAIN = "America/Denver"
_PACIFIC = "America/Los_Angeles"
# A state's main zone, for a date column's own time and for the midday fallback. The zone letter,
# when given, wins (geo.narrative.blocks.timezone_for; Arizona keeps standard time).
STATE_ZONES: dict[str, str] = {
    **dict.fromkeys(
        (
            "CT",
            "DC",
            "DE",
            "FL",
            "GA",
            "IN",
            "KY",
            "MA",
            "MD",
            "ME",
            "MI",
            "NC",
            "NH",
            "NJ",
            "NY",
            "OH",
            "PA",
            "RI",
            "SC",
            "VA",
            "VT",
            "WV",
        ),
        _EAST,
    ),
    **dict.fromkeys(
        (
            "AL",
            "AR",
            "IA",
            "IL",
            "KS",
            "LA",
            "MN",
            "MO",
            "MS",
            "ND",
            "NE",
            "OK",
            "SD",
            "TN",
            "TX",
            "WI",
        ),
        _CENTRAL,
    ),
    **dict.fromkeys(("CO", "ID", "MT", "NM", "UT", "WY"), _MOUNTAIN),
    **dict.fromkeys(("CA", "NV", "OR", "WA"), _PACIFIC),
    "AZ": "America/Phoenix",
    "AK": "America/Anchorage",
    "HI": "Pacific/Honolulu",
    "PR": "America/Puerto_Rico",
    "VI": "America/St_Thomas",
    "GU": "Pacific/Guam",
    "MP": "Pacific/Saipan",
    "AS": "Pacific/Pago_Pago",
}
_NOON = dt.time(12, 0)


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def faa_observed_at(
    date: dt.date, narrative: str, state: str, column_time: str | None = None
) -> tuple[dt.datetime, bool, str]:
    """``(observed_at in UTC, time_known, how)`` for one FAA row.

    The narrative's ``HHMM`` with its zone letter wins; else the date column's own time (up to
    2017 the cell was a local datetime) in the state's zone; else midday local (see module doc).
    """
    # The header time sits in the first ~200 characters; normalising only those keeps this
    # cheap on the long 2015-19 narratives with MOR blocks.
    blocks = split(normalise((narrative or "")[:300]))
    zone_name = timezone_for(blocks.zone_letter, state or "") if blocks.local_time else None
    local = _hhmm(blocks.local_time) if zone_name else None
    how = f"narrative {blocks.local_time}{blocks.zone_letter}"
    if local is None and column_time:
        zone_name = STATE_ZONES.get(state or "")
        local = _hhmm(column_time.replace(":", "")) if zone_name else None
        how = f"date column {column_time} in {zone_name}"
    if local is not None and zone_name:
        aware = dt.datetime.combine(date, local, tzinfo=_zone(zone_name))
        return aware.astimezone(dt.UTC), True, how
    zone_name = STATE_ZONES.get(state or "")
    if zone_name:
        aware = dt.datetime.combine(date, _NOON, tzinfo=_zone(zone_name))
        return aware.astimezone(dt.UTC), False, f"date only: 12:00 {zone_name}"
    return dt.datetime.combine(date, _NOON, tzinfo=dt.UTC), False, "date only: 12:00 UTC"


def _hhmm(text: str | None) -> dt.time | None:
    if not text or len(text) != 4 or not text.isdigit():
        return None
    hour, minute = int(text[:2]), int(text[2:])
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)
