"""Access Now #KeepItOn STOP data: recorded government internet shutdowns per country and year.

Counted by us from the event-level file by ``count_year`` (the year Access Now attributes an
event to). A row listing several countries ("Laos; Myanmar") counts once for each of them.
SOURCE.md: a country that appears in the register at least once has 0 recorded events in the
other years the register covers, so those years get an explicit 0; countries never listed get
nothing (the register does not speak about them). The years covered are the file's own first to
last ``count_year`` (2016-2025 in the shipped snapshot), so a register with a new year keeps it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import Indicator, Source
from ..errors import SourceError
from ._io import read_csv, years

FILE = "stop_events_2016_2025.csv"
EDITION = "STOP 2016-2025 (snapshot 2026-05-20)"
YEARS = range(2016, 2026)  # the years the shipped snapshot covers (the reader takes them from the file)

PROVENANCE = "third-party copy"  # a third party's snapshot (parquet) of Access Now's shared sheet

SOURCE = Source(
    id="keepiton",
    short="Access Now",
    publisher="Access Now (#KeepItOn coalition)",
    name="#KeepItOn STOP internet shutdown data",
    url="https://www.accessnow.org/keepiton-data-spreadsheet",
    licence="none found",
    licence_note=("Publicly shared by Access Now for advocacy and research; no explicit licence found. "
                  "Confirm reuse terms with Access Now before redistribution."),
    citation=("Access Now, #KeepItOn STOP data (Shutdown Tracker Optimization Project), 2016-2025, "
              "accessed via snapshot of 2026-05-20."),
    folder="keepiton",
    caveats=("A shutdown is counted only if someone documented it: closed states with permanent censorship "
             "(e.g. North Korea, Turkmenistan) can show few or no events while being far more restrictive, "
             "and permanent blocking is not a 'shutdown' here. India's many district-level orders dominate "
             "the counts; one event may be one town for a day or a whole country for months. Access Now "
             "revised its method in 2023-2024, so years are not perfectly comparable."),
)

_COMMON = dict(
    source="keepiton", unit="recorded shutdown events per year", scale="log", higher_is_better=False,
    raw_min=0, raw_max=None,
    edition=("#KeepItOn STOP 2016-2025, snapshot of 2026-05-20; data year = count_year (the year Access Now "
             "attributes the event to); counted by us from the event list"),
)

INDICATORS = [
    Indicator(id="keepiton_shutdowns", name="Internet shutdowns recorded by Access Now", short="Shutdowns (KeepItOn)",
              description=("Number of government-ordered internet shutdowns (network blackouts, mobile-data cuts, "
                           "throttling, platform blocks) that Access Now's #KeepItOn coalition recorded in the "
                           "country that year. More events = more state control of the internet."),
              pillar="digital",
              caveat=("Counts depend on documentation; India's district orders dominate; permanent blocking is "
                      "not counted as a shutdown. 0 = none recorded, shown only for countries with a recorded "
                      "shutdown in some year 2016-2025."),
              **_COMMON),
    # Context, not scored: full-network events are a subset of keepiton_shutdowns, so scoring
    # both in the digital pillar would count the same events twice.
    Indicator(id="keepiton_full_network", name="Full-network internet shutdowns recorded by Access Now",
              short="Full-network shutdowns",
              description=("Number of recorded shutdowns that cut the whole network (all internet access in the "
                           "affected area) rather than single services. Context: a subset of all shutdowns."),
              pillar=None,
              caveat="A subset of the shutdown count; the same documentation caveats apply.",
              **_COMMON),
]
# indicator -> (which events count, note for a country-year with none)
COUNTS = {
    "keepiton_shutdowns": (lambda ev: pd.Series(True, index=ev.index),
                           "no shutdown recorded by Access Now this year"),
    "keepiton_full_network": (lambda ev: ev["shutdown_extent"].str.contains("Full network", regex=False),
                              "no full-network shutdown recorded by Access Now this year"),
}


# Rows repeated in every column of this snapshot that Access Now's register lists as two events
# (its yearly totals count both; the snapshot dropped the narrative columns that tell them apart).
REPEATED_AS_PUBLISHED = {
    ("2018", "India", "2018-06-25", "Shopian, Pulwama, Anantnag"),
    ("2020", "India", "2020-12-25", "Shopian district in Jammu and Kashmir"),
}


def check_repeats(path: Path, df: pd.DataFrame) -> None:
    """A row that repeats another in every column would be counted twice: an error naming both
    lines (a copy-paste or a merge gone wrong), except the repeats the register itself has."""
    cols = [c for c in df.columns if c != "_line"]
    dup = df.duplicated(cols, keep=False)
    known = df[["count_year", "country", "start_date", "area_name"]].apply(tuple, axis=1).isin(
        REPEATED_AS_PUBLISHED) if {"start_date", "area_name"} <= set(df.columns) else False
    bad = df[dup & ~known]
    if len(bad):
        first = bad.iloc[0]
        same = bad[(bad[cols] == first[cols]).all(axis=1)]["_line"].tolist()
        raise SourceError(path, f"line {same[1]} repeats line {same[0]} in every column, so the event would be "
                          f"counted twice; remove the copy ({len(bad)} repeated rows in all)", int(same[1]))


def covered_years(ev: pd.DataFrame) -> range:
    """The years the register speaks about: its first to last event year, every year between."""
    return range(int(ev.attrs["first_year"]), int(ev.attrs["last_year"]) + 1) if len(ev) else range(0)


def events(path: Path, h) -> pd.DataFrame:
    """One row per (event, listed country): iso3, year, shutdown_extent, multi, _line; ``attrs``
    hold the first and last event year of the whole file (names excluded or not)."""
    df = read_csv(path, ["count_year", "country", "iso3", "shutdown_extent"])
    check_repeats(path, df)
    df["year"] = years(df, "count_year", path)
    first, last = (int(df["year"].min()), int(df["year"].max())) if len(df) else (0, -1)
    parts = df["country"].str.split(";")
    df["multi"] = parts.str.len() > 1
    # The file's iso3 is blank on multi-country rows; each listed name is resolved on its own.
    df = df.assign(part=parts.map(lambda p: [s.strip() for s in p]),
                   code=df["iso3"].where(~df["multi"], "")).explode("part").reset_index(drop=True)
    df["iso3"] = h.resolve_column(df, SOURCE.id, path, "part", "code")
    out = df[df["iso3"].notna()].copy()
    out.attrs.update(first_year=first, last_year=last)
    return out


def read(raw: Path, h):
    from . import Readout

    path = raw / SOURCE.folder / FILE
    ev = events(path, h)
    grid = pd.MultiIndex.from_product([sorted(ev["iso3"].unique()), covered_years(ev)], names=["iso3", "year"])
    out = Readout()
    for ind, (counts, none_note) in COUNTS.items():
        hit = ev[counts(ev)]
        g = hit.groupby(["iso3", "year"])
        per = pd.DataFrame({"raw_value": g.size(), "line": g["_line"].min(), "n_multi": g["multi"].sum()})
        per = per.reindex(grid).reset_index()
        per["line"] = per["line"].astype("Int64")  # no line for a year without events
        zero = per["raw_value"].isna()
        per.loc[zero, "raw_value"] = 0
        per["note"] = none_note
        multi_note = per["n_multi"].fillna(0).astype(int).map(
            lambda k: f"includes {k} event(s) listed for several countries, counted for each")
        per.loc[~zero, "note"] = multi_note.where(per["n_multi"] > 0)
        out.add(per[["iso3", "year", "raw_value", "line", "note"]], indicator=ind, edition=EDITION, provenance=PROVENANCE, file=str(path))
    return out
