"""gzip bodies: one standard gzip member, whatever the size, identical for identical input."""

from __future__ import annotations

import gzip
import zlib

import numpy as np
import pytest

from reports.services.compress import gzip_compress


@pytest.mark.parametrize("size", [0, 1, 1000, 13 * 1024 * 1024 + 17])
def test_gzip_compress_round_trips_as_one_gzip_member(size):
    rng = np.random.default_rng(size)
    # Text-like data (GeoJSON is repetitive) with some noise.
    words = rng.choice(
        [b'{"type":"Feature",', b"[-73.123456,40.654321],", b'"z":1.5,'], size // 8 + 1
    )
    data = bytearray((b"".join(words.tolist()) + rng.bytes(size // 50))[:size])
    packed = gzip_compress(data)
    assert gzip.decompress(packed) == data
    # A streaming decoder (as a browser's) must see a single member and nothing after it.
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    assert decoder.decompress(packed) == data and decoder.eof and decoder.unused_data == b""
    assert gzip_compress(data) == packed, "equal bodies compress byte-identically (no mtime)"


def test_geojson_like_bodies_compress_well():
    data = b'{"type":"Feature","properties":{"count":12}},' * 400_000  # ~18 MB
    packed = gzip_compress(data)
    assert gzip.decompress(packed) == data
    assert len(packed) < len(data) / 20
