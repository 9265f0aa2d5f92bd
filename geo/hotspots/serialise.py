"""Hotspot hexagons straight to GeoJSON bytes, fast enough for a national map.

A national all-time map at resolution 7 holds ~270,000 hexagons: ~1.9 million vertices and a
100 MB document. Per-feature Python (an ``h3`` boundary call and a ``%`` format per hexagon)
took ~2 s for that. Here:

* the boundaries come from one h3ronpy call as WKB and are read with numpy: a hexagon's
  record always has the same layout (7 points, the ring closed), a pentagon's 6;
* every feature of a hexagon or pentagon is a fixed-width record, numbers right-aligned in
  spaces (``geo.hotspots.fixedwidth``), so the whole collection is one ``uint8`` matrix filled
  column by column, with no Python per feature;
* the rare cells cut by an icosahedron edge (8-10 points, ~0.06 % of cells) are written one by
  one and come last.

Numbers are rounded to 6 decimals: coordinates (degrees, about 0.1 m), z, p and q.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from geo.hotspots.analysis import HotspotResult
from geo.hotspots.fdr import CLASSIFICATIONS
from geo.hotspots.fixedwidth import (
    SPACE,
    decimals_column,
    hex_column,
    integers_column,
    lookup_column,
)
from geo.hotspots.ringtable import _RING_WIDTH, RingTable, background, rings_in_background

__all__ = ["RingTable", "hotspots_geojson_bytes", "rings_in_background"]

_HEAD = b'{"type":"Feature","geometry":{"type":"Polygon","coordinates":[['
_LABELS = [label.encode() + b'"' for label in CLASSIFICATIONS]
_OPEN = b'{"type":"FeatureCollection","features":['


def hotspots_geojson_bytes(
    result: HotspotResult,
    keep: ArrayLike | None = None,
    *,
    counts: Sequence[int | None] | None = None,
    rings: RingTable | None = None,
    members: bytes = b"",
) -> bytearray:
    """The hotspot FeatureCollection as compact GeoJSON, properties ``cell, count, z,
    p, q, classification``. ``keep`` (boolean, one per result cell) selects the hexagons,
    default those with reports or a significant class; ``counts`` optionally replaces the
    kept cells' counts (``None`` is written as ``null``, e.g. suppressed small counts);
    ``rings`` optionally holds boundaries already written (see :func:`rings_in_background`);
    ``members`` is added after ``features`` as is (e.g. ``b',"meta":{...}'``). Returned
    as the buffer it was written in (a national map is ~100 MB: no copy into ``bytes``).
    """
    mask = (result.count > 0) | result.significant() if keep is None else np.asarray(keep, bool)
    idx = np.flatnonzero(mask)
    if counts is None:
        count_values, count_null = result.count[idx], np.zeros(idx.size, dtype=bool)
    else:
        if len(counts) != idx.size:
            raise ValueError(f"{len(counts)} counts for {idx.size} kept cells")
        count_null = np.array([c is None for c in counts], dtype=bool)
        count_values = np.array([0 if c is None else c for c in counts], dtype=np.int64)
    cells = result.cells[idx]
    ring_rows, wide, is_wide = (rings or RingTable.build(cells)).rows_for(cells)
    regular = np.flatnonzero(~is_wide)
    fields = _Fields(result, idx, count_values, count_null, ring_rows.shape[1])
    # One buffer for the whole document: the records are written straight into it.
    rare = b",".join(
        _wide_feature(fields, r, wide[int(cells[r])]) for r in np.flatnonzero(is_wide).tolist()
    )
    tail = (b"," if rare and regular.size else b"") + rare + b"]" + members + b"}"
    document = bytearray(len(_OPEN) + regular.size * fields.width + len(tail))
    document[: len(_OPEN)] = _OPEN
    document[len(document) - len(tail) :] = tail
    if regular.size:
        matrix = np.frombuffer(document, dtype=np.uint8)[
            len(_OPEN) : len(_OPEN) + regular.size * fields.width
        ].reshape(regular.size, -1)
        _write_in_parallel(fields, matrix, regular, ring_rows)
        matrix[-1, -1] = SPACE  # the last record's comma (the tail brings its own)
    return document


class _Fields:
    """The fixed-width layout of one feature record, and the writer of its columns."""

    def __init__(
        self,
        result: HotspotResult,
        idx: NDArray[np.intp],
        count_values: NDArray[np.int64],
        count_null: NDArray[np.bool_],
        ring_width: int,
    ) -> None:
        self.result, self.idx = result, idx
        self.count_values, self.count_null = count_values, count_null
        z = np.abs(result.z[idx])
        # Enough integer digits for the largest |z| even after rounding (9.9999997 -> 10.0).
        self.z_digits = len(str(int(np.nanmax(z, initial=0) + 1)))
        self.count_width = max(4, len(str(int(count_values.max(initial=0)))))
        self.layout: list[tuple[str, bytes | int]] = [
            ("head", _HEAD),
            ("ring", ring_width),
            ("c1", b']]},"properties":{"cell":"'),
            ("cell", 15),
            ("c2", b'","count":'),
            ("count", self.count_width),
            ("c3", b',"z":'),
            ("z", 2 + self.z_digits + 6),
            ("c4", b',"p":'),
            ("p", 9),
            ("c5", b',"q":'),
            ("q", 9),
            ("c6", b',"classification":"'),
            ("label", max(map(len, _LABELS))),
            ("end", b"}},"),
        ]
        self.width = sum(len(v) if isinstance(v, bytes) else v for _, v in self.layout)

    def write(
        self, matrix: NDArray[np.uint8], rows: NDArray[np.intp], ring_rows: NDArray[np.uint8]
    ) -> None:
        """Fill ``matrix`` (len(rows) x width) with the records of kept cells ``rows``."""
        result, idx = self.result, self.idx[rows]
        col = 0
        for name, spec in self.layout:
            width = len(spec) if isinstance(spec, bytes) else spec
            out = matrix[:, col : col + width]
            col += width
            if isinstance(spec, bytes):
                out[:] = np.frombuffer(spec, dtype=np.uint8)
            elif name == "ring":
                out[:] = ring_rows
            elif name == "cell":
                out[:] = hex_column(result.cells[idx])
            elif name == "count":
                out[:] = integers_column(
                    self.count_values[rows], width=width, null=self.count_null[rows]
                )
            elif name == "z":
                decimals_column(result.z[idx], int_digits=self.z_digits, out=out)
            elif name in ("p", "q"):
                decimals_column(getattr(result, name)[idx], int_digits=1, out=out)
            elif name == "label":
                labels = result.classification[idx]
                codes = np.zeros(idx.size, dtype=np.intp)
                for code, label in enumerate(CLASSIFICATIONS):
                    codes[labels == label] = code
                out[:] = lookup_column(codes, _LABELS)


def _write_in_parallel(
    fields: _Fields, matrix: NDArray[np.uint8], rows: NDArray[np.intp], ring_rows: NDArray[np.uint8]
) -> None:
    """``fields.write`` in two halves on two threads: the work is numpy gathers and copies,
    which release the GIL, so a national map's ~100 MB fill takes half the time on two cores."""
    every = rows.size == ring_rows.shape[0]  # no wide cells: rows are 0..n-1, rings as they are

    def rings_of(at: slice) -> NDArray[np.uint8]:
        return ring_rows[at] if every else np.take(ring_rows, rows[at], axis=0)

    if rows.size < 50_000:
        fields.write(matrix, rows, rings_of(slice(None)))
        return
    first, second = slice(0, rows.size // 2), slice(rows.size // 2, None)
    later = background().submit(fields.write, matrix[second], rows[second], rings_of(second))
    fields.write(matrix[first], rows[first], rings_of(first))
    later.result()


def _wide_feature(fields: _Fields, row: int, ring: bytes) -> bytes:
    """One record written alone (a cell whose ring does not fit the fixed field)."""
    one = np.empty((1, fields.width), dtype=np.uint8)
    fields.write(one, np.array([row]), np.full((1, _RING_WIDTH), SPACE, dtype=np.uint8))
    start = len(_HEAD)
    return bytes(one[0, :start]) + ring + bytes(one[0, start + _RING_WIDTH : -1])
