"""Facts from drone-sighting narratives: FAA controller shorthand or plain English.

``extract`` reads a narrative into an ``Extraction`` (pure, fast, no reference data);
``locate_extraction`` turns its position into coordinates with ``geo.locate``.
"""

from __future__ import annotations

from geo.narrative.core import encounter_class, extract, nmac_hazard
from geo.narrative.locating import locate_extraction
from geo.narrative.model import Extraction, Position
from geo.narrative.records import RECORD_FIELDS, extraction_record

__all__ = [
    "RECORD_FIELDS",
    "Extraction",
    "Position",
    "encounter_class",
    "extract",
    "extraction_record",
    "locate_extraction",
    "nmac_hazard",
]
