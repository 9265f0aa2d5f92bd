"""What ``locate`` returns: a ``Location`` with its ``Method``, and the ``Ref`` it measured from.

``Method`` values are stored (``Report.location_method``) and shown in exports: never rename one
without a data migration.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from geo.aerodromes import Aerodrome


class LocateError(ValueError):
    """The text could not be turned into a position; the message says why."""


class Method(StrEnum):
    """How a position was found (a ``str``: ``Method.PLACE == "place"``)."""

    COORDINATES = "coordinates"  # a coordinate pair written in the text
    ENTERED = "entered"  # coordinates the reporter gave as numbers (``geo.enrich``)
    AERODROME = "aerodrome"  # an aerodrome named by code or name
    NAVAID = "navaid"
    PLACE = "place"  # a city or town
    AERODROME_RELATIVE = "aerodrome_relative"  # "7 SW LAX", "LGW 260°/1NM"
    NAVAID_RELATIVE = "navaid_relative"  # "21 SW NAPOLEON VOR", "ANX230021"
    PLACE_RELATIVE = "place_relative"  # "20 S FORT MYERS"
    AERODROME_VICINITY = "aerodrome_vicinity"  # "VCNTY SBY"
    NAVAID_VICINITY = "navaid_vicinity"
    PLACE_VICINITY = "place_vicinity"
    RUNWAY_RELATIVE = "runway_relative"  # "12 MILE FINAL FOR RUNWAY 24R", "OFF THE DEPARTURE END"


class RefKind(StrEnum):
    """What a reference point is; each kind has its own at / relative / vicinity method."""

    AERODROME = "aerodrome"
    NAVAID = "navaid"
    PLACE = "place"

    @property
    def at(self) -> Method:
        return _AT[self]

    @property
    def relative(self) -> Method:
        return _RELATIVE[self]

    @property
    def vicinity(self) -> Method:
        return _VICINITY[self]


_AT = {
    RefKind.AERODROME: Method.AERODROME,
    RefKind.NAVAID: Method.NAVAID,
    RefKind.PLACE: Method.PLACE,
}
_RELATIVE = {
    RefKind.AERODROME: Method.AERODROME_RELATIVE,
    RefKind.NAVAID: Method.NAVAID_RELATIVE,
    RefKind.PLACE: Method.PLACE_RELATIVE,
}
_VICINITY = {
    RefKind.AERODROME: Method.AERODROME_VICINITY,
    RefKind.NAVAID: Method.NAVAID_VICINITY,
    RefKind.PLACE: Method.PLACE_VICINITY,
}
ALL_KINDS = frozenset(RefKind)


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """A position in WGS84 degrees, how it was found and how far off it may be (NM radius).

    Built with keywords only. ``method`` may be given as a ``Method`` or its string value; an
    unknown one is refused here rather than stored."""

    latitude: float  # degrees
    longitude: float  # degrees
    method: str  # a Method: read it as one (``Method.PLACE == "place"`` either way)
    uncertainty_nm: float  # radius
    reference: str = ""  # what the position was measured from: a code, navaid, place, runway
    note: str = ""  # anything a reviewer should know (e.g. a code overridden by the state)
    aerodrome: str = ""  # the aerodrome the text refers to, when it names one

    def __post_init__(self) -> None:
        object.__setattr__(self, "method", Method(self.method))  # ValueError when unknown


@dataclass(frozen=True, slots=True, kw_only=True)
class Ref:
    """A named reference point a position is given at or from."""

    latitude: float  # degrees
    longitude: float  # degrees
    kind: RefKind
    label: str  # as shown in ``Location.reference``: "LAX", "ANX VORTAC", "Tampa, FL"
    uncertainty_nm: float  # how far the point may be from what the writer meant
    note: str = ""
    aerodrome: str = ""  # the aerodrome's code when the reference is one
    aerodrome_obj: Aerodrome | None = None

    def location(
        self,
        method: Method,
        *,
        latitude: float | None = None,
        longitude: float | None = None,
        uncertainty_nm: float | None = None,
    ) -> Location:
        """A ``Location`` found from this reference (at it unless a position is given)."""
        return Location(
            latitude=self.latitude if latitude is None else latitude,
            longitude=self.longitude if longitude is None else longitude,
            method=method,
            uncertainty_nm=self.uncertainty_nm if uncertainty_nm is None else uncertainty_nm,
            reference=self.label,
            note=self.note,
            aerodrome=self.aerodrome,
        )
