"""Gi* from (cell, count) pairs, as a database GROUP BY returns them."""

from __future__ import annotations

import h3
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.hotspots import hotspots_compute
from geo.hotspots.counts import study_area
from geo.hotspots.neighbours import disk_weights, occupied_disk_sums
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

    from geo.hotspots.serialise import hotspots_geojson_bytes
    from tests.geo.geojson_oracle import hotspots_geojson

    rng = np.random.default_rng(9)
    centre = _cell(41.9, -87.9)
    ring = [int(h3.str_to_int(c)) for c in h3.grid_disk(h3.int_to_str(centre), 5)]
    result = hotspots_compute(np.concatenate([rng.choice(ring, 300), np.repeat(ring[:2], 30)]))
    slow = hotspots_geojson(result)["features"]
    fast = json.loads(hotspots_geojson_bytes(result))["features"]
    assert [f["properties"] for f in fast] == [f["properties"] for f in slow]
    for a, b in zip(fast, slow, strict=True):
        np.testing.assert_allclose(
            a["geometry"]["coordinates"], b["geometry"]["coordinates"], atol=1e-6
        )
    keep = result.significant()
    hidden = json.loads(hotspots_geojson_bytes(result, keep, counts=[None] * int(keep.sum())))
    assert {f["properties"]["count"] for f in hidden["features"]} == {None}


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 2), st.booleans())
def test_the_matrix_free_sums_equal_the_weights_matrix_even_beside_a_pentagon(seed, k, pentagon):
    """occupied_disk_sums (the serving path) against W @ y and W's row sums over the same
    study area; scattered clusters leave gaps, so ring cells with partial disks are common."""
    rng = np.random.default_rng(seed)
    centre = h3.get_pentagons(7)[3] if pentagon else h3.latlng_to_cell(39.1, -94.6, 7)
    pool = np.array([h3.str_to_int(c) for c in h3.grid_disk(centre, 8)], dtype=np.int64)
    occupied = np.unique(rng.choice(pool, size=int(rng.integers(1, 60))))
    values = rng.integers(1, 20, occupied.size).astype(float)
    area, local, cardinality = occupied_disk_sums(occupied, values, k)
    np.testing.assert_array_equal(area, study_area(occupied, k))
    weights = disk_weights(area, k)
    y = np.zeros(area.size)
    y[np.searchsorted(area, occupied)] = values
    np.testing.assert_allclose(local, weights @ y)
    np.testing.assert_array_equal(cardinality, np.asarray(weights.sum(axis=1)).ravel())


def test_pentagons_and_edge_cut_cells_keep_their_exact_boundaries_in_the_fast_geojson():
    """Hexagons are fixed-width records; a pentagon pads its ring, and cells cut by an
    icosahedron edge (8 or 9 vertices) are written separately: all must parse and match h3."""
    import json

    from geo.hotspots.serialise import hotspots_geojson_bytes

    edge_cut = ["8712d819cffffff", "8712d8320ffffff", "8712d8cd8ffffff"]  # 7, 8, 8 vertices
    pentagon = h3.get_pentagons(7)[1]
    names = [*edge_cut, pentagon, h3.latlng_to_cell(51.47, -0.45, 7)]
    reports = np.repeat([h3.str_to_int(c) for c in names], [3, 1, 2, 5, 4])
    result = hotspots_compute(reports, k=1)
    features = json.loads(hotspots_geojson_bytes(result))["features"]
    by_cell = {f["properties"]["cell"]: f for f in features}
    assert set(names) <= set(by_cell) and len(features) == len(by_cell)
    for name in names:
        ring = by_cell[name]["geometry"]["coordinates"][0]
        expected = [[lng, lat] for lat, lng in h3.cell_to_boundary(name)]
        assert ring[0] == ring[-1], "GeoJSON rings are closed"
        np.testing.assert_allclose(ring[:-1], expected, atol=1e-6)
    assert by_cell[pentagon]["properties"]["count"] == 5


def test_geometry_prepared_for_some_cells_is_completed_for_the_others():
    """The API prepares the occupied cells' rings ahead; significant empty cells (and wide
    edge-cut cells) missing from that table are written when the document is."""
    from geo.hotspots.serialise import RingTable, hotspots_geojson_bytes

    rng = np.random.default_rng(4)
    pool = [h3.str_to_int(c) for c in h3.grid_disk(h3.latlng_to_cell(39.1, -94.6, 7), 6)]
    reports = np.concatenate(
        [rng.choice(pool, 200), np.repeat(pool[:4], 60), [h3.str_to_int("8712d8320ffffff")] * 3]
    )
    result = hotspots_compute(reports, k=1)
    partial = RingTable.build(result.cells[result.count > 0][::2])  # half the occupied cells
    assert hotspots_geojson_bytes(result, rings=partial) == hotspots_geojson_bytes(result)
