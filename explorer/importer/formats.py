"""Which publisher's download a table is, which edition, and its observations, read by the
project's own reader (``explorer/sources``) so that scales, directions, notes and gaps are the
ones the build uses. A format names the reader's file it stands in for, the columns that
identify it as published, and how to bring the published layout to the reader's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from ..errors import SourceError
from ..sources import Readout, aigs, cirights, freedomhouse, fariss, pts, rsf, top10vpn, unctad, vdem, wjp
from ..sources._io import substitute_files
from .tables import Grid

HEADER_SEARCH_ROWS = 40  # title and note rows publishers put above the header


@dataclass(frozen=True)
class Format:
    id: str
    module: object  # the reader module in explorer/sources
    file: str  # the reader's file name this table stands in for
    required: tuple[str, ...]  # columns as published (case and spacing ignored)
    title: str
    rename: dict[str, str] = field(default_factory=dict)  # published column -> reader's column
    adapt: Callable[[pd.DataFrame, Path], pd.DataFrame] | None = None
    edition: Callable[[pd.DataFrame, Path], str | None] | None = None  # None: keep the reader's labels

    @property
    def source(self) -> str:
        return self.module.SOURCE.id


def _key(col: str) -> str:
    return " ".join(str(col).split()).casefold()


def _from_name(pattern: str, template: str):
    def edition(df: pd.DataFrame, path: Path) -> str | None:
        m = re.search(pattern, path.name, re.IGNORECASE)
        return template.format(*m.groups()) if m else None
    return edition


def _pts_edition(df: pd.DataFrame, path: Path) -> str | None:
    m = re.search(r"PTS[-_ ]?(\d{4})", path.name, re.IGNORECASE)
    if m:
        return f"PTS-{m.group(1)}"
    years = pd.to_numeric(df["Year"], errors="coerce")
    years = years[years.between(1900, 2100)]  # the reader names any other year as an error
    return f"PTS-{int(years.max()) + 1}" if len(years) else None  # a release codes the year before it


def _rsf_annual(df: pd.DataFrame, path: Path) -> pd.DataFrame:
    """RSF's yearly export names the score column by year ("Score 2025") in some editions."""
    score = [c for c in df.columns if re.fullmatch(r"score( \d{4})?", _key(c))]
    return df.rename(columns={score[0]: "Score"}) if score else df


_RSF_NEW = next(name for name, col in rsf.NEW_METHOD.items() if col == "Score")

FORMATS: list[Format] = [
    Format("pts", pts, pts.FILE, ("Country", "Year", "WordBank_Code_A", "PTS_A", "PTS_H", "PTS_S",
                                  "NA_Status_A", "NA_Status_H", "NA_Status_S"),
           "Political Terror Scale release (PTS-YYYY)", edition=_pts_edition),
    Format("wjp-historical", wjp, wjp.WORKBOOK, ("Country", "Year", "Country_year", *wjp.WORKBOOK_COLUMNS.values()),
           "WJP Rule of Law Index historical data workbook"),
    Format("wjp", wjp, wjp.FILE, ("country", "year", "edition", "code") + tuple(c[0] for c in wjp.COLUMNS),
           "WJP Rule of Law Index historical data (csv)"),
    Format("fariss-v4.02", fariss, fariss.FILE, ("country_name", "YEAR", "COW", fariss.VALUE, fariss.SD,
                                                 fariss.LOWER, fariss.UPPER),
           "Human Rights Protection Scores (latent scores with uncertainty)", edition=_from_name(r"v(\d+\.\d+)", "v{}")),
    Format("rsf", rsf, _RSF_NEW, ("ISO", "Country_EN", "Year (N)", "Score N-1", "Safety"),
           "RSF World Press Freedom Index yearly export (2022+ method)", adapt=_rsf_annual),
    Format("vdem", vdem, vdem.PANEL, ("country_name", "country_text_id", "year") + tuple(v[0] for v in vdem.PANEL_VARS),
           "V-Dem country-year dataset", edition=_from_name(r"v(\d+)", "V-Dem v{}, country-year")),
    Format("fiw", freedomhouse, freedomhouse.FIW_ALL, ("Country/Territory", "Edition", "PR", "CL", "Total"),
           "Freedom in the World all-data file"),
    Format("fotn", freedomhouse, freedomhouse.FOTN_2024, ("Country", "Edition") + tuple(q[0] for q in freedomhouse.QUESTIONS),
           "Freedom on the Net country scores"),
    Format("top10vpn", top10vpn, top10vpn.FILE, ("year", "country", "iso3", *top10vpn.COLUMNS.values()),
           "Top10VPN cost of internet shutdowns"),
    Format("unctad", unctad, unctad.FILE, ("country", "iso3", unctad.COLUMN), "UNCTAD data-protection legislation"),
    Format("cirights", cirights, cirights.FILE,
           ("country", "iso_a3", "year", cirights.SUM) + tuple(c[0] for c in cirights.ITEMS),
           "CIRIGHTS human rights codings", edition=_from_name(r"cirights[_ ]?v?(\d[\d.]*\d)", "CIRIGHTS v{}")),
    Format("aigs", aigs, aigs.AIGS_FILE, ("Country", "iso3", aigs.COUNT_COL) + tuple(f[0] for f in aigs.FLAGS),
           "Carnegie AI & Big Data Global Surveillance Index"),
]
BY_ID = {f.id: f for f in FORMATS}
# Not importable: KeepItOn (its reader fills zeros over a fixed range of years, so a newer STOP file
# would silently lose its new year), Comparitech (two fixed editions), the DRI (one-off 2021) and the
# spyware inventory (its reader also reads the DRI file beside it).


@dataclass
class Recognised:
    format: Format
    grid: Grid
    header: int  # index of the header row in grid.rows
    table: pd.DataFrame  # reader's column names, text, with _line
    edition: str | None

    @property
    def where(self) -> str:
        return self.grid.label

    @property
    def header_line(self) -> int:
        return self.grid.lines[self.header]


def _find_header(grid: Grid, fmt: Format) -> int | None:
    want = {_key(c) for c in fmt.required}
    for i, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        if want <= {_key(c) for c in row}:
            return i
    return None


def recognise(grids, source: str | None = None) -> Recognised:
    """The first sheet (and header row, and format) with the columns of a known download;
    ``source`` (``--source``) restricts the candidates to one publisher's formats."""
    candidates = [f for f in FORMATS if source in (None, f.source, f.id)]
    seen: list[Grid] = []
    for grid in grids:
        seen.append(grid)
        if not candidates:
            known = sorted({f.source for f in FORMATS})
            raise SourceError(grid.path, f"unknown source {source!r}; importable sources: {', '.join(known)}")
        for fmt in candidates:
            h = _find_header(grid, fmt)
            if h is None:
                continue
            df = grid.frame(h)
            canon = {c: fmt.rename.get(_published(fmt, c), _published(fmt, c)) for c in df.columns if c != "_line"}
            df = df.rename(columns=canon)
            if fmt.adapt:
                df = fmt.adapt(df, grid.path)
            edition = fmt.edition(df, grid.path) if fmt.edition else None
            return Recognised(fmt, grid, h, df, edition)
    first = next((g for g in seen if g.rows), seen[0])
    header = first.rows[0] if first.rows else []
    raise SourceError(first.path, "not a file this app can import: no sheet or header row (first "
                      f"{HEADER_SEARCH_ROWS} rows) has the columns of a known publisher's download. First row: "
                      f"{', '.join(c for c in header[:12] if c) or '(empty)'}. Known: "
                      + "; ".join(f"{f.title} ({', '.join(f.required[:4])}, ...)" for f in candidates[:6])
                      + ("; ..." if len(candidates) > 6 else "")
                      + ". For your own indicator use `explorer import FILE --meta META.json`.", 1)


def _published(fmt: Format, col: str) -> str:
    """The column's name as the format spells it (the file may differ in case or spacing)."""
    k = _key(col)
    for want in (*fmt.required, *fmt.rename):
        if _key(want) == k:
            return want
    return col


def read_observations(rec: Recognised, h) -> Readout:
    """Run the publisher's reader on the table; errors name the user's file, not the reader's."""
    fmt = rec.format
    try:
        with substitute_files({fmt.file: rec.table}):
            out = fmt.module.read(Path("(import)"), h)
    except SourceError as e:
        raise SourceError(rec.where, e.problem, e.line) from None
    except (ValueError, KeyError, TypeError, IndexError, OverflowError) as e:
        raise SourceError(rec.where, f"the {fmt.title} reader could not use this table ({type(e).__name__}: {e})") from None
    return out
