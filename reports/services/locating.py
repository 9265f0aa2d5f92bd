"""Where a typed location text resolves: in words, for the report form's live check, and as
one JSON-ready record for the ``locate`` command.

The form asks this while the reporter types, so a map click that disagrees with the text can be
questioned before the report is filed. It uses the same locator and reference data as
enrichment, so what the page shows is where the report will be placed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from geo.aerodromes import Aerodrome
from geo.geodesy import compass16, inverse
from geo.locate import LocateError, Location, distance_from, locate
from geo.reference import ReferenceData
from reports.services.reference import reference_data

# A click within this of the text's position agrees, however precise the text (a map click at
# country zoom is itself a few NM wide).
MIN_AGREEMENT_NM = 1.0
_METHOD_WORDS = {
    "coordinates": "the coordinates as typed",
    "aerodrome": "the aerodrome itself",
    "place": "the centre of the place",
}


@dataclass(frozen=True, slots=True)
class LocateAnswer:
    found: bool
    latitude: float | None = None  # WGS84 degrees
    longitude: float | None = None
    uncertainty_nm: float | None = None  # radius, NM
    method: str = ""
    description: str = ""
    aerodrome: str = ""  # the aerodrome the text refers to, if it names one
    reason: str = ""  # why it could not be placed


def _describe(found: Location, reference: ReferenceData) -> str:
    where = _METHOD_WORDS.get(found.method, "")
    if found.aerodrome:
        a = reference.aerodromes.lookup(found.aerodrome)
        if a is not None:
            bearing, dist = distance_from(found, a)
            at = (
                f"at {a.name} ({a.code})"
                if dist < 0.5
                else f"{dist:.1f} NM {compass16(bearing).item()} of {a.name} ({a.code})"
            )
            where = f"{at}, measured from {found.reference}" if found.reference else at
    elif found.reference:
        where = f"{where or 'near'} {found.reference}".strip()
    return f"{where or found.method}, give or take {found.uncertainty_nm:.1f} NM"


def location_lookup(*, text: str) -> LocateAnswer:
    """Where ``text`` resolves (degrees, NM), or why it does not."""
    reference = reference_data()
    try:
        found = locate(text, reference=reference)
    except LocateError as exc:
        return LocateAnswer(found=False, reason=str(exc))
    return LocateAnswer(
        found=True,
        latitude=round(found.latitude, 6),
        longitude=round(found.longitude, 6),
        uncertainty_nm=round(found.uncertainty_nm, 3),
        method=found.method,
        description=_describe(found, reference),
        aerodrome=found.aerodrome,
    )


@dataclass(frozen=True, slots=True)
class PositionConflict:
    distance_nm: float  # between the point and where the text resolves
    description: str  # where the text resolves, in words


def position_conflict(*, text: str, latitude: float, longitude: float) -> PositionConflict | None:
    """The disagreement between a point (degrees) and a typed text, when the point lies
    outside the text's own uncertainty; None when they agree or the text cannot be placed."""
    answer = location_lookup(text=text)
    if not answer.found or answer.latitude is None or answer.longitude is None:
        return None
    _, dist = inverse(answer.latitude, answer.longitude, latitude, longitude)
    distance = float(dist)
    if distance <= max(answer.uncertainty_nm or 0.0, MIN_AGREEMENT_NM):
        return None
    return PositionConflict(distance_nm=distance, description=answer.description)


# --- locating one record (the ``locate`` command) ----------------------------------------------


def location_record(*, record: dict[str, Any], reference: ReferenceData) -> dict[str, Any]:
    """One JSON-ready answer for ``{"id", "text", "city"?, "state"?, "country"?}``: position,
    method, uncertainty (NM) and the aerodrome it refers to (else the nearest) with distance
    (NM) and true bearing (degrees) from it; ``error`` instead when it cannot be located."""
    out: dict[str, Any] = {
        "id": record.get("id"),
        "latitude": None,
        "longitude": None,
        "location_method": None,
        "aerodrome": None,
        "distance_nm": None,
        "bearing_deg": None,
        "uncertainty_nm": None,
    }
    args = {k: record.get(k) or "" for k in ("text", "city", "state", "country")}
    bad = [k for k, v in args.items() if not isinstance(v, str)]
    if bad:
        return {**out, "error": f"{', '.join(bad)} must be a string"}
    try:
        found = locate(
            args["text"],
            city=args["city"],
            state=args["state"],
            country=args["country"],
            reference=reference,
        )
    except LocateError as exc:
        return {**out, "error": str(exc)}
    table = reference.aerodromes
    aerodrome: Aerodrome | None = None
    if found.aerodrome:
        # A US LID can equal a foreign IATA code: of the readings, the one nearest the point.
        readings = [
            a
            for a in (
                table.by_lid.get(found.aerodrome),
                table.by_iata.get(found.aerodrome),
                table.by_icao.get(found.aerodrome),
            )
            if a
        ]
        if readings:
            aerodrome = min(readings, key=lambda a: distance_from(found, a)[1])
    if aerodrome is None:
        near = table.nearest(found.latitude, found.longitude)
        aerodrome = table.aerodromes[int(near.index[0])] if near.index[0] >= 0 else None
    out.update(
        latitude=round(found.latitude, 6),
        longitude=round(found.longitude, 6),
        location_method=found.method,
        uncertainty_nm=found.uncertainty_nm,
    )
    if aerodrome is not None:
        bearing, dist = distance_from(found, aerodrome)
        out.update(
            aerodrome=aerodrome.code,
            distance_nm=round(dist, 2),
            bearing_deg=round(bearing, 1) if dist > 0.005 else None,
        )
    if found.note:
        out["note"] = found.note
    return out
