"""Gi* from (cell, count) pairs, as a database GROUP BY returns them."""

from __future__ import annotations

import h3
import numpy as np
import pytest

from geo.hotspots import hotspots_compute
from geo.hotspots.weighted import hotspots_compute_counts


def _cell(lat: float, lon: float, res: int = 7) -> int:
    return int(h3.str_to_int(h3.latlng_to_cell(lat, lon, res)))


def test_counted_cells_give_exactly_the_per_report_result():
    rng = np.random.default_rng(5)
    centre = _cell(40.7, -74.0)
    ring = [int(h3.str_to_int(c)) for c in h3.grid_disk(h3.int_to_str(centre), 6)]
    per_report = np.concatenate([rng.choice(ring, 400), np.repeat(ring[:3], 40), [0, 0]])
    cells, counts = np.unique(per_report, return_counts=True)
    expected = hotspots_compute(per_report, k=1)
    got = hotspots_compute_counts(cells, counts, k=1)
    np.testing.assert_array_equal(got.cells, expected.cells)
    np.testing.assert_array_equal(got.count, expected.count)
    np.testing.assert_allclose(got.z, expected.z)
    np.testing.assert_array_equal(got.classification, expected.classification)


def test_repeated_cells_are_summed_and_empty_input_gives_an_empty_result():
    a = _cell(34.0, -118.4)
    got = hotspots_compute_counts([a, a, 0], [2, 3, 9], k=0)
    assert got.cells.tolist() == [a] and got.count.tolist() == [5]
    assert len(hotspots_compute_counts([], [])) == 0


def test_mismatched_cells_and_counts_are_refused():
    with pytest.raises(ValueError, match="2 counts for 1 cells"):
        hotspots_compute_counts([1], [1, 2])


def test_the_fast_geojson_has_the_same_hexagons_and_properties_as_hotspots_geojson():
    import json

    from geo.hotspots import hotspots_geojson
    from geo.hotspots.weighted import hotspots_geojson_bytes

    rng = np.random.default_rng(9)
    centre = _cell(41.9, -87.9)
    ring = [int(h3.str_to_int(c)) for c in h3.grid_disk(h3.int_to_str(centre), 5)]
    result = hotspots_compute(np.concatenate([rng.choice(ring, 300), np.repeat(ring[:2], 30)]))
    slow = hotspots_geojson(result)["features"]
    fast = json.loads(hotspots_geojson_bytes(result))["features"]
    assert [f["properties"] for f in fast] == [f["properties"] for f in slow]
    for a, b in zip(fast, slow, strict=True):
        np.testing.assert_allclose(a["geometry"]["coordinates"], b["geometry"]["coordinates"],
                                   atol=1e-6)
    keep = result.significant()
    hidden = json.loads(hotspots_geojson_bytes(result, keep, counts=[None] * int(keep.sum())))
    assert {f["properties"]["count"] for f in hidden["features"]} == {None}
