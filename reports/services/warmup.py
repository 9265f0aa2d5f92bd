"""Load what the first request would otherwise load: reference data, name and tree indexes,
the reverse geocoder and the basemap. Called by gunicorn before it accepts connections
(``config/gunicorn_conf.py``), so the first visitor does not wait ~30 s for it."""

from __future__ import annotations

import time

from django.db import connections

from geo.basemap import country_outlines_geojson
from geo.locate import LocateError, locate
from reports.services.reference import reference_data


def process_warm() -> float:
    """Build the per-process caches; returns the seconds it took. Closes the database
    connections it opened, so forked workers do not share them."""
    started = time.monotonic()
    try:
        reference = reference_data()
        reference.aerodromes.names.find("HEATHROW")  # name index, KD-tree: built on first use
        reference.aerodromes.nearest([51.47], [-0.45])
        reference.reverse_geocoder.lookup([51.47], [-0.45])
        reference.corridors  # noqa: B018 - a cached property: building it is the point
        try:
            locate("3 NM SE of JFK", reference=reference)
        except LocateError:
            pass
        country_outlines_geojson()
    finally:
        connections.close_all()
    return time.monotonic() - started
