"""Careful reading of a publisher's Excel workbook, in the same shape as ``_io.read_csv``: every
cell as text (so the shared ``numbers``/``years`` checks apply) and ``_line`` = the sheet's row
number, which is what a user sees in Excel when an error names it.

calamine is fast and reads the values Excel cached for formula cells (WJP's ``Country_year``);
openpyxl is the fallback when python-calamine is not installed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import SourceError
from ._io import substituted


def engines() -> tuple[str, ...]:
    """calamine first when installed, openpyxl after it (also when calamine cannot open a file)."""
    try:
        import python_calamine  # noqa: F401
        return ("calamine", "openpyxl")
    except ImportError:
        return ("openpyxl",)


def _open(path: Path) -> pd.ExcelFile:
    first_error = None
    for engine in engines():
        try:
            return pd.ExcelFile(path, engine=engine)
        except Exception as e:  # each engine raises its own error types for damaged archives
            first_error = first_error or e
    raise SourceError(path, f"cannot open the workbook: {first_error}") from None


def read_xlsx(path: Path, sheet: str, required: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Sheet ``sheet`` of ``path`` (header on its first row) as text columns plus ``_line``."""
    path = Path(path)
    sub = substituted(path, required)  # the importer hands its own table (explorer/importer)
    if sub is not None:
        return sub
    if not path.is_file():
        raise SourceError(path, "file not found (is ../shared/data/raw complete?)")
    with open(path, "rb") as f:
        magic = f.read(4)
    if magic != b"PK\x03\x04":
        raise SourceError(path, "not an Excel .xlsx workbook (it does not start like a zip archive)")
    book = _open(path)
    if sheet not in book.sheet_names:
        raise SourceError(path, f"no sheet {sheet!r}; sheets: {', '.join(book.sheet_names)}")
    # dtype=str gives each cell as typed (3 -> '3', 0.4731 -> '0.4731', blank -> ''), whether the
    # column holds numbers, text or both (PTS writes "NA" inside numeric columns).
    df = pd.read_excel(book, sheet_name=sheet, dtype=str, header=0, keep_default_na=False, na_values=[])
    df.columns = [str(c).strip() for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise SourceError(path, f"sheet {sheet!r}: missing column(s) {', '.join(map(repr, missing))}; "
                                f"found: {', '.join(df.columns)}", 1)
    if df.empty:
        raise SourceError(path, f"sheet {sheet!r} has a header but no rows")
    for col in df.columns:
        df[col] = df[col].str.strip()
    df["_line"] = np.arange(2, len(df) + 2)  # Excel row numbers: the header is row 1
    return df
