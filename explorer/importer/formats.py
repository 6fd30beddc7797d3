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
from ..sources import (Readout, aigs, cirights, comparitech, freedomhouse, fariss, keepiton, pts, rsf, spyware,
                       top10vpn, unctad, vdem, wjp)
from ..sources._io import substitute_files
from .tables import Grid

HEADER_SEARCH_ROWS = 40  # title and note rows publishers put above the header
PUBLISHER_FILE = "publisher's file"


@dataclass(frozen=True)
class Format:
    id: str
    module: object  # the reader module in explorer/sources
    file: str  # the reader's file name this table stands in for
    required: tuple[str, ...]  # columns as published (case and spacing ignored)
    title: str
    rename: dict[str, str] = field(default_factory=dict)  # published column -> reader's column
    adapt: Callable[[pd.DataFrame, Grid], pd.DataFrame] | None = None
    edition: Callable[[pd.DataFrame, Path], str | None] | None = None  # None: keep the reader's labels
    # The class every value gets; None: the reader's own (a layout only transcriptions have).
    provenance: str | None = PUBLISHER_FILE
    # Instead of the module's read() on the substituted file: (Recognised, harmoniser) -> Readout.
    read: Callable | None = None
    # Other tables the reader reads beside this one, taken from the index: base -> {file: table}.
    companions: Callable | None = None
    indicators: tuple[str, ...] | None = None  # keep only these (a reader of several files)
    accepts: Callable[[Path], bool] | None = None  # the file name must say so (layouts shared by two formats)
    patterns: tuple[str, ...] = ()  # further columns named by edition ("Population (2025)"): regexes

    @property
    def source(self) -> str:
        return self.module.SOURCE.id


def _key(col: str) -> str:
    return " ".join(str(col).split()).casefold()


def _years(col: pd.Series) -> pd.Series:
    """The plausible years in a column: numbers written as text, NaN, inf and 1e20 left out."""
    y = pd.to_numeric(col, errors="coerce")
    return y[y.between(1900, 2100) & (y % 1 == 0)]


def _from_name(pattern: str, template: str):
    def edition(df: pd.DataFrame, path: Path) -> str | None:
        m = re.search(pattern, path.name, re.IGNORECASE)
        return template.format(*m.groups()) if m else None
    return edition


def _pts_edition(df: pd.DataFrame, path: Path) -> str | None:
    m = re.search(r"PTS[-_ ]?(\d{4})", path.name, re.IGNORECASE)
    if m:
        return f"PTS-{m.group(1)}"
    years = _years(df["Year"])  # the reader names any other year as an error
    return f"PTS-{int(years.max()) + 1}" if len(years) else None  # a release codes the year before it


def _rsf_annual(df: pd.DataFrame, grid: Grid) -> pd.DataFrame:
    """RSF's yearly export names the score column by year ("Score 2025") in some editions."""
    score = [c for c in df.columns if re.fullmatch(r"score( \d{4})?", _key(c))]
    return df.rename(columns={score[0]: "Score"}) if score else df


_RSF_NEW = next(name for name, col in rsf.NEW_METHOD.items() if col == "Score")
_RSF_TRANSCRIBED, _RSF_TRANSCRIBED_SCORE = next(iter(rsf.TRANSCRIBED.items()))


def _says(*words: str) -> Callable[[Path], bool]:
    return lambda path: any(w in path.name.casefold() for w in words)


def provenance_of(fmt: Format, path: Path) -> str | None:
    """A file whose name says it is a transcription or provisional is marked so, whatever its layout."""
    if _says("provisional")(path):
        return "provisional"
    if fmt.provenance is not None and _says("transcri")(path):
        return "transcription"
    return fmt.provenance


def _rsf_transcribed(df: pd.DataFrame, grid: Grid) -> pd.DataFrame:
    score = [c for c in df.columns if re.fullmatch(r"score( \d{4})?", _key(c))]
    return df.rename(columns={score[0]: _RSF_TRANSCRIBED_SCORE}) if score else df


def _year_in_name(path: Path) -> int | None:
    m = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", path.name)
    return int(m.group(1)) if m else None


def _no_year(path: Path, what: str) -> SourceError:
    return SourceError(path, f"{what} has no edition year in its columns: put the year in the file name "
                       f"(e.g. {path.stem}_2027{path.suffix}) and import it again")


# -- Access Now #KeepItOn: the event register; the years it covers are its own (zeros inside them)
def _keepiton_adapt(df: pd.DataFrame, grid: Grid) -> pd.DataFrame:
    """Access Now's own sheet has no ISO3 column (the shipped copy's was added by us): names only."""
    return df if "iso3" in df.columns else df.assign(iso3="")


def _keepiton_edition(df: pd.DataFrame, path: Path) -> str | None:
    y = _years(df["count_year"])
    return f"STOP {int(y.min())}-{int(y.max())}" if len(y) else None


# -- Comparitech: one edition of city estimates; the population column is named by year
_CCTV_POP = re.compile(r"# of people|population(?: \((\d{4})\))?")
_CCTV_RATE = re.compile(r"# of (?:cctv )?cameras per 1,000 people")
_CCTV_FILE, _CCTV_POP_COL, _CCTV_RATE_COL = comparitech.EDITIONS[max(comparitech.EDITIONS)]
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")  # 49.841 = 49841 in a decimal-comma file


def _cctv_adapt(df: pd.DataFrame, grid: Grid) -> pd.DataFrame:
    cols = {_key(c): c for c in df.columns}
    pop = next((c for k, c in cols.items() if _CCTV_POP.fullmatch(k)), None)
    rate = next((c for k, c in cols.items() if _CCTV_RATE.fullmatch(k)), None)
    if pop is None or rate is None:
        raise SourceError(grid.label, "a Comparitech table needs a population column (\"# of People\" or "
                          "\"Population (YYYY)\") and \"# of cameras per 1,000 people\"", grid.lines[0])
    df = df.rename(columns={pop: _CCTV_POP_COL, rate: _CCTV_RATE_COL})
    if grid.info.get("decimal_comma"):  # whole counts written with grouping dots (or read as decimals)
        for col in (comparitech.CAMERAS, _CCTV_POP_COL):
            text = df[col].astype(str).str.strip()
            df[col] = text.where(~text.str.match(_GROUPED), text.str.replace(".", "", regex=False))
    df.attrs["population_column"] = pop
    return df if "iso3" in df.columns else df.assign(iso3="")


def _cctv_year(df: pd.DataFrame, path: Path) -> int | None:
    m = _CCTV_POP.fullmatch(_key(df.attrs.get("population_column", "")))
    return int(m.group(1)) if m and m.group(1) else _year_in_name(path)


def _cctv_edition(df: pd.DataFrame, path: Path) -> str | None:
    year = _cctv_year(df, path)
    return f"Comparitech {year}" if year else None


def _cctv_read(rec, h) -> Readout:
    year = _cctv_year(rec.table, rec.grid.path)
    if year is None:
        raise _no_year(rec.grid.path, "this Comparitech table")
    path = Path("(import)") / _CCTV_FILE
    cameras = pd.to_numeric(rec.table[comparitech.CAMERAS].str.replace(",", "", regex=False), errors="coerce")
    frac = cameras.notna() & (cameras % 1 != 0)
    if frac.any():
        i = int(frac.to_numpy().nonzero()[0][0])
        raise SourceError(path, f"camera count {rec.table[comparitech.CAMERAS].iloc[i]!r} is not a whole number "
                          "(a thousands separator read as a decimal comma?)", int(rec.table["_line"].iloc[i]))
    out = Readout()
    rows = comparitech._edition(path, year, _CCTV_POP_COL, _CCTV_RATE_COL, h, spread_is_national=True)
    out.add(rows, indicator="comparitech_cctv", edition=f"Comparitech {year}", provenance=comparitech.PROVENANCE,
            file=str(path))
    return out


# -- Carnegie: the Digital Repression Index sheet and the spyware inventory, each on its own
_DRI_COL = re.compile(r"digital repression index(?: (\d{4}))?")


def _dri_adapt(df: pd.DataFrame, grid: Grid) -> pd.DataFrame:
    col = next((c for c in df.columns if _DRI_COL.fullmatch(_key(c))), None)
    return df.rename(columns={col: aigs.DRI_COL}) if col else df


def _dri_edition(df: pd.DataFrame, path: Path) -> str | None:
    y = _years(df["Year"])
    return f"Digital Repression Index {int(y.max())}" if len(y) else None


def _dri_read(rec, h) -> Readout:
    out = Readout()
    path = Path("(import)") / aigs.DRI_FILE
    out.add(aigs.read_dri(path, h), indicator="aigs_digital_repression",
            edition=rec.edition or aigs.DRI_EDITION, provenance=aigs.PROVENANCE, file=str(path))
    return out


def _dri_from_index(base) -> dict[str, pd.DataFrame]:
    """The countries (and values) of the index's latest Digital Repression Index: the coverage the
    AIGS and spyware readers take their gaps from ("covered but not listed")."""
    o = base.observations
    d = o[o["indicator"] == "aigs_digital_repression"]
    d = d[d["year"] == d["year"].max()] if len(d) else d
    table = pd.DataFrame({"Country": d["iso3"].to_numpy(), "iso3": d["iso3"].to_numpy(),
                          "Year": d["year"].astype(int).astype(str).to_numpy(),
                          aigs.DRI_COL: d["raw_value"].map(repr).to_numpy(), "_line": 0})
    return {aigs.DRI_FILE: table}


def _spyware_edition(df: pd.DataFrame, path: Path) -> str | None:
    m = re.search(r"v(\d+)", path.name, re.IGNORECASE)
    return f"Commercial spyware inventory v{m.group(1)}" if m else None


def spyware_year(df: pd.DataFrame, path: Path) -> tuple[int | None, str]:
    """The data year of a release: the year in the file name, else the year after its last
    disclosure (v10: disclosures to 2022, released 2023)."""
    named = _year_in_name(path)
    if named:
        return named, f"data year {named} (from the file name)"
    found = df["Year of disclosure"].astype(str).str.findall(r"(?:19|20)\d\d").explode().dropna().astype(int)
    if not len(found):
        return None, ""
    return int(found.max()) + 1, (f"data year {int(found.max()) + 1} = the year after the last disclosure "
                                  f"({int(found.max())}), as for v10; put the release year in the file name to set it")


def _spyware_read(rec, h) -> Readout:
    year, _ = spyware_year(rec.table, rec.grid.path)
    if year is None:
        raise _no_year(rec.grid.path, "this spyware inventory")
    return spyware.read_inventory(Path("(import)") / spyware.FILE, Path("(import)") / aigs.DRI_FILE, h, year,
                                  rec.edition or f"Commercial spyware inventory ({rec.grid.path.name})")


# -- Freedom House transcriptions (the layouts of FIW 2026 and FOTN 2025; no spreadsheet published)
def _fiw_transcribed_edition(df: pd.DataFrame, path: Path) -> str | None:
    y = _year_in_name(path)
    return f"FIW {y}" if y else None


def _fiw_transcribed_read(rec, h) -> Readout:
    if rec.edition is None:
        raise _no_year(rec.grid.path, "a transcription of FIW scores")
    out = Readout()
    freedomhouse.read_fiw_transcription(out, Path("(import)") / freedomhouse.FIW_2026, h, int(rec.edition[4:]))
    return out


def _fotn_totals_edition(df: pd.DataFrame, path: Path) -> str | None:
    y = _years(df["edition"])
    return f"FOTN {int(y.iloc[0])}" if len(y) else None


def _fotn_totals_read(rec, h) -> Readout:
    out = Readout()
    freedomhouse.read_fotn_totals(out, Path("(import)") / freedomhouse.FOTN_2025, h)
    return out

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
    # A transcription in RSF's own layout says so in its name; only its own year is read (as the
    # shipped 2026 one), not the previous year's column of a file that is not RSF's.
    Format("rsf-transcription", rsf, _RSF_TRANSCRIBED, ("ISO", "Country_EN", "Year (N)", "Safety"),
           "RSF World Press Freedom Index, transcribed (RSF's layout)", patterns=(r"score( \d{4})?",),
           adapt=_rsf_transcribed,
           provenance=None, accepts=_says("transcri")),
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
           "Carnegie AI & Big Data Global Surveillance Index", companions=_dri_from_index,
           indicators=tuple(i.id for i in aigs.INDICATORS if i.id != "aigs_digital_repression")),
    Format("dri", aigs, aigs.DRI_FILE, ("Country", "Year"), "Digital Repression Index (Feldstein, AIGS workbook)",
           patterns=(_DRI_COL.pattern,), adapt=_dri_adapt, edition=_dri_edition, read=_dri_read),
    Format("spyware", spyware, spyware.FILE, (spyware.COUNTRY, spyware.TECH, spyware.VENDOR, "Year of disclosure",
                                              spyware.LOW), "Carnegie Global Inventory of Commercial Spyware",
           edition=_spyware_edition, read=_spyware_read, companions=_dri_from_index),
    Format("keepiton", keepiton, keepiton.FILE, ("count_year", "country", "shutdown_extent"),
           "Access Now #KeepItOn STOP shutdown register", adapt=_keepiton_adapt, edition=_keepiton_edition),
    Format("comparitech", comparitech, _CCTV_FILE, ("City", "Country", comparitech.CAMERAS),
           "Comparitech most surveilled cities (CCTV)", patterns=(_CCTV_POP.pattern, _CCTV_RATE.pattern),
           adapt=_cctv_adapt, provenance=None,  # Comparitech publishes articles: every table is copied out
           edition=_cctv_edition, read=_cctv_read),
    Format("fiw-transcription", freedomhouse, freedomhouse.FIW_2026, tuple(freedomhouse.FIW_TRANSCRIBED_COLUMNS),
           "Freedom in the World scores, transcribed from FH's country pages", edition=_fiw_transcribed_edition,
           read=_fiw_transcribed_read, provenance=None),
    Format("fotn-totals", freedomhouse, freedomhouse.FOTN_2025, tuple(freedomhouse.FOTN_TOTALS_COLUMNS),
           "Freedom on the Net totals, provisional transcription", edition=_fotn_totals_edition,
           read=_fotn_totals_read, provenance=None),
]
BY_ID = {f.id: f for f in FORMATS}


@dataclass
class Recognised:
    format: Format
    grid: Grid
    header: int  # index of the header row in grid.rows
    table: pd.DataFrame  # reader's column names, text, with _line
    edition: str | None
    provenance: str | None = PUBLISHER_FILE  # None: the reader's own classes

    @property
    def where(self) -> str:
        return self.grid.label

    @property
    def header_line(self) -> int:
        return self.grid.lines[self.header]


def _header_keys(grid: Grid) -> list[set[str]]:
    """The column keys of each row a header may be on, computed once per sheet (not per format:
    WJP's score sheets are 140 columns wide, and there are twenty formats)."""
    if grid.header_keys is None:
        grid.header_keys = [{_key(c) for c in row if c} for row in grid.header_cells(HEADER_SEARCH_ROWS)]
    return grid.header_keys


def _find_header(grid: Grid, fmt: Format) -> int | None:
    want = {_key(c) for c in fmt.required}
    pats = [re.compile(p) for p in fmt.patterns]
    for i, have in enumerate(_header_keys(grid)):
        if want <= have and all(any(p.fullmatch(k) for k in have) for p in pats):
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
            if fmt.accepts and not fmt.accepts(grid.path):
                continue
            h = _find_header(grid, fmt)
            if h is None:
                continue
            df = grid.frame(h)
            canon = {c: fmt.rename.get(_published(fmt, c), _published(fmt, c)) for c in df.columns if c != "_line"}
            df = df.rename(columns=canon)
            if fmt.adapt:
                df = fmt.adapt(df, grid)
            edition = fmt.edition(df, grid.path) if fmt.edition else None
            return Recognised(fmt, grid, h, df, edition, provenance_of(fmt, grid.path))
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


def read_observations(rec: Recognised, h, base=None) -> Readout:
    """Run the publisher's reader on the table; errors name the user's file, not the reader's.
    ``base`` (the index imported into) gives the tables a reader needs beside this one."""
    fmt = rec.format
    tables = {fmt.file: rec.table}
    companions = fmt.companions(base) if fmt.companions and base is not None else {}
    try:
        with substitute_files(companions | tables):
            out = fmt.read(rec, h) if fmt.read else fmt.module.read(Path("(import)"), h)
    except SourceError as e:
        raise SourceError(rec.where, e.problem, e.line) from None
    except (ValueError, KeyError, TypeError, IndexError, OverflowError) as e:
        raise SourceError(rec.where, f"the {fmt.title} reader could not use this table ({type(e).__name__}: {e})") from None
    _forget_companion_names(h, fmt.source, companions, rec.table)
    if fmt.indicators is not None:
        out = Readout([f[f["indicator"].isin(fmt.indicators)] for f in out.frames],
                      [g[g["indicator"].isin(fmt.indicators)] for g in out.gaps])
    return out


def _forget_companion_names(h, source: str, companions: dict[str, pd.DataFrame], table: pd.DataFrame) -> None:
    """The index's own tables are resolved by code; they are not names the file used."""
    theirs = {c for t in companions.values() for c in t["Country"]} - set(table.get("Country", ()))
    for name in theirs:
        h.matched.pop((source, name), None)
