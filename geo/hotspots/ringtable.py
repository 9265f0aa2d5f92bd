"""Hexagon rings as fixed-width GeoJSON coordinate text, written for many cells at once.

The boundaries come from one h3ronpy call as WKB and are read with numpy: a hexagon's ring
always has the same layout (7 points, the ring closed), a pentagon's 6, so every ring is one
fixed-width row of a ``uint8`` matrix. The rare cells cut by an icosahedron edge (8-10 points)
are written alone. ``geo.hotspots.serialise`` places these rows into the features (``geo.hotspots.rings`` holds
the plain per-cell polygons).
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import shapely
from h3ronpy.vector import cells_to_wkb_polygons
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike, NDArray

from geo.hotspots.fixedwidth import SPACE, decimals_column

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
def background() -> ThreadPoolExecutor:
    """The one helper thread that hotspot maps share (ring geometry, then half the fill)."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="hexagon-rings")


def rings_in_background(cells: ArrayLike) -> Future[RingTable]:
    """Start writing the rings of ``cells`` on a worker thread and return at once.

    A map's occupied cells are known as soon as the database has counted them, while Gi* still
    has to run; both spend most of their time in h3ronpy and numpy, which release the GIL, so
    on two cores the hexagons' geometry is ready about when the statistics are."""
    return background().submit(RingTable.build, cells)
