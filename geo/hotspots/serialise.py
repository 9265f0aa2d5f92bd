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
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import shapely
from h3ronpy.vector import cells_to_wkb_polygons
from numpy.lib.stride_tricks import sliding_window_view
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

_WKB_HEADER = 13  # byte order (1), geometry type (4), ring count (4), point count (4)
_POINTS = 7  # a hexagon's closed ring; the fixed ring field holds this many points
_LON_DIGITS, _LAT_DIGITS = 3, 2  # integer digits: longitudes to 180, latitudes to 90


def _wkb_header(points: int) -> NDArray[np.uint8]:
    # Little-endian, type 3 (Polygon), one ring of ``points`` points.
    return np.frombuffer(
        b"\x01"
        + (3).to_bytes(4, "little")
        + (1).to_bytes(4, "little")
        + points.to_bytes(4, "little"),
        dtype=np.uint8,
    )


_POINT = 2 + (2 + _LON_DIGITS + 6) + 1 + (2 + _LAT_DIGITS + 6) + 1  # ",[" lon "," lat "]"
_RING_WIDTH = _POINTS * _POINT


def _points_into(coords: NDArray[np.float64], out: NDArray[np.uint8]) -> None:
    """(cells, points, 2) lon/lat degrees written into ``out`` (cells x points * _POINT) as
    `` [lon,lat],[lon,lat],...`` (a space, not a comma, before the first point)."""
    cells, points, _ = coords.shape
    by_point = out.reshape(cells * points, _POINT)
    flat = coords.reshape(-1, 2)
    lon_end = 2 + 2 + _LON_DIGITS + 6
    by_point[:, :2] = np.frombuffer(b",[", dtype=np.uint8)
    by_point[:, lon_end] = ord(",")
    by_point[:, -1] = ord("]")
    # Every vertex of every cell in one call per coordinate (contiguous work, then one copy).
    by_point[:, 2:lon_end] = decimals_column(flat[:, 0], int_digits=_LON_DIGITS)
    by_point[:, lon_end + 1 : -1] = decimals_column(flat[:, 1], int_digits=_LAT_DIGITS)
    out.reshape(cells, points, _POINT)[:, 0, 0] = SPACE


@dataclass(frozen=True)
class RingTable:
    """Boundaries of sorted, unique ``cells``: ``fixed`` holds one fixed-width ring field per
    cell of up to 7 points (the rest padded with spaces); ``wide`` the cells with more points,
    as ``[lon,lat],...`` text."""

    cells: NDArray[np.int64]
    fixed: NDArray[np.uint8]
    wide: dict[int, bytes] = field(default_factory=dict)

    @classmethod
    def build(cls, cells: ArrayLike) -> RingTable:
        arr = np.asarray(cells, dtype=np.int64).ravel()
        if arr.size > 1 and not (arr[1:] > arr[:-1]).all():
            arr = np.unique(arr)
        fixed = np.empty((arr.size, _RING_WIDTH), dtype=np.uint8)
        wide: dict[int, bytes] = {}
        if arr.size == 0:
            return cls(arr, fixed, wide)
        wkb = cells_to_wkb_polygons(arr.astype(np.uint64)).to_pylist()
        lengths = np.fromiter(map(len, wkb), dtype=np.int64, count=len(wkb))
        buf = np.frombuffer(b"".join(wkb), dtype=np.uint8)
        sizes = np.unique(lengths).tolist()
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        for size in sizes:
            points, odd = divmod(size - _WKB_HEADER, 16)
            if len(sizes) == 1:  # all one layout (e.g. hexagons only): a plain reshape
                rows, records = np.arange(arr.size), buf.reshape(arr.size, size)
            else:
                rows = np.flatnonzero(lengths == size)
                records = sliding_window_view(buf, size)[starts[rows]]
            if (
                odd
                or points > _POINTS
                or not (records[:, :_WKB_HEADER] == _wkb_header(points)).all()
            ):
                fixed[rows] = SPACE
                for r in rows.tolist():
                    wide[int(arr[r])] = _ring_text(wkb[r])
                continue
            coords = records[:, _WKB_HEADER:].copy().view("<f8").reshape(rows.size, points, 2)
            if len(sizes) == 1 and points == _POINTS:
                _points_into(coords, fixed)
            else:
                ring = np.full((rows.size, _RING_WIDTH), SPACE, dtype=np.uint8)
                _points_into(coords, ring[:, : points * _POINT])
                fixed[rows] = ring
        return cls(arr, fixed, wide)

    def rows_for(
        self, wanted: NDArray[np.int64]
    ) -> tuple[NDArray[np.uint8], dict[int, bytes], NDArray[np.bool_]]:
        """The fixed ring fields of ``wanted`` (sorted ids), the wide rings among them (their
        fixed rows are blank) and where those are; rings this table lacks are written now."""
        if self.cells.size:
            pos = np.minimum(np.searchsorted(self.cells, wanted), self.cells.size - 1)
            hit = self.cells[pos] == wanted
        else:
            pos, hit = np.zeros(wanted.size, dtype=np.intp), np.zeros(wanted.size, dtype=bool)
        extra: RingTable = self
        if hit.all():
            rows = np.take(self.fixed, pos, axis=0)
        else:
            extra = RingTable.build(wanted[~hit])
            rows = np.empty((wanted.size, self.fixed.shape[1]), dtype=np.uint8)
            rows[hit] = np.take(self.fixed, pos[hit], axis=0)
            rows[~hit] = extra.fixed
        wide: dict[int, bytes] = {}
        is_wide = np.zeros(wanted.size, dtype=bool)
        for table in (self, extra) if extra is not self else (self,):
            if not table.wide or not wanted.size:
                continue
            keys = np.fromiter(table.wide, dtype=np.int64, count=len(table.wide))
            at = np.minimum(np.searchsorted(wanted, keys), wanted.size - 1)
            found = wanted[at] == keys
            is_wide[at[found]] = True
            wide.update((key, table.wide[key]) for key in keys[found].tolist())
        return rows, wide, is_wide


def _ring_text(wkb: bytes) -> bytes:
    coords = shapely.get_coordinates(shapely.get_exterior_ring(shapely.from_wkb(wkb)))
    return b",".join(b"[%.6f,%.6f]" % (lon, lat) for lon, lat in coords.tolist())


@lru_cache(maxsize=1)
def _background() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="hexagon-rings")


def rings_in_background(cells: ArrayLike) -> Future[RingTable]:
    """Start writing the rings of ``cells`` on a worker thread and return at once.

    A map's occupied cells are known as soon as the database has counted them, while Gi* still
    has to run; both spend most of their time in h3ronpy and numpy, which release the GIL, so
    on two cores the hexagons' geometry is ready about when the statistics are."""
    return _background().submit(RingTable.build, cells)


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
    later = _background().submit(fields.write, matrix[second], rows[second], rings_of(second))
    fields.write(matrix[first], rows[first], rings_of(first))
    later.result()


def _wide_feature(fields: _Fields, row: int, ring: bytes) -> bytes:
    """One record written alone (a cell whose ring does not fit the fixed field)."""
    one = np.empty((1, fields.width), dtype=np.uint8)
    fields.write(one, np.array([row]), np.full((1, _RING_WIDTH), SPACE, dtype=np.uint8))
    start = len(_HEAD)
    return bytes(one[0, :start]) + ring + bytes(one[0, start + _RING_WIDTH : -1])
