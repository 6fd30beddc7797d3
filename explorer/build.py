"""Build the SQLite index from the raw public files: raw -> harmonised -> normalised -> served.

Deterministic (same inputs, same bytes), atomic (written to a temporary file beside the
target and moved into place only when complete) and strict: an unknown country name, a
missing column or a value outside its declared scale stops the build with the file and
line, and the existing index stays as it was.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import asdict
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd
import sqlite_utils

from . import countries as country_ref
from . import raw_manifest
from .catalogue import PILLARS, Catalogue
from .errors import ExplorerError, SourceError
from .geo import FILE as GEO_FILE
from .geo import read_shapes
from .normalise import fit_goalposts, normalise
from .schema import FIRST_YEAR, SCHEMA_VERSION  # noqa: F401 (tests read them here)
from .paths import build_target, raw_dir
from .sources import MISSING_COLUMNS, load_catalogue, reader_modules


Progress = Callable[[str], None]


def _sha256(path: Path) -> str:
    return raw_manifest.sha256(path)


def collect(raw: Path, progress: Progress = lambda s: None, modules: list[str] | None = None):
    """Run every reader; returns (catalogue, harmoniser, observations, missing, per-source counts)."""
    h = country_ref.Harmoniser.load(raw)
    country_ref.check_aliases_file()
    catalogue = load_catalogue(modules)
    obs_frames, gap_frames, counts = [], [], {}
    for mod in reader_modules(modules):
        out = mod.read(raw, h)
        obs, gaps = out.observations(), out.missing()
        unknown = set(obs["indicator"].unique()) - {i.id for i in mod.INDICATORS}  # unique(): no per-row loop
        if unknown:
            raise ExplorerError(f"reader {mod.SOURCE.id} emitted undeclared indicator(s): {sorted(unknown)}")
        obs_frames.append(obs)
        gap_frames.append(gaps)
        counts[mod.SOURCE.id] = len(obs)
        progress(f"  {mod.SOURCE.id:<13} {len(obs):>7,} observations  {obs['iso3'].nunique():>4} countries"
                 f"  {obs['indicator'].nunique():>3} indicators")
    h.check()
    obs = pd.concat(obs_frames, ignore_index=True)
    missing = pd.concat(gap_frames, ignore_index=True) if gap_frames else pd.DataFrame(columns=MISSING_COLUMNS)
    return catalogue, h, obs, missing, counts


def validate(obs: pd.DataFrame, catalogue: Catalogue) -> None:
    """Every raw value inside its indicator's declared scale; one row per country, indicator, year."""
    year = pd.to_numeric(obs["year"], errors="coerce")
    bad_year = ~year.between(FIRST_PLAUSIBLE_YEAR, last_plausible_year())
    if bad_year.any():
        row = obs[bad_year].iloc[0]
        raise SourceError(row["file"], f"{row['indicator']}: year {plain(row['year'])} for {row['iso3']} is not "
                          f"plausible (expected {FIRST_PLAUSIBLE_YEAR}-{last_plausible_year()})", _line(row))
    for ind_id, grp in obs.groupby("indicator", sort=True):
        ind = catalogue.indicators[ind_id]
        raw = grp["raw_value"].astype(float)
        bad = ~np.isfinite(raw)
        if ind.raw_min is not None:
            bad |= raw < ind.raw_min
        if ind.raw_max is not None:
            bad |= raw > ind.raw_max
        if bad.any():
            row = grp[bad].iloc[0]
            raise SourceError(
                row["file"],
                f"{ind_id}: value {plain(row['raw_value'])} for {row['iso3']} {plain(row['year'])} is "
                + ("not a finite number" if not np.isfinite(float(row["raw_value"])) else
                   f"outside the declared scale {plain(ind.raw_min)}..{plain(ind.raw_max)}"),
                _line(row),
            )
    dup = obs.duplicated(["iso3", "indicator", "year"], keep=False)
    if dup.any():
        rows = obs[dup].sort_values(["indicator", "iso3", "year"]).head(2)
        a, b = rows.iloc[0], rows.iloc[1]
        raise SourceError(
            a["file"],
            f"{a['indicator']}: two values for {a['iso3']} {plain(a['year'])} (lines {plain(a['line'])} and "
            f"{plain(b['line'])} of {Path(b['file']).name}); check the harmonisation of both names",
            _line(a),
        )


FIRST_PLAUSIBLE_YEAR = 1900


def last_plausible_year() -> int:
    """Next year: an edition may be dated a year ahead of its publication."""
    import datetime
    return datetime.date.today().year + 1


def plain(v) -> str:
    """A number as people write it (9, 2.5, 1e+400 -> inf), never np.float64(9.0)."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return "none"
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)[:80]
    return f"{f:g}" if not f.is_integer() or abs(f) >= 1e15 else str(int(f))


def _line(row) -> int | None:
    return None if pd.isna(row["line"]) else int(row["line"])


def normalise_all(obs: pd.DataFrame, catalogue: Catalogue) -> tuple[pd.DataFrame, dict[str, tuple[float, float]]]:
    obs = obs.copy()
    obs["value"] = np.nan
    goalposts = {}
    for ind_id, idx in obs.groupby("indicator", sort=True).groups.items():
        ind = catalogue.indicators[ind_id]
        raw = obs.loc[idx, "raw_value"].to_numpy(float)
        lo, hi = fit_goalposts(ind, raw)
        goalposts[ind_id] = (lo, hi)
        obs.loc[idx, "value"] = normalise(raw, ind, lo, hi)
    return obs, goalposts


def _rel(path: str, raw: Path) -> str:
    try:
        return Path(path).resolve().relative_to(raw.resolve()).as_posix()
    except ValueError:
        return Path(path).name


def build(raw: Path | None = None, target: Path | None = None, progress: Progress = print,
          modules: list[str] | None = None, check_raw: bool | None = None, accept_raw_changes: bool = False,
          record_raw: bool = False) -> dict:
    """Build the index at ``target`` atomically; returns a summary for the CLI and tests.

    ``check_raw``: compare the raw files with the committed record (raw_manifest); None = only
    when building from the shared raw folder (a test's synthetic folder has other files).
    ``record_raw``: write the record from this build's files instead of checking them."""
    raw = Path(raw or raw_dir())
    target = Path(target or build_target())
    if not raw.is_dir():
        raise ExplorerError(f"raw data folder not found: {raw} (set EXPLORER_RAW_DIR or put ../shared beside the project)")
    if check_raw is None:
        check_raw = raw.resolve() == raw_dir().resolve()
    if record_raw and not check_raw:
        raise ExplorerError(f"--record-raw records the shared raw folder ({raw_dir()}) only, not {raw}")
    record = raw_manifest.read_record() if check_raw and not record_raw else {}
    raw_manifest.check(raw, record, accept=accept_raw_changes, progress=progress)
    progress(f"Reading raw files from {raw}")
    catalogue, h, obs, missing, _ = collect(raw, progress, modules)
    obs = obs[obs["year"] >= FIRST_YEAR]
    missing = missing[missing["year"].isna() | (missing["year"] >= FIRST_YEAR)]
    validate(obs, catalogue)
    obs, goalposts = normalise_all(obs, catalogue)
    shapes = read_shapes(raw, h)
    h.check()
    ref = h.reference
    population = country_ref.load_population(raw, set(ref["iso3"]))
    population = population[population["year"] >= FIRST_YEAR]

    rel = {f: _rel(f, raw) for f in obs["file"].unique()}
    obs["file"] = obs["file"].map(rel)
    obs = obs.rename(columns={"file": "source_file", "line": "source_line"})
    obs = obs.sort_values(["indicator", "iso3", "year"]).reset_index(drop=True)
    missing = (missing.drop_duplicates(["iso3", "indicator", "year"])
               .sort_values(["indicator", "iso3", "year"]).reset_index(drop=True))
    used_files = sorted({*obs["source_file"].unique(), "countries/iso3166_countries_regions.csv",
                         "countries/population_worldbank.csv", GEO_FILE.as_posix()})
    manifest = [{"file": f, "sha256": _sha256(raw / f), "bytes": (raw / f).stat().st_size} for f in used_files]
    if record_raw:
        progress(f"Recorded the hashes of {len(manifest)} raw files in {raw_manifest.write_record(manifest)}")
    elif check_raw:
        new_files = raw_manifest.unrecorded(manifest, record)
        if new_files:
            progress(f"  not in {raw_manifest.RECORD_PATH.name} yet (not checked): {', '.join(new_files)}; "
                     "record them with `explorer build-index --record-raw`")

    write_index(target, lambda tmp: _write(tmp, catalogue, goalposts, obs, missing, ref, population, h,
                                           manifest, shapes))
    summary = coverage_summary(obs, catalogue)
    summary["target"] = str(target)
    summary["bytes"] = target.stat().st_size
    return summary


def write_index(target: Path, write: Callable[[Path], None]) -> None:
    """Write the index through the atomic writer (checked with PRAGMA integrity_check and the
    required tables before it replaces ``target``); an interrupted, killed or failed build
    (full disk, Ctrl-C) leaves the old index as it was. Stale -journal/-wal/-shm files of the
    old index go: the new file never had them, and SQLite would try to apply them to it."""
    from .atomic import atomic_write, sqlite_verifier
    from .store import REQUIRED_TABLES
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        from .atomic import os_error_message
        raise ExplorerError(os_error_message(e, target)) from None
    atomic_write(target, write, verify=sqlite_verifier(REQUIRED_TABLES))
    for side in ("-journal", "-wal", "-shm"):
        try:
            Path(str(target) + side).unlink()
        except FileNotFoundError:
            pass
        except OSError as e:
            raise ExplorerError(f"wrote {target}, but could not remove the stale {target.name}{side}: "
                                f"{e.strerror}; delete it by hand") from None


def _write(path, catalogue, goalposts, obs, missing, ref, population, h, manifest, shapes) -> None:
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA journal_mode=OFF")
    db.conn.execute("PRAGMA cache_size=-65536")  # 64 MB: the primary-key index of 141k rows stays in memory
    db["meta"].insert_all([
        {"key": "schema_version", "value": str(SCHEMA_VERSION)},
        {"key": "first_year", "value": str(FIRST_YEAR)},
        {"key": "inputs_sha256", "value": hashlib.sha256("".join(m["sha256"] for m in manifest).encode()).hexdigest()},
        {"key": "content_sha256", "value": content_hash(obs)},
    ], pk="key")
    _write_columns(db, obs)
    db["manifest"].insert_all(manifest, pk="file")
    db["pillars"].insert_all(
        [{"id": p, "position": i, "name": n, "description": d} for i, (p, n, d) in enumerate(PILLARS)], pk="id")
    db["sources"].insert_all([asdict(s) for s in catalogue.sources.values()], pk="id")
    stats = obs.groupby("indicator").agg(n_obs=("iso3", "size"), n_countries=("iso3", "nunique"),
                                         first_year=("year", "min"), last_year=("year", "max"))
    rows = []
    for ind in catalogue.indicators.values():
        d = asdict(ind)
        d["levels"] = "|".join(ind.levels)
        d["direction"] = ind.direction
        lo, hi = goalposts.get(ind.id, (ind.goal_lo, ind.goal_hi))
        d["goal_lo"], d["goal_hi"] = lo, hi
        s = stats.loc[ind.id] if ind.id in stats.index else None
        for col in ("n_obs", "n_countries", "first_year", "last_year"):
            d[col] = int(s[col]) if s is not None else 0
        rows.append(d)
    db["indicators"].insert_all(rows, pk="id", foreign_keys=[("source", "sources", "id"), ("pillar", "pillars", "id")])
    db["countries"].insert_all(ref.to_dict("records"), pk="iso3")
    db["population"].insert_all(population.to_dict("records"), pk=("iso3", "year"),
                                foreign_keys=[("iso3", "countries", "iso3")])
    # Bulk rows: the schema comes from sqlite-utils, the rows go through one executemany
    # (sqlite-utils' per-value JSON checks would triple the build time).
    _bulk(db, "observations", obs, {**OBS_TYPES, "source_line": int},
          pk=("iso3", "indicator", "year"),
          foreign_keys=[("iso3", "countries", "iso3"), ("indicator", "indicators", "id")])
    db["observations"].create_index(["indicator", "year"])
    db["observations"].create_index(["iso3"])
    _bulk(db, "missing", missing, {"iso3": str, "indicator": str, "year": int, "reason": str},
          pk=("iso3", "indicator", "year"),
          foreign_keys=[("iso3", "countries", "iso3"), ("indicator", "indicators", "id")])
    db["shapes"].insert_all(shapes.to_dict("records"), pk="iso3", foreign_keys=[("iso3", "countries", "iso3")],
                            columns={"offsets": bytes, "coords": bytes})
    db["name_matches"].insert_all(
        sorted([{"source": s, "name": n, "iso3": c, "reason": None} for (s, n), c in h.matched.items()]
               + [{"source": s, "name": n, "iso3": None, "reason": r} for (s, n), r in h.excluded.items()],
               key=lambda r: (r["source"], r["name"])),
        pk=("source", "name"), columns={"iso3": str, "reason": str})
    db.conn.commit()
    # no VACUUM: nothing is deleted while writing (no free pages), and it took ~0.4 s
    db.close()


# Every observation column packed as an array (text as category codes): loading rows one
# by one through sqlite3 costs ~1 us per value (~400 ms for the index); arrays take ~10-30 ms.
# Same rows and order as `observations`; a test checks they agree.
OBS_TYPES = {"iso3": str, "indicator": str, "year": int, "edition": str, "raw_value": float, "raw_text": str,
             "value": float, "lower": float, "upper": float, "raw_sd": float, "note": str, "provenance": str,
             "source_file": str, "source_line": float}


def _write_columns(db, obs: pd.DataFrame) -> None:
    rows = []
    for col, kind in OBS_TYPES.items():
        if kind is str:
            present = obs[col].dropna()
            cats = sorted(present.unique())
            codes = pd.Categorical(obs[col], categories=cats).codes.astype("<i4")  # -1 = NULL
            rows.append({"name": col, "dtype": "<i4", "categories": json.dumps(cats, ensure_ascii=False),
                         "data": codes.tobytes()})
        else:
            dtype = "<i2" if kind is int else "<f8"
            rows.append({"name": col, "dtype": dtype, "categories": None,
                         "data": obs[col].to_numpy(dtype=float).astype(dtype).tobytes()})
    db["observation_columns"].insert_all(rows, pk="name", columns={"categories": str, "data": bytes})
    # per-column CRC-32 (~1 ms per MB to check): the reader detects a garbled or bit-flipped
    # column (store.Index._packed) instead of showing wrong numbers
    db["meta"].insert({"key": "packed_crc32", "value": json.dumps(
        {r["name"]: zlib.crc32(r["data"]) for r in rows}, sort_keys=True)}, pk="key")


def _bulk(db, table: str, df: pd.DataFrame, columns: dict, pk, foreign_keys) -> None:
    db[table].create(columns, pk=pk, foreign_keys=foreign_keys)
    cols = list(columns)
    db.conn.executemany(f"INSERT INTO [{table}] ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                        _python_rows(df, cols))


def _python_rows(df: pd.DataFrame, cols: list[str]):
    """Rows of plain Python values (None for missing) for sqlite3, built column by column: an
    object array of a numeric column holds Python ints and floats already (a per-value
    conversion in Python took ~1 s of the build)."""
    arrays = []
    for c in cols:
        s = df[c]
        numeric = isinstance(s.dtype, np.dtype) and s.dtype.kind in "biuf"  # not Int64, str, category
        a = s.to_numpy() if numeric else s.to_numpy(dtype=object, na_value=None)
        if a.dtype != object:
            missing = np.isnan(a) if a.dtype.kind == "f" else None
            a = a.astype(object)
            if missing is not None and missing.any():
                a[missing] = None
        arrays.append(a.tolist())
    return zip(*arrays)


HASH_COLUMNS = ["iso3", "indicator", "year", "raw_value", "value"]


def content_hash(obs: pd.DataFrame) -> str:
    """SHA-256 of the values' CSV (``obs[HASH_COLUMNS].to_csv(index=False, float_format="%.10g")``),
    written out directly when no cell needs quoting: the same text, a third of the time."""
    text = _plain_csv(obs) if len(obs) else None
    if text is None:
        text = obs[HASH_COLUMNS].to_csv(index=False, float_format="%.10g")
    return hashlib.sha256(text.encode()).hexdigest()


def _plain_csv(obs: pd.DataFrame) -> str | None:
    codes = [obs[c].astype(object).tolist() for c in HASH_COLUMNS[:2]]
    if any(not isinstance(v, str) or any(ch in v for ch in ',"\r\n') for col in codes for v in set(col)):
        return None  # a missing or quoted cell: leave it to pandas
    year = pd.to_numeric(obs["year"])
    if year.isna().any() or (year % 1 != 0).any():
        return None

    def number(col: str) -> list[str]:
        a = obs[col].to_numpy(dtype=float)
        out = ["%.10g" % v for v in a.tolist()]
        for i in np.flatnonzero(np.isnan(a)):
            out[i] = ""
        return out

    years = year.astype("int64").astype(str).tolist()
    rows = map(",".join, zip(*codes, years, number("raw_value"), number("value")))
    return ",".join(HASH_COLUMNS) + "\n" + "\n".join(rows) + "\n"


def coverage_summary(obs: pd.DataFrame, catalogue: Catalogue) -> dict:
    per_source = (obs.assign(source=obs["indicator"].map(lambda i: catalogue.indicators[i].source))
                  .groupby("source").agg(observations=("iso3", "size"), countries=("iso3", "nunique"),
                                         indicators=("indicator", "nunique"),
                                         first_year=("year", "min"), last_year=("year", "max")))
    return {
        "observations": int(len(obs)),
        "countries": int(obs["iso3"].nunique()),
        "indicators": int(obs["indicator"].nunique()),
        "publishers": int(per_source.shape[0]),
        "per_source": {k: {c: int(v) for c, v in row.items()} for k, row in per_source.iterrows()},
    }
