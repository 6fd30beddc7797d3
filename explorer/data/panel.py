"""The Panel: one read-only in-memory table of every observation with its provenance, plus the
indicator, source, country and pillar metadata. Loaded once from the index (``load``), on one
worker; every view reads it: cards, country list, charts, map, profile, scoring and the CLI.

The observation columns are numpy arrays in the index's row order (``obs``, read-only); text
columns are codes into categories. Metadata are plain dicts in the index's order. "Which
years have data", "what name" and "rank with ties" are answered here and nowhere else.

For code that wants pandas (the scoring engine, CSV exports, the CLI), the same data are
offered as frames with the names and dtypes of ``explorer.store.Index`` (``observations``,
``values``, ``indicators``…), built on first use: pandas stays off the window's start-up path.
"""

from __future__ import annotations

import math
from functools import cached_property
from pathlib import Path

import numpy as np

from .. import packed
from .rank import min_rank

YEAR_KEY = 10_000  # group key = indicator code * YEAR_KEY + year


def _small_key(code: np.ndarray, year: np.ndarray, y0: int) -> np.ndarray:
    """code * 256 + (year - y0) as uint16 when it fits (numpy sorts 16-bit keys by radix, several
    times faster than int64), else as int64: the same order either way."""
    if len(code) and int(year.max()) - y0 < 256 and int(code.max()) < 256:
        return (code.astype(np.uint16) << 8) | (year - y0).astype(np.uint16)
    return code.astype(np.int64) * YEAR_KEY + year


def _isnan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


class Panel:
    def __init__(self, columns: dict[str, packed.Column], tables: dict[str, tuple[list[str], list[tuple]]],
                 path: Path | None = None, store=None, names: list[str] | None = None):
        self.path = path
        self._cols = dict(columns)  # the hot columns; the others are read on first use (packed_column)
        self._names = list(names) if names is not None else list(columns)
        self._tables = dict(tables)
        self._store = store  # read-only handle for the cold tables (map outlines, name matches...)
        self.meta: dict[str, str] = {k: v for k, v in tables["meta"][1]}
        # ---- metadata, in the index's order ------------------------------------------------
        self.pillar_meta: dict[str, dict] = {r["id"]: r for r in self._dicts("pillars", "position")}
        pos = {p: int(r["position"]) for p, r in self.pillar_meta.items()}
        inds = self._dicts("indicators")
        for r in inds:
            r["higher_is_better"] = bool(r["higher_is_better"])
            r["derived"] = bool(r["derived"])
            r["documented_only"] = bool(r.get("documented_only") or False)
            r["pillar_position"] = pos.get(r["pillar"]) if not _isnan(r["pillar"]) else None
        inds.sort(key=lambda r: (r["pillar_position"] is None, r["pillar_position"] or 0, r["source"], r["id"]))
        self.indicator_meta: dict[str, dict] = {r["id"]: r for r in inds}
        unknown = [i for i in columns["indicator"].categories if i not in self.indicator_meta]
        if unknown:  # every view names and scales a value by its indicator's row
            raise KeyError(f"values of indicators the index does not describe: {', '.join(unknown[:3])}")
        self.source_meta: dict[str, dict] = {r["id"]: r for r in sorted(self._dicts("sources"), key=lambda r: r["id"])}
        self.country_meta: dict[str, dict] = {r["iso3"]: r for r in
                                              sorted(self._dicts("countries"), key=lambda r: r["short_name"] or "")}
        # ---- observations -------------------------------------------------------------------
        iso, ind = columns["iso3"], columns["indicator"]
        self.iso3s: tuple[str, ...] = iso.categories
        self.indicator_ids: tuple[str, ...] = ind.categories
        self.n = len(iso.data)
        self.iso_code, self.ind_code = iso.data, ind.data
        self.year, self.raw, self.value = columns["year"].data, columns["raw_value"].data, columns["value"].data
        self._ind_pos = {name: i for i, name in enumerate(self.indicator_ids)}
        self._iso_pos = {name: i for i, name in enumerate(self.iso3s)}
        # Rows with a value, grouped by (indicator, year) and by country (stable int sorts:
        # within a group, the index's own row order). Ranks are computed per group on demand.
        finite = np.isfinite(self.value)
        keep = np.flatnonzero(finite)
        every = len(keep) == self.n  # the usual case: no fancy indexing needed
        ind, yr, iso = ((self.ind_code, self.year, self.iso_code) if every else
                        (self.ind_code[keep], self.year[keep], self.iso_code[keep]))
        group = ind.astype(np.int64) * YEAR_KEY + yr
        y0 = int(yr.min()) if len(keep) else 0
        o = np.argsort(_small_key(ind, yr, y0), kind="stable")
        self._group_sorted, self._by_group = group[o], keep[o]
        firsts = self._group_sorted[np.r_[True, self._group_sorted[1:] != self._group_sorted[:-1]]] \
            if len(keep) else np.zeros(0, dtype=np.int64)
        self._years: dict[str, list[int]] = {}
        for g in firsts.tolist():  # ascending: years come in order
            self._years.setdefault(self.indicator_ids[g // YEAR_KEY], []).append(g % YEAR_KEY)
        by_iso = keep[np.argsort(_small_key(iso, yr, y0), kind="stable")]
        bounds = np.searchsorted(self.iso_code[by_iso], np.arange(len(self.iso3s) + 1))
        self._by_iso = by_iso
        self._iso_slice = {name: (int(bounds[i]), int(bounds[i + 1])) for i, name in enumerate(self.iso3s)}
        self._ranks: dict[int, dict[int, tuple[int, int]]] = {}
        self.covered: list[str] = sorted(c for c, (a, b) in self._iso_slice.items() if b > a)
        self.n_values = len(keep)
        self.year_range = (y0, int(yr.max())) if len(keep) else None

    # ---- loading ------------------------------------------------------------------------------
    TABLES = ("meta", "countries", "pillars", "sources", "indicators")  # read at load; the rest on first use
    HOT = ("iso3", "indicator", "year", "raw_value", "value")  # columns read at load; the rest on first use
    COLD = ("missing", "population", "manifest", "name_matches", "shapes")

    @classmethod
    def load(cls, path: Path | str | None = None) -> "Panel":
        """Read the whole index once (read-only) and close it; raises IndexUnavailable."""
        from ..store import Index
        ix = Index(path)
        try:
            return cls.from_index(ix)
        except BaseException:
            ix.close()
            raise

    @classmethod
    def from_index(cls, ix) -> "Panel":
        from ..errors import IndexUnavailable
        tables = {t: ix.rows(f"SELECT * FROM {t}") for t in cls.TABLES}
        names = [r[0] for r in ix.rows("SELECT name FROM observation_columns")[1]]
        for need in cls.HOT:
            if need not in names:
                raise IndexUnavailable(f"{ix.path} has no packed column {need!r}; rebuild it with "
                                       "`explorer build-index`.")
        cols = ix.packed_columns(cls.HOT)
        try:
            return cls(cols, tables, ix.path, ix, names)
        except (KeyError, ValueError, IndexError, TypeError) as e:
            raise IndexUnavailable(f"{ix.path} has damaged contents ({type(e).__name__}: {e}); rebuild it "
                                   "with `explorer build-index`.") from None

    def _table(self, table: str) -> tuple[list[str], list[tuple]]:
        got = self._tables.get(table)
        if got is None:
            got = ([], [])
            if self._store is not None:
                have = {r[0] for r in self._store.rows("SELECT name FROM sqlite_master WHERE type='table'")[1]}
                if table in have:
                    got = self._store.rows(f"SELECT * FROM {table}")
            self._tables[table] = got
        return got

    @cached_property
    def gaps(self) -> dict[tuple[str, str, int], str]:
        """Gaps the publisher explains: (iso3, indicator, year) -> reason."""
        cols, rows = self._table("missing")
        if not cols:
            return {}
        k = [cols.index(c) for c in ("iso3", "indicator", "year", "reason")]
        return {(r[k[0]], r[k[1]], int(r[k[2]])): r[k[3]] for r in rows}

    def _dicts(self, table: str, order_by: str | None = None) -> list[dict]:
        cols, rows = self._table(table)
        out = [dict(zip(cols, r)) for r in rows]
        if order_by:
            out.sort(key=lambda r: r[order_by])
        return out

    # ---- one place for names, years, ranks ----------------------------------------------------
    def name(self, iso3: str | None) -> str:
        """The short name a user knows ("China"), or the code when the index has none."""
        if not iso3:
            return ""
        c = self.country_meta.get(iso3)
        return (c.get("short_name") or iso3) if c else iso3

    def region(self, iso3: str | None) -> str | None:
        c = self.country_meta.get(iso3) if iso3 else None
        r = c.get("region") if c else None
        return r if isinstance(r, str) and r else None

    def years(self, indicator: str) -> list[int]:
        """Years in which ``indicator`` has at least one value (ascending)."""
        return list(self._years.get(indicator, ()))

    def all_years(self) -> list[int]:
        """Every year with any value, for a timeline or a year box."""
        if not self.year_range:
            return []
        return list(range(self.year_range[0], self.year_range[1] + 1))

    def has_indicator(self, indicator: str) -> bool:
        return indicator in self.indicator_meta

    def rows_at(self, indicator: str, year: int | None) -> np.ndarray:
        """Row positions of every value of ``indicator`` in exactly ``year``."""
        i = self._ind_pos.get(indicator)
        if i is None or year is None:
            return np.zeros(0, dtype=np.int64)
        g = i * YEAR_KEY + int(year)
        a, b = np.searchsorted(self._group_sorted, [g, g + 1])
        return self._by_group[a:b]

    def rank_at(self, row: int) -> tuple[int, int]:
        """(rank, of) of one value within its indicator and year: ties share the best rank."""
        g = int(self.ind_code[row]) * YEAR_KEY + int(self.year[row])
        table = self._ranks.get(g)
        if table is None:
            a, b = np.searchsorted(self._group_sorted, [g, g + 1])
            rows = self._by_group[a:b]
            table = dict(zip(rows.tolist(), zip(min_rank(self.value[rows]).tolist(), [len(rows)] * len(rows))))
            self._ranks[g] = table
        return table.get(int(row), (0, 0))

    def ranks(self, rows: np.ndarray) -> np.ndarray:
        """Rank of each row within its (indicator, year) (0 for a missing value)."""
        return np.array([self.rank_at(r)[0] for r in rows.tolist()], dtype=np.int64)

    def rows_of(self, iso3: str | None) -> np.ndarray:
        """Row positions of every value of one country, by year."""
        a, b = self._iso_slice.get(iso3, (0, 0)) if iso3 else (0, 0)
        return self._by_iso[a:b]

    def rows_of_indicator(self, indicator: str) -> np.ndarray:
        """Row positions of every value of one indicator, by year."""
        i = self._ind_pos.get(indicator)
        if i is None:
            return np.zeros(0, dtype=np.int64)
        a, b = np.searchsorted(self._group_sorted, [i * YEAR_KEY, (i + 1) * YEAR_KEY])
        return self._by_group[a:b]

    def series_rows(self, indicator: str) -> tuple[np.ndarray, dict[str, tuple[int, int]]]:
        """Every row of ``indicator``, a missing 0-100 value included (as the ``values`` frame
        has it), by country code then year; and each country's slice of them."""
        got = self._series.get(indicator)
        if got is None:
            i = self._ind_pos.get(indicator)
            rows = np.flatnonzero(self.ind_code == i) if i is not None else np.zeros(0, dtype=np.int64)
            rows = rows[np.lexsort((self.year[rows], self._iso_order[self.iso_code[rows]]))]
            codes = self._iso_order[self.iso_code[rows]]
            bounds = np.searchsorted(codes, np.arange(len(self.iso3s) + 1))
            names = self._iso_by_order
            got = (rows, {names[k]: (int(bounds[k]), int(bounds[k + 1]))
                          for k in np.flatnonzero(bounds[1:] > bounds[:-1]).tolist()})
            self._series[indicator] = got
        return got

    @cached_property
    def _series(self) -> dict:
        return {}

    @cached_property
    def _iso_order(self) -> np.ndarray:
        """Each country code's position in alphabetical order of the codes."""
        order = np.argsort(np.asarray(self.iso3s, dtype=object), kind="stable")
        pos = np.empty(len(order), dtype=np.int64)
        pos[order] = np.arange(len(order))
        return pos

    @cached_property
    def _iso_by_order(self) -> list[str]:
        return sorted(self.iso3s)

    def column(self, name: str) -> np.ndarray:
        """Any observation column (text decoded to objects, None = NULL), all rows."""
        c = self._decoded.get(name)
        if c is None:
            col = self.packed_column(name)
            c = col.decoded() if col is not None else np.full(self.n, None, dtype=object)
            self._decoded[name] = c
        return c

    def columns(self) -> list[str]:
        return packed.ordered(self._names)

    def packed_column(self, name: str) -> packed.Column | None:
        """One packed column (read from the index the first time), None if the index has none."""
        col = self._cols.get(name)
        if col is None and name in self._names and self._store is not None:
            got = self._store.packed_columns((name,))[name]
            if len(got.data) != self.n:
                from ..errors import IndexUnavailable
                raise IndexUnavailable(f"{self.path} is damaged: its column {name} has {len(got.data)} "
                                       f"values for {self.n} observations. Rebuild it with `explorer build-index`.")
            col = self._cols[name] = got
        return col

    def _all_columns(self) -> dict[str, packed.Column]:
        for name in self._names:
            self.packed_column(name)
        return self._cols

    @cached_property
    def _decoded(self) -> dict[str, np.ndarray]:
        return {}

    def iso_of(self, rows: np.ndarray) -> np.ndarray:
        return np.asarray(self.iso3s, dtype=object)[self.iso_code[rows]] if len(rows) else np.zeros(0, dtype=object)

    def gap_reason(self, iso3: str, indicator: str, year: int) -> str | None:
        """The publisher's reason for a gap, read per country on first use (a card needs one
        country's, and the whole table took 25 ms of the start)."""
        if "gaps" in self.__dict__ or self._store is None:
            return self.gaps.get((iso3, indicator, int(year)))
        mine = self._gaps_of.get(iso3)
        if mine is None:
            from ..errors import IndexUnavailable
            try:
                _, rows = self._store.rows("SELECT indicator, year, reason FROM missing WHERE iso3 = ?", (iso3,))
            except IndexUnavailable:  # an index without the table: the whole-table path copes
                return self.gaps.get((iso3, indicator, int(year)))
            mine = self._gaps_of[iso3] = {(i, int(y)): r for i, y, r in rows}
        return mine.get((indicator, int(year)))

    @cached_property
    def _gaps_of(self) -> dict[str, dict[tuple[str, int], str]]:
        return {}

    def population_of(self) -> dict[tuple[str, int], float]:
        cols, rows = self._table("population")
        if not cols:
            return {}
        i, y, p = cols.index("iso3"), cols.index("year"), cols.index("population")
        return {(r[i], int(r[y])): float(r[p]) for r in rows if r[p] is not None}

    # ---- the same data as pandas frames (Index-compatible), built on first use ----------------
    def _frame(self, table: str):
        import pandas as pd
        cols, rows = self._table(table)
        return pd.DataFrame.from_records(rows, columns=cols, coerce_float=True)

    @cached_property
    def observations(self):
        """Every observation, as ``Index.observations``."""
        return packed.to_frame(self._all_columns())

    @cached_property
    def values(self):
        """iso3, indicator, year, raw_value, value (as ``Index.values``)."""
        return packed.to_frame(self._cols, ("iso3", "indicator", "year", "raw_value", "value"))

    @cached_property
    def indicators(self):
        df = self._frame("indicators")
        df["higher_is_better"] = df["higher_is_better"].astype(bool)
        df["derived"] = df["derived"].astype(bool)
        if "documented_only" in df:
            df["documented_only"] = df["documented_only"].astype(bool)
        df["pillar_position"] = [self.indicator_meta[i]["pillar_position"] for i in df["id"]]
        df = df.set_index("id", drop=False).loc[list(self.indicator_meta)]
        df["pillar_position"] = df["pillar_position"].astype(float)
        return df

    @cached_property
    def countries(self):
        return self._frame("countries").sort_values("short_name", kind="stable").set_index("iso3", drop=False)

    @cached_property
    def pillars(self):
        return self._frame("pillars").sort_values("position", kind="stable").set_index("id", drop=False)

    @cached_property
    def sources(self):
        return self._frame("sources").sort_values("id", kind="stable").set_index("id", drop=False)

    @cached_property
    def missing(self):
        return self._frame("missing")

    @cached_property
    def population(self):
        return self._frame("population")

    @cached_property
    def manifest(self):
        return self._frame("manifest").sort_values("file", kind="stable").reset_index(drop=True)

    @cached_property
    def name_matches(self):
        return self._frame("name_matches").sort_values(["source", "name"]).reset_index(drop=True)

    @cached_property
    def shapes(self):
        return self._frame("shapes").sort_values("iso3", kind="stable").set_index("iso3", drop=False)
