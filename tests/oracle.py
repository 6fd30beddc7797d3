"""Independent answers from the index's own SQLite frames (pandas, not the Panel), for tests
to check the views against."""

from __future__ import annotations


def ranking(ix, indicator: str, year: int):
    """Countries with a value in ``year``, best first: rank (ties share the best, pandas 'min')."""
    obs = ix.observations
    df = obs[(obs["indicator"] == indicator) & (obs["year"] == year)].copy()
    df = df.join(ix.countries[["short_name", "region"]], on="iso3")
    df = df.sort_values(["value", "short_name"], ascending=[False, True])
    df["rank"] = df["value"].rank(ascending=False, method="min").astype(int)
    df["of"] = len(df)
    return df.reset_index(drop=True)


def gap_reason(ix, iso3: str, indicator: str, year: int):
    m = ix.missing
    hit = m[(m["iso3"] == iso3) & (m["indicator"] == indicator) & (m["year"] == year)]
    return hit["reason"].iloc[0] if len(hit) else None
