"""Global Inventory of Commercial Spyware and Digital Forensics (Feldstein & Kot, Carnegie
Endowment, Mendeley Data v10, 2023): documented government purchases or uses, one row per
country of deployment x technology x vendor.

Like AIGS it records documented evidence only. A listed country has a count of documented
entries; a country it does not list is MISSING with a reason (no purchase found, which can mean
none, a secret one, or that nobody looked), never 0. The V-Dem and DRI columns are copies of
other datasets and are not read.

Trap: the third-party CSV export left commas inside some descriptions unquoted, so those rows
are shifted from ``Description`` on (the two unnamed trailing columns fill up). The columns we
read come before it; such rows' "lower confidence" flag is unreadable and the note says so.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import Indicator, Source
from ._io import fail_on, read_csv

FILE = "commercial_spyware_inventory_v10.csv"
INVENTORY_YEAR = 2023  # data year = year of the release (v10), as for AIGS; disclosures 2011-2022
EDITION = "Commercial spyware inventory v10 (Mendeley, 2023)"
PROVENANCE = "third-party copy"  # a third party's CSV export of the Mendeley dataset
COUNTRY, TECH, VENDOR, LOW = "Country of deployment", "Category of technology", "Commercial Entity", "Lower confidence sources"
TECHNOLOGIES = ("Spyware", "Digital forensics", "IOT hacking")
DRI_FILE = Path("aigs") / "digital_repression_index_2021.csv"  # the same author's country list, for gaps

SOURCE = Source(
    id="spyware",
    short="Carnegie spyware inventory",
    publisher="Carnegie Endowment for International Peace (Steven Feldstein and Brian Kot)",
    name="Global Inventory of Commercial Spyware and Digital Forensics",
    url="https://data.mendeley.com/datasets/csvhpkt8tm/10",
    licence="CC BY 4.0 (as reported for the Mendeley record; not verified for this export)",
    licence_note="Reported as CC BY 4.0 on Mendeley Data; the export used here was not checked against the record.",
    citation=("Feldstein, Steven and Brian Kot (2023), \"Global Inventory of Commercial Spyware & Digital "
              "Forensics\", Mendeley Data, V10, doi:10.17632/csvhpkt8tm.10. Carnegie Endowment for "
              "International Peace."),
    folder="spyware",
    caveats=("Documented / not documented: absence is not proof. A country that is not listed has no documented "
             "purchase, which can mean none, a secret one, or that nobody looked; it is missing, never 'no "
             "spyware'. Disclosure depends on investigators (Citizen Lab, Amnesty Tech, Access Now) who look "
             "harder at some regions, so counts measure documentation as much as use. Disclosures 2011-2022."),
)

ABSENT_REASON = ("the spyware inventory documents no purchase or use here; absence is not evidence of no "
                 "spyware (a secret purchase, or nobody looked)")
_CAVEAT = ("Documented / not documented: absence is not proof, and more investigation means a higher count. "
           "Not a ranking: countries it does not list have no value, not 0.")
_EDITION_TEXT = f"{EDITION}; data year 2023 = year of the release (disclosures 2011-2022)"
_COMMON = dict(source="spyware", scale="log", higher_is_better=False, raw_min=1, raw_max=None,
               edition=_EDITION_TEXT, documented_only=True)

INDICATORS = [
    Indicator(id="spyware_documented", name="Commercial spyware and forensics purchases or uses documented",
              short="Spyware documented", pillar=None,  # see the caveat: not scorable
              unit="documented entries (technology x vendor)",
              description=("How many purchases or uses of commercial spyware (e.g. NSO Group's Pegasus, FinFisher) "
                           "and digital-forensics tools (e.g. Cellebrite) by the state are documented, one per "
                           "technology and vendor (higher = more documented spyware use). Context, not "
                           "scored: with absence missing, a composite would reward the undocumented."),
              caveat=_CAVEAT + " Context only: only documented countries have a value, so scoring it would rank "
                               "secretive states above documented ones (the AIGS problem).", **_COMMON),
    Indicator(id="spyware_vendors", name="Commercial spyware vendors documented (context)",
              short="Spyware vendors", pillar=None, unit="distinct vendors",
              description=("How many different commercial vendors are documented as supplying the state with "
                           "spyware or digital-forensics tools (higher = more). Context, not scored."),
              caveat=_CAVEAT, **_COMMON),
]


def read(raw: Path, h):
    return read_inventory(raw / SOURCE.folder / FILE, raw / DRI_FILE, h)


def read_inventory(path: Path, dri_path: Path, h, year: int = INVENTORY_YEAR, edition: str = EDITION):
    """One release of the inventory, dated ``year``; ``dri_path`` lists the countries it could
    have listed (the gaps). ``explorer import`` hands its own tables for both."""
    from . import Readout

    df = read_csv(path, [COUNTRY, TECH, VENDOR, "Year of disclosure", "Description", LOW])
    df["iso3"] = h.resolve_column(df, SOURCE.id, path, COUNTRY)
    tech = df[TECH].str.strip()
    fail_on(path, df, ~tech.isin(TECHNOLOGIES),
            lambda i: f"column {TECH!r}: {tech.iloc[i]!r} is not one of {', '.join(TECHNOLOGIES)}")
    vendor = df[VENDOR].str.strip()
    fail_on(path, df, vendor == "", lambda i: f"column {VENDOR!r} is empty")
    low = df[LOW].str.strip()
    df["low_"], df["shifted_"], df["tech_"], df["vendor_"] = low == "x", ~low.isin(["", "x"]), tech, vendor
    dup = df.duplicated(["iso3", "tech_", "vendor_"]) & df["iso3"].notna()
    fail_on(path, df, dup, lambda i: f"{df[COUNTRY].iloc[i]}: {vendor.iloc[i]} ({tech.iloc[i]}) is listed twice")

    rows = []
    for iso3, g in df[df["iso3"].notna()].groupby("iso3", sort=True):
        kinds = ", ".join(f"{(g['tech_'] == t).sum()} {t.lower()}" for t in TECHNOLOGIES if (g["tech_"] == t).any())
        note = f"documented: {kinds}; vendors: {', '.join(sorted(g['vendor_'].unique()))}"
        if g["low_"].any():
            note += f"; {int(g['low_'].sum())} of {len(g)} rest on lower-confidence sources only"
        if g["shifted_"].any():
            note += f"; the lower-confidence flag of {int(g['shifted_'].sum())} is unreadable in this export"
        rows.append({"iso3": iso3, "year": year, "entries": len(g), "vendors": g["vendor_"].nunique(),
                     "note": note, "line": int(g["_line"].iloc[0])})
    per = pd.DataFrame(rows, columns=["iso3", "year", "entries", "vendors", "note", "line"])
    out = Readout()
    const = dict(edition=edition, provenance=PROVENANCE, file=str(path))
    out.add(per.assign(raw_value=per["entries"].astype(float)), indicator="spyware_documented", **const)
    out.add(per.assign(raw_value=per["vendors"].astype(float)), indicator="spyware_vendors", **const)

    # Countries the same author's index covers but the inventory does not list: missing, with why.
    dri = read_csv(dri_path, ["Country", "iso3"])
    covered = set(h.resolve_column(dri, SOURCE.id, dri_path, "Country", "iso3").dropna())
    absent = sorted(covered - set(per["iso3"]))
    for ind in ("spyware_documented", "spyware_vendors"):
        out.add_gaps(pd.DataFrame({"iso3": absent, "year": year}), indicator=ind, reason=ABSENT_REASON)
    return out
