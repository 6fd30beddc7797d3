"""Comparitech "The world's most surveilled cities": public CCTV cameras in large cities.

The publisher counts cities, not countries. The country value is OUR derived number: all
listed cities' cameras over all their people, per 1,000 (a population-weighted mean), and
every row's note names the cities. In the 2025 update every Chinese city carries the same
national estimate that Comparitech spread over them; that is emitted as published, labelled
as a national estimate, never as a city aggregate.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import Indicator, Source
from ..errors import SourceError
from ._io import numbers, read_csv

CAMERAS = "# of CCTV Cameras"
# edition year -> (file, population column, published per-1,000 column)
EDITIONS = {
    2021: ("cctv_cities_2021.csv", "# of People", "# of CCTV Cameras per 1,000 People"),
    2025: ("cctv_cities_2025.csv", "Population (2025)", "# of cameras per 1,000 people"),
}
# (edition, iso3) whose rows all carry one national estimate instead of city counts (SOURCE.md).
NATIONAL_ESTIMATES = {(2025, "CHN")}

PROVENANCE = "transcription"  # tables copied out of Comparitech's web articles by third parties

SOURCE = Source(
    id="comparitech",
    short="Comparitech",
    publisher="Comparitech",
    name="The world's most surveilled cities (CCTV cameras per 1,000 people)",
    url="https://www.comparitech.com/vpn-privacy/the-worlds-most-surveilled-cities/",
    licence="© Comparitech; no open data licence found",
    licence_note="Article content © Comparitech; check Comparitech's reuse terms before redistribution.",
    citation="Comparitech (Paul Bischoff, Rebecca Moody), The world's most surveilled cities, 2021 and 2025 editions.",
    folder="comparitech",
    caveats=("City-level estimates of the 120-150 largest cities, mixing government and police-connected "
             "private cameras, taken from press reports of different years and often rounded guesses; the "
             "same city can differ tenfold between editions. Country values are derived by us from the "
             "listed cities only. Chinese cities in 2025 carry one national estimate. Illustrative, "
             "low confidence."),
)

INDICATORS = [
    Indicator(id="comparitech_cctv", source="comparitech", name="Public CCTV cameras per 1,000 people (largest cities)",
              short="CCTV per 1,000",
              description=("Public CCTV cameras per 1,000 people in the country's largest cities, from Comparitech's "
                           "city estimates. Derived by us: all listed cities' cameras divided by their combined "
                           "population, times 1,000. More cameras = more visual surveillance."),
              pillar="surveillance", unit="CCTV cameras per 1,000 people (listed cities)", scale="log",
              higher_is_better=False, raw_min=0, raw_max=None,
              edition="Comparitech 2021 edition and 2025 update; data year = edition year",
              caveat=("Derived from a few big cities only (the note names them); city counts are rough press "
                      "estimates. China 2025 is Comparitech's national estimate, not city data."),
              derived=True),
]


def _number(df: pd.DataFrame, col: str, path: Path) -> pd.Series:
    """Numbers that may be written with thousands separators ("1,150,000")."""
    return numbers(df.assign(**{col: df[col].str.replace(",", "", regex=False)}), col, path)


def _edition(path: Path, year: int, pop_col: str, rate_col: str, h, spread_is_national: bool = False) -> pd.DataFrame:
    """One edition's country values. ``spread_is_national`` (a new edition, brought in with
    ``explorer import``): a country whose cities all carry one rate is read as a national
    estimate spread over them, as Comparitech did for China in 2025."""
    df = read_csv(path, ["City", "Country", "iso3", CAMERAS, pop_col, rate_col])
    df["iso3"] = h.resolve_column(df, SOURCE.id, path, "Country", "iso3")
    df["cameras"], df["people"] = _number(df, CAMERAS, path), _number(df, pop_col, path)
    df["rate"] = _number(df, rate_col, path)
    df["City"] = df["City"].str.strip()
    rows = []
    for iso3, g in df[df["iso3"].notna()].groupby("iso3", sort=True):
        if g[["cameras", "people"]].isna().any().any():
            bad = g[g[["cameras", "people"]].isna().any(axis=1)].iloc[0]
            raise SourceError(path, f"{bad['City']}: camera count or population missing", int(bad["_line"]))
        names = ", ".join(g["City"])
        spread = spread_is_national and len(g) > 1 and g["rate"].nunique() == 1
        if (year, iso3) in NATIONAL_ESTIMATES or spread:
            if g["rate"].nunique() != 1:
                raise SourceError(path, f"{iso3}: expected one national estimate on every row, found "
                                  f"{g['rate'].nunique()} different rates", int(g["_line"].iloc[0]))
            value = g["rate"].iloc[0]
            note = (f"Comparitech's national estimate for the whole country, spread evenly over all {len(g)} "
                    f"listed cities; not an aggregate of city counts")
        else:
            value = g["cameras"].sum() / g["people"].sum() * 1000
            note = (f"derived: {len(g)} {'city' if len(g) == 1 else 'cities'} ({names}); "
                    f"sum of cameras / sum of population x 1,000")
        rows.append({"iso3": iso3, "year": year, "raw_value": value, "note": note, "line": int(g["_line"].min())})
    return pd.DataFrame(rows, columns=["iso3", "year", "raw_value", "note", "line"])


def read(raw: Path, h):
    from . import Readout

    out = Readout()
    for year, (file, pop_col, rate_col) in EDITIONS.items():
        path = raw / SOURCE.folder / file
        out.add(_edition(path, year, pop_col, rate_col, h), indicator="comparitech_cctv",
                edition=f"Comparitech {year}", provenance=PROVENANCE, file=str(path))
    return out
