"""World Justice Project Rule of Law Index (WJP's historical data workbook, editions 2012-2013 to
2025): privacy, expression and fundamental rights, 0-1, higher = better protection.

Each country-year comes from the newest file that has it: WJP's own 2025 workbook (sheet
"Historical Data"), then the older 2012-2024 CSV from the WJPr package (which it reproduces
exactly for 2012-2024). In the workbook ``Year`` mixes text ("2017-2018") and numbers, and
``Country_year`` holds formulas in older rows: it is checked against Country and Year, which
also proves the cached formula values were read (not the formula text).

Two-year editions ("2012-2013", "2017-2018") carry the first year in ``year``; there are no
2013 or 2018 rows. Data year = that ``year``; the edition label is kept on every row so the
app can say "2017-2018 edition". Join on ``code`` (World Bank style names; Kosovo = XKX).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import Indicator, Source
from ._io import fail_on, numbers, read_csv, years
from ._xlsx import read_xlsx

WORKBOOK = "2025_wjp_rule_of_law_index_HISTORICAL_DATA_FILE.xlsx"
SHEET = "Historical Data"
FILE = "wjp_rule_of_law_index_2012_2024.csv"
# Newest first: (file, provenance class)
FILES = [(WORKBOOK, "publisher's file"), (FILE, "third-party copy")]
# CSV column -> the workbook's long column name
WORKBOOK_COLUMNS = {"country": "Country", "code": "Country Code",
                    "sf46": "4.6 Freedom from arbitrary interference with privacy is effectively guaranteed",
                    "sf44": "4.4 Freedom of opinion and expression is effectively guaranteed",
                    "f4": "Factor 4: Fundamental Rights"}

SOURCE = Source(
    id="wjp",
    short="WJP",
    publisher="World Justice Project",
    name="WJP Rule of Law Index",
    url="https://worldjusticeproject.org/rule-of-law-index/",
    licence="WJP terms of use apply",
    licence_note=("No WJP data licence was found (the WJPr package that ships the historical file is MIT "
                  "for its code only); check WJP's terms of use before redistributing."),
    citation="World Justice Project, WJP Rule of Law Index® (2012-2013 to 2025 editions), https://worldjusticeproject.org/.",
    folder="wjp",
    caveats=("Based on household and expert surveys; WJP re-normalises each edition, so small year-to-year "
             "changes are noise. Coverage grows from 97 countries (2012-2013) to 143 (2025); ranks from "
             "editions with different country sets are not comparable. Two-year editions (2012-2013, "
             "2017-2018) are dated to their first year."),
)

EDITION_TEXT = ("WJP Rule of Law Index editions 2012-2013 to 2025 (WJP's 2025 historical data workbook); data "
                "year = first year of the edition, so the 2017-2018 edition is 2017 and there are no 2013 or "
                "2018 values")

# (column, id, short, name, pillar, description)
COLUMNS = [
    ("sf46", "wjp_privacy", "Privacy (WJP 4.6)", "Freedom from arbitrary interference with privacy", "legal",
     "Whether police and government search homes, tap phones and read private communications only with "
     "legal authorisation (WJP sub-factor 4.6, 0-1, higher = better protected)."),
    ("sf44", "wjp_expression", "Expression (WJP 4.4)", "Freedom of opinion and expression", "civic",
     "Whether people, the media and civil society can speak and report freely without fear of "
     "retaliation (WJP sub-factor 4.4, 0-1, higher = freer)."),
    ("f4", "wjp_fundamental_rights", "Fundamental rights (WJP 4)", "Fundamental rights (WJP factor 4)", None,
     "WJP's factor 4: equal treatment, right to life and security, due process, expression, belief, "
     "privacy, assembly and labour rights (0-1, higher = better). Context, not scored: it overlaps the "
     "privacy and expression sub-factors."),
]

INDICATORS = [
    Indicator(id=ind, source="wjp", name=name, short=short, description=desc, pillar=pillar,
              unit="score 0-1", scale="bounded", higher_is_better=True, raw_min=0.0, raw_max=1.0,
              edition=EDITION_TEXT,
              caveat="Survey-based and re-normalised each edition: small changes between years are noise.")
    for _, ind, short, name, pillar, desc in COLUMNS
]

BLANK_REASON = ("WJP's historical data leave {part} blank for this country in the {edition} edition "
                "(other scores are published); missing, not zero")


def _wjp_number(col: str) -> str:
    """'sf46' -> 'sub-factor 4.6', 'f4' -> 'factor 4' (WJP's own numbering)."""
    return f"sub-factor {col[2]}.{col[3:]}" if col.startswith("sf") else f"factor {col[1:]}"


def _read_workbook(path: Path) -> pd.DataFrame:
    """The workbook in the CSV's shape: short column names, ``year`` = first year, ``edition``."""
    df = read_xlsx(path, SHEET, ["Year", "Country_year", *WORKBOOK_COLUMNS.values()])
    label = df["Year"].str.strip()
    fail_on(path, df, ~label.str.fullmatch(r"\d{4}(-\d{4})?"),
            lambda i: f"sheet {SHEET!r}, column 'Year': {label.iloc[i]!r} is neither a year nor an edition "
                      "like '2017-2018'")
    fail_on(path, df, df["Country_year"].str.strip() != df["Country"].str.strip() + "_" + label,
            lambda i: f"sheet {SHEET!r}, column 'Country_year': {df['Country_year'].iloc[i]!r} does not match "
                      f"Country and Year (a formula read as text, or a shifted row?)")
    df = df.rename(columns={v: k for k, v in WORKBOOK_COLUMNS.items()})
    df["edition"] = label
    df["year"] = label.str[:4]
    return df


def read(raw: Path, h):
    from . import Readout

    out = Readout()
    seen: set[tuple[str, int]] = set()  # country-years a newer file already gave
    for name, provenance in FILES:
        path = raw / SOURCE.folder / name
        df = (_read_workbook(path) if name == WORKBOOK
              else read_csv(path, ["country", "year", "edition", "code"] + [c[0] for c in COLUMNS]))
        if df.empty:  # only when the importer hands the other file (explorer/importer)
            continue
        iso3 = h.resolve_column(df, SOURCE.id, path, "country", "code")
        year = years(df, "year", path)
        keys = list(zip(iso3, year))
        new = pd.Series([k not in seen for k in keys], index=df.index)
        seen.update(k for k in keys if k[0] is not None)
        df, iso3, year = df[new], iso3[new], year[new]
        edition = df["edition"].str.strip()
        for col, ind, *_ in COLUMNS:
            value = numbers(df, col, path)
            out.add(pd.DataFrame({"iso3": iso3, "year": year, "edition": edition, "raw_value": value,
                                  "line": df["_line"]}), indicator=ind, provenance=provenance, file=str(path))
            blank = value.isna()
            out.add_gaps(pd.DataFrame({"iso3": iso3[blank], "year": year[blank],
                                       "reason": [BLANK_REASON.format(part=_wjp_number(col), edition=e)
                                                  for e in edition[blank]]}),
                         indicator=ind)
    return out
