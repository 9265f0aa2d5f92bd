"""Parallel gzip: one standard gzip member, whatever the size."""

from __future__ import annotations

import gzip
import zlib

import numpy as np
import pytest

from reports.services import compress
from reports.services.compress import gzip_compress


@pytest.mark.parametrize("size", [0, 1, 1000, 3 * compress.MIN_PIECE + 17])
def test_gzip_compress_round_trips_as_one_gzip_member(size):
    rng = np.random.default_rng(size)
    # Text-like data (GeoJSON is repetitive) with some noise so every piece has real work.
    words = rng.choice(
        [b'{"type":"Feature",', b"[-73.123456,40.654321],", b'"z":1.5,'], size // 8 + 1
    )
    data = (b"".join(words.tolist()) + rng.bytes(size // 50))[:size]
    packed = gzip_compress(data)
    assert gzip.decompress(packed) == data
    # A streaming decoder (as a browser's) must see a single member and nothing after it.
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    assert decoder.decompress(packed) == data and decoder.eof and decoder.unused_data == b""


def test_large_bodies_are_cut_into_pieces_and_still_compress_well(monkeypatch):
    monkeypatch.setattr(compress, "WORKERS", 3)  # pieces even on a one-core machine
    data = b'{"type":"Feature","properties":{"count":12}},' * 400_000  # ~18 MB
    packed = gzip_compress(data)
    assert gzip.decompress(packed) == data
    assert len(packed) < len(data) / 20
