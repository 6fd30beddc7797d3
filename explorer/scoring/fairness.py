"""Does thin data pay? The audit of issue 10, as code so a test can hold the composite to it.

For the ranked countries that also have FIW total and V-Dem civil liberties in the window:
gap = composite rank - mean of the two source ranks (all ranks within that same set; negative
= the composite places the country better than two broad, near-universal rights measures do).
Two figures: the mean gap of countries missing every selected indicator of one publication
(e.g. no FOTN or no WJP value at all) minus the mean gap of fully covered countries, and the
Pearson r between the gap and log population. docs/method.md section 5b gives the numbers."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .composite import Engine, Result, rank_desc
from .panel import pick

REFERENCES = ("fiw_total", "vdem_civil_liberties")


def publication(indicator: str) -> str:
    """The publication an indicator id comes from: its prefix (fotn_, fiw_, wjp_, vdem_, pts_, rsf_)."""
    return indicator.split("_", 1)[0]


@dataclass
class ThinDataAudit:
    n: int                      # countries compared
    n_thin: int                 # missing a whole publication
    n_full: int                 # every selected indicator present
    gap_thin: float
    gap_full: float
    r_log_population: float
    frame: pd.DataFrame         # iso3, gap, thin, full, log_population

    @property
    def gap_difference(self) -> float:
        return self.gap_thin - self.gap_full

    def text(self) -> str:
        return (f"{self.n_thin} countries missing a whole publication rank on average "
                f"{-self.gap_thin:+.1f} places better than FIW/V-Dem place them, fully covered ones "
                f"({self.n_full}) {-self.gap_full:+.1f}: difference {self.gap_difference:+.1f} places; "
                f"r(gap, log population) = {self.r_log_population:+.2f} over {self.n} countries")


def audit(engine: Engine, res: Result) -> ThinDataAudit:
    prep = res.prepared
    year, window = prep.picked.year, prep.settings.window
    refs = pick(engine.cube, year, window, list(REFERENCES))
    ok = res.eligible & refs.present.all(axis=1)
    c = np.flatnonzero(ok)
    comp = rank_desc(res.score[c])
    ref_rank = np.mean([rank_desc(refs.value[c, j]) for j in range(len(REFERENCES))], axis=0)
    gap = comp - ref_rank
    present = prep.picked.present[c]  # observed values only: estimated ones do not count as data
    pubs = sorted({publication(i) for i in prep.indicators})
    missing_pub = np.zeros(len(c), dtype=bool)
    for p in pubs:
        cols = [j for j, i in enumerate(prep.indicators) if publication(i) == p]
        missing_pub |= ~present[:, cols].any(axis=1)
    full = present.all(axis=1)
    pop = engine.index.population
    pop = pop[pop["year"] <= year].sort_values("year").groupby("iso3")["population"].last()
    logpop = np.log(pop.reindex(prep.picked.iso3[c]).to_numpy(float))
    fin = np.isfinite(logpop)
    r = float(np.corrcoef(gap[fin], logpop[fin])[0, 1]) if fin.sum() > 2 else float("nan")
    frame = pd.DataFrame({"iso3": prep.picked.iso3[c], "gap": gap, "thin": missing_pub, "full": full,
                          "log_population": logpop})
    return ThinDataAudit(len(c), int(missing_pub.sum()), int(full.sum()),
                         float(gap[missing_pub].mean()) if missing_pub.any() else float("nan"),
                         float(gap[full].mean()) if full.any() else float("nan"), r, frame)
