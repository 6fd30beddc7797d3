"""The data each chart plots, prepared from an ``Index`` without Qt.

Charts never query: they ask a ``ChartData`` for a small frame and draw it. Frames per
indicator (values joined to region, medians per year) are cached, so switching the focused
country or the selection only filters cached frames (the 50 ms focus-switch budget).

Missing is missing: nothing here fills a gap. When a view must show another year than the
one asked for, the frame carries that year so the chart can say which.
"""

from __future__ import annotations

from dataclasses import dataclass
import re

from typing import TYPE_CHECKING

import numpy as np

from ..errors import IndexUnavailable
from ..data.arrays import distinct, runs
from ..data.panel import Panel
from ..data.rank import min_rank
from ..data.rules import AtOrBefore, nearest_year, pick_position

if TYPE_CHECKING:  # pandas is imported where a frame is asked for: never on the start-up path
    import pandas as pd

WORLD = "World"
# The composite's year window (explorer.scoring.defaults.DEFAULT_WINDOW): the profile and the
# scatter show what the answer would use, each value with its own year.
WINDOW = 3


@dataclass(frozen=True)
class IndicatorInfo:
    """What an axis needs to say about an indicator."""
    id: str
    short: str
    name: str
    unit: str
    higher_is_better: bool
    source: str
    levels: tuple[str, ...]
    scale: str = ""
    raw_min: float | None = None
    raw_max: float | None = None
    publisher: str = ""  # the source's short publisher name, for titles

    @property
    def floor(self) -> float | None:
        """The lowest value a bounded scale can take (a bar's natural base), else None:
        latent and log scales have no floor worth starting an axis at."""
        return self.raw_min if self.scale == "bounded" and self.raw_min is not None else None

    @property
    def direction(self) -> str:
        return "higher = better" if self.higher_is_better else "higher = worse"

    @property
    def raw_axis(self) -> str:
        """Axis label in raw units, with the direction stated (short enough for an axis)."""
        return self.axis_label()

    def axis_label(self, suffix: str = "", limit: int = 72) -> str:
        """``short: unit (direction)`` + suffix; a long unit loses its bracketed detail."""
        unit = "level" if self.levels else self.unit
        label = f"{self.short}: {unit} ({self.direction}){suffix}"
        if len(label) > limit and " (" in unit:
            label = f"{self.short}: {unit.split(' (')[0]} ({self.direction}){suffix}"
        return label


NORMALISED_AXIS = "Normalised score 0-100 (100 = least persecution)"
CONTEXT_HEADING = "Context (not scored)"


def _nanmedian(a: np.ndarray) -> float:
    """The median of the finite values (pandas' rule), NaN when there are none."""
    a = a[~np.isnan(a)]
    return float(np.median(a)) if len(a) else float("nan")


def _number(x) -> float | None:
    """A metadata number, or None for NULL / NaN."""
    if x is None:
        return None
    x = float(x)
    return None if x != x else x


def short_publisher(publisher: str, source_id: str = "") -> str:
    """A publisher name short enough for a chart title: "UN Trade and Development (UNCTAD)"
    -> "UNCTAD", "V-Dem Institute, University of Gothenburg" -> "V-Dem Institute",
    "A. Fariss, B. Kenwick and C. Reuning (via ...)" -> "Fariss et al."."""
    text = " ".join(str(publisher or "").split())
    if not text:
        return source_id
    bracket = re.search(r"\(([^()]*)\)\s*$", text)
    if bracket:
        inner = bracket.group(1).strip()
        if re.fullmatch(r"[A-Z][A-Z0-9&-]{1,9}", inner):  # an acronym is the short name
            return inner
        text = text[:bracket.start()].strip()
    if "," in text:
        first, rest = text.split(",", 1)
        # A list of people: cite the first author's surname.
        return f"{first.split()[-1]} et al." if " and " in rest else first.strip()
    return text


class ChartData:
    """Cached, Qt-free preparation of every chart's data from the Panel.

    The first chart a window paints (over time) and a focus switch read numpy arrays
    (``series``, ``median_arrays``); the other views and the CSV exports get pandas frames,
    built on first use so that pandas stays off the start-up path."""

    def __init__(self, panel: Panel):
        self.panel = panel
        self.index = panel  # the Panel's Index-compatible frames (indicators, values, ...)
        # Per-indicator caches; plain dicts, cleared with the ChartData (one per index).
        self._frames: dict[str, pd.DataFrame] = {}
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # indicator -> (rows, iso bounds)
        self._median_arrays: dict[tuple[str, str], dict[str, np.ndarray]] = {}
        self._medians: dict[str, pd.DataFrame] = {}
        self._by_country: dict[str, pd.DataFrame] | None = None
        self._median_lookup: dict[tuple[str, str, int], float] | None = None
        self._infos: dict[str, IndicatorInfo] = {}
        self._extent: dict[str, tuple[float, float]] = {}
        self._profile_rows: pd.DataFrame | None = None
        self._map_shapes: pd.DataFrame | None = None

    # ---- lookups (the Panel's metadata dicts: no frame needed) ------------------------------
    @property
    def _names(self) -> "pd.Series":
        """iso3 -> short name, for mapping a frame's column (pandas paths only)."""
        return self.index.countries["short_name"]

    @property
    def _region(self) -> "pd.Series":
        return self.index.countries["region"]

    def info(self, indicator: str) -> IndicatorInfo:
        info = self._infos.get(indicator)
        if info is None:
            row = self.panel.indicator_meta[indicator]
            levels = tuple(x for x in str(row.get("levels") or "").split("|") if x)
            lo, hi = _number(row.get("raw_min")), _number(row.get("raw_max"))
            info = IndicatorInfo(indicator, row["short"], row["name"], row["unit"],
                                 bool(row["higher_is_better"]), row["source"], levels,
                                 str(row.get("scale") or ""), lo, hi, self.publisher(row["source"]))
            self._infos[indicator] = info
        return info

    def publisher(self, source: str) -> str:
        """The source's publisher as a chart title names it (e.g. "Freedom House")."""
        src = self.panel.source_meta.get(source)
        if src is not None and "publisher" in src:
            return short_publisher(src["publisher"], source)
        return source

    def name(self, iso3: str) -> str:
        return self.panel.name(iso3)

    def region_of(self, iso3: str | None) -> str | None:
        return self.panel.region(iso3)

    def citation(self, indicators: list[str]) -> str:
        """One citation line for the sources of ``indicators`` (for CSV exports)."""
        inds, srcs = self.panel.indicator_meta, self.panel.source_meta
        src_ids = list(dict.fromkeys(inds[i]["source"] for i in indicators if i in inds))
        parts = []
        for s in src_ids:
            if s in srcs:
                parts.append(f"{srcs[s]['citation']} Licence: {srcs[s]['licence']}.")
            else:
                parts.append(s)
        return " | ".join(parts)

    def years(self, indicator: str) -> list[int]:
        return self.panel.years(indicator)

    def has(self, indicator: str | None) -> bool:
        return bool(indicator) and indicator in self.panel.indicator_meta

    def exact_year(self, indicator: str, year: int | None) -> tuple[int | None, int | None]:
        """Rule ``Exact`` for the one-year charts (ranking, map, scatter): (year, None) when the
        indicator has data that year, else (None, the nearest year with data or None)."""
        ys = self.years(indicator)
        if year is not None and year in ys:
            return year, None
        return None, nearest_year(ys, year)

    def data_year(self, indicator: str, year: int | None, window: int = WINDOW) -> int | None:
        """Rule ``AtOrBefore(year, window)`` for a whole indicator (the scatter's axes): the
        latest year in [year - window, year] with data, never a later one; ``None`` when
        there is none (the view then says so). No year asked: the latest year."""
        ys = self.years(indicator)
        if not ys:
            return None
        if year is None:
            return ys[-1]
        k = pick_position(ys, AtOrBefore(int(year), window))
        return None if k is None else ys[k]

    # ---- arrays for the first chart and the focus switch (no pandas) ----------------------
    def series(self, indicator: str, iso3: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(years, raw values, 0-100 values) of one country's observations, by year; empty
        arrays when it has none. The same rows as ``frame`` has for the country."""
        rows, where = self.panel.series_rows(indicator)
        a, b = where.get(iso3, (0, 0))
        r = rows[a:b]
        p = self.panel
        return p.year[r].astype(np.int64), p.raw[r].astype(float), p.value[r].astype(float)

    def observed(self, indicator: str, year: int | None = None) -> set[str]:
        """Countries with a row for ``indicator`` (in ``year`` if given)."""
        rows, where = self.panel.series_rows(indicator)
        if year is None:
            return set(where)
        hit = rows[self.panel.year[rows] == year]
        return set(self.panel.iso_of(hit).tolist())

    def median_arrays(self, indicator: str, group: str) -> dict[str, np.ndarray]:
        """year, raw_value, value, n of one group's median per year (a region or WORLD), as
        ``medians`` has them: NaN skipped, ``n`` the countries with a row that year."""
        key = (indicator, group)
        got = self._median_arrays.get(key)
        if got is None:
            p = self.panel
            rows, _ = p.series_rows(indicator)
            if group != WORLD:
                region = np.array([p.region(c) == group for c in p.iso3s], dtype=bool)
                rows = rows[region[p.iso_code[rows]]] if len(region) else rows[:0]
            years = p.year[rows]
            order = np.argsort(years, kind="stable")
            rows, years = rows[order], years[order]
            ys, starts = runs(years)
            ends = np.r_[starts[1:], len(rows)].astype(np.int64)
            raw, val = np.full(len(ys), np.nan), np.full(len(ys), np.nan)
            n = np.zeros(len(ys), dtype=np.int64)
            for k, (a, b) in enumerate(zip(starts.tolist(), ends.tolist())):
                g = rows[a:b]
                raw[k], val[k] = _nanmedian(p.raw[g].astype(float)), _nanmedian(p.value[g].astype(float))
                n[k] = len(distinct(p.iso_code[g]))
            got = {"year": ys.astype(np.int64), "raw_value": raw, "value": val, "n": n}
            self._median_arrays[key] = got
        return got

    # ---- cached frames ------------------------------------------------------------------
    def frame(self, indicator: str) -> "pd.DataFrame":
        """iso3, year, raw_value, value, region for one indicator."""
        df = self._frames.get(indicator)
        if df is None:
            v = self.index.values
            df = v.loc[v["indicator"] == indicator, ["iso3", "year", "raw_value", "value"]].copy()
            df["region"] = df["iso3"].map(self._region)
            df = df.sort_values(["iso3", "year"]).reset_index(drop=True)
            self._frames[indicator] = df
        return df

    def medians(self, indicator: str) -> pd.DataFrame:
        """Median raw value and 0-100 value per (group, year); group is a region or WORLD.
        ``n`` counts the countries behind each median."""
        import pandas as pd
        med = self._medians.get(indicator)
        if med is None:
            df = self.frame(indicator)
            agg = {"raw_value": "median", "value": "median", "iso3": "nunique"}
            world = df.groupby("year").agg(agg).reset_index().assign(group=WORLD)
            regional = (df.dropna(subset=["region"]).groupby(["region", "year"]).agg(agg)
                        .reset_index().rename(columns={"region": "group"}))
            med = pd.concat([world, regional], ignore_index=True).rename(columns={"iso3": "n"})
            med = med.set_index(["group", "year"]).sort_index()
            self._medians[indicator] = med
        return med

    def extent(self, indicator: str) -> tuple[float, float] | None:
        """(min, max) raw value of ``indicator`` over all countries and years: a chart
        axis that keeps still while the selection or focus changes."""
        if indicator not in self._extent:
            raw = self.panel.raw[self.panel.series_rows(indicator)[0]].astype(float)
            raw = raw[~np.isnan(raw)]
            if len(raw):
                self._extent[indicator] = (float(raw.min()), float(raw.max()))
        return self._extent.get(indicator)

    def _country_frames(self) -> dict[str, pd.DataFrame]:
        if self._by_country is None:
            self._by_country = self._build_country_frames()
        return self._by_country

    def _build_country_frames(self) -> dict[str, pd.DataFrame]:
        v = self.index.values.sort_values(["iso3", "indicator", "year"])
        return {iso: g for iso, g in v.groupby("iso3")}

    def _medians_of_values(self) -> dict[tuple[str, str, int], float]:
        """(indicator, group, year) -> median 0-100 value, for every indicator at once."""
        if self._median_lookup is None:
            self._median_lookup = self._build_medians_of_values()
        return self._median_lookup

    def _build_medians_of_values(self) -> dict[tuple[str, str, int], float]:
        v = self.index.values[["indicator", "year", "value", "iso3"]].copy()
        v["region"] = v["iso3"].map(self._region)
        world = v.groupby(["indicator", "year"])["value"].median()
        lookup = {(i, WORLD, int(y)): float(m) for (i, y), m in world.items()}
        reg = v.dropna(subset=["region"]).groupby(["indicator", "region", "year"])["value"].median()
        lookup.update({(i, r, int(y)): float(m) for (i, r, y), m in reg.items()})
        return lookup

    def compute_warm(self, progress=None, cancel=None) -> dict:
        """The caches every focus switch needs, computed off the UI thread (a job); the UI
        thread installs them with ``install_warm``, so no cache is written from two threads."""
        return {"by_country": self._by_country if self._by_country is not None else self._build_country_frames(),
                "medians": self._median_lookup if self._median_lookup is not None else self._build_medians_of_values()}

    def install_warm(self, warm: dict) -> None:
        if self._by_country is None:
            self._by_country = warm["by_country"]
        if self._median_lookup is None:
            self._median_lookup = warm["medians"]

    def warm(self) -> None:
        """Fill those caches here and now (tests, benchmarks)."""
        self.install_warm(self.compute_warm())

    # ---- chart data -------------------------------------------------------------------
    def time_series(self, indicator: str, iso3s: list[str]) -> pd.DataFrame:
        """One row per observed (country, year) of the selected countries; gaps stay gaps."""
        df = self.frame(indicator)
        out = df[df["iso3"].isin(iso3s)].copy()
        out["name"] = out["iso3"].map(self._names)
        return out[["iso3", "name", "year", "raw_value", "value"]].reset_index(drop=True)

    def median_series(self, indicator: str, group: str) -> pd.DataFrame:
        """year, raw_value, value, n of one group's median (a region or WORLD)."""
        import pandas as pd
        med = self.medians(indicator)
        if group not in med.index.get_level_values(0):
            return pd.DataFrame(columns=["year", "raw_value", "value", "n"])
        return med.loc[group].reset_index()

    def without_data(self, indicator: str, iso3s: list[str], year: int | None = None) -> list[str]:
        """Those of ``iso3s`` with no value for ``indicator`` (in ``year`` if given)."""
        have = self.observed(indicator, year)
        return [c for c in iso3s if c not in have]

    def ranking(self, indicator: str, year: int) -> pd.DataFrame:
        """Countries with a value in ``year``, least persecution first: rank, iso3, name,
        region, raw_value, value. Ties share a rank.

        Read from the Panel's (indicator, year) rows, not by filtering a frame: a playing
        timeline asks the map for a new year ~25 times a run (~5 ms by pandas, ~1 ms so)."""
        import pandas as pd
        p = self.panel
        rows = p.rows_at(indicator, year)  # finite values only, as the frame holds
        iso = p.iso_of(rows)
        names, regions = self._lookups()
        name = [names.get(c, np.nan) for c in iso]
        # value descending, then name ascending, a missing name last (as pandas sorts)
        order = sorted(range(len(rows)), key=lambda i: (-p.value[rows[i]], not isinstance(name[i], str),
                                                          name[i] if isinstance(name[i], str) else ""))
        rows, iso = rows[order], iso[order]
        value = p.value[rows]
        return pd.DataFrame({"rank": min_rank(value), "of": len(rows), "iso3": iso,
                             "name": np.array([name[i] for i in order], dtype=object),
                             "region": np.array([regions.get(c, np.nan) for c in iso], dtype=object),
                             "year": p.year[rows], "raw_value": p.raw[rows], "value": value})

    def _lookups(self) -> tuple[dict, dict]:
        """iso3 -> short name and iso3 -> region, as the frames map them (once)."""
        if getattr(self, "_lookup_dicts", None) is None:
            self._lookup_dicts = (self._names.to_dict(), self._region.to_dict())
        return self._lookup_dicts

    def scatter(self, ind_x: str, ind_y: str, year: int | None) -> tuple[pd.DataFrame, int | None, int | None]:
        """Pairs of raw values for countries with both indicators, each from its data year
        (see ``data_year``); returns (frame, year_x, year_y)."""
        import pandas as pd
        yx, yy = self.data_year(ind_x, year), self.data_year(ind_y, year)
        if yx is None or yy is None:
            return pd.DataFrame(columns=["iso3", "name", "region", "x", "y", "x_value", "y_value"]), yx, yy
        fx = self.frame(ind_x)
        fy = self.frame(ind_y)
        a = fx.loc[fx["year"] == yx, ["iso3", "region", "raw_value", "value"]].rename(
            columns={"raw_value": "x", "value": "x_value"})
        b = fy.loc[fy["year"] == yy, ["iso3", "raw_value", "value"]].rename(
            columns={"raw_value": "y", "value": "y_value"})
        out = a.merge(b, on="iso3", how="inner")
        out["name"] = out["iso3"].map(self._names)
        out = out[["iso3", "name", "region", "x", "y", "x_value", "y_value"]]
        return out.sort_values("iso3").reset_index(drop=True), yx, yy

    def profile_rows(self) -> pd.DataFrame:
        """indicator, short, pillar, source, heading: one row per indicator in pillar order
        (index.pillars), scored pillars first and context indicators (pillar None) last;
        ``heading`` is the pillar's name or CONTEXT_HEADING. Fixed for an index: cached."""
        import pandas as pd
        if self._profile_rows is None:
            inds = self.index.indicators
            pillars = self.index.pillars
            order = {pid: int(pos) for pid, pos in zip(pillars["id"], pillars["position"])}
            names = dict(zip(pillars["id"], pillars["name"]))
            pillar = [p if isinstance(p, str) and p in order else None for p in inds["pillar"]]
            rows = pd.DataFrame({"indicator": inds["id"].to_numpy(), "short": inds["short"].to_numpy(),
                                 "pillar": pd.Series(pillar, dtype=object),
                                 "source": inds["source"].to_numpy(),
                                 "heading": [names[p] if p else CONTEXT_HEADING for p in pillar],
                                 "_order": [order[p] if p else len(order) for p in pillar]})
            # Stable sort: within a pillar, the index's own order (by source, then id).
            self._profile_rows = (rows.sort_values("_order", kind="stable")
                                  .drop(columns="_order").reset_index(drop=True))
        return self._profile_rows

    def profile(self, iso3: str, year: int | None = None) -> pd.DataFrame:
        """The country's 0-100 value on every indicator with its data year, and the region
        and world medians of that same data year, in ``profile_rows`` order (pillar order,
        context last). Rule ``AtOrBefore(year, WINDOW)``, as the composite answer: the
        country's latest value in [year - 3, year], never a later one (``None`` = its latest).
        Indicators without such a value keep a row with value NaN and year <NA>, and the
        medians of the indicator's own ``data_year``."""
        import pandas as pd
        mine = self._country_frames().get(iso3)
        picked: dict[str, tuple[float, int]] = {}
        if mine is not None:
            # Rows are sorted by year within each indicator: the last row in the window wins.
            lo = -10**9 if year is None else year - WINDOW
            for ind, y, v in zip(mine["indicator"], mine["year"], mine["value"]):
                if year is None or lo <= y <= year:
                    picked[ind] = (float(v), int(y))
        region = self.region_of(iso3)
        medians = self._medians_of_values()
        base = self.profile_rows()
        values, years, med_years, reg_med, world_med = [], [], [], [], []
        for ind_id in base["indicator"]:
            value, data_year = picked.get(ind_id, (np.nan, None))
            med_year = data_year if data_year is not None else self.data_year(ind_id, year)
            values.append(value)
            years.append(data_year)
            med_years.append(med_year)
            reg_med.append(medians.get((ind_id, region, med_year), np.nan))
            world_med.append(medians.get((ind_id, WORLD, med_year), np.nan))
        out = base.copy()
        out["value"] = np.array(values, dtype=float)
        out["year"] = pd.array(years, dtype="Int64")
        out["median_year"] = pd.array(med_years, dtype="Int64")
        out["region"] = region
        out["region_median"] = np.array(reg_med, dtype=float)
        out["world_median"] = np.array(world_med, dtype=float)
        return out


    MAP_LEFT_OUT = ("ATA",)  # Antarctica: no index covers it, and it would take a sixth of the map

    def map_shapes(self) -> pd.DataFrame:
        """Country outlines for the map: iso3, name (the index's short name, else Natural
        Earth's), label_x, label_y, rings (list of (n, 2) lon/lat arrays), one row per drawn
        country. Empty when the index predates the ``shapes`` table. Cached."""
        import pandas as pd

        from .. import geo
        if self._map_shapes is None:
            try:
                s = self.index.shapes
            except IndexUnavailable:
                s = pd.DataFrame(columns=["iso3", "name", "label_x", "label_y", "offsets", "coords"])
            s = s[~s["iso3"].isin(self.MAP_LEFT_OUT)]
            self._map_shapes = pd.DataFrame({
                "iso3": s["iso3"].to_numpy(),
                "name": [str(self._names.get(c, n)) for c, n in zip(s["iso3"], s["name"])],
                "label_x": s["label_x"].to_numpy(dtype=float),
                "label_y": s["label_y"].to_numpy(dtype=float),
                "rings": [geo.rings(o, c) for o, c in zip(s["offsets"], s["coords"])],
            })
        return self._map_shapes

    def map_values(self, indicator: str, year: int) -> pd.DataFrame:
        """iso3, year, raw_value, value, rank, of: every country with a value for
        ``indicator`` in exactly ``year`` (countries without one are simply absent)."""
        r = self.ranking(indicator, year)
        return r[["iso3", "year", "raw_value", "value", "rank", "of"]].reset_index(drop=True)
