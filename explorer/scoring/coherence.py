"""Statistical coherence of the composite (JRC/OECD Handbook step 4, before the uncertainty
analysis): do the indicators of a pillar measure one thing, and does each one move with its
pillar and with the composite? Over the countries ranked at the given settings, observed
values only (estimates would manufacture agreement), pairwise complete, Pearson r."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalogue import PILLAR_IDS
from .composite import Engine, Result

NEAR_ZERO = 0.2  # |r| below this between two indicators of one pillar is flagged


def _r(x: np.ndarray, y: np.ndarray) -> float:
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 3 or np.std(x[ok]) == 0 or np.std(y[ok]) == 0:
        return float("nan")
    return float(np.corrcoef(x[ok], y[ok])[0, 1])


def cronbach_alpha(X: np.ndarray) -> float:
    """k/(k-1) * (1 - sum of item variances / variance of the sum), complete rows only."""
    X = X[np.isfinite(X).all(axis=1)]
    k = X.shape[1]
    if k < 2 or len(X) < 3:
        return float("nan")
    total = X.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - X.var(axis=0, ddof=1).sum() / total)) if total > 0 else float("nan")


def audit(engine: Engine, res: Result) -> dict:
    prep = res.prepared
    e = np.flatnonzero(res.eligible)
    V = prep.picked.value[e]
    inds = prep.indicators
    corr = pd.DataFrame([[_r(V[:, a], V[:, b]) for b in range(len(inds))] for a in range(len(inds))],
                        index=inds, columns=inds)
    rows, flags, alphas = [], [], {}
    for k, p in enumerate(PILLAR_IDS):
        cols = np.flatnonzero(prep.pillar_idx == k)
        alphas[p] = {"alpha": cronbach_alpha(V[:, cols]) if len(cols) > 1 else None, "indicators": len(cols),
                     "complete_countries": int(np.isfinite(V[:, cols]).all(axis=1).sum())}
        for a in cols:
            for b in cols:
                if a < b and not abs(corr.iat[a, b]) >= NEAR_ZERO:
                    flags.append(f"{engine.short(inds[a])} and {engine.short(inds[b])} ({p}): "
                                 f"r = {corr.iat[a, b]:+.2f}" + (" (negative)" if corr.iat[a, b] < 0 else " (near zero)"))
    for a in range(len(inds)):
        for b in range(a + 1, len(inds)):
            if prep.pillar_idx[a] != prep.pillar_idx[b] and corr.iat[a, b] < 0:
                flags.append(f"{engine.short(inds[a])} and {engine.short(inds[b])} (different pillars): "
                             f"r = {corr.iat[a, b]:+.2f} (negative)")
    for j, i in enumerate(inds):
        k = prep.pillar_idx[j]
        rows.append({"indicator": i, "short": engine.short(i), "pillar": PILLAR_IDS[k],
                     "countries": int(np.isfinite(V[:, j]).sum()),
                     "r_pillar": _r(V[:, j], res.S[e, k]), "r_composite": _r(V[:, j], res.score[e])})
    return {"year": res.year, "countries": len(e), "correlations": corr, "alpha": alphas,
            "indicators": pd.DataFrame(rows), "flags": flags}


def markdown(a: dict) -> str:
    """The audit as the text generated into docs/method.md and shown under 'How sound is this?'."""
    out = [f"Year {a['year']}, {a['countries']} ranked countries, observed values only (Pearson r, "
           "pairwise complete).", "", "| pillar | indicators | Cronbach's alpha | countries with all |", "|---|---|---|---|"]
    for p, v in a["alpha"].items():
        al = "-" if v["alpha"] is None or np.isnan(v["alpha"]) else f"{v['alpha']:.2f}"
        out.append(f"| {p} | {v['indicators']} | {al} | {v['complete_countries']} |")
    out += ["", "| indicator | pillar | countries | r with pillar | r with composite |", "|---|---|---|---|---|"]
    for r in a["indicators"].to_dict("records"):
        out.append(f"| {r['short']} (`{r['indicator']}`) | {r['pillar']} | {r['countries']} | "
                   f"{r['r_pillar']:.2f} | {r['r_composite']:.2f} |")
    out += ["", "Flags: " + ("; ".join(a["flags"]) if a["flags"] else "none (no negative or near-zero "
                              f"correlation within a pillar, |r| >= {NEAR_ZERO}).")]
    return "\n".join(out)
