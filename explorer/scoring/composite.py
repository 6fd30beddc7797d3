"""The composite score: indicators (0-100) -> pillar means -> weighted mean of pillars.

Pure numpy on a ``Picked`` matrix so a weight change recomputes every country in a few
milliseconds. ``Engine`` ties it to an ``Index``: which indicators exist, which year, which
countries are ranked and which have "not enough data" (and what is missing).
Method and every default: docs/method.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Mapping

import numpy as np
import pandas as pd

from ..catalogue import PILLAR_IDS
from ..data.rank import min_rank
from ..errors import ExplorerError
from . import defaults as D
from .panel import Cube, Picked, pick

# The default year is the latest one ranking at least this share of the best year's count.
DEFAULT_YEAR_SHARE = 0.95
MAX_WEIGHT = 1000.0  # weights are relative; larger numbers only risk overflow


class Cancelled(Exception):
    """The caller asked to stop (newer settings superseded this run)."""


class ScoringError(ExplorerError):
    """Settings the composite cannot use (bad weights, a year without enough data)."""


from .settings import Settings, default_indicator_weights  # noqa: E402,F401 (their home is pandas-free)


def emphasised(W: np.ndarray) -> np.ndarray:
    """Pillars with the largest weight when the weights are unequal (none when equal): a
    country without data in the pillar the user put first is not ranked on that emphasis;
    otherwise its weight would silently pass to the other pillars."""
    if len(W) == 0 or np.allclose(W, W.max()):
        return np.zeros(len(W), dtype=bool)
    return np.isclose(W, W.max())


def check_weights(pillar_weights: Mapping[str, float], indicator_weights: Mapping[str, float] | None) -> None:
    """Clear messages for weights the composite cannot use."""
    for name, weights in (("pillar", pillar_weights), ("indicator", indicator_weights or {})):
        for k, w in weights.items():
            try:
                w = float(w)
            except (TypeError, ValueError):
                raise ScoringError(f"{name} weight for {k!r} is not a number: {w!r}") from None
            if math.isnan(w) or math.isinf(w):
                raise ScoringError(f"{name} weight for {k!r} is {w}; weights must be finite numbers >= 0")
            if w < 0:
                raise ScoringError(f"{name} weight for {k!r} is negative ({w:g}); weights must be >= 0")
            if w > MAX_WEIGHT:
                raise ScoringError(f"{name} weight for {k!r} is {w:g}; weights are relative, use numbers "
                                   f"from 0 to {MAX_WEIGHT:g} (e.g. physical=2 counts physical integrity twice)")
    unknown = set(pillar_weights) - set(PILLAR_IDS)
    if unknown:
        raise ScoringError(f"unknown pillar(s) {', '.join(sorted(unknown))}; pillars are {', '.join(PILLAR_IDS)}")
    if not any(float(w) > 0 for w in pillar_weights.values()):
        raise ScoringError("all pillar weights are zero: give at least one pillar a weight above 0")
    if indicator_weights is not None and not any(float(w) > 0 for w in indicator_weights.values()):
        raise ScoringError("all indicator weights are zero: select at least one indicator")


# ---- the arithmetic, shared by the point estimate, Monte Carlo and leave-one-out -------------

def pillar_matrix(pillar_idx: np.ndarray, w_ind: np.ndarray, n_pillars: int) -> np.ndarray:
    """(I, P) matrix: indicator i's weight in the column of its pillar."""
    W = np.zeros((len(pillar_idx), n_pillars))
    W[np.arange(len(pillar_idx)), pillar_idx] = w_ind
    return W


def pillar_scores(value: np.ndarray, Wip: np.ndarray) -> np.ndarray:
    """(C, P) weighted mean of each pillar's indicators a country has; NaN = none."""
    present = np.isfinite(value)
    num = np.where(present, value, 0.0) @ Wip
    den = present.astype(float) @ Wip
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / den, np.nan)


def combine(S: np.ndarray, W: np.ndarray, method: str) -> np.ndarray:
    """Composite from pillar scores S (C, P) and pillar weights W (P,) or (D, P) -> (C,) or (D, C).

    Weighted mean over the pillars a country has data for (weights re-scaled to sum to 1);
    geometric: exp of the weighted mean of log(max(S, floor))."""
    have = np.isfinite(S)
    if method == "geometric":
        X = np.where(have, np.log(np.maximum(np.where(have, S, 1.0), D.GEOMETRIC_FLOOR)), 0.0)
    else:
        X = np.where(have, S, 0.0)
    num = W @ X.T
    den = W @ have.T.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(den > 0, num / den, np.nan)
    return np.exp(out) if method == "geometric" else out


rank_desc = min_rank  # rank 1 = highest score; ties share the best rank; NaN -> 0


# ---- the engine --------------------------------------------------------------------------------

@dataclass
class Prepared:
    """Everything that depends on year/window/selection/region but not on the weights."""

    settings: Settings
    picked: Picked
    indicators: list[str]          # selected, in the index, with data in the window
    pillar_idx: np.ndarray         # (I,) pillar position of each indicator
    w_ind: np.ndarray              # (I,)
    in_region: np.ndarray          # (C,) bool
    notes: list[str]
    cache: dict = field(default_factory=dict)  # weight-independent tables, filled lazily


@dataclass
class Result:
    """One scoring of a Prepared with given pillar weights."""

    prepared: Prepared
    W: np.ndarray                  # (P,) pillar weights used
    S: np.ndarray                  # (C, P) pillar scores
    score: np.ndarray              # (C,) composite
    eligible: np.ndarray           # (C,) ranked (in region, enough data)
    rank: np.ndarray               # (C,) 0 = not ranked
    n_pillars: np.ndarray          # (C,)
    n_ind: np.ndarray              # (C,)
    settings: Settings = None      # the prepared settings with these weights and method
    V: np.ndarray = None           # (C, I) values scored: observed, plus estimates when imputing
    estimated: np.ndarray = None   # (C, I) bool: V holds an estimate (never shown without saying so)
    sd: np.ndarray = None          # (C, I) standard deviation of each estimate (0 = observed)

    @property
    def year(self) -> int:
        return self.prepared.picked.year


class Engine:
    """Composite answers for one Index; builds the value cube once."""

    def __init__(self, index):
        self.index = index
        ind = index.indicators
        self.meta = ind[ind["pillar"].notna()]
        self.cube = Cube.from_values(index.values[index.values["indicator"].isin(self.meta.index)])
        c = index.countries.reindex(self.cube.iso3)
        self.names = c["short_name"].fillna(pd.Series(self.cube.iso3, index=c.index)).to_numpy(object)
        self.regions = c["region"].fillna("").to_numpy(object)
        self._prepared: dict = {}
        self._default_year: dict = {}

    # -- what exists
    def region_names(self) -> list[str]:
        return sorted(r for r in set(self.regions) if r)

    def short(self, ind: str) -> str:
        return str(self.meta.at[ind, "short"]) if ind in self.meta.index else ind

    def year_range(self) -> tuple[int, int]:
        return int(self.cube.years[0]), int(self.cube.years[-1])

    # -- preparing a year
    def prepare(self, st: Settings) -> Prepared:
        year = st.year if st.year is not None else self.default_year(st)
        if st.window < 0:
            raise ScoringError(f"the window must be 0 (same year only) or more years, not {st.window}")
        if st.min_pillars < 1 or st.min_pillars > len(PILLAR_IDS):
            raise ScoringError(f"minimum pillars must be 1..{len(PILLAR_IDS)}, not {st.min_pillars}")
        if not 0 <= st.min_share <= 1:
            raise ScoringError(f"minimum share of indicators must be 0..1 (e.g. 0.65), not {st.min_share}")
        weights = dict(st.indicator_weights) if st.indicator_weights is not None else default_indicator_weights()
        check_weights(st.pillar_weights, weights)
        key = (year, st.window, tuple(sorted(weights.items())), st.region, tuple(sorted(st.later_ok)),
               st.min_pillars, st.min_share)
        if key in self._prepared:  # same data; keep the caller's weights and method in its settings
            return replace(self._prepared[key], settings=st.with_(year=year))
        notes = []
        selected = [i for i, w in weights.items() if float(w) > 0]
        absent = [i for i in selected if i not in self.meta.index or not self.cube.has(i)]
        if absent:
            notes.append("not in this index, skipped: " + ", ".join(sorted(absent)))
        usable = [i for i in selected if i not in absent]
        picked = pick(self.cube, year, st.window, usable, set(st.later_ok) & D.LATER_SNAPSHOT_OK)
        has_data = picked.present.any(axis=0)
        none_in_window = [i for i, h in zip(usable, has_data) if not h]
        if none_in_window:
            notes.append(f"no data in {year - st.window}-{year}, not counted: "
                         + ", ".join(f"{self.short(i)} ({self._span(i)})" for i in none_in_window))
        keep = np.flatnonzero(has_data)
        inds = [usable[k] for k in keep]
        picked = Picked(year, st.window, inds, picked.iso3, picked.value[:, keep], picked.raw[:, keep],
                        picked.data_year[:, keep], picked.later[:, keep])
        if picked.later.any():
            later = [self.short(i) for i, l in zip(inds, picked.later.any(axis=0)) if l]
            notes.append("explicitly allowed from a later year (marked 'later'): " + ", ".join(later))
        pillar_idx = np.array([PILLAR_IDS.index(self.meta.at[i, "pillar"]) for i in inds], dtype=int)
        w_ind = np.array([float(weights[i]) for i in inds])
        if st.region:
            if st.region not in self.region_names():
                raise ScoringError(f"unknown region {st.region!r}; regions: {', '.join(self.region_names())}")
            in_region = self.regions == st.region
        else:
            in_region = np.ones(len(self.cube.iso3), dtype=bool)
        prep = Prepared(st.with_(year=year), picked, inds, pillar_idx, w_ind, in_region, notes)
        prep.cache["engine"] = self  # robustness() samples every modelling choice from the engine's cube
        if len(self._prepared) > 64:
            self._prepared.clear()
        self._prepared[key] = prep
        return prep

    def _span(self, ind: str) -> str:
        ys = self.cube.years_of(ind)
        if not ys:
            return "no data"
        return f"{ys[0]}" if ys[0] == ys[-1] else f"data {ys[0]}-{ys[-1]}" if len(ys) == ys[-1] - ys[0] + 1 \
            else "data " + ", ".join(map(str, ys)) if len(ys) <= 4 else f"data {ys[0]}-{ys[-1]}"

    # -- scoring with weights
    def run(self, st: Settings, require_ranked: bool = True) -> Result:
        """Prepare (cached) and score with the weights and method of ``st``."""
        return self.score(self.prepare(st), st.pillar_weights, st.method, require_ranked)

    def score(self, prep: Prepared, pillar_weights: Mapping[str, float] | None = None,
              method: str | None = None, require_ranked: bool = True) -> Result:
        st = prep.settings
        pw = dict(pillar_weights if pillar_weights is not None else st.pillar_weights)
        method = method or st.method
        if method not in D.METHODS:
            raise ScoringError(f"unknown method {method!r}; use {' or '.join(D.METHODS)}")
        check_weights(pw, None)
        W = np.array([float(pw.get(p, 0.0)) for p in PILLAR_IDS])
        P = len(PILLAR_IDS)
        V = prep.picked.value
        Wip = pillar_matrix(prep.pillar_idx, prep.w_ind, P)
        S_obs = pillar_scores(V, Wip)
        # who is ranked depends on observed values only; estimates never make a country rankable
        n_pillars = np.isfinite(S_obs).sum(axis=1)
        n_ind = np.isfinite(V).sum(axis=1)
        n_sel = max(len(prep.indicators), 1)
        eligible = (prep.in_region & (n_pillars >= st.min_pillars) & (n_ind / n_sel >= st.min_share - 1e-9)
                    & np.isfinite(S_obs[:, emphasised(W)]).all(axis=1))
        if st.impute:
            im = self.imputation(prep)
            V = np.where(eligible[:, None], im.mean, V)
            estimated = im.estimated & eligible[:, None]
            sd = np.where(estimated, im.sd, 0.0)
            S = pillar_scores(V, Wip)
        else:
            S, estimated, sd = S_obs, np.zeros(V.shape, dtype=bool), np.zeros(V.shape)
        score = combine(S, W, method)
        eligible &= np.isfinite(score)
        rank = np.zeros(len(score), dtype=int)
        rank[eligible] = rank_desc(score[eligible])
        res = Result(prep, W, S, score, eligible, rank, n_pillars, n_ind,
                     st.with_(pillar_weights=pw, method=method), V, estimated, sd)
        if require_ranked and not eligible.any():
            raise ScoringError(self.no_data_message(prep))
        return res

    def imputation(self, prep: Prepared):
        """EM estimates for the prepared year's missing values (fitted once per Prepared)."""
        if "imputation" not in prep.cache:
            from .impute import impute
            prep.cache["imputation"] = impute(prep.picked.value)
        return prep.cache["imputation"]

    def no_data_message(self, prep: Prepared) -> str:
        st = prep.settings
        pillars_with = sorted({PILLAR_IDS[k] for k in prep.pillar_idx}, key=PILLAR_IDS.index)
        where = f" in {st.region}" if st.region else ""
        lo, hi = self.year_range()
        # Suggest a year that ranks countries with the user's own settings, not the defaults.
        best = self.default_year(st)
        n_best = int(self.run(st.with_(year=best, region=None), require_ranked=False).eligible.sum())
        hint = (f", or a year between {lo} and {hi} such as {best} ({n_best} countries ranked with these "
                f"settings)" if n_best and best != st.year else f", or the default settings")
        return (f"{st.year}: no country{where} has enough data (at least {st.min_pillars} of 5 pillars and "
                f"{st.min_share:.0%} of the selected indicators, values from {st.year - st.window}-{st.year}). "
                f"Pillars with any data then: {', '.join(pillars_with) or 'none'}. Try a wider window, "
                f"a lower coverage rule{hint}.")

    def default_year(self, st: Settings | None = None) -> int:
        """The latest year that ranks nearly as many countries as the best year (>= 95% of its count):
        recent data matter more to users than a handful of extra countries in an older year."""
        st = (st or Settings()).with_(region=None)
        key = (st.window, tuple(sorted((st.indicator_weights or default_indicator_weights()).items())),
               st.min_pillars, st.min_share, tuple(sorted(st.later_ok)))
        if key not in self._default_year:
            counts = {int(y): int(self.run(st.with_(year=int(y), impute=False), require_ranked=False).eligible.sum())
                      for y in self.cube.years.tolist()}
            most = max(counts.values())
            self._default_year[key] = max(y for y, n in counts.items() if n >= DEFAULT_YEAR_SHARE * most)
        return self._default_year[key]

    # -- tables for people
    def missing_text(self, res: Result, c: int) -> str:
        prep, st = res.prepared, res.prepared.settings
        pres = prep.picked.present[c]
        no_p = [PILLAR_IDS[k] for k in range(len(PILLAR_IDS))
                if not np.isfinite(res.S[c, k]) and k in set(prep.pillar_idx.tolist())]
        absent = [self.short(i) for i, h in zip(prep.indicators, pres) if not h]
        n_sel = len(prep.indicators)
        first = [PILLAR_IDS[k] for k in np.flatnonzero(emphasised(res.W)) if not np.isfinite(res.S[c, k])]
        parts = [f"data in {res.n_pillars[c]} of 5 pillars (needs {st.min_pillars})"
                 + (f"; none for {', '.join(no_p)}" if no_p else "")
                 + (f"; no data for {', '.join(first)}, the pillar weighted most" if first else ""),
                 f"{res.n_ind[c]} of {n_sel} indicators ({res.n_ind[c] / max(n_sel, 1):.0%}, needs {st.min_share:.0%})"]
        if absent:
            parts.append("missing: " + ", ".join(absent))
        return "; ".join(parts)

    def table(self, res: Result) -> pd.DataFrame:
        """Ranked countries, best first: score, pillar scores and the years of the values used."""
        prep = res.prepared
        e = np.flatnonzero(res.eligible)
        dy = np.where(prep.picked.data_year >= 0, prep.picked.data_year, np.nan)
        df = pd.DataFrame({
            "rank": res.rank[e], "iso3": prep.picked.iso3[e], "country": self.names[e], "region": self.regions[e],
            "score": res.score[e],
            **{p: res.S[e, k] for k, p in enumerate(PILLAR_IDS)},
            "n_pillars": res.n_pillars[e], "n_indicators": res.n_ind[e],
            "oldest_year": np.nanmin(dy[e], axis=1) if len(e) else [],
            "newest_year": np.nanmax(dy[e], axis=1) if len(e) else [],
            "later_snapshot": prep.picked.later[e].any(axis=1),
        })
        for col in ("oldest_year", "newest_year"):
            df[col] = df[col].astype(int)
        return df.sort_values(["rank", "country"]).reset_index(drop=True)

    def excluded(self, res: Result) -> pd.DataFrame:
        """Countries in the region with at least one value but not ranked, and what is missing."""
        prep = res.prepared
        key = ("excluded", res.eligible.tobytes())
        if key in prep.cache:
            return prep.cache[key]
        cand = np.flatnonzero(prep.in_region & ~res.eligible & (res.n_ind > 0))
        prep.cache[key] = df = pd.DataFrame({
            "iso3": prep.picked.iso3[cand], "country": self.names[cand], "region": self.regions[cand],
            "n_pillars": res.n_pillars[cand], "n_indicators": res.n_ind[cand],
            "missing": [self.missing_text(res, c) for c in cand],
        }).sort_values("country").reset_index(drop=True)
        return df

    def values_used(self, res: Result, c: int) -> pd.DataFrame:
        """Every selected indicator for country row ``c``: value, raw, year (or missing)."""
        prep = res.prepared
        rows = []
        est = res.estimated if res.estimated is not None else np.zeros(prep.picked.value.shape, bool)
        for j, ind in enumerate(prep.indicators):
            present = bool(prep.picked.present[c, j])
            e = bool(est[c, j])
            rows.append({"indicator": ind, "short": self.short(ind), "pillar": PILLAR_IDS[prep.pillar_idx[j]],
                         "source": self.meta.at[ind, "source"], "weight": float(prep.w_ind[j]),
                         "value": float(prep.picked.value[c, j]) if present else float(res.V[c, j]) if e else None,
                         "raw_value": float(prep.picked.raw[c, j]) if present else None,
                         "unit": self.meta.at[ind, "unit"],
                         "year": int(prep.picked.data_year[c, j]) if present else None,
                         "later_snapshot": bool(prep.picked.later[c, j]),
                         "estimated": e, "estimate_sd": float(res.sd[c, j]) if e else None})
        return pd.DataFrame(rows)

    def row_of(self, iso3: str) -> int:
        hit = np.flatnonzero(self.cube.iso3 == iso3)
        if not len(hit):
            raise ScoringError(f"{iso3} has no values in the index")
        return int(hit[0])
