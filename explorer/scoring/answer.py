"""One answer to "which country persecutes its citizens the least?": ranked table with
robustness, the countries without enough data, notes, headline and caveats. The CLI and the
window both call ``answer`` (the window in two steps: ``score`` now, robustness in a thread)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..catalogue import PILLAR_IDS
from . import defaults as D
from .composite import Engine, Result, ScoringError, Settings
from .explain import disagreement_flags
from .robustness import Robustness, robustness


@dataclass
class Answer:
    result: Result
    table: pd.DataFrame
    excluded: pd.DataFrame
    notes: list[str]
    robust: Robustness | None = None
    caveats: list[str] = field(default_factory=lambda: list(D.CAVEATS))

    @property
    def year(self) -> int:
        return self.result.year

    @property
    def settings(self) -> Settings:
        return self.result.settings


def weights_label(pillar_weights) -> str:
    for name, preset in D.PRESETS.items():
        if all(abs(float(pillar_weights.get(p, 0)) - preset[p]) < 1e-9 for p in PILLAR_IDS):
            return f"{name} weights"
    return "custom weights (" + ", ".join(f"{p} {float(pillar_weights.get(p, 0)):g}" for p in PILLAR_IDS) + ")"


OLD_YEARS = 3  # a value this many years before the chosen year (or more) is flagged as old


def cautions(engine: Engine, res: Result) -> tuple[pd.Series, pd.Series]:
    """Per country: pillars that rest on a single observed value or only on values >= 3 years old
    ('surveillance: one value, from 2021'), and the indicators whose value is estimated. Cached per
    prepared year and ranked set (weights do not change them)."""
    prep = res.prepared
    p = prep.picked
    E = res.estimated if res.estimated is not None else np.zeros(p.value.shape, bool)
    key = ("cautions", res.eligible.tobytes(), E.tobytes())
    if key in prep.cache:
        return prep.cache[key]
    thin = np.full(len(p.iso3), "", dtype=object)
    est = np.full(len(p.iso3), "", dtype=object)
    shorts = np.array([engine.short(i) for i in prep.indicators], dtype=object)
    old = p.present & (p.data_year <= res.year - OLD_YEARS)
    per_pillar = []
    for k, pil in enumerate(PILLAR_IDS):
        cols = np.flatnonzero(prep.pillar_idx == k)
        if not len(cols):
            continue
        n = p.present[:, cols].sum(axis=1)
        one = (n == 1) & (len(cols) > 1)
        all_old = (n > 0) & (old[:, cols].sum(axis=1) == n)
        newest = np.where(p.present[:, cols], p.data_year[:, cols], -1).max(axis=1)
        per_pillar.append((pil, one, all_old, newest))
    for c in np.flatnonzero(res.eligible):
        parts = []
        for pil, one, all_old, newest in per_pillar:
            why = (["one value"] if one[c] else []) + ([f"from {int(newest[c])}"] if all_old[c] else [])
            if why:
                parts.append(f"{pil}: {', '.join(why)}")
        thin[c] = "; ".join(parts)
        if E[c].any():
            est[c] = ", ".join(shorts[E[c]])
    prep.cache[key] = out = (pd.Series(thin, index=p.iso3), pd.Series(est, index=p.iso3))
    return out


def indicator_weights_label(st: Settings) -> str:
    """'' for the default selection at weight 1; else the changed indicator weights, named."""
    from .composite import default_indicator_weights
    if st.indicator_weights is None:
        return ""
    base = default_indicator_weights()
    diff = {i: float(w) for i, w in st.indicator_weights.items() if abs(float(w) - base.get(i, 0.0)) > 1e-9}
    diff.update({i: 0.0 for i in base if i not in st.indicator_weights})
    if not diff:
        return ""
    return "custom indicator weights (" + ", ".join(f"{i} {w:g}" for i, w in sorted(diff.items())) + ")"


def build(engine: Engine, res: Result, robust: Robustness | None = None) -> Answer:
    table = engine.table(res)
    flags = disagreement_flags(engine, res)
    table["sources_disagree"] = table["iso3"].map(flags).fillna("")
    thin, est = cautions(engine, res)
    table["thin_data"] = table["iso3"].map(thin).fillna("")
    table["estimated"] = table["iso3"].map(est).fillna("")
    if robust is not None:
        table = table.merge(robust.summary(), on="iso3", how="left")
    return Answer(res, table, engine.excluded(res), list(res.prepared.notes), robust)


def with_robustness(ans: Answer, robust: Robustness) -> Answer:
    """The same answer with the robustness columns (no recomputation of the rest)."""
    table = ans.table.merge(robust.summary(), on="iso3", how="left")
    return Answer(ans.result, table, ans.excluded, ans.notes, robust, ans.caveats)


def answer(engine: Engine, st: Settings, with_robustness: bool = True, draws: int = D.MC_DRAWS,
           seed: int = D.MC_SEED, uncertainty: str = D.DEFAULT_UNCERTAINTY) -> Answer:
    res = engine.run(st)
    return build(engine, res, robustness(res, draws=draws, seed=seed, uncertainty=uncertainty)
                 if with_robustness else None)


def compare(ans: Answer, a: str, b: str, best: bool = True) -> dict:
    """'Is a less persecuting than b?' over every run of the robustness, in numbers and words,
    with each country's best attainable rank under the weights most favourable to it."""
    from .uncertainty import best_case
    rob = ans.robust
    ia, ib = (np.flatnonzero(rob.iso3 == x) for x in (a, b))
    if not len(ia) or not len(ib):
        missing = [x for x, i in ((a, ia), (b, ib)) if not len(i)]
        raise ScoringError(f"{', '.join(missing)} not ranked in {ans.year} with these settings; "
                           "see 'not enough data'")
    ra, rb = rob.mc_ranks[:, ia[0]], rob.mc_ranks[:, ib[0]]
    n = len(ra)
    lt, gt = int(np.count_nonzero(ra < rb)), int(np.count_nonzero(ra > rb))
    names = dict(zip(ans.table["iso3"], ans.table["country"]))
    out = {"a": a, "b": b, "p_a_better": lt / n, "p_b_better": gt / n, "p_tie": (n - lt - gt) / n, "runs": n,
           "full": rob.full}
    out["text"] = (f"{names[a]} ranks above (persecutes less than) {names[b]} in {lt / n:.0%} of {n:,} scenarios, "
                   f"below in {gt / n:.0%}" + (f", level in {(n - lt - gt) / n:.0%}" if n - lt - gt else "") + ".")
    if best:
        out["best_case"] = {x: best_case(ans.result, x) for x in (a, b)}
    return out


def data_span(ans: Answer) -> tuple[int | None, int | None]:
    """Oldest and newest year of the values the ranking actually uses (None, None: nothing ranked)."""
    t = ans.table
    if not len(t):
        return None, None
    return int(t["oldest_year"].min()), int(t["newest_year"].max())


def headline(ans: Answer, k: int = 3) -> str:
    """Plain-language sentence, e.g. 'In 2023, with equal weights, the least persecuting
    countries are A, B, C (of 170 ranked, data from 2021–2023); A is in the top 3 in 94% of
    weightings.' A year later than all the data reads 'In 2026 (data from 2023–2025), ...'."""
    t = ans.table
    st = ans.settings
    where = f" in {st.region}" if st.region else ""
    top = t.head(k)
    names = ", ".join(top["country"])
    lo, hi = data_span(ans)
    span = f"{lo}" if lo == hi else f"{lo}–{hi}"
    # No value from the chosen year at all: say so next to the year, where it cannot be missed.
    # Otherwise the years go in the parenthesis (whenever they are not all the chosen year).
    up_front = hi is not None and hi < ans.year
    ind_w = indicator_weights_label(st)
    s = (f"In {ans.year}{f' (data from {span})' if up_front else ''}, with {weights_label(st.pillar_weights)}"
         f"{' and ' + ind_w if ind_w else ''}, "
         f"the least persecuting countries{where} are {names} (of {len(t)} ranked")
    if lo is not None and not up_front and (lo, hi) != (ans.year, ans.year):
        s += f", data from {span}"
    s += f"; {len(ans.excluded)} without enough data)" if len(ans.excluded) else ")"
    if ans.robust is not None and len(top):
        first = top.iloc[0]
        share = float(ans.robust.top_share(k)[np.flatnonzero(ans.robust.iso3 == first["iso3"])[0]])
        what = "scenarios varying every modelling choice" if ans.robust.full else "weightings"
        s += f"; {first['country']} is in the top {k} in {share:.0%} of {ans.robust.draws:,} {what}."
    else:
        s += "; robustness is being computed."
    if "thin_data" in top:
        thin = [r["country"] for r in top.to_dict("records") if r["thin_data"]]
        if thin:  # which pillar and why: the list's Flags column, the why panel, the CSV and the brief
            s += (f" {' and '.join([', '.join(thin[:-1]), thin[-1]] if len(thin) > 1 else thin)} "
                  f"{'rest' if len(thin) > 1 else 'rests'} partly on a single or old value.")
    return s


def records(ans: Answer) -> list[dict]:
    """JSON-ready rows: ranked countries with every value used and its year, then the excluded."""
    eng_res = ans.result
    prep = eng_res.prepared
    rows = []
    idx = {c: i for i, c in enumerate(prep.picked.iso3)}
    for r in ans.table.to_dict("records"):
        c = idx[r["iso3"]]
        r["status"] = "ranked"
        r["of"] = len(ans.table)
        r["year"] = ans.year
        E = eng_res.estimated
        r["values"] = {ind: ({"value": float(prep.picked.value[c, j]), "raw_value": float(prep.picked.raw[c, j]),
                              "year": int(prep.picked.data_year[c, j]),
                              **({"later_snapshot": True} if prep.picked.later[c, j] else {})}
                             if prep.picked.present[c, j] else
                             {"value": float(eng_res.V[c, j]), "estimated": True, "sd": float(eng_res.sd[c, j])}
                             if E is not None and E[c, j] else None)
                       for j, ind in enumerate(prep.indicators)}
        rows.append(r)
    for r in ans.excluded.to_dict("records"):
        rows.append({"status": "not enough data", "year": ans.year, **r})
    return rows
