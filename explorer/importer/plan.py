"""Validate an import and preview it, before anything is written.

A plan holds the whole new observation set (the index's rows outside the import's scope plus
the file's rows), the differences a user must see (new country-years, changed values, rows that
disappear, the composite's top 10 before and after), and the names no rule could match.
The *scope* of an import is every (indicator, data year) the file has: inside it the file is
the truth (a row it lacks disappears); outside it nothing changes.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import raw_manifest
from ..build import normalise_all, validate
from ..catalogue import Catalogue, Indicator, Source
from ..errors import ExplorerError, SourceError
from ..sources import load_catalogue
from . import formats, names, tables

KEY = ["iso3", "indicator", "year"]
FIRST_VALID_YEAR = 1900
TOP = 10
PUBLISHER_FILE = formats.PUBLISHER_FILE
USER_DATA = "user data"


class ImportBlocked(ExplorerError):
    """The file was read, but it cannot be applied yet (names to resolve)."""


@dataclass
class Plan:
    file: Path
    sha256: str
    size: int
    kind: str  # PUBLISHER_FILE or USER_DATA
    format_id: str
    title: str
    source: str
    edition: str | None
    where: str  # file, sheet
    info: dict
    observations: pd.DataFrame  # every row of the new index, the table's columns
    missing: pd.DataFrame
    scope: pd.DataFrame  # indicator, year
    added: pd.DataFrame
    changed: pd.DataFrame
    removed: pd.DataFrame
    unmatched: list[tuple[str, int | None]] = field(default_factory=list)  # (name, line)
    name_matches: list[dict] = field(default_factory=list)
    indicator_updates: dict[str, dict] = field(default_factory=dict)  # id -> column values
    new_indicators: list[dict] = field(default_factory=list)
    new_sources: list[dict] = field(default_factory=list)
    top_before: pd.DataFrame | None = None
    top_after: pd.DataFrame | None = None
    top_year: int | None = None
    notes: list[str] = field(default_factory=list)
    base_index: Path | None = None

    @property
    def indicators(self) -> list[str]:
        return sorted(self.scope["indicator"].unique())

    @property
    def ready(self) -> bool:
        return not self.unmatched

    @property
    def unchanged(self) -> bool:
        """No new, changed or disappearing value: applying would only add a backup."""
        return not (len(self.added) or len(self.changed) or len(self.removed))

    def summary(self) -> dict:
        years = self.scope["year"]
        return {
            "file": str(self.file), "sha256": self.sha256, "kind": self.kind, "format": self.format_id,
            "recognised_as": self.title, "source": self.source, "edition": self.edition, "where": self.where,
            "read_as": self.info, "indicators": self.indicators,
            "years": [int(years.min()), int(years.max())] if len(years) else [],
            "new": len(self.added), "changed": len(self.changed), "removed": len(self.removed),
            "unmatched": [{"name": n, "line": ln} for n, ln in self.unmatched], "notes": self.notes,
            "top_year": self.top_year,
        }


def _read_table(conn: sqlite3.Connection, table: str) -> pd.DataFrame:
    return pd.read_sql_query(f"SELECT * FROM [{table}]", conn)


class Base:
    """What the plan needs from the index the import starts from (read once)."""

    def __init__(self, path: Path):
        from ..store import Index
        self.path = Path(path)
        self.index = Index(self.path)
        conn = self.index._conn
        cols = [r[1] for r in conn.execute("PRAGMA table_info(observations)")]
        packed = self.index.observations  # same rows and order as the table, ~20x faster than SQL
        if set(cols) <= set(packed.columns):
            self.observations = packed[cols].astype({"source_line": "float"}).copy()
        else:  # a column the packed copy lacks: read the table itself (generic, slower)
            self.observations = pd.read_sql_query("SELECT * FROM observations ORDER BY rowid", conn)
        self.missing = _read_table(conn, "missing")
        self.countries = self.index.countries
        self.name_matches = self.index.name_matches
        self.indicators = self.index.indicators
        self.first_year = int(self.index.meta.get("first_year", 2000))
        self._before: dict[int, pd.DataFrame] = {}  # the composite's table per year, before any import

    _cache: dict = {}

    @classmethod
    def open(cls, path: Path) -> "Base":
        """The same Base while the file is unchanged (a second preview, after resolving names)."""
        st = Path(path).stat()
        key = (str(Path(path).resolve()), st.st_ino, st.st_mtime_ns, st.st_size)
        if key not in cls._cache:
            cls._cache.clear()  # one index at a time (its frames are tens of MB)
            cls._cache[key] = cls(path)
        return cls._cache[key]

    def top(self, st) -> pd.DataFrame:
        from ..scoring.answer import answer
        from ..scoring.composite import Engine
        if st.year not in self._before:
            self._before[st.year] = answer(Engine(self.index), st, with_robustness=False).table.head(TOP)
        return self._before[st.year]


def catalogue_of(base: Base) -> Catalogue:
    """The readers' catalogue plus any user indicators already in the index."""
    cat = load_catalogue()
    for ind_id, row in base.indicators.iterrows():
        if ind_id in cat.indicators:
            continue
        src = base.index.sources.loc[row["source"]]
        if row["source"] not in cat.sources:
            cat.sources[row["source"]] = Source(**{k: src[k] for k in Source.__dataclass_fields__ if k in src})
        cat.indicators[ind_id] = _indicator_from_row(row)
    return cat


def _indicator_from_row(row) -> Indicator:
    kw = {}
    for k in Indicator.__dataclass_fields__:
        if k not in row:
            continue
        v = row[k]
        if isinstance(v, float) and np.isnan(v):
            v = None
        if k == "levels":
            v = tuple(x for x in (v or "").split("|") if x)
        if k in ("higher_is_better", "derived", "uncertainty"):
            v = bool(v)
        kw[k] = v
    return Indicator(**kw)


def check_years(obs: pd.DataFrame, where: str) -> None:
    last = dt.date.today().year + 1
    bad = (obs["year"] < FIRST_VALID_YEAR) | (obs["year"] > last)
    if bad.any():
        row = obs[bad].iloc[0]
        line = int(row["line"]) if pd.notna(row["line"]) else None
        raise SourceError(where, f"year {row['year']} is outside {FIRST_VALID_YEAR}..{last}", line)


def plan_publisher_file(file: Path, base: Base, source: str | None = None, answers=None,
                        compare_top: bool = True) -> Plan:
    """``answers``: the user's resolutions of names, {name: ISO3 or None}, or a function of the
    recognised source id that returns them (they are remembered per source)."""
    file = Path(file)
    rec = formats.recognise(tables.read_grids(file), source)
    if callable(answers):
        answers = answers(rec.format.source)
    h = names.harmoniser(base.countries, base.name_matches, rec.format.source, answers or {})
    out = formats.read_observations(rec, h, base)
    obs, gaps = out.observations(), out.missing()
    if rec.edition:
        obs["edition"] = rec.edition
    obs["file"] = rec.where
    obs["year"] = obs["year"].astype(int)
    check_years(obs, rec.where)
    unmatched = sorted({(u[1], u[3]) for u in h.unmatched}, key=lambda u: (u[1] or 0, u[0]))
    matches = [{"source": s, "name": n, "iso3": c, "reason": None} for (s, n), c in h.matched.items()]
    matches += [{"source": s, "name": n, "iso3": None, "reason": r} for (s, n), r in h.excluded.items()]
    cat = catalogue_of(base)
    if obs[obs["year"] >= base.first_year].empty:
        raise SourceError(rec.where, f"recognised as {rec.format.title}, but no row has a value the index keeps "
                          f"(data years {base.first_year} onwards)")
    classes = rec.provenance or " / ".join(sorted(obs["provenance"].dropna().unique()))
    note = f"{classes}: {file.name}" + (f" ({rec.edition})" if rec.edition else "")
    plan = _finish(file, base, cat, obs, gaps, rec.format.id, rec.format.title, rec.format.source,
                   rec.edition, rec.where, rec.grid.info | {"header_line": rec.header_line},
                   PUBLISHER_FILE, unmatched, matches, provenance_note=note, compare_top=compare_top,
                   provenance=rec.provenance)
    if rec.format.id == "rsf" and rec.provenance == PUBLISHER_FILE:
        plan.notes.append("RSF's layout: a transcription or copy looks the same. If this is not RSF's own export, "
                          "put \"transcribed\" in the file name so that its values are marked as a transcription")
    if rec.format.id == "spyware":
        plan.notes.append(formats.spyware_year(rec.table, rec.grid.path)[1])
    return plan


def _finish(file, base: Base, cat: Catalogue, obs, gaps, format_id, title, source, edition, where, info,
            kind, unmatched, matches, provenance_note, new_indicators=(), new_sources=(),
            compare_top: bool = True, provenance: str | None = "") -> Plan:
    """``provenance``: the class every new value gets ("" = ``kind``; None = the reader's own)."""
    obs = obs[obs["year"] >= base.first_year].copy()
    gaps = gaps[gaps["year"].isna() | (gaps["year"] >= base.first_year)].copy()
    validate(obs, cat)  # scales and duplicates, over the years the index keeps (as the build does)
    obs["source_file"] = f"imports/{Path(file).name}"
    obs["source_line"] = pd.to_numeric(obs["line"]).astype(float)  # NULL where a reader derives a row
    scope = pd.concat([obs[["indicator", "year"]], gaps[["indicator", "year"]].dropna()]).drop_duplicates()
    scope["year"] = scope["year"].astype(int)
    scope = scope.sort_values(["indicator", "year"]).reset_index(drop=True)

    old = base.observations
    cols = list(old.columns)
    in_scope = _in_scope(old, scope)
    kept = old[~in_scope]
    affected = set(scope["indicator"])
    new = obs.copy()
    if "provenance" in cols and provenance is not None:
        new["provenance"] = provenance or kind
    for c in cols:
        if c not in new.columns:
            new[c] = None
    combined = pd.concat([kept, new[cols]], ignore_index=True)
    # Goalposts of latent and log scales are fitted over every value of the indicator: refit
    # the affected indicators over the combined rows, as a full build would.
    sel = combined["indicator"].isin(affected)
    part, goal = normalise_all(combined[sel].drop(columns=["value"]), cat)
    combined.loc[sel, "value"] = part["value"].to_numpy()
    combined = combined.sort_values(["indicator", "iso3", "year"]).reset_index(drop=True)
    combined["year"] = combined["year"].astype(int)

    added, changed, removed = diff(old[in_scope], combined[combined["indicator"].isin(affected)], scope)
    gaps_old = base.missing
    gaps_all = pd.concat([gaps_old[~_in_scope(gaps_old, scope)], gaps.reindex(columns=gaps_old.columns)],
                         ignore_index=True)
    has_value = gaps_all.set_index(KEY).index.isin(combined.set_index(KEY).index)
    gaps_all = (gaps_all[~has_value].drop_duplicates(KEY).sort_values(["indicator", "iso3", "year"])
                .reset_index(drop=True))

    updates = {}
    stats = combined[combined["indicator"].isin(affected)].groupby("indicator").agg(n_obs=("iso3", "size"), n_countries=("iso3", "nunique"),
                                                  first_year=("year", "min"), last_year=("year", "max"))
    for ind in affected:
        lo, hi = goal.get(ind, (None, None))
        s = stats.loc[ind] if ind in stats.index else None
        updates[ind] = {"goal_lo": lo, "goal_hi": hi,
                        **{c: int(s[c]) if s is not None else 0 for c in ("n_obs", "n_countries", "first_year", "last_year")}}
    plan = Plan(file=Path(file), sha256=raw_manifest.sha256(file), size=Path(file).stat().st_size, kind=kind,
                format_id=format_id, title=title, source=source, edition=edition, where=where, info=info,
                observations=combined, missing=gaps_all, scope=scope, added=added, changed=changed,
                removed=removed, unmatched=unmatched, name_matches=matches, indicator_updates=updates,
                new_indicators=list(new_indicators), new_sources=list(new_sources), base_index=base.path)
    if unmatched:
        plan.notes.append(f"{len(unmatched)} name(s) could not be matched: resolve each to an ISO3 code or an "
                          "exclusion (--map \"Name=ISO3\" or --map \"Name=-\") before the import can be applied")
    plan.notes.append(f"values are marked \"{provenance_note}\"")
    if compare_top:
        top10(plan, base)
    return plan


def _in_scope(df: pd.DataFrame, scope: pd.DataFrame) -> np.ndarray:
    """Rows of ``df`` whose (indicator, year) the import covers (integer keys: ~10x a MultiIndex)."""
    if df.empty or scope.empty:
        return np.zeros(len(df), dtype=bool)
    code = {ind: i for i, ind in enumerate(scope["indicator"].unique())}
    want = scope["indicator"].map(code).to_numpy(np.int64) * 10_000 + scope["year"].to_numpy(np.int64)
    mine = df["indicator"].map(code)
    key = mine.fillna(-1).to_numpy(np.int64) * 10_000 + df["year"].fillna(0).to_numpy(np.int64)
    return mine.notna().to_numpy() & np.isin(key, want)


def diff(old: pd.DataFrame, new: pd.DataFrame, scope: pd.DataFrame):
    """New country-years, changed values (old -> new) and rows that disappear, inside the scope."""
    new = new[_in_scope(new, scope)]
    cols = KEY + ["raw_value", "raw_text", "value", "edition"]
    m = old[cols].merge(new[cols + ["source_line"]], on=KEY, how="outer", suffixes=("_old", "_new"), indicator=True)
    added = m[m["_merge"] == "right_only"]
    removed = m[m["_merge"] == "left_only"]
    both = m[m["_merge"] == "both"]
    same = np.isclose(both["raw_value_old"].astype(float), both["raw_value_new"].astype(float), rtol=0, atol=1e-9,
                      equal_nan=True) & (both["raw_text_old"].fillna("") == both["raw_text_new"].fillna(""))
    changed = both[~same]
    out = []
    for df, suffix in ((added, "_new"), (changed, None), (removed, "_old")):
        df = df.drop(columns="_merge")
        if suffix:
            keep = KEY + [c for c in df.columns if c.endswith(suffix)] + ["source_line"]
            df = df[keep].rename(columns=lambda c: c[: -len(suffix)] if c.endswith(suffix) else c)
        out.append(df.sort_values(["indicator", "iso3", "year"]).reset_index(drop=True))
    return tuple(out)


class _Frames:
    """The few frames the scoring engine reads, for the index as it would be after the import."""

    def __init__(self, base: Base, plan: Plan):
        self.countries = base.index.countries
        self.pillars = base.index.pillars
        self.sources = base.index.sources
        self.meta = base.index.meta
        ind = base.indicators.copy()
        if plan.new_indicators:
            extra = pd.DataFrame(plan.new_indicators).set_index("id", drop=False)
            extra["higher_is_better"] = extra["higher_is_better"].astype(bool)
            ind = pd.concat([ind, extra.reindex(columns=ind.columns)])
        self.indicators = ind
        self.values = plan.observations[["iso3", "indicator", "year", "raw_value", "value"]]


def top10(plan: Plan, base: Base) -> None:
    """The composite's default top 10 before and after, both in the year the app will open on
    after the import (a new edition can move it)."""
    from ..scoring.answer import answer
    from ..scoring.composite import Engine, Settings
    try:
        after = Engine(_Frames(base, plan))
        year = after.default_year()
        st = Settings(year=year)
        b = answer(after, st, with_robustness=False).table.head(TOP)
        a = base.top(st)
    except ExplorerError as e:
        plan.notes.append(f"top 10 not compared: {e}")
        return
    cols = ["rank", "iso3", "country", "score"]
    plan.top_year, plan.top_before, plan.top_after = year, a[cols].reset_index(drop=True), b[cols].reset_index(drop=True)


def top10_change(plan: Plan) -> pd.DataFrame:
    """Side by side: position, before (country, score), after (country, score), moved."""
    if plan.top_before is None:
        return pd.DataFrame()
    a, b = plan.top_before, plan.top_after
    n = max(len(a), len(b))
    rows = []
    for i in range(n):
        ra = a.iloc[i] if i < len(a) else None
        rb = b.iloc[i] if i < len(b) else None
        before_pos = {c: k + 1 for k, c in enumerate(a["iso3"])}
        moved = ""
        if rb is not None:
            was = before_pos.get(rb["iso3"])
            moved = "new in top 10" if was is None else ("" if was == i + 1 else f"was {was}")
        rows.append({"position": i + 1,
                     "before": f"{ra['country']} ({ra['score']:.1f})" if ra is not None else "",
                     "after": f"{rb['country']} ({rb['score']:.1f})" if rb is not None else "",
                     "change": moved})
    return pd.DataFrame(rows)
