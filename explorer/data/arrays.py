"""Small numpy helpers for the start-up path. ``np.unique`` imports ``numpy.ma`` on its first
call (about 40 ms with numpy 2.4), which the window would pay before its first paint."""

from __future__ import annotations

import numpy as np


def distinct(a: np.ndarray) -> np.ndarray:
    """The sorted distinct values of ``a`` (as ``np.unique(a)``)."""
    s = np.sort(np.asarray(a))
    if len(s) == 0:
        return s
    return s[np.r_[True, s[1:] != s[:-1]]]


def runs(sorted_a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of an already sorted array and where each run starts (as
    ``np.unique(a, return_index=True)`` for sorted input)."""
    a = np.asarray(sorted_a)
    if len(a) == 0:
        return a, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, a[1:] != a[:-1]])
    return a[starts], starts
