"""Global uncertainty and sensitivity analysis of the ranks (JRC/OECD Handbook step 7; COINr's
``get_sensitivity``): every modelling choice sampled together, ranks per run, Sobol indices.

Factors (docs/method.md section 6 lists them with their distributions):
  w_<pillar>  pillar weights, Dirichlet around the chosen ones (concentration ``KAPPA``)
  aggregation arithmetic or geometric mean of the pillars
  normalisation  the index's goalposts (0-100), z-scores, or percentile ranks
  window      0, 1, 2 or 3 years back
  src_<concept>  which publisher stands for a concept with alternatives (defaults.ALTERNATIVES;
              only those with data in the window take part, others are noted)
  imputation  missing values estimated (impute.py) or left out
  error       one of ``K_ERROR`` pre-drawn realisations of the values' own error: Fariss' posterior
              SD (``raw_sd``, else the 95% interval/3.92, else none), +/- half a category for
              ordinal sources, and each estimate's conditional SD
Sampling: SALib's Saltelli scheme (``SALib.sample.sobol``), N * (D + 2) runs. Indices: the
Saltelli (2010) first-order and Jansen (1999) total estimators, the formulas of
``SALib.analyze.sobol``, vectorised over all countries at once (one SALib call per country
costs ~170 calls with bootstrap; tests check both give the same numbers).

The ranked set is the one at the chosen settings (the coverage rule is not a modelling
choice being tested); within a run a country without any value scored ranks last.
Everything is plain numpy; ``run(inputs, progress, cancel)`` suits any job runner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd
from scipy.stats import gamma

from ..catalogue import PILLAR_IDS
from . import defaults as D
from .composite import Engine, Result
from .impute import impute
from .panel import pick
from ..data.rank import min_rank_rows as ranks_of
from .composite import Cancelled

KAPPA = 25.0          # Dirichlet concentration: a pillar weight of 1/5 varies with SD ~0.08 (+/-40%)
K_ERROR = 32          # realisations of the values' error
BASE_N = 1024         # Saltelli base sample; runs = BASE_N * (factors + 2), doubled until >= MIN_RUNS
MIN_RUNS = 10_000
WINDOWS = (0, 1, 2, 3)
NORMALISATIONS = ("goalposts", "z-scores", "ranks")
CHUNK = 256  # runs per step: short C calls keep the GIL free for the UI thread

LABELS = {
    "aggregation": "the aggregation (arithmetic or geometric mean)",
    "normalisation": "the normalisation (goalposts, z-scores or ranks)",
    "window": "the year window (0-3 years back)",
    "imputation": "whether missing values are estimated",
    "error": "the sources' own measurement error and the estimates' error",
}


def label(factor: str, engine: Engine | None = None) -> str:
    if factor.startswith("w_"):
        return f"the weight of the {factor[2:]} pillar"
    if factor.startswith("src_"):
        return f"the choice of {factor[4:]} source"
    return LABELS.get(factor, factor)


@dataclass
class Inputs:
    """Everything a run needs, built once from the point result (no Qt, no index access)."""

    iso3: np.ndarray              # (N,) ranked countries
    point_rank: np.ndarray        # (N,)
    indicators: list[str]         # union: selection + alternatives
    pillar_idx: np.ndarray        # (I,)
    base_w: np.ndarray            # (I,) chosen indicator weights (alternatives 0)
    slots: list[tuple[str, list[int], float]]  # (concept, column per option (0 = chosen), weight)
    W: np.ndarray                 # (P,) chosen pillar weights
    value: np.ndarray             # (4, N, I) observed 0-100 per window
    est: np.ndarray               # (4, N, I) estimate where missing (NaN: none)
    est_sd: np.ndarray            # (4, N, I)
    err: np.ndarray               # (K, N, I) measurement error realisations, 0-100 units
    z: np.ndarray                 # (K, N, I) standard normal draws for the estimates
    factors: list[str]
    notes: list[str] = field(default_factory=list)
    seed: int = D.MC_SEED
    base_n: int = BASE_N


def _step_100(meta: pd.Series) -> float:
    """0-100 points per raw unit of an indicator (its goalposts or its levels)."""
    if meta["scale"] == "ordinal":
        n = len(str(meta["levels"]).split("|"))
        return 100.0 / max(n - 1, 1)
    lo, hi = meta["goal_lo"], meta["goal_hi"]
    return 100.0 / (hi - lo) if pd.notna(lo) and pd.notna(hi) and hi != lo else 0.0


def ordinal_indicators(engine: Engine) -> set[str]:
    """Indicators whose publisher rates in whole categories: ordinal scales, and bounded scales of
    at most 10 raw units whose source's published (not derived) values are all whole numbers
    (PTS levels 1-5, FIW ratings 1-7, CIRIGHTS 0-8). They get +/- half a category of error."""
    m = engine.meta
    raw = engine.cube.raw
    out = set()
    whole_src = {}
    for k, i in enumerate(engine.cube.indicators):
        r = raw[k][np.isfinite(raw[k])]
        if i in m.index and not bool(m.at[i, "derived"]) and len(r):
            s = m.at[i, "source"]
            whole_src[s] = whole_src.get(s, True) and bool(np.all(r == np.round(r)))
    for i, row in m.iterrows():
        if row["scale"] == "ordinal":
            out.add(i)
        elif (row["scale"] == "bounded" and pd.notna(row["goal_hi"]) and row["goal_hi"] - row["goal_lo"] <= 10
              and whole_src.get(row["source"], False)):
            out.add(i)
    return out


def sd_cube(engine: Engine) -> np.ndarray:
    """(I, C, Y) published SD on the raw scale: ``raw_sd`` where the index has it (Fariss v4.02),
    else the 95% interval (upper - lower) / 3.92; NaN where the publisher gives none."""
    cache = engine.__dict__.setdefault("_sd_cube", {})
    if "sd" in cache:
        return cache["sd"]
    cube = engine.cube
    out = np.full(cube.value.shape, np.nan)
    obs = _sd_columns(engine.index)
    obs = obs[obs["indicator"].isin(cube.indicators)]
    sd = obs["raw_sd"].to_numpy(float) if "raw_sd" in obs else np.full(len(obs), np.nan)
    if "lower" in obs and "upper" in obs:
        alt = (obs["upper"].to_numpy(float) - obs["lower"].to_numpy(float)) / 3.92
        sd = np.where(np.isfinite(sd), sd, alt)
    ok = np.isfinite(sd) & obs["iso3"].isin(cube.iso3).to_numpy() & obs["year"].between(
        int(cube.years[0]), int(cube.years[-1])).to_numpy() if len(cube.years) else np.zeros(len(obs), bool)
    if ok.any():
        ii = pd.Index(cube.indicators).get_indexer(obs["indicator"][ok])
        ci = pd.Index(cube.iso3).get_indexer(obs["iso3"][ok])
        out[ii, ci, obs["year"][ok].to_numpy(int) - cube.years[0]] = sd[ok]
    cache["sd"] = out
    return out


def _sd_columns(index) -> pd.DataFrame:
    """iso3, indicator, year and whichever of raw_sd, lower, upper the index has (the Panel's, or
    an Index's, observations: both come from the packed columns)."""
    obs = index.observations
    want = [c for c in ("raw_sd", "lower", "upper") if c in obs.columns]
    return obs[["iso3", "indicator", "year", *want]]


def prepare_inputs(engine: Engine, res: Result, seed: int = D.MC_SEED, base_n: int = BASE_N,
                   cancel: Callable[[], bool] | None = None) -> Inputs:
    """``cancel()`` true stops between windows (each may estimate missing values: the slow part)."""
    prep = res.prepared
    year = prep.picked.year
    e = np.flatnonzero(res.eligible)
    notes = []
    inds = list(prep.indicators)
    base_w = list(prep.w_ind)
    pidx = list(prep.pillar_idx)
    slots = []
    for concept, (pillar, members) in D.ALTERNATIVES.items():
        chosen = [i for i in inds if i in members]
        if not chosen:
            continue
        chosen = chosen[0]
        opts = [chosen]
        for m in members:
            if m == chosen or m in inds:
                continue
            if not engine.cube.has(m):
                notes.append(f"{m} is not in this index: not an alternative for {concept}")
                continue
            if not pick(engine.cube, year, max(WINDOWS), [m]).present[e].any():
                notes.append(f"{engine.short(m)} has no data in {year - max(WINDOWS)}-{year}: "
                             f"not an alternative for {concept}")
                continue
            opts.append(m)
            inds.append(m)
            base_w.append(0.0)
            pidx.append(PILLAR_IDS.index(pillar))
        if len(opts) > 1:
            slots.append((concept, [inds.index(o) for o in opts], float(base_w[inds.index(chosen)])))
    base_w = np.array(base_w, float)
    pidx = np.array(pidx, int)
    I = len(inds)
    vals = np.full((len(WINDOWS), len(e), I), np.nan)
    est = np.full_like(vals, np.nan)
    est_sd = np.zeros_like(vals)
    sdc = sd_cube(engine)
    ordinal = ordinal_indicators(engine)
    step = np.array([_step_100(engine.meta.loc[i]) for i in inds])
    pub_sd = np.full((len(e), I), np.nan)
    for w in WINDOWS:
        if cancel and cancel():
            raise Cancelled()
        p = pick(engine.cube, year, w, inds, set(res.settings.later_ok) & D.LATER_SNAPSHOT_OK)
        vals[w] = p.value[e]
        im = engine.imputation(prep) if w == res.settings.window and inds == prep.indicators \
            else _cached_impute(engine, prep, w, inds, p)
        est[w] = np.where(im.estimated[e], im.mean[e], np.nan)
        est_sd[w] = np.where(im.estimated[e], im.sd[e], 0.0)
        if w == max(WINDOWS):  # the published SD of the values a run may use (latest in the widest window)
            for j, i in enumerate(inds):
                k = engine.cube._pos[i]
                dy = p.data_year[e, j]
                okk = dy >= 0
                pub_sd[okk, j] = sdc[k, np.flatnonzero(okk) * 0 + e[okk], dy[okk] - engine.cube.years[0]]
    rng = np.random.default_rng(seed)
    K = K_ERROR
    err = np.zeros((K, len(e), I))
    for j, i in enumerate(inds):
        if np.isfinite(pub_sd[:, j]).any():
            err[:, :, j] = rng.standard_normal((K, len(e))) * np.nan_to_num(pub_sd[:, j]) * step[j]
        elif i in ordinal:
            err[:, :, j] = rng.uniform(-0.5, 0.5, (K, len(e))) * step[j]
    if not np.isfinite(pub_sd).any():
        notes.append("no published standard errors in this index (Fariss raw_sd arrives with v4.02): "
                     "measurement error covers ordinal sources and estimates only")
    z = rng.standard_normal((K, len(e), I))
    factors = [f"w_{p}" for p, wt in zip(PILLAR_IDS, res.W) if wt > 0]
    factors += ["aggregation", "normalisation", "window"] + [f"src_{s[0]}" for s in slots] + ["imputation", "error"]
    while base_n * (len(factors) + 2) < MIN_RUNS:
        base_n *= 2
    return Inputs(prep.picked.iso3[e], res.rank[e], inds, pidx, base_w, slots, res.W.astype(float), vals, est,
                  est_sd, err, z, factors, notes, seed, base_n)


def _cached_impute(engine, prep, w, inds, p):
    key = ("impute", w, tuple(inds))
    if key not in prep.cache:
        prep.cache[key] = impute(p.value)
    return prep.cache[key]


def problem(inputs: Inputs) -> dict:
    return {"num_vars": len(inputs.factors), "names": list(inputs.factors),
            "bounds": [[0.0, 1.0]] * len(inputs.factors)}


def sample(inputs: Inputs) -> np.ndarray:
    from SALib.sample import sobol as saltelli
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return saltelli.sample(problem(inputs), inputs.base_n, calc_second_order=False, seed=inputs.seed)


def _level(u: np.ndarray, n: int) -> np.ndarray:
    return np.minimum((u * n).astype(int), n - 1)


def decode(inputs: Inputs, U: np.ndarray) -> dict:
    """Unit-cube samples (R, D) -> the settings of each run."""
    col = {f: U[:, k] for k, f in enumerate(inputs.factors)}
    W = np.zeros((len(U), len(PILLAR_IDS)))
    alpha = KAPPA * inputs.W / inputs.W.sum()
    for k, p in enumerate(PILLAR_IDS):
        if f"w_{p}" in col:
            W[:, k] = gamma.ppf(np.clip(col[f"w_{p}"], 1e-9, 1 - 1e-9), alpha[k])
    W /= W.sum(axis=1, keepdims=True)
    choice = np.zeros(len(U), dtype=int)  # mixed-radix index into tables()' source combinations
    for concept, columns, weight in inputs.slots:
        choice = choice * len(columns) + _level(col[f"src_{concept}"], len(columns))
    wi = _level(col["window"], len(WINDOWS))
    return {"W": W, "geometric": col["aggregation"] >= 0.5, "norm": _level(col["normalisation"], 3),
            "window_i": wi, "window": np.array(WINDOWS)[wi], "choice": choice,
            "impute": col["imputation"] >= 0.5, "error": _level(col["error"], inputs.err.shape[0])}


def _normalise(X: np.ndarray, norm: np.ndarray) -> np.ndarray:
    """Per run, per indicator across countries: 1 = z-scores (50 + 15 z), 2 = percentile ranks."""
    out = X.copy()
    z = norm == 1
    if z.any():
        Xz = X[z]
        h = np.isfinite(Xz)
        n = h.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            m = np.where(h, Xz, 0.0).sum(axis=1, keepdims=True) / n
            s = np.sqrt(np.where(h, (Xz - m) ** 2, 0.0).sum(axis=1, keepdims=True) / n)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[z] = np.where(s > 0, 50.0 + 15.0 * (Xz - m) / s, 50.0)
    r = norm == 2
    if r.any():
        Xr = X[r]
        nan = np.isnan(Xr)
        order = np.argsort(np.where(nan, np.inf, Xr), axis=1, kind="stable")
        rk = np.argsort(order, axis=1, kind="stable").astype(float)
        n = (~nan).sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[r] = np.where(nan, np.nan, np.where(n > 1, 100.0 * rk / (n - 1), 50.0))
    return out


def _pillar_scores(X: np.ndarray, w: np.ndarray, pillar_idx: np.ndarray) -> np.ndarray:
    """(..., N, I) values, (I,) weights -> (..., N, P) weighted means of the values present."""
    M = np.zeros((len(pillar_idx), len(PILLAR_IDS)))
    M[np.arange(len(pillar_idx)), pillar_idx] = w
    have = np.isfinite(X)
    num = np.where(have, X, 0.0) @ M
    den = have.astype(float) @ M
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / den, np.nan)


def tables(inputs: Inputs) -> tuple[np.ndarray, np.ndarray, list]:
    """Pillar scores for every combination of the discrete factors, computed once:
    (window, error realisation, imputation, normalisation, source choices) -> (T, N, P) table,
    so a run only looks its table up and combines it with its weights. Returns the table, its
    log (geometric mean) and the source-choice combinations."""
    import itertools
    K, nW = inputs.err.shape[0], len(WINDOWS)
    X = inputs.value[:, None] + inputs.err[None]                     # (W, K, N, I)
    E = inputs.est[:, None] + inputs.est_sd[:, None] * inputs.z[None]
    X = np.stack([X, np.where(np.isnan(X), E, X)], axis=2)          # (W, K, 2, N, I)
    X = np.clip(X, 0.0, 100.0).reshape(-1, *X.shape[-2:])
    Xn = np.stack([X, _normalise(X, np.full(len(X), 1)), _normalise(X, np.full(len(X), 2))], axis=1)
    choices = list(itertools.product(*[range(len(cols)) for _, cols, _ in inputs.slots]))
    S = []
    for ch in choices:
        w = inputs.base_w.copy()
        for (concept, cols, weight), o in zip(inputs.slots, ch):
            w[cols] = 0.0
            w[cols[o]] = weight
        S.append(_pillar_scores(Xn, w, inputs.pillar_idx))             # (W*K*2, 3, N, P)
    S = np.stack(S, axis=2).reshape(-1, *S[0].shape[-2:])             # index ((wkI)*3 + norm)*n_ch + ch
    have = np.isfinite(S)
    S0 = np.where(have, S, 0.0)
    # [:, 0] arithmetic: the pillar scores; [:, 1] geometric: their logs (floored); 0 where missing
    L = np.stack([S0, np.where(have, np.log(np.maximum(S0, D.GEOMETRIC_FLOOR)), 0.0)], axis=1)
    return L, have.astype(float), choices


def model_ranks(inputs: Inputs, runs: dict, sl: slice, tabs) -> np.ndarray:
    """Ranks (R, N) of the ranked countries for the runs in slice ``sl``."""
    L, H, choices = tabs
    K = inputs.err.shape[0]
    ch = runs["choice"][sl]
    t = ((((runs["window_i"][sl] * K + runs["error"][sl]) * 2 + runs["impute"][sl].astype(int)) * 3
          + runs["norm"][sl]) * len(choices) + ch)
    geo = runs["geometric"][sl]
    W = runs["W"][sl]
    num = np.einsum("rnp,rp->rn", L[t, geo.astype(int)], W)
    den = np.einsum("rnp,rp->rn", H[t], W)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(den > 0, num / den, -np.inf)
    # exp() is monotone, so geometric runs are ranked on the weighted mean of the logs directly
    return ranks_of(np.where(np.isfinite(score), score, -np.inf))


# ---- Sobol estimators (the formulas of SALib.analyze.sobol, calc_second_order=False) ----------

def sobol_indices(Y: np.ndarray, n_factors: int) -> tuple[np.ndarray, np.ndarray]:
    """First-order (Saltelli 2010) and total (Jansen 1999) indices for every column of Y
    (runs in SALib's Saltelli order) -> (D, M) each; NaN where the output does not vary."""
    step = n_factors + 2
    Y = Y.astype(float)
    A, B = Y[0::step], Y[step - 1::step]
    V = np.var(np.concatenate([A, B]), axis=0)
    S1 = np.empty((n_factors, Y.shape[1]))
    ST = np.empty_like(S1)
    with np.errstate(invalid="ignore", divide="ignore"):
        for j in range(n_factors):
            AB = Y[j + 1::step]
            S1[j] = np.mean(B * (AB - A), axis=0) / V
            ST[j] = 0.5 * np.mean((A - AB) ** 2, axis=0) / V
    bad = V <= 0
    S1[:, bad] = np.nan
    ST[:, bad] = np.nan
    return S1, ST


@dataclass
class Uncertainty:
    inputs: Inputs
    ranks: np.ndarray             # (R, N)
    S1: np.ndarray                # (D, N)
    ST: np.ndarray                # (D, N)
    seconds: float = 0.0

    @property
    def runs(self) -> int:
        return self.ranks.shape[0]

    @property
    def factors(self) -> list[str]:
        return self.inputs.factors

    def col(self, iso3: str) -> int:
        hit = np.flatnonzero(self.inputs.iso3 == iso3)
        if not len(hit):
            raise KeyError(f"{iso3} is not ranked")
        return int(hit[0])

    def p_below(self, a: str, b: str) -> dict:
        """P(rank a < rank b) ("a persecutes less than b"), P(b < a) and P(tie) over every run."""
        ra, rb = self.ranks[:, self.col(a)], self.ranks[:, self.col(b)]
        lt, gt = np.count_nonzero(ra < rb), np.count_nonzero(ra > rb)
        n = len(ra)
        return {"a": a, "b": b, "p_a_better": lt / n, "p_b_better": gt / n, "p_tie": (n - lt - gt) / n, "runs": n}

    def drivers(self, c: int) -> str:
        """What drives the uncertainty of country column c's rank, in plain words."""
        st = self.ST[:, c]
        if not np.isfinite(st).any():
            return "the rank does not move under any of the choices tested"
        order = np.argsort(-np.nan_to_num(st))
        top = order[0]
        total = np.nansum(np.clip(st, 0, None))
        share = st[top] / total if total > 0 else 0
        first = label(self.factors[top])
        if share >= 0.5:
            s = f"mostly {first}"
        else:
            s = f"many choices together; most {first}, then {label(self.factors[order[1]])}"
        return s + f" (total index {min(st[top], 1):.2f}, alone {max(self.S1[top, c], 0):.2f})"

    def summary(self, top_k: int = D.TOP_K) -> pd.DataFrame:
        lo = np.percentile(self.ranks, 5, axis=0, method="lower")
        hi = np.percentile(self.ranks, 95, axis=0, method="higher")
        pr = self.inputs.point_rank
        df = pd.DataFrame({"iso3": self.inputs.iso3, "median_rank": np.median(self.ranks, axis=0),
                           "rank_lo": np.minimum(lo, pr).astype(int), "rank_hi": np.maximum(hi, pr).astype(int),
                           f"p_top{top_k}": (self.ranks <= top_k).mean(axis=0),
                           "drivers": [self.drivers(c) for c in range(len(pr))]})
        for k, f in enumerate(self.factors):
            df[f"S1_{f}"] = self.S1[k]
            df[f"ST_{f}"] = self.ST[k]
        return df


def run(inputs: Inputs, progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None) -> Uncertainty:
    """All runs, then the indices; ``cancel()`` true stops between chunks (raises Cancelled)."""
    import time
    t0 = time.perf_counter()
    U = sample(inputs)
    runs = decode(inputs, U)
    tabs = tables(inputs)
    R = len(U)
    ranks = np.empty((R, len(inputs.iso3)), dtype=np.int16)
    for a in range(0, R, CHUNK):
        if cancel and cancel():
            raise Cancelled()
        sl = slice(a, min(a + CHUNK, R))
        ranks[sl] = model_ranks(inputs, runs, sl, tabs)
        if progress:
            progress(sl.stop, R)
    S1, ST = sobol_indices(ranks, len(inputs.factors))
    return Uncertainty(inputs, ranks, S1, ST, time.perf_counter() - t0)


def analyse(engine: Engine, res: Result, seed: int = D.MC_SEED, base_n: int = BASE_N, progress=None,
            cancel=None) -> Uncertainty:
    return run(prepare_inputs(engine, res, seed, base_n, cancel), progress, cancel)


# ---- benefit of the doubt ----------------------------------------------------------------------

BOD_DRAWS = 4000  # + the corners and the chosen weights; ~5 ms, so the why panel can show it at once
BOD_MIN_SHARE = 0.05  # every pillar keeps at least 5% of the weight


def best_case(res: Result, iso3: str, draws: int = BOD_DRAWS, seed: int = D.MC_SEED) -> dict:
    """The pillar weights most favourable to one country (benefit of the doubt) and the best rank it
    can reach with them, at the chosen selection, window and aggregation; every pillar keeps at
    least ``BOD_MIN_SHARE`` of the weight. A search over the weight simplex (Dirichlet(1) draws
    plus each pillar's corner), not a linear programme, because ranks are not linear."""
    key = ("best_case", res.W.tobytes(), res.settings.method, res.eligible.tobytes(), iso3, draws, seed)
    if key in res.prepared.cache:
        return res.prepared.cache[key]
    e = np.flatnonzero(res.eligible)
    c = np.flatnonzero(res.prepared.picked.iso3[e] == iso3)
    if not len(c):
        raise KeyError(f"{iso3} is not ranked")
    c = int(c[0])
    from .composite import combine
    P = len(PILLAR_IDS)
    rng = np.random.default_rng(seed)
    free = 1 - P * BOD_MIN_SHARE
    Wd = np.vstack([rng.dirichlet(np.ones(P), draws), np.eye(P)]) * free + BOD_MIN_SHARE
    Wd = np.vstack([Wd, res.W / res.W.sum()])
    scores = combine(res.S[e], Wd, res.settings.method)
    scores = np.where(np.isfinite(scores), scores, -np.inf)
    rank = (scores > scores[:, [c]]).sum(axis=1) + 1
    k = int(np.argmin(rank))
    res.prepared.cache[key] = out = {
        "iso3": iso3, "best_rank": int(rank[k]), "point_rank": int(res.rank[e][c]),
        "weights": {p: float(Wd[k, j]) for j, p in enumerate(PILLAR_IDS)}, "searched": len(Wd),
        "min_share": BOD_MIN_SHARE}
    return out
