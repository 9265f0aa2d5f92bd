"""Where a typed location text resolves, in words, for the report form's live check.

The form asks this while the reporter types, so a map click that disagrees with the text can be
questioned before the report is filed. It uses the same locator and reference data as
enrichment, so what the page shows is where the report will be placed.
"""

from __future__ import annotations

from dataclasses import dataclass

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
