"""RSF World Press Freedom Index: global score 2014-2025 and the safety sub-score.

RSF changed method in 2022 and flipped its scale: before, 0 = best; since, 100 = best. The two
are separate indicators so that their scores never share an axis (ranks are comparable, scores
are not). Read from RSF's own exports: the 2014-2021 file, and the 2023 and 2025 files, whose
``Score N-1`` columns give 2022 and 2024. Data year = RSF's edition year (its own dating).

The 2026 edition is a transcription of a third-party copy of RSF's export, in RSF's own layout
(``;``-separated, decimal comma). Only its 2026 values are used: its ``Score N-1`` repeats the
2025 file, which is RSF's own.
"""

from __future__ import annotations

from pathlib import Path

import io
import re

import numpy as np
import pandas as pd

from ..catalogue import Indicator, Source
from ..errors import SourceError
from ._io import fail_on, numbers, read_csv, read_text, substituted, years

OLD_METHOD = "rsf_wpfi_2014_2021_old_method.csv"
NEW_METHOD = {"rsf_wpfi_2023.csv": "Score", "rsf_wpfi_2025.csv": "Score 2025"}  # file -> global score column
LONG = "rsf_wpfi_scores_ranks_2014_2025_long.csv"  # convenience table, used by the tests as a cross-check
NEW_METHOD_FROM = 2022
TRANSCRIBED = {"rsf_wpfi_2026.csv": "Score 2026"}  # RSF's layout: ';' and decimal commas
PROVENANCE = "publisher's file"  # RSF's exports (2014-2021 as RSF sent it to OWID); format converted only
TRANSCRIBED_PROVENANCE = "transcription"

SOURCE = Source(
    id="rsf",
    short="RSF",
    publisher="Reporters sans frontières (Reporters Without Borders, RSF)",
    name="World Press Freedom Index",
    url="https://rsf.org/en/index",
    licence="RSF terms: non-commercial reuse with attribution",
    licence_note=("Non-commercial use only, with attribution to RSF; RSF's terms restrict modification or "
                  "adaptation without its consent (our format conversion may count as adaptation)."),
    citation=("Reporters sans frontières (RSF). World Press Freedom Index, editions 2014-2026. "
              "https://rsf.org/en/index."),
    folder="rsf",
    caveats=("RSF changed its method in 2022 and reversed the scale: 2014-2021 scores run 0 = best, 2022+ "
             "scores 100 = best. They are kept as two indicators and must never be compared on one axis. "
             "Each edition is dated by RSF's publication year but mostly assesses the preceding calendar "
             "year. Northern Cyprus and the OECS (rated as one unit) are not shown. The 2026 edition is a "
             "transcription of a third-party copy of RSF's export, checked against the 2025 file."),
)

EDITION_NEW = ("World Press Freedom Index editions 2022-2026 (2022+ method); data year = edition year as RSF "
               "dates it, though the assessment mostly covers the preceding calendar year; 2022 and 2024 come "
               "from the 'Score N-1' column of the 2023 and 2025 files; 2026 is a transcription")
NEVER_ONE_AXIS = ("Never compare with the 2014-2021 scores (rsf_score_pre2022): RSF's method changed in 2022 "
                  "and its scale was reversed.")
_COMMON = dict(source="rsf", unit="score 0-100", scale="bounded", raw_min=0, raw_max=100)

INDICATORS = [
    Indicator(id="rsf_score", name="World Press Freedom Index score (2022+ method)", short="RSF press freedom",
              pillar="civic", higher_is_better=True, edition=EDITION_NEW,
              description=("How free journalists and the media are, 0-100 (higher = freer), from RSF's "
                           "survey of experts and its count of abuses against journalists, combining "
                           "political, economic, legal, social and safety indicators. This is the 2022-onward "
                           "method; scores from 2014-2021 used a different method with the scale running the "
                           "other way and are a separate indicator, never on the same axis."),
              caveat=NEVER_ONE_AXIS, **_COMMON),
    Indicator(id="rsf_score_pre2022", name="World Press Freedom Index score (2014-2021 method)",
              short="RSF score (old method)", pillar="civic", higher_is_better=False,
              edition=("World Press Freedom Index editions 2014-2021 (old method); data year = edition year as "
                       "RSF dates it, though the assessment mostly covers the preceding calendar year"),
              description=("RSF's press-freedom score under its 2014-2021 method, 0-100 where 0 = best and "
                           "higher = worse (more abuses and restrictions on journalists). RSF replaced this "
                           "method in 2022 with a reversed scale; the newer scores are a separate indicator "
                           "and must never be put on the same axis."),
              caveat=("Old method: 0 = best. Never compare with 2022+ scores (rsf_score); only ranks are "
                      "comparable across the break."), **_COMMON),
    Indicator(id="rsf_safety", name="World Press Freedom Index: safety of journalists", short="RSF safety",
              pillar="physical", higher_is_better=True,
              edition=("World Press Freedom Index editions 2023, 2025 and 2026 (the only sub-scores available "
                       "here; 2026 transcribed); "
                       "data year = edition year as RSF dates it, mostly assessing the preceding year"),
              description=("RSF's safety indicator, 0-100 (higher = safer): whether journalists can work "
                           "without being killed, attacked, detained, threatened or harassed. Part of the "
                           "2022-onward method."),
              caveat="Only 2023, 2025 and 2026: the 2022 and 2024 sub-scores were not found. " + NEVER_ONE_AXIS,
              **_COMMON),
]


def _add(out, df, iso3, year, values, indicator, path, note=None, provenance=PROVENANCE):
    out.add(pd.DataFrame({"iso3": iso3, "year": year, "raw_value": values, "note": note, "line": df["_line"]}),
            indicator=indicator, edition="WPFI " + year.astype(str), provenance=provenance, file=str(path))


_DECIMAL_COMMA = re.compile(r"-?\d+(,\d+)?")


def read_rsf_export(path: Path, required: list[str], numeric: list[str]) -> pd.DataFrame:
    """RSF's own export layout: ';'-separated, decimal commas, UTF-8. Text columns plus ``_line``;
    the ``numeric`` columns get decimal points so the shared number checks apply."""
    sub = substituted(path, required)  # the importer hands its own table (explorer/importer)
    if sub is not None:
        return sub
    text = read_text(path)
    try:
        df = pd.read_csv(io.StringIO(text), sep=";", dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise SourceError(path, f"not a readable ';'-separated file: {e}") from None
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise SourceError(path, f"missing column(s) {', '.join(map(repr, missing))}; found: {', '.join(df.columns)} "
                                "(RSF's exports are ';'-separated)", 1)
    if df.empty:
        raise SourceError(path, "file has a header but no rows")
    df["_line"] = np.arange(2, len(df) + 2)
    for col in numeric:
        cell = df[col].str.strip()
        fail_on(path, df, ~cell.str.fullmatch(_DECIMAL_COMMA.pattern) & (cell != ""),
                lambda i: f"column {col!r}: {cell.iloc[i]!r} is not a number with a decimal comma")
        df[col] = cell.str.replace(",", ".", regex=False)
    return df


def _first_bad(path, df, bad, problem):
    fail_on(path, df, bad, lambda i: problem.format(df.iloc[i]))


def read(raw: Path, h):
    from . import Readout

    out = Readout()
    path = raw / SOURCE.folder / OLD_METHOD
    df = read_csv(path, ["Year", "ISO", "Country", "Score"])
    year = years(df, "Year", path)
    _first_bad(path, df, year >= NEW_METHOD_FROM, "year {0[Year]} is not an old-method (pre-2022) edition")
    _add(out, df, h.resolve_column(df, SOURCE.id, path, "Country", "ISO"), year,
         numbers(df, "Score", path), "rsf_score_pre2022", path)

    for name, score_col in NEW_METHOD.items():
        path = raw / SOURCE.folder / name
        df = read_csv(path, ["ISO", "Country_EN", "Year (N)", score_col, "Score N-1", "Safety"])
        if df.empty:  # only when the importer hands one yearly file (explorer/importer)
            continue
        year = years(df, "Year (N)", path)
        _first_bad(path, df, (year != year.iloc[0]) | (year <= NEW_METHOD_FROM),
                   "'Year (N)' {0[Year (N)]}: expected one 2023+ edition year per file")
        iso3 = h.resolve_column(df, SOURCE.id, path, "Country_EN", "ISO")
        _add(out, df, iso3, year, numbers(df, score_col, path), "rsf_score", path)
        _add(out, df, iso3, year, numbers(df, "Safety", path), "rsf_safety", path)
        prev = year - 1
        _add(out, df, iso3, prev, numbers(df, "Score N-1", path), "rsf_score", path,
             note=f"{prev.iloc[0]} score as printed in RSF's {year.iloc[0]} file (column 'Score N-1')")

    for name, score_col in TRANSCRIBED.items():
        path = raw / SOURCE.folder / name
        df = read_rsf_export(path, ["ISO", "Country_EN", "Year (N)", score_col, "Safety"], [score_col, "Safety"])
        if df.empty:  # only when the importer hands another file
            continue
        year = years(df, "Year (N)", path)
        _first_bad(path, df, (year != year.iloc[0]) | (year <= NEW_METHOD_FROM),
                   "'Year (N)' {0[Year (N)]}: expected one 2023+ edition year per file")
        iso3 = h.resolve_column(df, SOURCE.id, path, "Country_EN", "ISO")
        note = f"transcribed from a third-party copy of RSF's {year.iloc[0]} export"
        for col, ind in ((score_col, "rsf_score"), ("Safety", "rsf_safety")):
            _add(out, df, iso3, year, numbers(df, col, path), ind, path, note=note, provenance=TRANSCRIBED_PROVENANCE)
    return out
