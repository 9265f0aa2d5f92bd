"""Static hotspot map: a real PNG, with the hexagons and context a reader needs."""

from __future__ import annotations

import io

import h3
import numpy as np
import pytest
from PIL import Image

from geo.basemap import country_outlines
from geo.staticmap import CLASS_COLOURS, bbox_around, hotspot_map_png

LAX = (33.9425, -118.408)


def _disk(lat: float, lon: float, k: int) -> np.ndarray:
    return np.array(
        [h3.str_to_int(c) for c in h3.grid_disk(h3.latlng_to_cell(lat, lon, 7), k)], dtype=np.int64
    )


def _pixels_of(png: bytes, hex_colour: str) -> int:
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3)
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(rgb.astype(int) - target).sum(axis=1) <= 12).sum())


def test_map_around_an_aerodrome_is_a_png_of_the_requested_size_showing_hot_cells():
    cells = _disk(*LAX, 4)
    labels = np.where(np.arange(cells.size) < 7, "hot_99", "not_significant")
    png = hotspot_map_png(
        cells,
        labels,
        centre=LAX,
        radius_nm=20,
        centre_label="KLAX",
        title="test",
        size_px=(640, 480),
    )
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(png))
    image.verify()
    assert image.size == (640, 480)
    assert _pixels_of(png, CLASS_COLOURS["hot_99"]) > 200, "hot cells should be drawn in red"


def test_map_of_a_bbox_draws_country_outlines_from_the_offline_natural_earth_copy():
    outlines = country_outlines()
    assert len(outlines) == 177, "Natural Earth 1:110m ships in geo/data"
    with_outlines = hotspot_map_png(
        np.array([], dtype=np.int64), np.array([]), bbox=(-125.0, 30.0, -110.0, 40.0)
    )
    without = hotspot_map_png(
        np.array([], dtype=np.int64), np.array([]), bbox=(-125.0, 30.0, -110.0, 40.0), outlines=()
    )
    a = np.asarray(Image.open(io.BytesIO(with_outlines)).convert("L"), dtype=int)
    b = np.asarray(Image.open(io.BytesIO(without)).convert("L"), dtype=int)
    assert (np.abs(a - b) > 40).sum() > 500, "the California coastline should be drawn"


def test_map_skips_cells_outside_the_frame_and_accepts_emerging_classes():
    far = _disk(51.47, -0.45, 1)  # Heathrow, far outside a LAX map
    near = _disk(*LAX, 1)
    cells = np.r_[far, near]
    labels = np.array(["intensifying"] * far.size + ["new"] * near.size)
    png = hotspot_map_png(cells, labels, centre=LAX, radius_nm=15)
    assert _pixels_of(png, CLASS_COLOURS["new"]) > 50
    assert _pixels_of(png, CLASS_COLOURS["intensifying"]) < 20  # only the legend, if anything


def test_map_needs_exactly_one_of_bbox_or_centre():
    with pytest.raises(ValueError, match="exactly one"):
        hotspot_map_png(np.array([], dtype=np.int64), np.array([]))


def test_bbox_around_spans_the_radius_in_nautical_miles():
    west, south, east, north = bbox_around(*LAX, 30.0)
    assert north - south == pytest.approx(1.0, abs=0.01)  # 60 NM ~ 1 degree of latitude
    assert east - west == pytest.approx(1.0 / np.cos(np.radians(LAX[0])), abs=0.02)
