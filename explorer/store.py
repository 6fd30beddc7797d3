"""Read-only access to the SQLite index, as pandas frames.

The app and the tests open the index read-only (``mode=ro``); every query lives here so
that widgets and scoring code never write SQL. A missing, corrupt or foreign file raises
``IndexUnavailable`` with what happened and how to rebuild.
"""

from __future__ import annotations

import json
import sqlite3
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import IndexUnavailable
from .paths import index_path

SCHEMA_VERSION = 2  # 2: observations carry provenance and raw_sd
OBS_ORDER = ("iso3", "indicator", "year", "edition", "raw_value", "raw_text", "value", "lower", "upper",
             "raw_sd", "note", "provenance", "source_file", "source_line")
REBUILD_HINT = "Rebuild it with `explorer build-index` (needs ../shared/data/raw), or restore data/explorer.sqlite from the project."
REQUIRED_TABLES = {"meta", "countries", "indicators", "sources", "pillars", "observations", "missing",
                   "observation_columns"}


class Index:
    """The harmonised index. Frames are loaded once and cached; treat them as read-only."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else index_path()
        if not self.path.is_file():
            raise IndexUnavailable(f"The index file {self.path} does not exist. {REBUILD_HINT}")
        try:
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            tables = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            missing = REQUIRED_TABLES - tables
            if missing:
                raise IndexUnavailable(f"{self.path} is not a Country Privacy Explorer index "
                                       f"(no table(s) {', '.join(sorted(missing))}). {REBUILD_HINT}")
            version = dict(self._conn.execute("SELECT key, value FROM meta")).get("schema_version")
        except sqlite3.DatabaseError as e:
            raise IndexUnavailable(f"{self.path} cannot be read as an index ({e}); the file may be "
                                   f"damaged or not a database. {REBUILD_HINT}") from None
        if version != str(SCHEMA_VERSION):
            raise IndexUnavailable(f"{self.path} has schema version {version}, this program reads "
                                   f"version {SCHEMA_VERSION}. {REBUILD_HINT}")

    def close(self) -> None:
        self._conn.close()

    def query(self, sql: str, params: tuple = ()) -> pd.DataFrame:
        try:
            return pd.read_sql_query(sql, self._conn, params=params)
        except (sqlite3.DatabaseError, pd.errors.DatabaseError) as e:
            raise IndexUnavailable(f"Reading {self.path} failed ({e}). {REBUILD_HINT}") from None

    @cached_property
    def meta(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT key, value FROM meta"))

    @cached_property
    def countries(self) -> pd.DataFrame:
        return self.query("SELECT * FROM countries ORDER BY short_name").set_index("iso3", drop=False)

    @cached_property
    def pillars(self) -> pd.DataFrame:
        return self.query("SELECT * FROM pillars ORDER BY position").set_index("id", drop=False)

    @cached_property
    def sources(self) -> pd.DataFrame:
        return self.query("SELECT * FROM sources ORDER BY id").set_index("id", drop=False)

    @cached_property
    def indicators(self) -> pd.DataFrame:
        df = self.query("SELECT i.*, p.position AS pillar_position FROM indicators i "
                        "LEFT JOIN pillars p ON p.id = i.pillar")
        df["higher_is_better"] = df["higher_is_better"].astype(bool)
        df["derived"] = df["derived"].astype(bool)
        df["documented_only"] = df["documented_only"].astype(bool)
        return (df.sort_values(["pillar_position", "source", "id"], na_position="last")
                .set_index("id", drop=False))

    def _packed(self, names: tuple[str, ...] | None = None) -> pd.DataFrame:
        """Observation columns from the builder's packed copy (``observation_columns``): the same
        rows, in the same order, as the ``observations`` table, loaded ten times faster."""
        sql = "SELECT name, dtype, categories, data FROM observation_columns"
        if names:
            sql += f" WHERE name IN ({', '.join('?' * len(names))})"
        packed = self.query(sql, tuple(names or ()))
        cols = {}
        for r in packed.itertuples(index=False):
            arr = np.frombuffer(r.data, dtype=r.dtype)
            if isinstance(r.categories, str):
                cat = pd.Categorical.from_codes(arr, categories=json.loads(r.categories))
                cols[r.name] = cat.astype(str) if (arr >= 0).all() else cat.astype(object)
            elif r.name == "year":
                cols[r.name] = arr.astype(np.int64)
            elif r.name == "source_line":
                cols[r.name] = pd.arrays.IntegerArray(np.nan_to_num(arr).astype(np.int64), np.isnan(arr))
            else:
                cols[r.name] = arr.astype(float)
        order = names or tuple(c for c in OBS_ORDER if c in cols)
        return pd.DataFrame({c: cols[c] for c in order})

    @cached_property
    def observations(self) -> pd.DataFrame:
        """Every observation: iso3, indicator, year, edition, raw_value, raw_text, value (0-100),
        lower, upper, raw_sd (raw scale), note, provenance (``catalogue.PROVENANCE``),
        source_file, source_line."""
        return self._packed()

    @cached_property
    def values(self) -> pd.DataFrame:
        """The light frame most views need: iso3, indicator, year, raw_value, value."""
        return self._packed(("iso3", "indicator", "year", "raw_value", "value"))

    @cached_property
    def missing(self) -> pd.DataFrame:
        return self.query("SELECT * FROM missing")

    @cached_property
    def population(self) -> pd.DataFrame:
        return self.query("SELECT * FROM population")

    @cached_property
    def manifest(self) -> pd.DataFrame:
        return self.query("SELECT * FROM manifest ORDER BY file")

    @cached_property
    def shapes(self) -> pd.DataFrame:
        """Map outlines (Natural Earth 1:110m): iso3, name, label_x, label_y, offsets, coords
        (packed; unpack with explorer.geo.rings). Small states are not drawn at this scale."""
        return self.query("SELECT * FROM shapes ORDER BY iso3").set_index("iso3", drop=False)

    @cached_property
    def name_matches(self) -> pd.DataFrame:
        return self.query("SELECT * FROM name_matches ORDER BY source, name")

    # ---- questions the CLI and the window ask -------------------------------------------

    def years(self, indicator: str) -> list[int]:
        v = self.values
        return sorted(v.loc[v["indicator"] == indicator, "year"].unique().tolist())

    def ranking(self, indicator: str, year: int) -> pd.DataFrame:
        """Countries with a value for ``indicator`` in ``year``, best first, with rank and count."""
        obs = self.observations
        df = obs[(obs["indicator"] == indicator) & (obs["year"] == year)].copy()
        df = df.join(self.countries[["short_name", "region"]], on="iso3")
        df = df.sort_values(["value", "short_name"], ascending=[False, True])
        df["rank"] = df["value"].rank(ascending=False, method="min").astype(int)
        df["of"] = len(df)
        return df.reset_index(drop=True)

    def country_profile(self, iso3: str, year: int | None = None) -> pd.DataFrame:
        """One row per indicator for a country: the value of ``year`` (or the latest), with its
        data year, or none; ``latest_year`` says when the latest value is from."""
        obs = self.observations
        mine = obs[obs["iso3"] == iso3]
        rows = []
        for ind_id, ind in self.indicators.iterrows():
            series = mine[mine["indicator"] == ind_id].sort_values("year")
            latest = series.iloc[-1] if len(series) else None
            if year is None:
                hit = latest
            else:
                at = series[series["year"] == year]
                hit = at.iloc[0] if len(at) else None
            row = {"indicator": ind_id, "pillar": ind["pillar"], "short": ind["short"],
                   "source": ind["source"], "unit": ind["unit"], "direction": ind["direction"],
                   "year": None, "raw_value": None, "value": None, "edition": None, "note": None,
                   "provenance": None, "lower": None, "upper": None, "raw_sd": None,
                   "latest_year": int(latest["year"]) if latest is not None else None}
            if hit is not None:
                row.update(year=int(hit["year"]), raw_value=hit["raw_value"], value=hit["value"],
                           edition=hit["edition"], note=hit["note"], provenance=hit["provenance"],
                           **{k: (None if pd.isna(hit[k]) else hit[k]) for k in ("lower", "upper", "raw_sd")})
            rows.append(row)
        return pd.DataFrame(rows)

    def gap_reason(self, iso3: str, indicator: str, year: int) -> str | None:
        m = self.missing
        hit = m[(m["iso3"] == iso3) & (m["indicator"] == indicator) & (m["year"] == year)]
        return hit["reason"].iloc[0] if len(hit) else None
