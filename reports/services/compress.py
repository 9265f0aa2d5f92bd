"""gzip for large response bodies: ISA-L's igzip (python-isal).

A national hotspot map is ~100 MB of GeoJSON. igzip at level 1 compresses it several times
faster than zlib on one thread and to a smaller body (``bench/compress.py`` prints both), so
it replaces the hand-written parallel zlib this module held. The output is one ordinary gzip
member that any client decodes.
"""

from __future__ import annotations

from isal import igzip


def gzip_compress(data: bytes | bytearray, *, level: int = 1) -> bytes:
    """``data`` as one gzip member at ISA-L ``level`` (0-3; 1 is fast and still shrinks
    GeoJSON ~6x). mtime 0, so equal bodies compress byte-identically."""
    return igzip.compress(data, compresslevel=level, mtime=0)
