"""The builder's packed copy of the observations (table ``observation_columns``): one row per
column, its values as one little-endian array, text as codes into a JSON list of categories.

``read`` turns it into numpy arrays without pandas (the window's start-up path); ``to_frame``
gives the same rows as the ``observations`` table as a pandas frame, for code that wants one.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from dataclasses import dataclass

import numpy as np

# The order of the ``observations`` table; columns the builder adds later come after these.
OBS_ORDER = ("iso3", "indicator", "year", "edition", "raw_value", "raw_text", "value", "lower", "upper",
             "raw_sd", "note", "provenance", "source_file", "source_line")


@dataclass(frozen=True)
class Column:
    name: str
    data: np.ndarray                 # numbers, or int32 codes (-1 = NULL) for text
    categories: tuple | None = None  # text columns only

    @property
    def is_text(self) -> bool:
        return self.categories is not None

    def decoded(self) -> np.ndarray:
        """Text as an object array (None = NULL); numbers as they are."""
        if not self.is_text:
            return self.data
        cats = np.array(list(self.categories) + [None], dtype=object)
        return cats[self.data]  # code -1 picks the trailing None


class Damaged(ValueError):
    """A packed column does not match its checksum, type, categories or the others' length."""


DTYPES = ("<i2", "<i4", "<f8")


def read(conn: sqlite3.Connection, names: tuple[str, ...] | None = None,
         checksums: dict[str, int] | None = None) -> dict[str, Column]:
    """The packed columns as read-only numpy arrays, in the table's order; each one checked
    against the build's CRC-32 (when recorded), its type, its category codes and its length."""
    sql = "SELECT name, dtype, categories, data FROM observation_columns"
    params: tuple = ()
    if names:
        sql += f" WHERE name IN ({', '.join('?' * len(names))})"
        params = tuple(names)
    out: dict[str, Column] = {}
    checksums = checksums or {}
    for name, dtype, cats, blob in conn.execute(sql, params):
        if not isinstance(blob, bytes) or dtype not in DTYPES:
            raise Damaged(f"the packed column {name} has an unknown type {dtype!r}")
        if name in checksums and zlib.crc32(blob) != checksums[name]:
            raise Damaged(f"the packed column {name} does not match its checksum")
        if len(blob) % np.dtype(dtype).itemsize:
            raise Damaged(f"the packed column {name} is cut short")
        arr = np.frombuffer(blob, dtype=dtype)
        if name == "year":
            arr = arr.astype(np.int64)
        elif cats is None:
            arr = arr.astype(float)
        arr.flags.writeable = False
        categories = tuple(json.loads(cats)) if isinstance(cats, str) else None
        if categories is not None and len(arr) and (arr.max() >= len(categories) or arr.min() < -1):
            raise Damaged(f"the packed column {name} has codes outside its {len(categories)} categories")
        out[name] = Column(name, arr, categories)
    lengths = {c.name: len(c.data) for c in out.values()}
    if len(set(lengths.values())) > 1:
        raise Damaged(f"the packed columns disagree in length ({lengths})")
    missing = set(names or ()) - set(out)
    if missing:
        raise Damaged(f"the packed column(s) {', '.join(sorted(missing))} are missing")
    return out


def ordered(names) -> list[str]:
    names = list(names)
    return [c for c in OBS_ORDER if c in names] + sorted(c for c in names if c not in OBS_ORDER)


def to_frame(cols: dict[str, Column], names: tuple[str, ...] | None = None):
    """The columns as the pandas frame the ``observations`` table reads as (same dtypes)."""
    import pandas as pd

    frame = {}
    for name in names or ordered(cols):
        c = cols[name]
        if c.is_text:
            cat = pd.Categorical.from_codes(c.data, categories=list(c.categories))
            frame[name] = cat.astype(str) if (c.data >= 0).all() else cat.astype(object)
        elif name == "year":
            frame[name] = c.data.astype(np.int64)
        elif name == "source_line":
            frame[name] = pd.arrays.IntegerArray(np.nan_to_num(c.data).astype(np.int64), np.isnan(c.data))
        else:
            frame[name] = c.data.astype(float)
    return pd.DataFrame(frame)
