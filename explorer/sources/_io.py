"""Careful CSV reading for the readers: every problem names the file, the line and what is wrong."""

from __future__ import annotations

import datetime
import io
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from ..errors import SourceError

FIRST_YEAR = 1900  # plausible years: 1900 to next year (an edition may be dated ahead)
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


def substituted(path: Path, required) -> pd.DataFrame | None:
    """The importer's table for this file while ``substitute_files`` is active, else None."""
    tables = _SUBSTITUTES.get()
    return None if tables is None else _substitute(Path(path), required, tables)


def _substitute(path: Path, required, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    df = tables.get(path.name)
    if df is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in [*required, "_line"]})
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise SourceError(path, f"missing column(s) {', '.join(map(repr, missing))}; found: "
                          f"{', '.join(c for c in df.columns if c != '_line')}", 1)
    return df.copy()


def read_text(path: Path) -> str:
    """A raw file's text: it must exist, not be empty and be UTF-8 (errors name the line)."""
    if not path.is_file():
        raise SourceError(path, "file not found (is ../shared/data/raw complete?)")
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(path, "file is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise SourceError(path, f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})", line) from None


def read_csv(path: Path, required: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Read a raw CSV as text columns, with ``_line`` = the file's line number of each row."""
    path = Path(path)
    sub = substituted(path, required)
    if sub is not None:
        return sub
    text = read_text(path)
    try:
        # Blank lines are kept while reading (as empty rows) so that row i stays on line i + 2.
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise SourceError(path, f"not a readable CSV: {short(str(e), 300)}") from None
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise SourceError(
            path,
            f"missing column(s) {', '.join(map(repr, missing))}; found: {short(', '.join(df.columns), 300)}",
            1,
        )
    # Quoted fields never span lines in these files, so row i sits on line i + 2.
    df["_line"] = np.arange(2, len(df) + 2)
    blank = (df.drop(columns="_line") == "").all(axis=1)
    df = df[~blank].reset_index(drop=True)
    if df.empty:
        raise SourceError(path, "file has a header but no rows")
    return df


def short(text: str, limit: int = 80) -> str:
    """A cell or message cut for an error message (a 20 MB line must not give a 20 MB message)."""
    text = str(text)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


def cell(text: str) -> str:
    """repr of a cell, cut to ~80 characters."""
    text = str(text)
    return repr(text) if len(text) <= 80 else repr(text[:80]) + f"... ({len(text):,} characters)"


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
    fail_on(path, df, values.isna() & ~is_na, lambda i: f"column {col!r}: {cell(text.iloc[i])} is not a number")
    # 'inf', '1e400' parse as infinity: no index measures that, so it is a broken cell
    fail_on(path, df, np.isinf(values.astype(float)),
            lambda i: f"column {col!r}: {cell(text.iloc[i])} is not a finite number")
    return values.astype(float)


def years(df: pd.DataFrame, col: str, path: Path) -> pd.Series:
    """A year column as integers; blanks, text and years outside 1900..next year are errors."""
    y = numbers(df, col, path, na=frozenset())
    fail_on(path, df, (y % 1) != 0, lambda i: f"column {col!r}: {cell(df[col].iloc[i])} is not a year")
    first, last = FIRST_YEAR, datetime.date.today().year + 1
    fail_on(path, df, ~y.between(first, last),
            lambda i: f"column {col!r}: {cell(df[col].iloc[i])} is not a plausible year ({first}-{last})")
    return y.astype(int)
