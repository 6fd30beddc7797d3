"""'Why this rank': each pillar's and indicator's part of a country's composite, beside the
median ranked country; and where publishers measuring the same thing disagree."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalogue import PILLAR_IDS
from . import defaults as D
from .composite import Engine, Result


def why(engine: Engine, res: Result, iso3: str) -> dict:
    """Breakdown for one country. Arithmetic: contribution = share of weight x score (points of
    the composite; they add up to the composite). Geometric: the same shares on log scores, so
    only pillar scores and their gaps to the median are shown as points."""
    c = engine.row_of(iso3)
    prep = res.prepared
    ranked = res.eligible
    have = np.isfinite(res.S[c])
    w = np.where(have, res.W, 0.0)
    share = w / w.sum() if w.sum() > 0 else w
    med_S = np.array([np.nanmedian(res.S[ranked, k]) if np.isfinite(res.S[ranked, k]).any() else np.nan
                      for k in range(len(PILLAR_IDS))])
    pillars = []
    for k, p in enumerate(PILLAR_IDS):
        s = float(res.S[c, k]) if have[k] else None
        pillars.append({"pillar": p, "name": str(engine.index.pillars.at[p, "name"]) if p in engine.index.pillars.index else p,
                        "weight": float(res.W[k]), "weight_share": float(share[k]), "score": s,
                        "median_score": None if np.isnan(med_S[k]) else float(med_S[k]),
                        "contribution": None if s is None else float(share[k] * s),
                        "median_contribution": None if s is None or np.isnan(med_S[k]) else float(share[k] * med_S[k])})
    vals = engine.values_used(res, c)
    med_v = np.nanmedian(np.where(ranked[:, None], res.V if res.V is not None else prep.picked.value, np.nan), axis=0) if ranked.any() \
        else np.full(len(prep.indicators), np.nan)
    vals["median_value"] = med_v
    # an indicator's share of the composite = pillar share x its share of the pillar's weight (for this country)
    ind_share = []
    for j, row in vals.iterrows():
        k = PILLAR_IDS.index(row["pillar"])
        in_p = (prep.pillar_idx == k) & (prep.picked.present[c] | (res.estimated[c] if res.estimated is not None else False))
        wsum = prep.w_ind[in_p].sum()
        ind_share.append(float(share[k] * prep.w_ind[j] / wsum) if row["value"] is not None and wsum > 0 else 0.0)
    vals["weight_share"] = ind_share
    vals["contribution"] = [s * v if v is not None else None for s, v in zip(ind_share, vals["value"])]
    vals["median_contribution"] = [s * m if v is not None else None
                                   for s, m, v in zip(ind_share, vals["median_value"], vals["value"])]
    med_score = float(np.median(res.score[ranked])) if ranked.any() else None
    return {
        "iso3": iso3, "country": str(engine.names[c]), "year": res.year, "method": res.settings.method,
        "ranked": bool(ranked[c]), "rank": int(res.rank[c]) or None, "of": int(ranked.sum()),
        "score": None if np.isnan(res.score[c]) else float(res.score[c]), "median_score": med_score,
        "pillars": pillars, "indicators": vals.replace({np.nan: None}).to_dict("records"),
        "missing": None if ranked[c] else engine.missing_text(res, c),
        "disagreements": disagreements(engine, res, iso3),
    }


def disagreements(engine: Engine, res: Result, iso3: str) -> list[dict]:
    """Groups of indicators (defaults.DISAGREEMENT_GROUPS) whose 0-100 values for this country,
    latest in the same window, are further apart than the group's threshold."""
    from .panel import pick
    st = res.prepared.settings
    c = engine.row_of(iso3)
    out = []
    for label, ids, threshold in D.DISAGREEMENT_GROUPS:
        ids = [i for i in ids if engine.cube.has(i)]
        if len(ids) < 2:
            continue
        p = pick(engine.cube, res.year, st.window, ids)
        have = p.present[c]
        if have.sum() < 2:
            continue
        v = p.value[c, have]
        spread = float(v.max() - v.min())
        out.append({"group": label, "spread": spread, "threshold": threshold, "disagree": spread >= threshold,
                    "values": [{"indicator": i, "short": engine.short(i), "value": float(p.value[c, j]),
                                "raw_value": float(p.raw[c, j]), "year": int(p.data_year[c, j])}
                               for j, i in enumerate(ids) if have[j]]})
    return out


def disagreement_flags(engine: Engine, res: Result) -> pd.Series:
    """For every ranked country: the labels of groups where its sources disagree ('' = none)."""
    from .panel import pick
    st = res.prepared.settings
    if "flags" in res.prepared.cache:
        return res.prepared.cache["flags"]
    flags = np.full(len(engine.cube.iso3), "", dtype=object)
    for label, ids, threshold in D.DISAGREEMENT_GROUPS:
        ids = [i for i in ids if engine.cube.has(i)]
        if len(ids) < 2:
            continue
        p = pick(engine.cube, res.year, st.window, ids)
        n = p.present.sum(axis=1)
        with np.errstate(invalid="ignore"):
            spread = np.nanmax(np.where(p.present, p.value, -np.inf), axis=1) - \
                np.nanmin(np.where(p.present, p.value, np.inf), axis=1)
        hit = (n >= 2) & (spread >= threshold)
        short = label.split(" (")[0]
        flags[hit] = [f"{f}; {short}" if f else short for f in flags[hit]]
    res.prepared.cache["flags"] = out = pd.Series(flags, index=engine.cube.iso3)
    return out
