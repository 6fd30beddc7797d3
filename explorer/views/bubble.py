"""The bubble chart's data (Gapminder-style), from the Panel: two indicators in raw units for
one year (rule ``Exact`` for both: a country needs both values of that very year), bubble
size from the population of that year, colour from the UN region, and trails (the path of a
country over the years up to the shown one, where it had both values).

Missing is missing: a country without a population for the year keeps its place with an
unknown size (``population`` NaN), never a size carried from another year.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..data.panel import Panel

COLUMNS = ["iso3", "name", "region", "year", "x", "y", "population"]


class BubbleData:
    def __init__(self, panel: Panel):
        self.panel = panel
        self._pop: dict[tuple[str, int], float] | None = None
        self._pairs: dict[tuple[str, str], pd.DataFrame] = {}

    def population(self) -> dict[tuple[str, int], float]:
        if self._pop is None:
            self._pop = self.panel.population_of()
        return self._pop

    def pairs(self, ind_x: str, ind_y: str) -> pd.DataFrame:
        """Every (country, year) with both raw values, cached per pair (a timeline replays it)."""
        key = (ind_x, ind_y)
        if key not in self._pairs:
            v = self.panel.values
            a = v.loc[v["indicator"] == ind_x, ["iso3", "year", "raw_value"]].rename(columns={"raw_value": "x"})
            b = v.loc[v["indicator"] == ind_y, ["iso3", "year", "raw_value"]].rename(columns={"raw_value": "y"})
            df = a.merge(b, on=["iso3", "year"]).dropna(subset=["x", "y"])
            pop = self.population()
            df["population"] = [pop.get((i, int(y)), math.nan) for i, y in zip(df["iso3"], df["year"])]
            df["name"] = [self.panel.name(i) for i in df["iso3"]]
            df["region"] = [self.panel.region(i) for i in df["iso3"]]
            self._pairs[key] = df.sort_values(["iso3", "year"]).reset_index(drop=True)[COLUMNS]
        return self._pairs[key]

    def frame(self, ind_x: str, ind_y: str, year: int) -> pd.DataFrame:
        df = self.pairs(ind_x, ind_y)
        return df[df["year"] == int(year)].reset_index(drop=True)

    def years(self, ind_x: str, ind_y: str) -> list[int]:
        return sorted(set(self.pairs(ind_x, ind_y)["year"].astype(int)))

    def trail(self, ind_x: str, ind_y: str, iso3: str, year: int) -> pd.DataFrame:
        """The country's points up to ``year``; a year without both values breaks the trail."""
        df = self.pairs(ind_x, ind_y)
        return df[(df["iso3"] == iso3) & (df["year"] <= int(year))]


def sizes(population: np.ndarray, top: float, smallest: float = 8.0, largest: float = 70.0) -> np.ndarray:
    """Bubble diameters in pixels: area proportional to population (as Gapminder draws them),
    against one ``top`` population for every year, so a bubble grows only when its country does."""
    p = np.asarray(population, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = np.isfinite(p) & (p > 0)
    if ok.any() and top > 0:
        out[ok] = np.maximum(smallest, largest * np.sqrt(p[ok] / top))
    return out
