"""Text -> position, the way pilots, controllers and the public write it.

``locate`` returns a ``Location`` (WGS84 degrees, a ``Method``, an uncertainty radius in NM and
the reference it came from) or raises ``LocateError`` with a reason a person can read. It tries,
in order: coordinates; runway-relative phrases ("12 MILE FINAL FOR RUNWAY 24R"); bearing/distance
from a reference ("7 SW LAX", "LGW 260°/1NM", "ANX230021"); "VCNTY <ref>"; the whole text as an
aerodrome code or name or a place; the FAA header "CITY, ST/"; and the ``city``/``state``
fields.

Modules: ``core`` (the order above), ``context`` (the report's city, state, country and writing
style), ``codes`` (aerodrome codes and navaid idents), ``names`` (one resolver per kind of
reference name), ``phrases`` (distance/bearing, radials, vicinity; units), ``runway``,
``uncertainty`` (the one model of how far off a position may be) and ``model``.
"""

from __future__ import annotations

from geo.locate.core import distance_from, locate
from geo.locate.model import LocateError, Location, Method

__all__ = ["LocateError", "Location", "Method", "distance_from", "locate"]
