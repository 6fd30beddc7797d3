"""World Justice Project Rule of Law Index (historical data 2012-2024): privacy, expression and
fundamental rights, 0-1, higher = better protection.

Two-year editions ("2012-2013", "2017-2018") carry the first year in ``year``; there are no
2013 or 2018 rows. Data year = that ``year``; the edition label is kept on every row so the
app can say "2017-2018 edition". Join on ``code`` (World Bank style names; Kosovo = XKX).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import Indicator, Source
from ._io import numbers, read_csv, years

FILE = "wjp_rule_of_law_index_2012_2024.csv"

SOURCE = Source(
    id="wjp",
    short="WJP",
    publisher="World Justice Project",
    name="WJP Rule of Law Index",
    url="https://worldjusticeproject.org/rule-of-law-index/",
    licence="WJP terms of use apply",
    licence_note=("No WJP data licence was found (the WJPr package that ships the historical file is MIT "
                  "for its code only); check WJP's terms of use before redistributing."),
    citation="World Justice Project, WJP Rule of Law Index® (2012-2013 to 2024 editions), https://worldjusticeproject.org/.",
    folder="wjp",
    caveats=("Based on household and expert surveys; WJP re-normalises each edition, so small year-to-year "
             "changes are noise. Coverage grows from 97 countries (2012-2013) to 142 (2024); ranks from "
             "editions with different country sets are not comparable. Two-year editions (2012-2013, "
             "2017-2018) are dated to their first year."),
)

EDITION_TEXT = ("WJP Rule of Law Index editions 2012-2013 to 2024 (historical data file); data year = first "
                "year of the edition, so the 2017-2018 edition is 2017 and there are no 2013 or 2018 values")

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


def read(raw: Path, h):
    from . import Readout

    path = raw / SOURCE.folder / FILE
    df = read_csv(path, ["country", "year", "edition", "code"] + [c[0] for c in COLUMNS])
    iso3 = h.resolve_column(df, SOURCE.id, path, "country", "code")
    year = years(df, "year", path)
    edition = df["edition"].str.strip()
    out = Readout()
    for col, ind, *_ in COLUMNS:
        value = numbers(df, col, path)
        out.add(pd.DataFrame({"iso3": iso3, "year": year, "edition": edition, "raw_value": value,
                              "line": df["_line"]}), indicator=ind, file=str(path))
        blank = value.isna()
        out.add_gaps(pd.DataFrame({"iso3": iso3[blank], "year": year[blank],
                                   "reason": [BLANK_REASON.format(part=_wjp_number(col), edition=e)
                                              for e in edition[blank]]}),
                     indicator=ind)
    return out
