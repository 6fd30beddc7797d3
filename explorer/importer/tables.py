"""Read a downloaded file (xlsx, xls, csv; `,` `;` or tab; UTF-8, cp1252 or Latin-1) into text grids.

A grid is the file's cells as text, every row with its line (csv) or row number (xlsx), before
any header is chosen: publishers put title rows above the header, so ``formats`` picks it.
Every problem is a ``SourceError`` naming the file, the line and what is wrong.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import SourceError

# Official downloads are a few MB (the largest, V-Dem's full dataset, ~200 MB as csv, is not one
# the index reads whole). Larger files are refused before any byte is parsed.
MAX_BYTES = 64 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF8_SEQ = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")


@dataclass
class Grid:
    path: Path
    label: str  # "file.csv" or "file.xlsx, sheet 'Historical Data'"
    rows: Sequence[list[str]]  # a list (csv) or LazyRows (a workbook's sheet)
    lines: list[int]  # the file's line (csv) or row (xlsx) of each row, 1-based
    info: dict = field(default_factory=dict)  # format, encoding, separator, decimal comma
    header_keys: list | None = field(default=None, repr=False)  # formats' cache of the first rows' column keys

    def header_cells(self, n: int) -> list[list[str]]:
        """The cells a header could be made of, in the first ``n`` rows."""
        return self.rows.words(n) if isinstance(self.rows, LazyRows) else self.rows[:n]

    def frame(self, header: int) -> pd.DataFrame:
        """Rows after ``header`` as text columns named by that row, plus ``_line``."""
        names = [c.strip() for c in self.rows[header]]
        while names and not names[-1]:
            names.pop()
        width = len(names)
        if self.info.get("format") == "csv":
            for r, ln in zip(self.rows[header + 1:], self.lines[header + 1:]):
                if any(c.strip() for c in r) and len(r) < width:
                    raise SourceError(self.path, f"this row has {len(r)} of the header's {width} columns "
                                      "(truncated file, or a stray line?)", ln)
        body = [(r + [""] * width)[:width] for r in self.rows[header + 1:]]
        keep = [i for i, r in enumerate(body) if any(c.strip() for c in r)]  # blank rows say nothing
        df = pd.DataFrame([body[i] for i in keep], columns=_unique(names), dtype=object)
        if df.empty:
            df = pd.DataFrame({c: pd.Series(dtype=object) for c in _unique(names)})
        df["_line"] = [self.lines[header + 1 + i] for i in keep]
        return df


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        n = n or "unnamed"
        k = seen.get(n, 0)
        seen[n] = k + 1
        out.append(n if k == 0 else f"{n}.{k}")
    return out


def read_grids(path: Path | str):
    """The file's grids, lazily (one per sheet of a workbook, one for a text file)."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(path, "file not found")
    size = path.stat().st_size
    if size == 0:
        raise SourceError(path, "file is empty")
    if size > MAX_BYTES:
        raise SourceError(path, f"file is {size / 1e6:,.0f} MB; imports are limited to {MAX_BYTES // 2**20} MB "
                          "(an official edition is a few MB: is this the right file?)")
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(XLSX_MAGIC) or head.startswith(XLS_MAGIC):
        yield from _excel(path)
    else:
        yield _text(path, path.read_bytes())


def _cell(v) -> str:
    t = type(v)
    if t is str:
        return v.strip()
    if v is None:
        return ""
    if t is float:
        if math.isnan(v):
            return ""
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if t is bool:
        return str(v).upper()
    if t is int:
        return str(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, float):  # numpy floats from openpyxl via pandas
        return _cell(float(v))
    return str(v).strip()


def _float(v: float) -> str:
    """``_cell`` of a float, inlined for the cells workbooks are made of (scores)."""
    if v != v:  # NaN
        return ""
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)


def _cells(raw) -> list[list[str]]:
    """Every cell as text: strings and floats (almost every cell) on a fast path, the rest
    (ints, bools, dates, None) through ``_cell``."""
    s, f = str, float
    return [[v.strip() if type(v) is s else _float(v) if type(v) is f else _cell(v) for v in r] for r in raw]


class LazyRows(Sequence):
    """A sheet's rows as text, each converted when first read: the header search reads the first
    40 rows of every sheet, and only the sheet it picks is read whole."""

    def __init__(self, raw):
        self._raw = raw
        self._text: list = [None] * len(raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        row = self._text[i]
        if row is None:
            row = self._text[i] = _cells((self._raw[i],))[0]
        return row

    def words(self, n: int) -> list[list[str]]:
        """The text cells of the first ``n`` rows, numbers left out (a header is made of text)."""
        return [[v.strip() for v in r if type(v) is str] for r in self._raw[:n]]


def _unreadable(path: Path, errors: list[str]) -> SourceError:
    return SourceError(path, "not a readable Excel workbook (truncated, damaged or not really xlsx?): "
                       + "; ".join(errors))


def _excel(path: Path):
    """Sheets with cached formula values: python-calamine (the engine pandas.read_excel uses
    with engine="calamine", called directly to skip a DataFrame), openpyxl as the fallback."""
    errors: list[str] = []
    sheets = None
    try:
        import python_calamine
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        names = list(wb.sheet_names)
        sheets = ((n, lambda n=n: wb.get_sheet_by_name(n).to_python()) for n in names)
    except Exception as e:  # noqa: BLE001 - any reader failure becomes one message
        errors.append(f"calamine: {_first_line(e)}")
    if sheets is None:
        try:
            frames = pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl", dtype=object)
        except Exception as e:  # noqa: BLE001
            errors.append(f"openpyxl: {_first_line(e)}")
            raise _unreadable(path, errors) from None
        sheets = ((n, lambda df=df: list(df.itertuples(index=False, name=None))) for n, df in frames.items())
    for name, load in sheets:
        try:
            raw = load()
        except Exception as e:  # noqa: BLE001
            raise _unreadable(path, [f"sheet {name!r}: {_first_line(e)}"]) from None
        rows = LazyRows(raw)
        yield Grid(path, f"{path.name}, sheet {name!r}", rows, list(range(1, len(rows) + 1)),
                   {"format": "xlsx", "sheet": name})


def _first_line(e: Exception) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Text and encoding: UTF-8 (with or without BOM), else cp1252, else Latin-1. A file that
    mixes UTF-8 sequences with bytes that are not UTF-8 is refused: no single reading is right."""
    if b"\x00" in data[:65536]:
        raise SourceError(path, "this is not a text table (binary content); expected .xlsx, .xls or .csv")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as e:
        bad_line = data[: e.start].count(b"\n") + 1
        m = _UTF8_SEQ.search(data)
        if m:
            utf_line = data[: m.start()].count(b"\n") + 1
            raise SourceError(path, f"mixed encodings: line {utf_line} is UTF-8 but byte 0x{data[e.start]:02x} "
                              f"on line {bad_line} is not; save the file again as UTF-8", bad_line) from None
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _separator(lines: list[str]) -> str:
    best, best_score = ",", -1.0
    for sep in (",", ";", "\t"):
        counts = sorted(ln.count(sep) for ln in lines if ln.strip())
        if not counts:
            continue
        score = counts[len(counts) // 2]
        if score > best_score:
            best, best_score = sep, score
    return best


def _text(path: Path, data: bytes) -> Grid:
    text, encoding = decode(path, data)
    sep = _separator(text.splitlines()[:30])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    rows, lines = [], []
    try:
        start = 1
        for row in reader:
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as e:
        raise SourceError(path, f"not a readable CSV: {e}", reader.line_num) from None
    comma = sep == ";"
    if comma:  # `;`-separated files from European locales write 0,75 for 0.75
        rows = [[c.replace(",", ".") if _DECIMAL_COMMA.match(c.strip()) else c for c in r] for r in rows]
    return Grid(path, path.name, rows, lines, {"format": "csv", "encoding": encoding,
                                               "separator": {"\t": "tab"}.get(sep, sep), "decimal_comma": comma})
