"""Validation against the publishers' own rankings: Spearman correlation between the composite
and each input index for the latest common year, and the countries whose composite rank
differs most from each source, with the pillar that explains the gap.

    python -m explorer.scoring.validation            # print the markdown table
    python -m explorer.scoring.validation --write    # also rewrite the section in docs/method.md
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from ..catalogue import PILLAR_IDS
from ..paths import PROJECT_ROOT
from .composite import Engine, Settings

MIN_COMMON = 50
START, END = "<!-- validation:start -->", "<!-- validation:end -->"
# Publishers' headline indices compared with the composite (those in the index are used).
REFERENCES = ["fiw_total", "fiw_civil_liberties", "rsf_score", "pts_mean", "vdem_physical_violence",
              "vdem_civil_liberties", "wjp_privacy", "fotn_total", "aigs_digital_repression", "fariss_hr_protection"]


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra, rb = pd.Series(a).rank().to_numpy(), pd.Series(b).rank().to_numpy()
    return float(np.corrcoef(ra, rb)[0, 1])


def compare(engine: Engine, ref: str, st: Settings | None = None) -> dict | None:
    """The composite against the reference's own values, in the latest year in which both
    exist for at least MIN_COMMON countries (the "latest common year")."""
    st = st or Settings()
    if not engine.cube.has(ref):
        return None
    for year in reversed(engine.cube.years_of(ref)):
        res = engine.run(st.with_(year=year), require_ranked=False)
        i, k = engine.cube._pos[ref], year - int(engine.cube.years[0])
        own = engine.cube.value[i, :, k]
        both = res.eligible & np.isfinite(own)
        if both.sum() >= min(MIN_COMMON, np.isfinite(own).sum()) and both.sum() >= 10:
            break
    else:
        return None
    comp, src = res.score[both], own[both]
    r_comp = pd.Series(comp).rank(ascending=False, method="min").to_numpy()
    r_src = pd.Series(src).rank(ascending=False, method="min").to_numpy()
    diff = r_comp - r_src
    rows = np.flatnonzero(both)
    # pillar percentile ranks among the same countries: which pillar pulls the composite away
    pct = {p: pd.Series(res.S[both, j]).rank(pct=True).to_numpy() for j, p in enumerate(PILLAR_IDS)}
    src_pct = pd.Series(src).rank(pct=True).to_numpy()
    biggest = []
    for k2 in np.argsort(-np.abs(diff))[:3]:
        gaps = {p: pct[p][k2] - src_pct[k2] for p in PILLAR_IDS if np.isfinite(res.S[rows[k2], PILLAR_IDS.index(p)])}
        # composite better than the source (diff < 0): the pillar most above the source's position
        pil = max(gaps, key=gaps.get) if diff[k2] < 0 else min(gaps, key=gaps.get)
        biggest.append({"iso3": engine.cube.iso3[rows[k2]], "country": engine.names[rows[k2]],
                        "composite_rank": int(r_comp[k2]), "source_rank": int(r_src[k2]), "pillar": pil,
                        "pillar_score": float(res.S[rows[k2], PILLAR_IDS.index(pil)])})
    return {"indicator": ref, "short": engine.short(ref), "in_composite": ref in res.prepared.indicators,
            "year": year, "n": int(both.sum()), "rho": spearman(comp, src), "biggest": biggest}


def table(engine: Engine, st: Settings | None = None) -> list[dict]:
    return [c for c in (compare(engine, r, st) for r in REFERENCES) if c]


def markdown(engine: Engine, st: Settings | None = None) -> str:
    rows = table(engine, st)
    st0 = st or Settings()
    year = engine.default_year(st0)
    counts = {y: int(engine.run(st0.with_(year=y), require_ranked=False).eligible.sum())
              for y in range(year - 6, int(engine.cube.years[-1]) + 1)}
    res = engine.run(st0.with_(year=year))
    out = [f"Default year {year}: {int(res.eligible.sum())} countries ranked, "
           f"{len(engine.excluded(res))} with some data listed as 'not enough data'. Countries ranked per year "
           "with the default settings: " + ", ".join(f"{y} {n}" for y, n in counts.items()) + ".", "",
           f"Indicators in the default composite for {year}: " + ", ".join(f"`{i}`" for i in res.prepared.indicators)
           + (f" (notes: {'; '.join(res.prepared.notes)})" if res.prepared.notes else "") + ".", "",
           ] + [f"Default settings (equal weights, window 3, coverage 4 pillars / 65%); index content "
           f"{engine.index.meta.get('content_sha256', '?')[:12]}. "
           "Regenerate with `python -m explorer.scoring.validation --write`.", "",
           "| source indicator | in composite? | year | countries | Spearman rho | largest rank differences (composite vs source; pillar that explains it) |",
           "|---|---|---|---|---|---|"]
    for r in rows:
        big = "; ".join(f"{b['country']} {b['composite_rank']} vs {b['source_rank']} ({b['pillar']} {b['pillar_score']:.0f})"
                        for b in r["biggest"])
        out.append(f"| {r['short']} (`{r['indicator']}`) | {'yes' if r['in_composite'] else 'no'} | {r['year']} | "
                   f"{r['n']} | {r['rho']:.2f} | {big} |")
    return "\n".join(out)


def write(doc: Path, text: str, start: str = START, end: str = END) -> None:
    s = doc.read_text()
    a, b = s.index(start) + len(start), s.index(end)
    from ..export import atomic_write_text
    atomic_write_text(doc, s[:a] + "\n" + text + "\n" + s[b:])


def main(argv: list[str] | None = None) -> int:
    from ..store import Index
    argv = sys.argv[1:] if argv is None else argv
    md = markdown(Engine(Index()))
    print(md)
    from . import coherence
    eng = Engine(Index())
    coh = coherence.markdown(coherence.audit(eng, eng.run(Settings())))
    print(coh)
    if "--write" in argv:
        write(PROJECT_ROOT / "docs" / "method.md", md)
        write(PROJECT_ROOT / "docs" / "method.md", coh, "<!-- coherence:start -->", "<!-- coherence:end -->")
    return 0


if __name__ == "__main__":
    sys.exit(main())
