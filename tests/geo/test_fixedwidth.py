"""Fixed-width number columns: every row parses back to the value it was written from."""

from __future__ import annotations

import json

import h3
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.hotspots.fixedwidth import (
    decimals_column,
    hex_column,
    integers_column,
    lookup_column,
)


def _rows(matrix: np.ndarray) -> list[str]:
    return [bytes(row).decode() for row in matrix]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.floats(-999.9999994, 999.9999994),
            st.just(float("nan")),
            st.just(float("inf")),
            st.sampled_from([0.0, -0.0, -0.5, 1e-7, -1e-7, 999.9999994]),
        ),
        min_size=1,
        max_size=50,
    )
)
def test_decimals_parse_back_to_the_value_rounded_to_six_places(values):
    out = decimals_column(values, int_digits=3)
    assert out.shape == (len(values), 11)
    for text, value in zip(_rows(out), values, strict=True):
        parsed = json.loads(text)  # a JSON number, padded with spaces (valid JSON whitespace)
        if np.isfinite(value):
            assert parsed == pytest.approx(value, abs=5.0000001e-7)
            assert len(text.strip().split(".")[1]) == 6
        else:
            assert parsed is None


def test_decimals_refuse_a_value_too_wide_for_its_column():
    with pytest.raises(ValueError, match="more than 2 integer digits"):
        decimals_column([100.0], int_digits=2)


def test_signs_sit_against_the_first_digit():
    assert _rows(decimals_column([-73.7781234, -0.25, 5.0], int_digits=3)) == [
        " -73.778123",
        "  -0.250000",
        "   5.000000",
    ]


def test_integers_and_nulls_right_aligned():
    assert _rows(integers_column([0, 7, 1234567], width=8, null=[False, True, False])) == [
        "       0",
        "    null",
        " 1234567",
    ]
    with pytest.raises(ValueError):
        integers_column([123456789], width=8)


def test_hex_column_writes_h3_strings():
    cells = [
        h3.latlng_to_cell(lat, lon, res)
        for lat, lon, res in ((51.47, -0.45, 7), (-33.9, 151.2, 5), (89.9, 10.0, 9))
    ]
    ints = np.array([h3.str_to_int(c) for c in cells], dtype=np.int64)
    assert _rows(hex_column(ints)) == cells


def test_lookup_column_pads_to_the_longest_text():
    assert _rows(lookup_column([1, 0, 1], [b'hot_99"', b'n"'])) == ['n"     ', 'hot_99"', 'n"     ']


def test_wide_integer_parts_are_written_digit_by_digit_like_the_table_ones():
    values = [-73.7781234, -0.25, 5.0, 999.5, float("nan")]
    narrow = _rows(decimals_column(values, int_digits=3))
    wide = _rows(decimals_column(values, int_digits=6))  # beyond the look-up tables
    assert [w.strip() for w in wide] == [n.strip() for n in narrow]
    assert all(len(w) == 14 for w in wide)
    assert _rows(decimals_column([-123456.5], int_digits=6)) == ["-123456.500000"]
    with pytest.raises(ValueError, match="more than 5 integer digits"):
        decimals_column([123456.0], int_digits=5)
