"""CSV cells that a spreadsheet would run as a formula are defused here, for every CSV export.

A text cell starting with ``= + - @`` (or a tab or carriage return, which some spreadsheets skip
before a formula) gets a leading ``'``, so "=HYPERLINK(...)" in a country note shows as text.
Numbers stay numbers: numeric columns are not touched, nor text that is a plain number ("-1.5").
"""

from __future__ import annotations

import io

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def defuse(cell):
    if isinstance(cell, str) and cell.startswith(TRIGGERS) and not _is_number(cell):
        return "'" + cell
    return cell


def defuse_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy where every text cell that could start a formula is prefixed with ``'``; the
    column names too."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s.dtype) or isinstance(s.dtype, pd.CategoricalDtype):
            text = s.astype(object)
            # vectorised first look (100k-row exports): only cells starting with a trigger are examined
            risky = text.map(type).eq(str) & text.astype(str).str[:1].isin(TRIGGERS)
            if risky.any():
                text = text.copy()
                text[risky] = text[risky].map(defuse)
                out[col] = text
    out.columns = [defuse(c) for c in out.columns]
    return out


def to_csv_text(df: pd.DataFrame, **kwargs) -> str:
    """``df.to_csv`` with formula-like text defused (see module doc); kwargs go to pandas."""
    buf = io.StringIO()
    defuse_frame(df).to_csv(buf, **kwargs)
    return buf.getvalue()
