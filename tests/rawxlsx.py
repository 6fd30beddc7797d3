"""Independent workbook access for reader tests: openpyxl (cached values), not the readers' calamine path."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=4)
def _rows(path: Path, sheet: str, data_only: bool) -> tuple[dict, ...]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=data_only)
    it = wb[sheet].iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(it)]
    out = tuple(dict(zip(header, r)) for r in it if any(v is not None for v in r))
    wb.close()
    return out


def rows(path: Path, sheet: str, data_only: bool = True) -> list[dict]:
    """Each data row as {column: cell value}; ``data_only=False`` shows formulas as written."""
    return list(_rows(Path(path), sheet, data_only))
