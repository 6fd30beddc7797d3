"""Careful CSV reading for the readers: every problem names the file, the line and what is wrong."""

from __future__ import annotations

import io
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from ..errors import SourceError

NA_TEXT = frozenset({"", "NA", "N/A", "NaN", "nan", "-"})

# The importer (explorer/importer) runs these same readers on a user's file: it hands them
# tables already read from xlsx/csv, by file name; a file it does not hand is read as empty.
_SUBSTITUTES: ContextVar[dict[str, pd.DataFrame] | None] = ContextVar("substitutes", default=None)


@contextmanager
def substitute_files(tables: dict[str, pd.DataFrame]):
    """Within the block, ``read_csv(path)`` returns ``tables[path.name]`` (text columns and ``_line``)."""
    token = _SUBSTITUTES.set(tables)
    try:
        yield
    finally:
        _SUBSTITUTES.reset(token)


def _substitute(path: Path, required, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    df = tables.get(path.name)
    if df is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in [*required, "_line"]})
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise SourceError(path, f"missing column(s) {', '.join(map(repr, missing))}; found: "
                          f"{', '.join(c for c in df.columns if c != '_line')}", 1)
    return df.copy()


def read_csv(path: Path, required: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Read a raw CSV as text columns, with ``_line`` = the file's line number of each row."""
    path = Path(path)
    tables = _SUBSTITUTES.get()
    if tables is not None:
        return _substitute(path, required, tables)
    if not path.is_file():
        raise SourceError(path, "file not found (is ../shared/data/raw complete?)")
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(path, "file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise SourceError(path, f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})", line) from None
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise SourceError(path, f"not a readable CSV: {e}") from None
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise SourceError(
            path,
            f"missing column(s) {', '.join(map(repr, missing))}; found: {', '.join(df.columns)}",
            1,
        )
    if df.empty:
        raise SourceError(path, "file has a header but no rows")
    # Quoted fields never span lines in these files, so row i sits on line i + 2.
    df["_line"] = np.arange(2, len(df) + 2)
    return df


def fail_on(path: Path, df: pd.DataFrame, bad: pd.Series, message: Callable[[int], str]) -> None:
    """Raise SourceError for the first row where ``bad`` holds; ``message(i)`` describes row i."""
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise SourceError(path, message(i), int(df["_line"].iloc[i]))


def numbers(df: pd.DataFrame, col: str, path: Path, na=NA_TEXT) -> pd.Series:
    """Column ``col`` as floats; NA markers become NaN, anything else non-numeric is an error."""
    text = df[col].astype(str).str.strip()
    is_na = text.isin(na)
    values = pd.to_numeric(text.where(~is_na), errors="coerce")
    fail_on(path, df, values.isna() & ~is_na, lambda i: f"column {col!r}: {text.iloc[i]!r} is not a number")
    return values.astype(float)


def years(df: pd.DataFrame, col: str, path: Path) -> pd.Series:
    """A year column as integers; blanks or text are errors."""
    y = numbers(df, col, path, na=frozenset())
    fail_on(path, df, (y % 1) != 0, lambda i: f"column {col!r}: {df[col].iloc[i]!r} is not a year")
    return y.astype(int)
