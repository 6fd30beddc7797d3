"""Index build time (goal <= 10 s) and loading the observations into pandas (goal <= 100 ms)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from explorer.paths import INDEX_PATH, raw_dir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_ms  # noqa: E402  (the benches' one timing helper)


def main() -> None:
    from explorer.build import build
    from explorer.store import Index

    if (raw_dir() / "countries").is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "bench.sqlite"
            ms = median_ms(lambda: build(target=target, progress=lambda s: None), 3)
        print(f"index build (all sources): {ms / 1000:.2f} s median of 3 (goal <= 10 s)")
    else:
        print(f"index build: skipped, no raw files at {raw_dir()}")

    n = len(Index(INDEX_PATH).values)
    ms = median_ms(lambda: Index(INDEX_PATH).values, 9)
    print(f"load observations into pandas ({n:,} rows: iso3, indicator, year, raw, value): {ms:.1f} ms median of 9 (goal <= 100 ms)")
    ms = median_ms(lambda: Index(INDEX_PATH).observations, 5)
    print(f"load full observations with provenance ({n:,} rows, all columns): {ms:.1f} ms median of 5")


if __name__ == "__main__":
    main()
