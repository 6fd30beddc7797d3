"""How much a rank depends on the weights and on each indicator.

Monte Carlo: every pillar weight multiplied by an independent U(1 - spread, 1 + spread)
factor, ``draws`` times, from a seeded generator (same seed, same answer). Ranks are among
the countries ranked at the chosen weights (the coverage rule does not depend on weights).
Leave-one-indicator-out: the composite recomputed without each selected indicator in turn.
All vectorised numpy; the window runs it in a worker thread and may cancel between chunks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd

from . import defaults as D
from ..data.rank import min_rank_rows
from .composite import Cancelled, Result, combine, pillar_matrix, pillar_scores  # noqa: F401 (Cancelled: callers)

ranks_of = min_rank_rows  # row-wise ranks, ties share the best rank (explorer.data.rank)


def weight_draws(W: np.ndarray, draws: int, spread: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return W[None, :] * rng.uniform(1.0 - spread, 1.0 + spread, size=(draws, len(W)))


def monte_carlo_ranks(S: np.ndarray, W: np.ndarray, method: str, draws: int = D.MC_DRAWS,
                      spread: float = D.MC_SPREAD, seed: int = D.MC_SEED, chunk: int = 250,
                      progress: Callable[[int, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> np.ndarray:
    """(draws, N) ranks of the N countries whose pillar scores are the rows of S."""
    Wd = weight_draws(W, draws, spread, seed)
    out = np.empty((draws, S.shape[0]), dtype=np.int32)
    for a in range(0, draws, chunk):
        if cancelled and cancelled():
            raise Cancelled()
        out[a:a + chunk] = ranks_of(combine(S, Wd[a:a + chunk], method))
        if progress:
            progress(min(a + chunk, draws), draws)
    return out


def leave_one_out_ranks(res: Result) -> np.ndarray:
    """(I, N) ranks of the ranked countries with indicator i left out (N in table order = res.eligible)."""
    prep = res.prepared
    e = np.flatnonzero(res.eligible)
    V = prep.picked.value[e]
    P = res.S.shape[1]
    out = np.empty((len(prep.indicators), len(e)), dtype=np.int32)
    for i in range(len(prep.indicators)):
        w = prep.w_ind.copy()
        w[i] = 0.0
        S = pillar_scores(V, pillar_matrix(prep.pillar_idx, w, P))
        score = combine(S, res.W, res.settings.method)
        score = np.where(np.isfinite(score), score, -np.inf)  # lost its only pillar data: last
        out[i] = ranks_of(score[None, :])[0]
    return out


@dataclass
class Robustness:
    iso3: np.ndarray               # ranked countries, same order as res.eligible rows
    point_rank: np.ndarray
    mc_ranks: np.ndarray           # (draws, N)
    loo_ranks: np.ndarray          # (I, N)
    indicators: list[str]
    draws: int
    seed: int
    spread: float
    ua: object = None              # uncertainty.Uncertainty when every modelling choice was sampled

    @property
    def full(self) -> bool:
        return self.ua is not None

    def top_share(self, k: int) -> np.ndarray:
        return (self.mc_ranks <= k).mean(axis=0)

    def summary(self, top_k: int = D.TOP_K) -> pd.DataFrame:
        """Per country: median rank, 5th-95th percentile interval (widened to hold the point
        rank, see docs/method.md), probability of a top-k place, leave-one-out range."""
        lo = np.percentile(self.mc_ranks, 5, axis=0, method="lower")
        hi = np.percentile(self.mc_ranks, 95, axis=0, method="higher")
        lo, hi = np.minimum(lo, self.point_rank), np.maximum(hi, self.point_rank)
        loo_lo = self.loo_ranks.min(axis=0) if len(self.loo_ranks) else self.point_rank
        loo_hi = self.loo_ranks.max(axis=0) if len(self.loo_ranks) else self.point_rank
        shift = np.abs(self.loo_ranks - self.point_rank[None, :]) if len(self.loo_ranks) else None
        most = ([self.indicators[k] for k in shift.argmax(axis=0)] if shift is not None
                else [None] * len(self.iso3))
        if self.ua is not None:  # same columns, over every modelling choice, plus the Sobol drivers
            df = self.ua.summary(top_k)
            df["loo_lo"] = np.minimum(loo_lo, self.point_rank).astype(int)
            df["loo_hi"] = np.maximum(loo_hi, self.point_rank).astype(int)
            df["loo_most"] = most
            return df
        return pd.DataFrame({
            "iso3": self.iso3, "median_rank": np.median(self.mc_ranks, axis=0),
            "rank_lo": lo.astype(int), "rank_hi": hi.astype(int), f"p_top{top_k}": self.top_share(top_k),
            "loo_lo": np.minimum(loo_lo, self.point_rank).astype(int),
            "loo_hi": np.maximum(loo_hi, self.point_rank).astype(int), "loo_most": most,
        })


def robustness(res: Result, draws: int = D.MC_DRAWS, spread: float = D.MC_SPREAD, seed: int = D.MC_SEED,
               progress=None, cancelled=None, uncertainty: str = D.DEFAULT_UNCERTAINTY) -> Robustness:
    """``uncertainty="full"``: every modelling choice sampled together (uncertainty.py; needs the
    Engine that made ``res``); ``"weights"``: the pillar-weight Monte Carlo alone."""
    e = np.flatnonzero(res.eligible)
    engine = res.prepared.cache.get("engine")
    if uncertainty == "full" and engine is not None:
        from .uncertainty import analyse
        ua = analyse(engine, res, seed=seed, progress=progress, cancel=cancelled)
        loo = leave_one_out_ranks(res)
        return Robustness(res.prepared.picked.iso3[e], res.rank[e], ua.ranks, loo, list(res.prepared.indicators),
                          ua.runs, seed, spread, ua)
    mc = monte_carlo_ranks(res.S[e], res.W, res.settings.method, draws, spread, seed,
                           progress=progress, cancelled=cancelled)
    if cancelled and cancelled():
        raise Cancelled()
    loo = leave_one_out_ranks(res)
    return Robustness(res.prepared.picked.iso3[e], res.rank[e], mc, loo, list(res.prepared.indicators),
                      draws, seed, spread)
