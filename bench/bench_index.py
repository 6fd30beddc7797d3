"""Index build time (goal <= 10 s) and loading the observations into pandas (goal <= 100 ms)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from explorer.paths import INDEX_PATH, raw_dir


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    from explorer.build import build
    from explorer.store import Index

    if (raw_dir() / "countries").is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "bench.sqlite"
            ms = _median_ms(lambda: build(target=target, progress=lambda s: None), 3)
        print(f"index build (all sources): {ms / 1000:.2f} s median of 3 (goal <= 10 s)")
    else:
        print(f"index build: skipped, no raw files at {raw_dir()}")

    n = len(Index(INDEX_PATH).values)
    ms = _median_ms(lambda: Index(INDEX_PATH).values, 9)
    print(f"load observations into pandas ({n:,} rows: iso3, indicator, year, raw, value): {ms:.1f} ms median of 9 (goal <= 100 ms)")
    ms = _median_ms(lambda: Index(INDEX_PATH).observations, 5)
    print(f"load full observations with provenance ({n:,} rows, all columns): {ms:.1f} ms median of 5")
