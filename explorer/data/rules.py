"""Named rules for "the value for a year", in one place. Every view says which one it uses
(docs/method.md, "Year rules"):

- ``Exact(year)``: that year's value or nothing. Cards, ranking, map, scatter, country list,
  CLI ``show --year`` and ``rank``. When the year has no data, the view says so and offers
  ``nearest_year``; it never moves the year by itself.
- ``AtOrBefore(year, window)``: the latest value in [year - window, year], never a later one;
  each value keeps its own data year. The composite answer and the profile (the same window
  as the answer, so the profile shows what the answer uses).
- ``Latest()``: the latest value there is (a card with no year chosen, ``show`` without
  ``--year``).

Nothing here fills a gap: a value from another year is returned with that year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Exact:
    year: int

    def describe(self) -> str:
        return f"the value of {self.year} only"


@dataclass(frozen=True)
class AtOrBefore:
    year: int
    window: int

    def __post_init__(self):
        if self.window < 0:
            raise ValueError("the window is 0 (same year only) or more years")

    def describe(self) -> str:
        if self.window == 0:
            return f"the value of {self.year} only"
        return f"the latest value from {self.year - self.window} to {self.year}, never later"


@dataclass(frozen=True)
class Latest:
    def describe(self) -> str:
        return "the latest value there is"


Rule = Exact | AtOrBefore | Latest


def pick_position(years: list[int] | np.ndarray, rule: Rule) -> int | None:
    """Position in ``years`` (ascending, one country's series) of the value ``rule`` takes."""
    if len(years) == 0:
        return None
    if isinstance(rule, Latest):
        return len(years) - 1
    ys = np.asarray(years)
    lo = rule.year if isinstance(rule, Exact) else rule.year - rule.window
    k = int(np.searchsorted(ys, rule.year, side="right")) - 1  # last year <= rule.year
    return k if k >= 0 and ys[k] >= lo else None


def nearest_year(years: list[int], year: int | None) -> int | None:
    """The year with data closest to ``year`` (the earlier one on a tie); None without data."""
    if not years:
        return None
    if year is None:
        return years[-1]
    return min(years, key=lambda y: (abs(y - year), y > year))


def pick_cube(value: np.ndarray, raw: np.ndarray, years: np.ndarray, rule: AtOrBefore,
              later_ok: np.ndarray | None = None):
    """``AtOrBefore`` over a dense (indicator, country, year) cube at once, for the composite.
    ``later_ok[i]`` lets indicator i fall back to its earliest value after the year (an explicit
    user choice, marked ``later``). Returns (value, raw, data_year, later), each (country, indicator)."""
    I, C = value.shape[0], value.shape[1]
    out_v = np.full((C, I), np.nan)
    out_r = np.full((C, I), np.nan)
    data_year = np.full((C, I), -1, dtype=int)
    later = np.zeros((C, I), dtype=bool)
    if not len(years):
        return out_v, out_r, data_year, later
    y0 = int(years[0])
    # latest first (the first year filled is kept), only over years the cube has: a huge
    # window costs no more than the cube's span
    y_last = int(years[-1])
    for y in range(min(rule.year, y_last), max(rule.year - rule.window, y0) - 1, -1):
        k = y - y0
        fill = np.isnan(out_v) & np.isfinite(value[:, :, k].T)
        out_v[fill] = value[:, :, k].T[fill]
        out_r[fill] = raw[:, :, k].T[fill]
        data_year[fill] = y
        if not np.isnan(out_v).any():
            break
    if later_ok is not None and later_ok.any():
        for y in range(max(rule.year + 1, y0), int(years[-1]) + 1):  # earliest later first
            k = y - y0
            fill = np.isnan(out_v) & np.isfinite(value[:, :, k].T) & later_ok[None, :]
            out_v[fill] = value[:, :, k].T[fill]
            out_r[fill] = raw[:, :, k].T[fill]
            data_year[fill] = y
            later[fill] = True
    return out_v, out_r, data_year, later
