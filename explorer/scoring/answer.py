"""One answer to "which country persecutes its citizens the least?": ranked table with
robustness, the countries without enough data, notes, headline and caveats. The CLI and the
window both call ``answer`` (the window in two steps: ``score`` now, robustness in a thread)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..catalogue import PILLAR_IDS
from . import defaults as D
from .composite import Engine, Result, Settings
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


def build(engine: Engine, res: Result, robust: Robustness | None = None) -> Answer:
    table = engine.table(res)
    flags = disagreement_flags(engine, res)
    table["sources_disagree"] = table["iso3"].map(flags).fillna("")
    if robust is not None:
        table = table.merge(robust.summary(), on="iso3", how="left")
    return Answer(res, table, engine.excluded(res), list(res.prepared.notes), robust)


def with_robustness(ans: Answer, robust: Robustness) -> Answer:
    """The same answer with the robustness columns (no recomputation of the rest)."""
    table = ans.table.merge(robust.summary(), on="iso3", how="left")
    return Answer(ans.result, table, ans.excluded, ans.notes, robust, ans.caveats)


def answer(engine: Engine, st: Settings, with_robustness: bool = True, draws: int = D.MC_DRAWS,
           seed: int = D.MC_SEED) -> Answer:
    res = engine.run(st)
    return build(engine, res, robustness(res, draws=draws, seed=seed) if with_robustness else None)


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
    s = (f"In {ans.year}{f' (data from {span})' if up_front else ''}, with {weights_label(st.pillar_weights)}, "
         f"the least persecuting countries{where} are {names} (of {len(t)} ranked")
    if lo is not None and not up_front and (lo, hi) != (ans.year, ans.year):
        s += f", data from {span}"
    s += f"; {len(ans.excluded)} without enough data)" if len(ans.excluded) else ")"
    if ans.robust is not None and len(top):
        first = top.iloc[0]
        share = float(ans.robust.top_share(k)[np.flatnonzero(ans.robust.iso3 == first["iso3"])[0]])
        s += f"; {first['country']} is in the top {k} in {share:.0%} of {ans.robust.draws:,} weightings."
    else:
        s += "; robustness is being computed."
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
        r["values"] = {ind: ({"value": float(prep.picked.value[c, j]), "raw_value": float(prep.picked.raw[c, j]),
                              "year": int(prep.picked.data_year[c, j]),
                              **({"later_snapshot": True} if prep.picked.later[c, j] else {})}
                             if prep.picked.present[c, j] else None)
                       for j, ind in enumerate(prep.indicators)}
        rows.append(r)
    for r in ans.excluded.to_dict("records"):
        rows.append({"status": "not enough data", "year": ans.year, **r})
    return rows
