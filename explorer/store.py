"""Read-only access to the SQLite index, as pandas frames.

The app and the tests open the index read-only (``mode=ro``); every query lives here so
that widgets and scoring code never write SQL. A missing, corrupt or foreign file raises
``IndexUnavailable`` with what happened and how to rebuild.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import packed
from .packed import OBS_ORDER  # noqa: F401 (the builder and tests read it here)
from .errors import IndexUnavailable
from .paths import INDEX_PATH, index_path

if TYPE_CHECKING:  # pandas is imported where a frame is asked for, not at start-up
    import pandas as pd

from .schema import SCHEMA_VERSION
REBUILD_HINT = "Rebuild it with `explorer build-index` (needs ../shared/data/raw), or restore data/explorer.sqlite from the project."
REQUIRED_TABLES = {"meta", "countries", "indicators", "sources", "pillars", "observations", "missing",
                   "observation_columns"}


# Columns the app reads from each table: a file lacking one is damaged or foreign.
REQUIRED_COLUMNS = {
    "meta": {"key", "value"},
    "countries": {"iso3", "name", "short_name", "region", "subregion"},
    "indicators": {"id", "source", "name", "short", "pillar", "unit", "higher_is_better", "derived",
                   "direction", "first_year", "last_year", "n_countries"},
    "sources": {"id", "name", "licence", "citation"},
    "pillars": {"id", "position", "name"},
    "observation_columns": {"name", "dtype", "categories", "data"},
    "missing": {"iso3", "indicator", "year", "reason"},
}
SIDE_FILES = ("-journal", "-wal", "-shm")
DAMAGED = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, UnicodeDecodeError,
           sqlite3.Error)  # pandas' DatabaseError is turned into IndexUnavailable in query()


def index_uri(path: Path, immutable: bool = False) -> str:
    """A read-only SQLite URI for ``path``: percent-encoded (``#``, ``?``, ``%`` in a folder name
    would otherwise cut or change the path) and never creating a file."""
    return Path(path).resolve().as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")


def opens_immutable(path: Path) -> bool:
    """The index is never written in place (builds replace it by rename), so SQLite may skip
    locking and side files where it could not use them: the shipped index, a file in a
    folder we cannot write, or one with a stale -journal/-wal beside it (those would make
    SQLite try to roll back, which a read-only connection cannot)."""
    path = Path(path).resolve()
    try:
        shipped = path == INDEX_PATH.resolve()
    except OSError:
        shipped = False
    return (shipped or not os.access(path.parent, os.W_OK)
            or any(Path(str(path) + s).exists() for s in SIDE_FILES))


def guarded(fn):
    """Broken contents inside a valid SQLite file (a garbled packed column, a bit flip, a
    dropped column) raise IndexUnavailable with the rebuild hint, never a traceback."""
    @functools.wraps(fn)
    def wrapper(self, *a, **kw):
        try:
            return fn(self, *a, **kw)
        except IndexUnavailable:
            raise
        except DAMAGED as e:
            raise IndexUnavailable(f"{self.path} is damaged: reading {fn.__name__} failed "
                                   f"({type(e).__name__}: {str(e)[:200]}). {REBUILD_HINT}") from None
    return wrapper


class Index:
    """The harmonised index. Frames are loaded once and cached; treat them as read-only."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else index_path()
        try:
            is_file, exists = self.path.is_file(), self.path.exists()
        except OSError as e:
            raise IndexUnavailable(f"The index file {self.path} cannot be reached ({e.strerror}). {REBUILD_HINT}") from None
        if not is_file:
            what = "is not a file" if exists else "does not exist"
            raise IndexUnavailable(f"The index file {self.path} {what}. {REBUILD_HINT}")
        try:
            self._conn = sqlite3.connect(index_uri(self.path, opens_immutable(self.path)), uri=True,
                                         check_same_thread=False)
            tables = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            missing = REQUIRED_TABLES - tables
            if missing:
                raise IndexUnavailable(f"{self.path} is not a Country Privacy Explorer index "
                                       f"(no table(s) {', '.join(sorted(missing))}). {REBUILD_HINT}")
            version = dict(self._conn.execute("SELECT key, value FROM meta")).get("schema_version")
            if version != str(SCHEMA_VERSION):  # before the columns: an old index says so, not "damaged"
                raise IndexUnavailable(f"{self.path} has schema version {version}, this program reads "
                                       f"version {SCHEMA_VERSION}. {REBUILD_HINT}")
            for table, cols in REQUIRED_COLUMNS.items():
                have = {r[1] for r in self._conn.execute(f"PRAGMA table_info([{table}])")}
                if cols - have:
                    raise IndexUnavailable(f"{self.path} is damaged: table {table} lacks column(s) "
                                           f"{', '.join(sorted(cols - have))}. {REBUILD_HINT}")
        except (sqlite3.DatabaseError, UnicodeDecodeError, ValueError) as e:
            raise IndexUnavailable(f"{self.path} cannot be read as an index ({e}); the file may be "
                                   f"damaged or not a database. {REBUILD_HINT}") from None

    def close(self) -> None:
        self._conn.close()

    def query(self, sql: str, params: tuple = ()) -> pd.DataFrame:
        import pandas as pd
        try:
            return pd.read_sql_query(sql, self._conn, params=params)
        except (sqlite3.DatabaseError, pd.errors.DatabaseError) as e:
            raise IndexUnavailable(f"Reading {self.path} failed ({e}). {REBUILD_HINT}") from None

    @cached_property
    @guarded
    def meta(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT key, value FROM meta"))

    @cached_property
    @guarded
    def countries(self) -> pd.DataFrame:
        return self.query("SELECT * FROM countries ORDER BY short_name").set_index("iso3", drop=False)

    @cached_property
    @guarded
    def pillars(self) -> pd.DataFrame:
        return self.query("SELECT * FROM pillars ORDER BY position").set_index("id", drop=False)

    @cached_property
    @guarded
    def sources(self) -> pd.DataFrame:
        return self.query("SELECT * FROM sources ORDER BY id").set_index("id", drop=False)

    @cached_property
    @guarded
    def indicators(self) -> pd.DataFrame:
        df = self.query("SELECT i.*, p.position AS pillar_position FROM indicators i "
                        "LEFT JOIN pillars p ON p.id = i.pillar")
        df["higher_is_better"] = df["higher_is_better"].astype(bool)
        df["derived"] = df["derived"].astype(bool)
        df["documented_only"] = df["documented_only"].astype(bool)
        return (df.sort_values(["pillar_position", "source", "id"], na_position="last")
                .set_index("id", drop=False))

    @guarded
    def _packed(self, names: tuple[str, ...] | None = None) -> pd.DataFrame:
        """Observation columns from the builder's packed copy (``observation_columns``): the same
        rows, in the same order, as the ``observations`` table, loaded ten times faster. Each
        column is checked against the build's checksum (meta ``packed_crc32``) and its length."""
        return packed.to_frame(self.packed_columns(names), names)

    def packed_columns(self, names: tuple[str, ...] | None = None) -> dict[str, packed.Column]:
        """The packed observation columns as numpy arrays (no pandas)."""
        try:
            sums = json.loads(self.meta.get("packed_crc32") or "{}")
            return packed.read(self._conn, names, checksums=sums)
        except packed.Damaged as e:
            raise IndexUnavailable(f"{self.path} is damaged: {e}. {REBUILD_HINT}") from None
        except DAMAGED as e:
            raise IndexUnavailable(f"{self.path} is damaged: reading the packed columns failed "
                                   f"({type(e).__name__}: {str(e)[:200]}). {REBUILD_HINT}") from None

    def rows(self, sql: str, params: tuple = ()) -> tuple[list[str], list[tuple]]:
        """Column names and rows of a query, without pandas."""
        try:
            cur = self._conn.execute(sql, params)
            return [d[0] for d in cur.description], cur.fetchall()
        except DAMAGED as e:
            raise IndexUnavailable(f"{self.path} is damaged: reading failed ({type(e).__name__}: "
                                   f"{str(e)[:200]}). {REBUILD_HINT}") from None

    @cached_property
    @guarded
    def observations(self) -> pd.DataFrame:
        """Every observation: iso3, indicator, year, edition, raw_value, raw_text, value (0-100),
        lower, upper, raw_sd (raw scale), note, provenance (``catalogue.PROVENANCE``),
        source_file, source_line."""
        return self._packed()

    @cached_property
    @guarded
    def values(self) -> pd.DataFrame:
        """The light frame most views need: iso3, indicator, year, raw_value, value."""
        return self._packed(("iso3", "indicator", "year", "raw_value", "value"))

    @cached_property
    @guarded
    def missing(self) -> pd.DataFrame:
        return self.query("SELECT * FROM missing")

    @cached_property
    @guarded
    def population(self) -> pd.DataFrame:
        return self.query("SELECT * FROM population")

    @cached_property
    @guarded
    def manifest(self) -> pd.DataFrame:
        return self.query("SELECT * FROM manifest ORDER BY file")

    @cached_property
    @guarded
    def shapes(self) -> pd.DataFrame:
        """Map outlines (Natural Earth 1:110m): iso3, name, label_x, label_y, offsets, coords
        (packed; unpack with explorer.geo.rings). Small states are not drawn at this scale."""
        return self.query("SELECT * FROM shapes ORDER BY iso3").set_index("iso3", drop=False)

    @cached_property
    @guarded
    def name_matches(self) -> pd.DataFrame:
        return self.query("SELECT * FROM name_matches ORDER BY source, name")
