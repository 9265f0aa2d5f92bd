"""The offline basemap: Natural Earth outlines shipped with Skywatch, licence included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import shapely

from geo.basemap import COUNTRIES, country_outlines, country_outlines_geojson

ROOT = Path(__file__).resolve().parents[2]


def test_the_web_basemap_has_every_country_with_its_name_and_code():
    collection = json.loads(country_outlines_geojson())
    names = {f["properties"]["name"]: f["properties"]["iso_a3"] for f in collection["features"]}
    assert len(names) == 177
    assert names["United States of America"] == "USA" and names["United Kingdom"] == "GBR"
    usa = next(
        shapely.geometry.shape(f["geometry"])
        for f in collection["features"]
        if f["properties"]["iso_a3"] == "USA"
    )
    assert usa.contains(shapely.Point(-98.0, 39.0)) and not usa.contains(shapely.Point(0, 51))


def test_the_outlines_ship_with_their_public_domain_licence():
    licence = Path(str(COUNTRIES)).with_name("NATURAL_EARTH_LICENSE.txt").read_text()
    assert "public domain" in licence and "naturalearthdata.com" in licence
    assert len(country_outlines()) == 177


def test_the_basemap_needs_no_other_packages_test_data():
    # As if pyogrio (whose test fixtures the outlines used to be read from) were not installed.
    code = (
        "import sys; sys.modules['pyogrio'] = None\n"
        "from geo.basemap import country_outlines_geojson\n"
        "from geo.staticmap import country_outlines\n"
        "import json; print(len(json.loads(country_outlines_geojson())['features']),"
        " len(country_outlines()))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["177", "177"]
