"""gzip of a national hotspot map: python-isal (what we use) vs the standard library's gzip
vs zlib-ng (when installed).

    .venv/bin/python bench/compress.py [--n 1000000] [--repeat 3]

The body is the real thing: the resolution-7 all-time GeoJSON of ``--n`` synthetic reports
bunched around US aerodromes (as ``hotspots_api.py``; ~100 MB at 1M reports), written by the
product's writer. Each library compresses it at the level the API uses (1) on one thread;
runs alternate and the best of ``--repeat`` counts (a shared machine). Every output is
checked to decompress to the body.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.hotspots_api import synthetic_positions  # noqa: E402
from geo.cells import cells_for_points  # noqa: E402
from geo.hotspots import hotspots_compute  # noqa: E402
from geo.hotspots.serialise import hotspots_geojson_bytes  # noqa: E402


def compressors() -> dict[str, Callable[[bytes], bytes]]:
    from isal import igzip

    out: dict[str, Callable[[bytes], bytes]] = {
        "python-isal igzip, level 1 (ours)": lambda b: igzip.compress(b, 1, mtime=0),
        "stdlib gzip.compress, level 1": lambda b: gzip.compress(b, 1, mtime=0),
    }
    if importlib.util.find_spec("zlib_ng") is not None:
        from zlib_ng import gzip_ng

        out["zlib-ng gzip_ng.compress, level 1"] = lambda b: gzip_ng.compress(b, 1, mtime=0)
    else:
        print("zlib-ng not installed: `uv pip install zlib-ng` to include it")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    lat, lon = synthetic_positions(args.n)
    body = bytes(hotspots_geojson_bytes(hotspots_compute(cells_for_points(lat, lon)[7], k=1)))
    print(f"body: {len(body) / 1e6:.1f} MB of GeoJSON ({args.n:,} reports, resolution 7)")
    fns = compressors()
    best = dict.fromkeys(fns, float("inf"))
    sizes: dict[str, int] = {}
    for _ in range(args.repeat):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            packed = fn(body)
            best[name] = min(best[name], time.perf_counter() - t0)
            sizes[name] = len(packed)
    for name, fn in fns.items():
        assert gzip.decompress(fn(body)) == body, name
    ours = best["python-isal igzip, level 1 (ours)"]
    for name in fns:
        print(
            f"{name:36s} {best[name]:6.3f} s  {sizes[name] / 1e6:6.1f} MB  "
            f"compression ratio {len(body) / sizes[name]:4.1f}x  "
            f"time vs ours {best[name] / ours:4.2f}x"
        )


if __name__ == "__main__":
    main()
