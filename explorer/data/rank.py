"""Ranking with ties, in one place: higher value = better = rank 1; tied values share the best
rank ("1, 2, 2, 4"), as publishers rank; missing values have no rank."""

from __future__ import annotations

import numpy as np


def min_rank(values: np.ndarray) -> np.ndarray:
    """Rank of each value among the finite ones (ties share the best rank); 0 where NaN."""
    v = np.asarray(values, dtype=float)
    ok = np.isfinite(v)
    out = np.zeros(len(v), dtype=np.int64)
    s = np.sort(v[ok])[::-1]  # best first
    # 1 + how many are strictly greater: searchsorted on the ascending copy
    asc = s[::-1]
    out[ok] = len(asc) - np.searchsorted(asc, v[ok], side="right") + 1
    return out


def group_min_rank(group: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``min_rank`` within each group at once: (rank, group size) per row. ``values`` finite."""
    n = len(values)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort((values, group))  # by group, then value ascending
    gs, vs = group[order], values[order]
    new_run = np.ones(n, dtype=bool)
    new_run[1:] = (gs[1:] != gs[:-1]) | (vs[1:] != vs[:-1])
    run_last = np.append(np.flatnonzero(new_run)[1:], n) - 1  # last position of each run of equals
    group_end = np.searchsorted(gs, gs, side="right")
    group_start = np.searchsorted(gs, gs, side="left")
    rank, of = np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64)
    rank[order] = group_end - run_last[np.cumsum(new_run) - 1]  # 1 + how many are greater
    of[order] = group_end - group_start
    return rank, of


def min_rank_rows(scores: np.ndarray) -> np.ndarray:
    """``min_rank`` of every row of a (draws, countries) score matrix at once; the Monte Carlo
    intervals and the point ranking then agree on ties. NaN ranks after every number."""
    scores = np.where(np.isfinite(scores), scores, -np.inf)
    order = np.argsort(-scores, axis=1, kind="stable")
    rows = np.arange(scores.shape[0])[:, None]
    ordered = scores[rows, order]
    pos = np.broadcast_to(np.arange(scores.shape[1]), ordered.shape)
    new_group = np.ones(ordered.shape, dtype=bool)
    new_group[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    first = np.maximum.accumulate(np.where(new_group, pos, 0), axis=1)  # where each tie group starts
    ranks = np.empty_like(order)
    ranks[rows, order] = first + 1
    return ranks
