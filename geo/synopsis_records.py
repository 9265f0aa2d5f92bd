"""Synopses written from a report's *stored* fields, when it is read.

The synopsis is derived data: every word of it comes from fields the report already stores
(place, class, time, aircraft, drone, position, altitude, proximity, evasive action, and the
narrative's own position and local time kept in ``extraction``). Writing it when it is read
rather than storing it keeps it true after an analyst corrects a field or the report is
re-enriched against new reference data, and keeps per-row string building out of the batch
enrichment of an import. ``geo.synopsis.synopsis`` is the readable reference;
``geo.synopsis_batch.synopses`` does the work column by column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from geo.geodesy import compass16
from geo.synopsis_batch import synopses

# The stored report fields a synopsis reads (names as in reports.models.Report).
SYNOPSIS_FIELDS = (
    "city",
    "state_region",
    "encounter_class",
    "observed_at",
    "observed_time_known",
    "aircraft_type",
    "aircraft_involved",
    "drone_count",
    "drone_colour",
    "altitude_ft",
    "altitude_reference",
    "closest_proximity_ft",
    "evasive_action",
    "aerodrome_code",
    "aerodrome_distance_nm",
    "aerodrome_bearing_deg",
    "extraction",
)


def _hhmm(observed: object, known: object) -> str | None:
    return (
        observed.strftime("%H%M") if known is not False and hasattr(observed, "strftime") else None
    )


def _colours(stored: object, extraction: Mapping[str, Any]) -> tuple[str, ...]:
    """The narrative's colour list when the stored colour is just those words joined (keeps
    "DARK GREY" one colour); otherwise the stored words, which may be the reporter's own."""
    words = stored if isinstance(stored, str) else ""
    extracted = tuple(extraction.get("drone_colours") or ())
    if extracted and words == " ".join(extracted)[:60]:
        return extracted
    return tuple(words.split())


def synopses_from_records(records: Sequence[Mapping[str, Any]]) -> list[str]:
    """One synopsis per record (a mapping with ``SYNOPSIS_FIELDS``; a missing key is unknown).

    Positions are given relative to the nearest aerodrome unless the narrative stated its own
    (``7 SW LAX``, ``3 MILE FINAL RUNWAY 25L``), which is what the reporter actually said."""
    n = len(records)
    get = [r.get for r in records]
    extraction = [g("extraction") or {} for g in get]
    bearings = np.array([g("aerodrome_bearing_deg") for g in get], dtype=float)
    direction = np.where(np.isfinite(bearings), compass16(np.nan_to_num(bearings)), "").tolist()
    dist = np.round(np.array([g("aerodrome_distance_nm") for g in get], dtype=float), 1).tolist()
    where: dict[str, list[Any]] = {
        "distance_nm": [None if d != d else d for d in dist],
        "bearing": direction,
        "reference": [g("aerodrome_code") or "" for g in get],
        "runway": [None] * n,
        "runway_relation": [None] * n,
    }
    for i, ex in enumerate(extraction):
        pos = ex.get("position")
        if pos and (pos.get("reference") or pos.get("runway")):
            for key in ("distance_nm", "bearing", "reference", "runway", "runway_relation"):
                where[key][i] = pos.get(key)
    lines = synopses(
        n=n,
        city=[g("city") for g in get],
        state=[g("state_region") for g in get],
        encounter_class=[g("encounter_class") for g in get],
        time_utc=[_hhmm(g("observed_at"), g("observed_time_known")) for g in get],
        local_time=[ex.get("local_time") for ex in extraction],
        zone_letter=[ex.get("zone_letter") for ex in extraction],
        aircraft_type=[g("aircraft_type") for g in get],
        aircraft_involved=[g("aircraft_involved") is not False for g in get],
        drone_count=[g("drone_count") for g in get],
        drone_colours=[
            _colours(g("drone_colour"), ex) for g, ex in zip(get, extraction, strict=True)
        ],
        altitude_ft=[g("altitude_ft") for g in get],
        altitude_reference=[
            r if (r := g("altitude_reference")) in ("AGL", "MSL") else None for g in get
        ],
        proximity_ft=[g("closest_proximity_ft") for g in get],
        evasive_action=[g("evasive_action") for g in get],
        **where,
    )
    return [line[:400] for line in lines]


def synopsis_from_record(record: Mapping[str, Any]) -> str:
    """``synopses_from_records`` for one record."""
    return synopses_from_records([record])[0]
