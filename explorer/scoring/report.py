"""What an exported answer says besides the ranking: the settings in words, the data years of
each row, the sources used with their citation and licence, and the CSV file. Qt-free: the
window's CSV export and the PDF brief (explorer/ui/brief.py) both take their text from here."""

from __future__ import annotations

import io
import math

import pandas as pd

from ..catalogue import PILLAR_IDS
from ..csvsafe import to_csv_text
from . import defaults as D
from .answer import Answer, headline, indicator_weights_label, weights_label

METHOD_TEXT = (
    "Each indicator is put on a 0-100 scale where 100 = least persecution; each country's score is the "
    "weighted mean of five pillar scores (surveillance, digital rights, legal privacy protection, physical "
    "integrity, civic and press freedom), each the mean of that pillar's indicators the country has. "
    f"A country is ranked only with data in enough pillars and indicators, and the rank range shows how the "
    f"rank moves over 10,000+ scenarios that vary every modelling choice together (weights, aggregation, "
    "normalisation, window, sources, estimation of missing values, measurement error). Missing values of "
    "ranked countries are estimated from their other values (EM) and marked 'estimated'.")


def data_years(row) -> str:
    """'2021–2024' (or '2024'), '+ later' when a snapshot from after the year was allowed."""
    lo, hi = int(row["oldest_year"]), int(row["newest_year"])
    s = f"{lo}" if lo == hi else f"{lo}–{hi}"
    return s + (" + later" if row.get("later_snapshot") else "")


def settings_lines(ans: Answer) -> list[tuple[str, str]]:
    """(label, text) pairs that let a reader reproduce the answer."""
    st = ans.settings
    w = ", ".join(f"{p} {float(st.pillar_weights.get(p, 0)):g}" for p in PILLAR_IDS)
    out = [
        ("Year", f"{ans.year}" + (f", ranked within {st.region}" if st.region else ", all regions")),
        ("Window", f"each indicator's latest value in {ans.year - st.window}–{ans.year} "
                   f"({st.window} year(s) back), never a later year"
                   + (f" except the snapshot(s) allowed: {', '.join(sorted(st.later_ok))}" if st.later_ok else "")),
        ("Weights", f"{weights_label(st.pillar_weights).split(' (')[0]}: {w}"
                    + (f"; {indicator_weights_label(st)}" if indicator_weights_label(st) else "")),
        ("Method", f"{st.method} mean of the pillar scores"),
        ("Coverage rule", f"ranked with data in at least {st.min_pillars} of 5 pillars and "
                          f"{st.min_share:.0%} of the selected indicators"),
        ("Robustness", (f"{ans.robust.draws:,} scenarios over every modelling choice ({', '.join(ans.robust.ua.factors)}), "
                        f"Saltelli/Sobol sampling, seed {D.MC_SEED}" if ans.robust is not None and ans.robust.full else
                        f"{D.MC_DRAWS:,} weightings, each pillar weight ±{D.MC_SPREAD:.0%}, seed {D.MC_SEED}")
                       + "; rank range = 5th–95th percentile"),
        ("Missing values", "estimated from the country's other values (EM, conditional mean) and marked 'estimated'"
                           if st.impute else "not estimated: each pillar is the mean of the values a country has"),
        ("Indicators", ", ".join(ans.result.prepared.indicators)),
    ]
    return out


def sources_used(ans: Answer, index) -> pd.DataFrame:
    """One row per publisher whose indicators the answer uses: name, publisher, licence, citation, url."""
    ind = index.indicators
    ids = [i for i in ans.result.prepared.indicators if i in ind.index]
    src_ids = list(dict.fromkeys(ind.loc[ids, "source"]))
    src = index.sources.loc[[s for s in src_ids if s in index.sources.index]]
    cols = [c for c in ("name", "publisher", "licence", "citation", "url") if c in src.columns]
    out = src[cols].copy()
    # names a reader knows for the text; the ids (the CSV's column names) beside them
    out["indicators"] = [", ".join(_label(ind, i) for i in ids if ind.at[i, "source"] == s) for s in out.index]
    out["indicators_with_ids"] = [", ".join(f"{_label(ind, i)} [{i}]" for i in ids if ind.at[i, "source"] == s)
                                  for s in out.index]
    return out.fillna("")


def _label(ind: pd.DataFrame, i: str) -> str:
    for col in ("short", "name"):
        if col in ind.columns and isinstance(ind.at[i, col], str) and ind.at[i, col].strip():
            return ind.at[i, col]
    return i


def ranking_frame(ans: Answer) -> pd.DataFrame:
    """Ranked countries then 'not enough data' rows, with rank range, P(top k), pillar scores,
    data years, and each indicator's 0-100 value and data year."""
    t = ans.table
    prep = ans.result.prepared
    p = prep.picked
    row_of = {c: i for i, c in enumerate(p.iso3)}
    k = f"p_top{D.TOP_K}"
    rows = []
    for r in t.to_dict("records"):
        c = row_of[r["iso3"]]
        has = "rank_lo" in r and not _nan(r["rank_lo"])
        d = {"status": "ranked", "rank": int(r["rank"]), "iso3": r["iso3"], "country": r["country"],
             "region": r["region"], "score": round(float(r["score"]), 2),
             "rank_5pct": int(r["rank_lo"]) if has else None, "rank_95pct": int(r["rank_hi"]) if has else None,
             k: round(float(r[k]), 3) if has else None,
             "median_rank": float(r["median_rank"]) if has else None,
             **{f"pillar_{q}": None if _nan(r[q]) else round(float(r[q]), 2) for q in PILLAR_IDS},
             "data_years": data_years(r), "n_indicators": int(r["n_indicators"]),
             "sources_disagree": r.get("sources_disagree", ""),
             "rank_without_one_indicator": f"{int(r['loo_lo'])}–{int(r['loo_hi'])}" if has else None,
             "what_drives_the_rank": r.get("drivers", "") if has else "",
             "thin_data": r.get("thin_data", ""), "estimated": r.get("estimated", ""),
             "not_enough_data_because": ""}
        for j, ind in enumerate(prep.indicators):
            present = bool(p.present[c, j])
            est = ans.result.estimated is not None and bool(ans.result.estimated[c, j])
            d[ind] = round(float(p.value[c, j]), 2) if present else round(float(ans.result.V[c, j]), 2) if est else None
            d[f"{ind}_year"] = (str(int(p.data_year[c, j])) + (" later" if p.later[c, j] else "")) if present \
                else "estimated" if est else ""
        rows.append(d)
    for r in ans.excluded.to_dict("records"):
        rows.append({"status": "not enough data", "iso3": r["iso3"], "country": r["country"],
                     "region": r["region"], "n_indicators": int(r["n_indicators"]),
                     "not_enough_data_because": r["missing"]})
    cols = list(rows[0]) if rows else []
    df = pd.DataFrame(rows, columns=cols)
    # whole numbers stay whole in the CSV ('1', not '1.0'), though 'not enough data' rows leave them empty
    for col in ("rank", "rank_5pct", "rank_95pct", "n_indicators"):
        if col in df:
            df[col] = df[col].astype("Int64")
    return df


def csv_text(ans: Answer, index) -> str:
    """The ranking as CSV, preceded by '# ' lines: headline, settings, notes, scale, and the
    citation and licence of every source used (read back with pandas.read_csv(comment='#'))."""
    lines = ["Which country persecutes its citizens the least? Composite ranking (Country Privacy Explorer)",
             f"Headline: {headline(ans)}"]
    lines += [f"{k}: {v}" for k, v in settings_lines(ans)]
    lines += [f"Note: {n}" for n in ans.notes]
    lines += ["Scores 0-100, 100 = least persecution; data_years = years of the values used; "
              "<indicator>_year = the year each value comes from",
              "Sources used (cite each; licence as stated by the publisher):"]
    for _, s in sources_used(ans, index).iterrows():
        lines.append(f"Source: {s['name']} ({s.get('publisher', '')}). Licence: {s['licence']}. "
                     f"Citation: {s['citation']}. URL: {s.get('url', '')}. Indicators: {s['indicators_with_ids']}")
    lines += [f"Caveat: {c}" for c in ans.caveats]
    head = "".join("# " + ln.replace("\n", " ").replace("\r", " ") + "\n" for ln in lines)
    buf = io.StringIO()
    buf.write(to_csv_text(ranking_frame(ans), index=False, lineterminator="\n"))
    return head + buf.getvalue()


def _nan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))
