"""Values of the index as a dense cube (indicator x country x year) and the per-year pick.

The cube is built once per index; picking the values of one year is vectorised numpy, so
a weight change never touches pandas or SQL. Rule (docs/method.md, "Years"): per indicator,
the latest value in [year - window, year], never after the year, unless the user explicitly
allowed a later snapshot for that indicator (then marked ``later``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..data.rules import AtOrBefore, pick_cube


@dataclass
class Cube:
    indicators: list[str]          # I
    iso3: np.ndarray               # C
    years: np.ndarray              # Y, contiguous
    value: np.ndarray              # (I, C, Y) 0-100, NaN = missing
    raw: np.ndarray                # (I, C, Y) raw value as published

    @classmethod
    def from_values(cls, values: pd.DataFrame) -> "Cube":
        """``values``: columns iso3, indicator, year, raw_value, value (Index.values)."""
        inds = sorted(values["indicator"].unique())
        iso3 = np.array(sorted(values["iso3"].unique()), dtype=object)
        if len(values):
            years = np.arange(int(values["year"].min()), int(values["year"].max()) + 1)
        else:
            years = np.arange(0)
        value = np.full((len(inds), len(iso3), len(years)), np.nan)
        raw = value.copy()
        if len(values):
            ii = pd.Index(inds).get_indexer(values["indicator"])
            ci = pd.Index(iso3).get_indexer(values["iso3"])
            yi = values["year"].to_numpy(int) - years[0]
            value[ii, ci, yi] = values["value"].to_numpy(float)
            raw[ii, ci, yi] = values["raw_value"].to_numpy(float)
        return cls(inds, iso3, years, value, raw)

    def has(self, indicator: str) -> bool:
        return indicator in self._pos

    @property
    def _pos(self) -> dict[str, int]:
        if not hasattr(self, "_pos_cache"):
            self._pos_cache = {k: i for i, k in enumerate(self.indicators)}
        return self._pos_cache

    def years_of(self, indicator: str) -> list[int]:
        i = self._pos[indicator]
        have = np.isfinite(self.value[i]).any(axis=0)
        return self.years[have].tolist()


@dataclass
class Picked:
    """Values used for one year: rows = countries, columns = indicators."""

    year: int
    window: int
    indicators: list[str]
    iso3: np.ndarray
    value: np.ndarray      # (C, I)
    raw: np.ndarray        # (C, I)
    data_year: np.ndarray  # (C, I) int, -1 = missing
    later: np.ndarray      # (C, I) bool: taken from after the year (explicit exception)

    @property
    def present(self) -> np.ndarray:
        return np.isfinite(self.value)


def pick(cube: Cube, year: int, window: int, indicators: list[str],
         later_ok: set[str] | frozenset = frozenset()) -> Picked:
    """The year rule ``AtOrBefore(year, window)`` (explorer.data.rules) per country and
    indicator, with the explicit later-snapshot exception (see module doc)."""
    C, I = len(cube.iso3), len(indicators)
    have = [j for j, ind in enumerate(indicators) if cube.has(ind)]
    value = np.full((C, I), np.nan)
    raw = np.full((C, I), np.nan)
    data_year = np.full((C, I), -1, dtype=int)
    later = np.zeros((C, I), dtype=bool)
    if have:
        pos = [cube._pos[indicators[j]] for j in have]
        ok = np.array([indicators[j] in later_ok for j in have])
        v, r, y, lt = pick_cube(cube.value[pos], cube.raw[pos], cube.years, AtOrBefore(year, window), ok)
        value[:, have], raw[:, have], data_year[:, have], later[:, have] = v, r, y, lt
    return Picked(year, window, list(indicators), cube.iso3, value, raw, data_year, later)
