"""Freedom House: Freedom in the World (FIW) and Freedom on the Net (FOTN).

An FH *edition* rates the year before it (FIW 2025 covers 2024; FOTN 2024 covers June 2023 to
May 2024), so data year = edition - 1 and the edition label stays on every row. FIW and FOTN
scores are higher = freer; FIW's 1-7 ratings run the other way (1 = most free), which their
metadata declares. FIW scores come from the all-data workbook for editions 2013+ (it and the
aggregate workbook disagree on Eastern Donbas 2024) and from the aggregate workbook before.

FIW 2026 (data year 2025) and FOTN 2025 (data year 2024) exist only as other people's
transcriptions of FH's web pages: FIW 2026 gives totals, PR/CL scores and status (no 1-7
ratings), FOTN 2025 totals only and is provisional. Each value's provenance says so.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..schema import FIRST_YEAR
from ..catalogue import Indicator, Source
from ._io import NA_TEXT, fail_on, numbers, read_csv, years

FIW_ALL = "fiw_all_data_editions_2013_2025.csv"
FIW_AGGREGATE = "fiw_aggregate_scores_editions_2006_2024.csv"
FIW_RATINGS = "fiw_ratings_statuses_1972_2024.csv"
FOTN_PANEL = "fotn_panel_editions_2011_2024_harmonised.csv"
FOTN_2019_2023 = "fotn_country_scores_editions_2019_2023.csv"
FOTN_2024 = "fotn_2024_country_scores.csv"
FIW_2026 = "fiw_2026_scores_transcribed.csv"
FOTN_2025 = "fotn_2025_totals_transcribed.csv"
PROVENANCE = "publisher's file"  # FH's own workbooks, converted to CSV with values unchanged
# Notes of the transcribed editions ({} = the edition): the shipped FIW 2026 and FOTN 2025, and the
# same layouts of a later edition brought in with `explorer import`.
FIW_TRANSCRIBED_NOTE = "FIW {} transcribed from freedomhouse.org's country pages by a third party (no spreadsheet published)"
FOTN_TOTALS_NOTE = ("provisional: FOTN {0} total from a third party's hand-made table (FH releases the {0} score "
                    "data only on request); to be replaced by FH's file")
FIW_2026_NOTE = FIW_TRANSCRIBED_NOTE.format(2026)
FOTN_2025_NOTE = FOTN_TOTALS_NOTE.format(2025)
FIW_TRANSCRIBED_COLUMNS = ["country", "iso", "kind", "score", "status", "political_rights", "civil_liberties"]
FOTN_TOTALS_COLUMNS = ["iso3", "edition", "total_100_most_free"]
FIW_STATUS_TEXT = {"Free": "F", "Partly Free": "PF", "Not Free": "NF"}
ALL_DATA_FIRST_EDITION = 2013  # editions before this come from the aggregate workbook
FOTN_INVERTED_FROM = 2019  # FOTN editions before 2019 were published with 0 = most free

SOURCE = Source(
    id="freedomhouse",
    short="Freedom House",
    publisher="Freedom House",
    name="Freedom in the World and Freedom on the Net",
    url="https://freedomhouse.org/report/freedom-world",
    licence="No open data licence found; Freedom House terms of use apply",
    licence_note=("No open data licence found: Freedom House publishes these workbooks for free download, "
                  "but its website terms of use apply; cite the reports and check the terms before "
                  "redistributing the data."),
    citation=("Freedom House. 2026. Freedom in the World 2026 (and editions 2006-2025). Washington, DC: Freedom "
              "House. https://freedomhouse.org/report/freedom-world. Freedom House. 2025. Freedom on the Net 2025 "
              "(and editions 2011-2024). Washington, DC: Freedom House. https://freedomhouse.org/report/freedom-net."),
    folder="freedomhouse",
    caveats=("Scores are analysts' judgements reviewed by Freedom House, each edition rating the previous "
             "year. Freedom on the Net covers only about 70 countries. Methodologies were revised (FIW 0-100 "
             "scores from the 2006 edition, discretionary question A dropped in 2018; FOTN reversed its scale "
             "in 2019 and reworded questions), so compare long runs with care. Territories are rated "
             "separately: those with their own ISO code (Hong Kong, Macao, Puerto Rico, Western Sahara) are "
             "shown as themselves, the West Bank stands for Palestine, and disputed territories (e.g. Tibet, "
             "Crimea, Abkhazia, Gaza Strip) are not shown. FIW 2026 and FOTN 2025 are third-party "
             "transcriptions of FH's web pages (FOTN 2025 provisional); no spreadsheet of them was found."),
)

FIW_EDITION = ("Freedom in the World editions 2006-2026 (2013-2025 from FH's all-data workbook, 2006-2012 from "
               "its aggregate-scores workbook, 2026 transcribed from FH's web pages); an edition rates the "
               "previous calendar year: data year = edition - 1 (FIW 2026 covers 2025)")
RATINGS_EDITION = ("FIW ratings and statuses by year under review (survey editions 1973-2025); data year = "
                   "year under review = edition - 1")
STATUS_EDITION = RATINGS_EDITION[:-1] + "; the 2025 status comes from the transcribed FIW 2026 scores)"
FOTN_EDITION = ("Freedom on the Net editions {first}-{last}; an FOTN edition covers June of the previous year "
                "to May of the edition year; data year = edition - 1 (FOTN 2024 is shown as 2023){extra}")
FOTN_TOTAL_EXTRA = "; the FOTN 2025 totals (data year 2024) are a provisional third-party transcription"
FOTN_CAVEAT = "Freedom on the Net covers only about 70 countries (37 in 2011)."
FIW_TERRITORIES = "Disputed territories rated by FH (e.g. Tibet, Crimea) are not shown."

_FIW_SCORE = dict(source="freedomhouse", scale="bounded", higher_is_better=True, edition=FIW_EDITION)
_RATING = dict(source="freedomhouse", unit="rating 1-7 (1 = most free)", scale="bounded",
               higher_is_better=False, raw_min=1, raw_max=7, edition=RATINGS_EDITION)
_FOTN = dict(source="freedomhouse", scale="bounded", higher_is_better=True, raw_min=0)

INDICATORS = [
    Indicator(id="fiw_total", name="Freedom in the World total score", short="FIW total", pillar="civic",
              unit="points (0-100)", raw_min=-4, raw_max=100, goal_lo=0, goal_hi=100,
              description=("Freedom House's overall score for political rights and civil liberties, 0-100 "
                           "(higher = freer): 25 questions on elections, pluralism, government, expression, "
                           "association, rule of law and personal autonomy, each scored 0-4 by analysts."),
              caveat=("Can fall just below 0 (minimum -3) when FH deducts its discretionary penalty for "
                      "deliberately changing a population's ethnic make-up; such values show as 0. "
                      + FIW_TERRITORIES), **_FIW_SCORE),
    Indicator(id="fiw_civil_liberties", name="Freedom in the World civil liberties score",
              short="FIW civil liberties", pillar="civic", unit="points (0-60)", raw_min=0, raw_max=60,
              description=("Freedom House's civil-liberties score, 0-60 (higher = freer): freedom of "
                           "expression and belief, of assembly and association, the rule of law, and "
                           "personal autonomy (15 questions scored 0-4)."),
              caveat=FIW_TERRITORIES, **_FIW_SCORE),
    Indicator(id="fiw_political_rights", name="Freedom in the World political rights score (context)",
              short="FIW political rights", pillar=None, unit="points (0-40)", raw_min=-4, raw_max=40,
              goal_lo=0, goal_hi=40,
              description=("Freedom House's political-rights score, 0-40 (higher = freer): free elections, "
                           "political pluralism and participation, and functioning, accountable government "
                           "(10 questions scored 0-4). Context, not scored: it is about democracy rather "
                           "than persecution."),
              caveat="Can be slightly negative (minimum -3) after FH's discretionary penalty; shown as 0. "
                     + FIW_TERRITORIES, **_FIW_SCORE),
    Indicator(id="fiw_cl_rating", name="Freedom in the World civil liberties rating", short="FIW CL rating",
              pillar="civic",
              description=("Freedom House's civil-liberties rating from 1 to 7, where 1 = most free and 7 = "
                           "least free (higher = worse). It is derived from the civil-liberties score and is "
                           "the only FIW series that goes back to 1972."),
              caveat="Coarse: seven steps only. " + FIW_TERRITORIES, **_RATING),
    Indicator(id="fiw_pr_rating", name="Freedom in the World political rights rating (context)",
              short="FIW PR rating", pillar=None,
              description=("Freedom House's political-rights rating from 1 to 7, where 1 = most free and 7 = "
                           "least free (higher = worse). Context, not scored."),
              caveat="Coarse: seven steps only. " + FIW_TERRITORIES, **_RATING),
    Indicator(id="fiw_status", name="Freedom in the World status (context)", short="FIW status", pillar=None,
              unit="status", scale="ordinal", higher_is_better=True, raw_min=0, raw_max=2,
              levels=("Not Free", "Partly Free", "Free"), source="freedomhouse", edition=STATUS_EDITION,
              description=("Freedom House's overall verdict for a country: Free, Partly Free or Not Free, set "
                           "from its political-rights and civil-liberties ratings. Context, not scored."),
              caveat="Three levels only; FH's thresholds changed slightly in 2003. " + FIW_TERRITORIES),
    Indicator(id="fotn_total", name="Freedom on the Net total score", short="FOTN total", pillar="digital",
              unit="points (0-100)", raw_max=100,
              edition=FOTN_EDITION.format(first=2011, last=2025, extra=FOTN_TOTAL_EXTRA),
              description=("Freedom House's score for internet freedom, 0-100 (higher = freer): obstacles to "
                           "access, limits on content, and violations of users' rights such as surveillance "
                           "and arrests for posts."),
              caveat=(FOTN_CAVEAT + " Editions before 2019 were published on a reversed scale (0 = most "
                      "free) and were converted as 100 - value; the 2017 and 2018 edition totals come via the "
                      "DA2I database. Questions were revised over time: compare long runs with care. The 2025 "
                      "edition (data year 2024) is provisional: a third party's transcription, without Taiwan "
                      "and The Gambia."), **_FOTN),
    Indicator(id="fotn_obstacles_access", name="Freedom on the Net: obstacles to access", short="FOTN access",
              pillar="digital", unit="points (0-25)", raw_max=25, edition=FOTN_EDITION.format(first=2011, last=2024, extra=""),
              description=("Freedom on the Net category A, 0-25 (higher = freer): infrastructure and cost "
                           "barriers, government shutdowns and control of networks, and independence of the "
                           "regulator."),
              caveat=(FOTN_CAVEAT + " Pre-2019 editions converted as 25 - value; none from the 2015, 2017 and "
                      "2018 editions (data years 2014, 2016, 2017; only totals were found)."), **_FOTN),
    Indicator(id="fotn_limits_content", name="Freedom on the Net: limits on content", short="FOTN content",
              pillar="digital", unit="points (0-35)", raw_max=35, edition=FOTN_EDITION.format(first=2011, last=2024, extra=""),
              description=("Freedom on the Net category B, 0-35 (higher = freer): blocking of websites, "
                           "forced removal of content, self-censorship, manipulation of online information "
                           "and the diversity of the online media."),
              caveat=(FOTN_CAVEAT + " Pre-2019 editions converted as 35 - value; none from the 2015, 2017 and "
                      "2018 editions (data years 2014, 2016, 2017)."), **_FOTN),
    Indicator(id="fotn_user_rights", name="Freedom on the Net: violations of user rights",
              short="FOTN user rights", pillar="digital", unit="points (0-40)", raw_max=40,
              edition=FOTN_EDITION.format(first=2011, last=2024, extra=""),
              description=("Freedom on the Net category C, 0-40 (higher = freer): legal protection, arrests "
                           "and penalties for online activity, surveillance, restrictions on anonymity, and "
                           "attacks on users."),
              caveat=(FOTN_CAVEAT + " Pre-2019 editions converted as 40 - value; none from the 2015, 2017 and "
                      "2018 editions (data years 2014, 2016, 2017)."), **_FOTN),
]

# FOTN questions (2019+ workbooks): (column, id, short, name, pillar, max points, description)
QUESTIONS = [
    ("C5", "fotn_surveillance", "Internet surveillance (FOTN C5)",
     "State surveillance of internet activities infringes privacy (FOTN C5)", "surveillance", 6,
     "Whether state surveillance of internet activities infringes users' right to privacy, 0-6 "
     "(higher = less intrusive surveillance)."),
    ("C4", "fotn_anonymity", "Anonymity and encryption (FOTN C4)",
     "Restrictions on anonymous communication and encryption (FOTN C4)", "surveillance", 4,
     "Whether the government restricts anonymous communication or encryption, including real-name rules "
     "and SIM-card registration, 0-4 (higher = fewer restrictions)."),
    ("C6", "fotn_data_collection", "User data collection (FOTN C6)",
     "Monitoring and collection of user data infringes privacy (FOTN C6)", "legal", 6,
     "Whether monitoring and collection of user data, by service providers and other technology companies "
     "or at the state's demand, infringes users' right to privacy, 0-6 (higher = better protected)."),
    ("C3", "fotn_prosecution", "Penalties for online activity (FOTN C3)",
     "Individuals penalised for online activities (FOTN C3)", "digital", 6,
     "Whether people are arrested, prosecuted or imprisoned for what they do online, especially political "
     "and social speech, 0-6 (higher = less often)."),
    ("C7", "fotn_violence", "Violence over online activity (FOTN C7)",
     "Extralegal intimidation or violence for online activities (FOTN C7)", "physical", 5,
     "Whether people face intimidation or physical violence outside the law, by state or other actors, "
     "because of their online activities, 0-5 (higher = less often)."),
]
INDICATORS += [
    Indicator(id=ind, name=name, short=short, pillar=pillar, unit=f"points (0-{top})", raw_max=top,
              description=f"{desc} One question of Freedom on the Net's category C.",
              edition=FOTN_EDITION.format(first=2019, last=2024, extra=""),
              caveat=FOTN_CAVEAT + " Question-level scores exist here for the 2019-2024 editions only.", **_FOTN)
    for _, ind, short, name, pillar, top, desc in QUESTIONS
]

PANEL_COLUMNS = {"total_100_most_free": "fotn_total", "A_access_25_best": "fotn_obstacles_access",
                 "B_content_35_best": "fotn_limits_content", "C_user_rights_40_best": "fotn_user_rights"}
STATUS_LEVELS = {"NF": 0, "PF": 1, "F": 2}


def _path(raw: Path, name: str) -> Path:
    return raw / SOURCE.folder / name


def _add(out, df, iso3, year, values, indicator, edition, path, note=None, provenance=PROVENANCE):
    out.add(pd.DataFrame({"iso3": iso3, "year": year, "raw_value": values, "note": note,
                          "line": df["_line"]}), indicator=indicator, edition=edition, provenance=provenance,
            file=str(path))


def _fiw_scores(out, raw: Path, h) -> None:
    for name, first, last in ((FIW_AGGREGATE, 2006, ALL_DATA_FIRST_EDITION - 1), (FIW_ALL, ALL_DATA_FIRST_EDITION, 9999)):
        path = _path(raw, name)
        df = read_csv(path, ["Country/Territory", "Edition", "PR", "CL", "Total"])
        df["iso3"] = h.resolve_column(df, SOURCE.id, path, "Country/Territory")
        edition = years(df, "Edition", path)
        df, edition = df[edition.between(first, last)], edition[edition.between(first, last)]
        label = "FIW " + edition.astype(str)
        for col, ind in (("Total", "fiw_total"), ("CL", "fiw_civil_liberties"), ("PR", "fiw_political_rights")):
            _add(out, df, df["iso3"], edition - 1, numbers(df, col, path), ind, label, path)


def _ratings_years(df: pd.DataFrame, path: Path) -> pd.Series:
    """Year under review; the 1981-1989 editions rate spans ("Jan.1981-Aug. 1982"), all before 2000."""
    text = df["year_under_review"].str.strip()
    last = pd.to_numeric(text.str.extract(r"(\d{4})\D*$")[0], errors="coerce")
    bad = last.isna() | ((last >= FIRST_YEAR) & ~text.str.fullmatch(r"\d{4}"))
    fail_on(path, df, bad, lambda i: f"column 'year_under_review': {text.iloc[i]!r} is not a year")
    return last.astype(int)


def read_ratings(out, path: Path, h) -> None:
    """PR and CL ratings and status; rows before the index's first year are not parsed (they hold
    cells such as "2(5)" for South Africa 1972, with separate white/black population ratings)."""
    df = read_csv(path, ["country_territory", "survey_edition", "year_under_review", "PR", "CL", "Status"])
    df["iso3"] = h.resolve_column(df, SOURCE.id, path, "country_territory")
    year = _ratings_years(df, path)
    df, year = df[year >= FIRST_YEAR], year[year >= FIRST_YEAR]
    label = "FIW " + df["survey_edition"].str.strip()
    _add(out, df, df["iso3"], year, numbers(df, "PR", path), "fiw_pr_rating", label, path)
    _add(out, df, df["iso3"], year, numbers(df, "CL", path), "fiw_cl_rating", label, path)
    status = df["Status"].str.strip()
    fail_on(path, df, ~status.isin(STATUS_LEVELS) & ~status.isin(NA_TEXT),
            lambda i: f"column 'Status': {status.iloc[i]!r} is not F, PF or NF")
    frame = pd.DataFrame({"iso3": df["iso3"], "year": year, "raw_value": status.map(STATUS_LEVELS),
                          "raw_text": status, "line": df["_line"]})
    out.add(frame, indicator="fiw_status", edition=label, provenance=PROVENANCE, file=str(path))


def _fotn_panel(out, raw: Path, h) -> None:
    path = _path(raw, FOTN_PANEL)
    df = read_csv(path, ["edition", "iso3", "country", "original_scale", "source", *PANEL_COLUMNS])
    iso3 = h.resolve_column(df, SOURCE.id, path, "country", "iso3")
    edition = years(df, "edition", path)
    pre = edition < FOTN_INVERTED_FROM
    note = ("converted from FH's published pre-2019 scale (0 = most free) as max - value ["
            + df["original_scale"].str.strip() + "]; from " + df["source"].str.strip())
    note = note.where(pre, "copied from " + df["source"].str.strip())
    # The panel is ours; each row's provenance is that of the file it was taken from.
    source = df["source"].str.strip()
    provenance = pd.Series(PROVENANCE, index=df.index)
    provenance[source.str.contains(" report, ", regex=False)] = "transcription"  # parsed from report PDFs
    provenance[source.str.startswith("DA2I")] = "third-party copy"
    for col, ind in PANEL_COLUMNS.items():
        _add(out, df, iso3, edition - 1, numbers(df, col, path), ind, "FOTN " + edition.astype(str), path, note,
             provenance)


def _fotn_questions(out, raw: Path, h) -> None:
    for name, code_col in ((FOTN_2019_2023, "iso3"), (FOTN_2024, None)):
        path = _path(raw, name)
        df = read_csv(path, ["Country", "Edition"] + [q[0] for q in QUESTIONS] + ([code_col] if code_col else []))
        iso3 = h.resolve_column(df, SOURCE.id, path, "Country", code_col)
        edition = years(df, "Edition", path)
        for col, ind, *_ in QUESTIONS:
            _add(out, df, iso3, edition - 1, numbers(df, col, path), ind, "FOTN " + edition.astype(str), path)


def _fiw_2026(out, raw: Path, h) -> None:
    read_fiw_transcription(out, _path(raw, FIW_2026), h, 2026)


def read_fiw_transcription(out, path: Path, h, edition: int) -> None:
    """A transcribed FIW edition (FIW 2026 ships): scores and status for data year edition - 1;
    the ``iso`` column (alpha-2) is a cross-check of the name's match, since a transcription can
    misplace a row."""
    df = read_csv(path, FIW_TRANSCRIBED_COLUMNS)
    iso3 = h.resolve_column(df, SOURCE.id, path, "country")
    iso2 = iso3.map(h.reference.set_index("iso3")["iso2"])
    given = df["iso"].str.strip()
    fail_on(path, df, (given != "") & iso3.notna() & (iso2 != given),
            lambda i: f"{df['country'].iloc[i]!r} resolves to {iso3.iloc[i]}, whose alpha-2 code is "
                      f"{iso2.iloc[i]}, but the row says {given.iloc[i]!r}")
    total, pr, cl = (numbers(df, c, path) for c in ("score", "political_rights", "civil_liberties"))
    fail_on(path, df, pr + cl != total, lambda i: f"political_rights {pr.iloc[i]:g} + civil_liberties "
                                                  f"{cl.iloc[i]:g} is not the score {total.iloc[i]:g}")
    status = df["status"].str.strip()
    fail_on(path, df, ~status.isin(FIW_STATUS_TEXT),
            lambda i: f"column 'status': {status.iloc[i]!r} is not Free, Partly Free or Not Free")
    year = years(df.assign(e=str(edition)), "e", path) - 1
    note, label = FIW_TRANSCRIBED_NOTE.format(edition), f"FIW {edition}"
    args = dict(edition=label, path=path, note=note, provenance="transcription")
    for values, ind in ((total, "fiw_total"), (cl, "fiw_civil_liberties"), (pr, "fiw_political_rights")):
        _add(out, df, iso3, year, values, ind, **args)
    code = status.map(FIW_STATUS_TEXT)
    out.add(pd.DataFrame({"iso3": iso3, "year": year, "raw_value": code.map(STATUS_LEVELS),
                          "raw_text": code, "note": note, "line": df["_line"]}),
            indicator="fiw_status", edition=label, provenance="transcription", file=str(path))


def _fotn_2025(out, raw: Path, h) -> None:
    read_fotn_totals(out, _path(raw, FOTN_2025), h, 2025)


def read_fotn_totals(out, path: Path, h, edition: int | None = None) -> None:
    """Provisional FOTN totals (FOTN 2025 ships): one edition per file (``edition`` when given),
    data year = edition - 1."""
    df = read_csv(path, FOTN_TOTALS_COLUMNS)
    iso3 = h.resolve_column(df, SOURCE.id, path, "iso3", "iso3")
    ed = years(df, "edition", path)
    want = edition if edition is not None else (int(ed.iloc[0]) if len(ed) else 0)
    fail_on(path, df, ed != want, lambda i: f"column 'edition': {ed.iloc[i]} is not {want}"
            + ("" if edition is not None else " (one edition per file, as on its first row)"))
    _add(out, df, iso3, ed - 1, numbers(df, "total_100_most_free", path), "fotn_total", f"FOTN {want}", path,
         FOTN_TOTALS_NOTE.format(want), "provisional")


def read(raw: Path, h):
    from . import Readout

    out = Readout()
    _fiw_scores(out, raw, h)
    _fiw_2026(out, raw, h)
    read_ratings(out, _path(raw, FIW_RATINGS), h)
    _fotn_panel(out, raw, h)
    _fotn_2025(out, raw, h)
    _fotn_questions(out, raw, h)
    return out
