"""Hotspot statistics: Gi* against esda, FDR against scipy, planted clusters, trends, output."""

from __future__ import annotations

import json
import warnings

import h3
import numpy as np
import pytest
from scipy import stats

from geo.cells import cells_for_points
from geo.hotspots import (
    bh_qvalues,
    cell_counts,
    classify,
    disk_weights,
    eb_rates,
    emerging_classify,
    emerging_hotspots,
    exposure_on_cells,
    gi_star,
    grid_disks,
    hotspots_compute,
    hotspots_compute_rates,
    mann_kendall,
    study_area,
)
from geo.hotspots.serialise import hotspots_geojson_bytes

RES = 7
# A 5 x 10 degree box in the Great Plains: land, no coastline, ~100k res-7 cells.
BOX = (35.0, 40.0, -105.0, -95.0)
CLUSTER_CENTRES = ((36.2, -103.1), (37.5, -99.7), (39.1, -96.4))


def _uniform(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    lat0, lat1, lon0, lon1 = BOX
    return rng.uniform(lat0, lat1, n), rng.uniform(lon0, lon1, n)


def _cells(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    return cells_for_points(lat, lon, (RES,))[RES]


def _cell_of(lat: float, lon: float) -> int:
    return h3.str_to_int(h3.latlng_to_cell(lat, lon, RES))


def _libpysal_w(cells: np.ndarray, k: int):
    """libpysal binary weights from the same k-ring neighbour lists (self excluded; esda adds
    the self-weight for Gi*)."""
    from libpysal.weights import W

    weights = disk_weights(cells, k).tocoo()
    neighbours: dict[int, list[int]] = {i: [] for i in range(cells.size)}
    for i, j in zip(weights.row.tolist(), weights.col.tolist(), strict=True):
        if i != j:
            neighbours[i].append(j)
    return W(neighbours, silence_warnings=True)


@pytest.fixture(scope="module")
def planted() -> tuple[np.ndarray, np.ndarray]:
    """Reports: uniform background noise plus three tight clusters (sd ~1 km), fixed seed."""
    rng = np.random.default_rng(20240611)
    lat, lon = _uniform(rng, 6000)
    for c_lat, c_lon in CLUSTER_CENTRES:
        lat = np.r_[lat, rng.normal(c_lat, 0.008, 150)]
        lon = np.r_[lon, rng.normal(c_lon, 0.008, 150)]
    return lat, lon


# --- counts and study area ---------------------------------------------------------------


def test_cell_counts_counts_each_cell_and_ignores_missing_positions_and_filtered_reports():
    cells = np.array([5, 3, 5, 0, 5, 3, 9], dtype=np.int64)
    mask = np.array([True, True, True, True, True, True, False])
    counted = cell_counts(cells, mask)
    assert counted.cells.tolist() == [3, 5]
    assert counted.counts.tolist() == [2, 3]


def test_cell_counts_refuses_a_mask_of_the_wrong_length():
    with pytest.raises(ValueError, match="one per report"):
        cell_counts(np.array([1, 2], dtype=np.int64), np.array([True]))


def test_study_area_is_the_occupied_cells_plus_their_k_ring():
    origin = _cell_of(37.0, -100.0)
    area = study_area(np.array([origin]), k=2)
    expected = sorted(h3.str_to_int(c) for c in h3.grid_disk(h3.int_to_str(origin), 2))
    assert area.tolist() == expected  # 19 cells: the report's cell and two rings of zeros


def test_disk_weights_match_h3_grid_disk_including_next_to_a_pentagon():
    pentagon = h3.get_pentagons(RES)[0]
    cells = np.unique(
        np.array([h3.str_to_int(c) for c in h3.grid_disk(pentagon, 3)], dtype=np.int64)
    )
    origin, neighbours = grid_disks(cells, 1)
    for i, cell in enumerate(cells.tolist()):
        expected = {h3.str_to_int(c) for c in h3.grid_disk(h3.int_to_str(cell), 1)}
        assert set(neighbours[origin == i].tolist()) == expected
    w = disk_weights(cells, 1)
    assert np.all(w.diagonal() == 1), "Gi* needs each cell in its own neighbourhood"
    assert (w != w.T).nnz == 0, "k-ring adjacency is symmetric"
    row_sums = np.asarray(w.sum(axis=1)).ravel()
    assert row_sums[np.searchsorted(cells, h3.str_to_int(pentagon))] == 6  # 5 neighbours + self
    assert row_sums.max() == 7


# --- Gi* against esda --------------------------------------------------------------------


@pytest.mark.parametrize("k", [1, 2])
def test_gi_star_equals_esda_g_local_analytic_z_and_p(planted, k):
    from esda.getisord import G_Local

    lat, lon = planted
    # A sub-window keeps the libpysal W small enough to build quickly.
    window = (lat > 36.8) & (lat < 38.2) & (lon > -101.0) & (lon < -98.5)
    result = hotspots_compute(_cells(lat, lon), window, k=k)
    w = _libpysal_w(result.cells, k)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # esda warns that it adds the self-weight: intended
        ref = G_Local(result.count.astype(float), w, transform="B", star=True, permutations=0)
    assert np.abs(result.z - ref.Zs).max() < 1e-9
    ours = gi_star(result.count, disk_weights(result.cells, k))
    assert np.abs(ours.p_one_sided - ref.p_norm).max() < 1e-9
    assert np.abs(result.p - 2 * ref.p_norm).max() < 1e-9  # ours is two-sided


def test_gi_star_scores_every_column_of_a_slice_matrix_like_separate_calls(planted):
    lat, lon = planted
    area = study_area(_cells(lat, lon)[:2000])
    w = disk_weights(area, 1)
    rng = np.random.default_rng(3)
    y = rng.poisson(0.3, size=(area.size, 3)).astype(float)
    together = gi_star(y, w).z
    for col in range(3):
        assert np.allclose(together[:, col], gi_star(y[:, col], w).z, atol=1e-12)


def test_gi_star_of_a_constant_surface_is_not_significant():
    area = study_area(np.array([_cell_of(37.0, -100.0)]), k=2)
    for level in (1.0, 0.0013639817):  # the second is not exact in binary: rounding noise
        gi = gi_star(np.full(area.size, level), disk_weights(area, 1))
        assert np.all(gi.z == 0) and np.all(gi.p == 1)


# --- FDR and classification --------------------------------------------------------------


def test_bh_qvalues_match_a_hand_computation():
    # sorted: 0.005 (rank 1), 0.01 (2), 0.03 (3), 0.04 (4); m * p / rank = .02 .02 .04 .04
    q = bh_qvalues(np.array([0.01, 0.04, 0.03, 0.005]))
    assert np.allclose(q, [0.02, 0.04, 0.04, 0.02])


def test_bh_qvalues_match_scipy_false_discovery_control():
    rng = np.random.default_rng(7)
    p = np.r_[rng.uniform(size=500), rng.uniform(0, 1e-3, 40), [1.0, 1.0, 0.0]]
    assert np.allclose(bh_qvalues(p), stats.false_discovery_control(p, method="bh"), atol=1e-15)
    matrix = rng.uniform(size=(200, 4)) ** 3
    expected = np.column_stack([stats.false_discovery_control(matrix[:, j]) for j in range(4)])
    assert np.allclose(bh_qvalues(matrix, axis=0), expected, atol=1e-15)


def test_a_nan_p_value_makes_its_whole_family_nan_and_never_significant():
    p = np.array([[0.001, 0.001], [np.nan, 0.002], [0.2, 0.5]])
    q = bh_qvalues(p, axis=0)
    assert np.isnan(q[:, 0]).all()
    assert np.allclose(q[:, 1], stats.false_discovery_control(p[:, 1], method="bh"))
    assert np.isnan(bh_qvalues(np.array([0.01, np.nan]))).all()
    assert bh_qvalues(np.array([])).shape == (0,)
    assert classify(np.array([5.0, 5.0]), bh_qvalues([np.nan, 1e-9])).tolist() == [
        "not_significant",
        "not_significant",
    ]


def test_classify_uses_the_sign_of_z_and_the_fdr_adjusted_level():
    z = np.array([3.0, 2.0, 1.8, 1.5, -3.0, -2.0, -1.7, 0.1])
    q = np.array([0.005, 0.03, 0.08, 0.2, 0.001, 0.049, 0.1, 0.001])
    assert classify(z, q).tolist() == [
        "hot_99",
        "hot_95",
        "hot_90",
        "not_significant",
        "cold_99",
        "cold_95",
        "cold_90",
        "hot_99",
    ]


# --- planted clusters --------------------------------------------------------------------


def test_planted_clusters_are_classified_hot(planted):
    lat, lon = planted
    result = hotspots_compute(_cells(lat, lon), k=1)
    labels = dict(zip(result.cells.tolist(), result.classification.tolist(), strict=True))
    for c_lat, c_lon in CLUSTER_CENTRES:
        assert labels[_cell_of(c_lat, c_lon)] == "hot_99", f"cluster at {c_lat}, {c_lon} missed"
    # Everything significant is at (or beside) a planted cluster, not in the noise.
    hot = result.cells[np.char.startswith(result.classification, "hot")]
    hot_lat = np.array([h3.cell_to_latlng(h3.int_to_str(int(c)))[0] for c in hot])
    hot_lon = np.array([h3.cell_to_latlng(h3.int_to_str(int(c)))[1] for c in hot])
    near = np.zeros(hot.size, dtype=bool)
    for c_lat, c_lon in CLUSTER_CENTRES:
        near |= (np.abs(hot_lat - c_lat) < 0.1) & (np.abs(hot_lon - c_lon) < 0.1)
    assert near.mean() >= 0.95


def test_uniform_noise_alone_yields_almost_no_hotspots_after_fdr():
    rng = np.random.default_rng(99)
    lat, lon = _uniform(rng, 20000)
    result = hotspots_compute(_cells(lat, lon), k=1)
    significant = result.significant().mean()
    assert significant <= 0.01, f"{significant:.2%} of cells significant in pure noise"
    # Without FDR, the same noise would cross p < 0.10 in many cells: the correction matters.
    assert (result.p <= 0.10).sum() > 10 * result.significant().sum()


# --- rates -------------------------------------------------------------------------------


def test_eb_rates_equal_esda_empirical_bayes_when_rates_vary():
    from esda.smoothing import Empirical_Bayes

    rng = np.random.default_rng(1)
    exposure = rng.uniform(10, 1000, 60)
    counts = rng.poisson(exposure * rng.gamma(2.0, 0.02, 60))
    ref = Empirical_Bayes(counts.reshape(-1, 1), exposure.reshape(-1, 1)).r.ravel()
    assert np.allclose(eb_rates(counts, exposure), ref, rtol=1e-12)


def test_eb_rates_shrink_small_exposures_towards_the_global_rate():
    counts = np.array([1, 50, 0, 40])
    exposure = np.array([1.0, 1000.0, 0.0, 1000.0])
    rates = eb_rates(counts, exposure)
    global_rate = counts.sum() / exposure.sum()
    assert rates[2] == pytest.approx(global_rate)  # no exposure: no information
    assert abs(rates[0] - global_rate) < abs(1.0 - global_rate)  # raw 1.0 pulled in


def test_exposure_on_cells_spreads_each_aerodrome_over_its_disk_and_keeps_the_total():
    centre = _cell_of(37.0, -100.0)
    domain = study_area(np.array([centre]), k=2)
    spread = exposure_on_cells([centre], [7000.0], domain, k=1)
    assert spread.sum() == pytest.approx(7000.0)
    assert spread[np.searchsorted(domain, centre)] == pytest.approx(1000.0)
    assert (spread > 0).sum() == 7


def test_hotspots_on_rates_score_the_given_values(planted):
    lat, lon = planted
    cells = _cells(lat, lon)
    area = study_area(np.unique(cells), 1)
    counts = hotspots_compute(cells, area=area).count
    exposure = np.ones(area.size)
    result = hotspots_compute(cells, area=area, values=eb_rates(counts, exposure))
    assert np.allclose(result.z, hotspots_compute(cells, area=area).z)  # flat exposure: same map


@pytest.mark.parametrize("smoothing", ["eb", "none"])
def test_rates_discount_a_cluster_explained_by_heavy_traffic(smoothing):
    rng = np.random.default_rng(4)
    # Sparse noise: with thousands of noise reports at this exposure, global EB judges the
    # map Poisson-consistent and shrinks every cell to the global rate (no rate hotspots).
    lat, lon = _uniform(rng, 600)
    busy, quiet = CLUSTER_CENTRES[0], CLUSTER_CENTRES[2]
    for c_lat, c_lon in (busy, quiet):
        lat = np.r_[lat, rng.normal(c_lat, 0.004, 60)]
        lon = np.r_[lon, rng.normal(c_lon, 0.004, 60)]
    cells = _cells(lat, lon)
    by_count = hotspots_compute(cells)
    # Movements: the busy aerodrome has 2,000x the quiet strip's traffic; the rest of the map
    # (every study-area cell) a little general aviation.
    background = study_area(np.unique(cells), 1)
    sources = np.r_[[_cell_of(*busy), _cell_of(*quiet)], background]
    amounts = np.r_[[200_000.0, 100.0], np.full(background.size, 100.0)]
    by_rate = hotspots_compute_rates(
        cells, exposure_cells=sources, exposure=amounts, k=1, smoothing=smoothing
    )

    def label(result, place):
        return result.classification[np.searchsorted(result.cells, _cell_of(*place))]

    assert label(by_count, busy) == "hot_99" and label(by_count, quiet) == "hot_99"
    assert label(by_rate, quiet) == "hot_99"
    assert not label(by_rate, busy).startswith("hot")
    assert by_rate.count.sum() == cells.size  # counts stay raw counts
    assert by_rate.significant().mean() < 0.01


# --- trend and emerging hot spots --------------------------------------------------------


def test_mann_kendall_matches_a_worked_example():
    # Strictly increasing, n = 5: S = 10, Var(S) = 5*4*15/18, z = (10 - 1) / sqrt(Var S)
    mk = mann_kendall(np.array([[1.0, 2.0, 3.0, 4.0, 5.0]]))
    assert mk.s[0] == 10
    assert mk.var_s[0] == pytest.approx(50 / 3)
    assert mk.z[0] == pytest.approx(9 / np.sqrt(50 / 3))
    # With a tie pair: Var(S) loses 2*1*9/18 = 1
    tied = mann_kendall(np.array([[1.0, 2.0, 2.0, 4.0, 5.0]]))
    assert tied.s[0] == 9 and tied.var_s[0] == pytest.approx(50 / 3 - 1)


def test_mann_kendall_agrees_with_scipy_kendalltau_against_time_for_many_series():
    rng = np.random.default_rng(5)
    series = np.round(rng.normal(size=(50, 12)).cumsum(axis=1), 1)  # rounding makes ties
    mk = mann_kendall(series, continuity=False)
    t = np.arange(12)
    for row, s_val, p_val in zip(series, mk.s, mk.p, strict=True):
        ref = stats.kendalltau(t, row, method="asymptotic")
        assert np.sign(s_val) == np.sign(ref.statistic)
        assert p_val == pytest.approx(ref.pvalue, abs=1e-12)


def test_emerging_classes_on_constructed_series():
    hot = np.array(
        [
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 1],  # new
            [0, 0, 0, 0, 0, 0, 0, 1, 1, 1],  # consecutive
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],  # intensifying (rising trend)
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],  # persistent (no trend)
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],  # diminishing (falling trend)
            [0, 1, 0, 0, 1, 0, 0, 1, 0, 1],  # sporadic
            [0, 1, 0, 0, 1, 0, 0, 0, 0, 1],  # oscillating (cold in slice 3)
            [1, 1, 1, 1, 1, 1, 1, 1, 1, 0],  # historical
            [0, 0, 0, 1, 1, 0, 0, 0, 0, 0],  # none: past hot, under 90%
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],  # none
        ],
        dtype=bool,
    )
    cold = np.zeros_like(hot)
    cold[6, 2] = True
    trend_z = np.array([0, 0, 3.0, 0.5, -3.0, 0, 0, 0, 0, 0])
    trend_p = np.array([1, 1, 0.001, 0.6, 0.001, 1, 1, 1, 1, 1])
    assert emerging_classify(hot, cold, trend_z, trend_p).tolist() == [
        "new",
        "consecutive",
        "intensifying",
        "persistent",
        "diminishing",
        "sporadic",
        "oscillating",
        "historical",
        "none",
        "none",
    ]


def test_emerging_hotspots_find_a_growing_cluster_and_a_new_one():
    rng = np.random.default_rng(11)
    n_slices = 8
    growing, fresh = CLUSTER_CENTRES[0], CLUSTER_CENTRES[1]
    # Thirty steady single-cell clusters keep the per-slice variance from being dominated by
    # the growing one; otherwise its z-score saturates near sqrt(n / 7) and cannot rise.
    steady_lat, steady_lon = _uniform(rng, 30)
    cells, slices = [], []
    for t in range(n_slices):
        lat, lon = _uniform(rng, 1500)
        lat, lon = np.r_[lat, np.repeat(steady_lat, 25)], np.r_[lon, np.repeat(steady_lon, 25)]
        n_grow = 15 + 10 * t
        lat = np.r_[lat, rng.normal(growing[0], 0.004, n_grow)]
        lon = np.r_[lon, rng.normal(growing[1], 0.004, n_grow)]
        if t == n_slices - 1:
            lat = np.r_[lat, rng.normal(fresh[0], 0.004, 40)]
            lon = np.r_[lon, rng.normal(fresh[1], 0.004, 40)]
        cells.append(_cells(lat, lon))
        slices.append(np.full(lat.size, t))
    result = emerging_hotspots(np.concatenate(cells), np.concatenate(slices), n_slices)
    labels = dict(zip(result.cells.tolist(), result.classification.tolist(), strict=True))
    assert labels[_cell_of(*growing)] == "intensifying"
    assert labels[_cell_of(*fresh)] == "new"
    steady = {labels[_cell_of(a, b)] for a, b in zip(steady_lat, steady_lon, strict=True)}
    # Each slice is judged against its own distribution: as the growing cluster takes a
    # larger share, the steady ones are relatively weaker, so "diminishing" is legitimate.
    assert steady <= {"persistent", "diminishing"}
    assert (result.classification == "none").mean() > 0.99


# --- GeoJSON -----------------------------------------------------------------------------


def test_the_geojson_has_hexagons_in_lon_lat_order_and_the_promised_properties(planted):
    lat, lon = planted
    result = hotspots_compute(_cells(lat, lon), k=1)
    collection = json.loads(hotspots_geojson_bytes(result, result.significant()))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == int(result.significant().sum())
    feature = collection["features"][0]
    assert set(feature["properties"]) == {"cell", "count", "z", "p", "q", "classification"}
    ring = np.array(feature["geometry"]["coordinates"][0])
    assert ring.shape == (7, 2) and np.array_equal(ring[0], ring[-1])
    centre_lat, centre_lon = h3.cell_to_latlng(feature["properties"]["cell"])
    assert ring[:, 0].mean() == pytest.approx(centre_lon, abs=0.02)  # x is longitude
    assert ring[:, 1].mean() == pytest.approx(centre_lat, abs=0.02)


def test_the_geojson_by_default_lists_cells_with_reports_not_the_empty_ring(planted):
    lat, lon = planted
    result = hotspots_compute(_cells(lat, lon), k=1)
    features = json.loads(hotspots_geojson_bytes(result))["features"]
    assert len(features) == int(((result.count > 0) | result.significant()).sum())
    assert len(features) < len(result)
