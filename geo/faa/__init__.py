"""Reading the FAA's quarterly UAS sightings releases as published (CSV, XLSX, legacy XLS).

``read_release(path)`` maps each file's columns by meaning and returns one row per sheet row with
provenance, a USPS state code, a cleaned narrative, a skip reason and a dedupe key;
``read_releases(paths)`` concatenates many; ``summarize_releases(frame)`` counts what was read.
"""

from __future__ import annotations

from geo.faa.cells import dedupe_key, normalise_for_dedupe
from geo.faa.errors import FaaFormatError
from geo.faa.release import COLUMNS, FaaRelease, read_release, read_releases, release_from_dates
from geo.faa.summary import ReleaseSummary, summarize_releases

__all__ = [
    "COLUMNS",
    "FaaFormatError",
    "FaaRelease",
    "ReleaseSummary",
    "dedupe_key",
    "normalise_for_dedupe",
    "read_release",
    "read_releases",
    "release_from_dates",
    "summarize_releases",
]
