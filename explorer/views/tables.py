"""The CLI's tables, from the Panel: one indicator's ranking for a year and one country's
values on every indicator. Year rule: ``Exact(year)``, or ``Latest()`` without a year."""

from __future__ import annotations

from ..data.rules import Exact, Latest, pick_position


def ranking(panel, indicator: str, year: int):
    """Countries with a value for ``indicator`` in exactly ``year``, best first: every
    observation column, short_name, region, rank (ties share the best) and of."""
    rows = panel.rows_at(indicator, year)  # in the index's row order
    df = panel.observations.iloc[rows].copy()
    df["rank"] = panel.ranks(rows)
    df = df.join(panel.countries[["short_name", "region"]], on="iso3")
    df = df.sort_values(["value", "short_name"], ascending=[False, True])
    df["of"] = len(df)
    cols = [c for c in df.columns if c not in ("rank", "of")] + ["rank", "of"]
    return df[cols].reset_index(drop=True)


def country_profile(panel, iso3: str, year: int | None = None):
    """One row per indicator: the value of ``year`` (or the latest), with its data year, or
    none; ``latest_year`` says when the latest value is from."""
    import pandas as pd

    rows_by_ind: dict[str, list[int]] = {}
    for r, i in zip(panel.rows_of(iso3).tolist(), panel.ind_code[panel.rows_of(iso3)].tolist()):
        rows_by_ind.setdefault(panel.indicator_ids[i], []).append(r)
    edition, note, prov = panel.column("edition"), panel.column("note"), panel.column("provenance")
    extra = {k: panel.column(k) for k in ("lower", "upper", "raw_sd")}
    rule = Latest() if year is None else Exact(int(year))
    out = []
    for ind_id, ind in panel.indicator_meta.items():
        rows = rows_by_ind.get(ind_id, [])
        years = panel.year[rows].tolist() if rows else []
        k = pick_position(years, rule)
        row = {"indicator": ind_id, "pillar": ind["pillar"], "short": ind["short"],
               "source": ind["source"], "unit": ind["unit"], "direction": ind["direction"],
               "year": None, "raw_value": None, "value": None, "edition": None, "note": None,
               "provenance": None, "lower": None, "upper": None, "raw_sd": None,
               "latest_year": int(years[-1]) if years else None}
        if k is not None:
            r = rows[k]
            row.update(year=int(years[k]), raw_value=float(panel.raw[r]), value=float(panel.value[r]),
                       edition=edition[r], note=note[r], provenance=prov[r],
                       **{c: (None if v[r] is None or v[r] != v[r] else float(v[r])) for c, v in extra.items()})
        out.append(row)
    return pd.DataFrame(out)
