"""Political Terror Scale (PTS-2025 release, PTS-2024 as fallback): physical-integrity violations,
1 = best, 5 = worst.

Three indicators, one per report the PTS codes from (Amnesty, Human Rights Watch, US State
Department), kept separate because they disagree and cover different countries, plus their
mean, which we derive and mark as such. ``Year`` is the year of the events, not of the report.

A newer release supersedes the older ones for every year it has: each country-year comes from
the newest release that contains it, and its ``edition`` names that release.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import Indicator, Source
from ._io import numbers, read_csv, years
from ._xlsx import read_xlsx

# Newest first: (file, release, provenance class). PTS-2025.xlsx is the official workbook byte for
# byte; PTS-2024.csv is a dashboard project's re-encoded copy of the download.
RELEASES = [("PTS-2025.xlsx", "PTS-2025", "publisher's file"),
            ("PTS-2024.csv", "PTS-2024", "third-party copy")]
FILE, EDITION = RELEASES[0][:2]
SHEET = "PTS-2025"

SOURCE = Source(
    id="pts",
    short="PTS",
    publisher="Political Terror Scale project (University of North Carolina Asheville)",
    name="Political Terror Scale",
    url="http://www.politicalterrorscale.org/",
    licence="CC BY-NC 4.0",
    licence_note="Non-commercial use only, with attribution.",
    citation=("Gibney, Mark, Peter Haschke, Daniel Arnon, Attilio Pisanò, Gray Barrett, Baekkwan Park, "
              "and Jennifer Barnes. 2025. The Political Terror Scale 1976-2024. Political Terror Scale "
              "website: http://www.politicalterrorscale.org/."),
    folder="pts",
    caveats=("Scores are coded from annual human-rights reports; a missing score means no report was "
             "coded (code 88: no report published; 99: report not coded), never 'no abuse'. The US State "
             "Department does not report on the United States. Human Rights Watch covers ~100 countries."),
)

_COMMON = dict(
    source="pts", pillar="physical", unit="PTS level (1-5)", scale="bounded", higher_is_better=False,
    raw_min=1, raw_max=5,
    edition=("PTS-2025 release (events of 1976-2024; it supersedes PTS-2024 for every year, and each value "
             "names its release); data year = year of the events reported"),
)
_LEVELS = ("1 secure rule of law, political murder extremely rare; 5 terror extends to the whole "
           "population. Higher = more state violence.")
REPORTS = {"A": ("Amnesty International", "pts_amnesty"),
           "H": ("Human Rights Watch", "pts_hrw"),
           "S": ("US State Department", "pts_state")}
SHORT = {"A": "PTS Amnesty", "H": "PTS HRW", "S": "PTS State Dept"}

INDICATORS = [
    Indicator(id=ind, name=f"Political terror ({who} reports)", short=SHORT[k],
              description=(f"How widespread state violence against people is (torture, political killings, "
                           f"disappearances, political imprisonment), coded by the PTS team from the {who} "
                           f"annual report on a 1-5 scale. {_LEVELS}"),
              caveat=("US State Department reports never cover the United States." if k == "S" else
                      "Human Rights Watch reports on about 100 countries a year." if k == "H" else
                      "Amnesty reports on about 150 countries a year."),
              **_COMMON)
    for k, (who, ind) in REPORTS.items()
] + [
    Indicator(id="pts_mean", name="Political terror (mean of available reports)", short="PTS mean",
              description=("The mean of the Amnesty, Human Rights Watch and State Department PTS scores that "
                           "exist for a country and year (1-5, higher = more state violence). Derived by us "
                           "so that a country is not judged by one report alone."),
              caveat="Derived: the mean of 1 to 3 scores; the note says how many.",
              derived=True, **_COMMON),
]

# NA_Status codes that mean "missing for a reason the user should see" (77 = unit did not exist).
NA_REASONS = {
    "88": "no report published by {who} for this country and year (PTS code 88); not evidence of no abuse",
    "99": "{who} published a report but PTS did not code it (PTS code 99)",
    "66": "non-UN-member entity without a {who} report (PTS code 66)",
}


def _read_release(path: Path) -> pd.DataFrame:
    cols = ["Country", "Year", "WordBank_Code_A"] + [f"PTS_{k}" for k in REPORTS] + [f"NA_Status_{k}" for k in REPORTS]
    return read_xlsx(path, SHEET, cols) if path.suffix == ".xlsx" else read_csv(path, cols)


def read(raw: Path, h) -> "Readout":
    from . import Readout

    out = Readout()
    seen: set[tuple[str, int]] = set()  # country-years a newer release already gave
    for name, release, provenance in RELEASES:
        path = raw / SOURCE.folder / name
        df = _read_release(path)
        df["iso3"] = h.resolve_column(df, SOURCE.id, path, "Country", "WordBank_Code_A")
        df["year"] = years(df, "Year", path)
        for k in REPORTS:  # every row must read, even one a newer release supersedes
            numbers(df, f"PTS_{k}", path)
        keys = list(zip(df["iso3"], df["year"]))
        df = df[[k not in seen for k in keys]]
        seen.update(k for k in keys if k[0] is not None)
        if len(df):
            _add_release(out, df, path, release, provenance)
    return out


def _add_release(out, df: pd.DataFrame, path: Path, release: str, provenance: str) -> None:
    const = dict(edition=release, provenance=provenance, file=str(path))
    scores = {}
    for k, (who, ind) in REPORTS.items():
        scores[k] = numbers(df, f"PTS_{k}", path)
        out.add(pd.DataFrame({"iso3": df["iso3"], "year": df["year"], "raw_value": scores[k],
                              "line": df["_line"]}), indicator=ind, **const)
        status = df[f"NA_Status_{k}"].str.strip()
        for code, reason in NA_REASONS.items():
            sel = scores[k].isna() & (status == code)
            out.add_gaps(pd.DataFrame({"iso3": df.loc[sel, "iso3"], "year": df.loc[sel, "year"]}),
                         indicator=ind, reason=reason.format(who=who))
    all_scores = pd.DataFrame(scores)
    n = all_scores.notna().sum(axis=1)
    # "A=2, S=3": built column-wise (a row-wise apply cost ~0.5 s per 10,000 rows)
    listed = pd.Series("", index=all_scores.index)
    for c, v in all_scores.items():
        part = (f"{c}=" + v.fillna(0).astype("int64").astype(str)).where(v.notna(), "")
        listed = listed.where(part == "", listed.where(listed == "", listed + ", ") + part)
    note = n.map(lambda k: f"mean of {k} report score(s)") + " (" + listed + ")"
    out.add(pd.DataFrame({"iso3": df["iso3"], "year": df["year"], "raw_value": all_scores.mean(axis=1),
                          "note": note.where(n > 0), "line": df["_line"]}), indicator="pts_mean", **const)
