"""The one way the benchmarks time a call: the median of ``repeat`` runs, in milliseconds."""

from __future__ import annotations

import statistics
import time


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)
