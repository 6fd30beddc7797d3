"""Top10VPN "The Cost of Internet Shutdowns" (annual reports 2019-2025): hours of government
internet shutdowns and social-media blocks per country, and internet users affected.

Only the countries in each year's report are listed; an absent country-year is unknown, not 0.
The reports' cost figures come from a contested top-down model and are not emitted.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import Indicator, Source
from ._io import numbers, read_csv, years

FILE = "cost_of_shutdowns_2019_2025.csv"

PROVENANCE = "transcription"  # hand-transcribed from Top10VPN's HTML reports by a third party

SOURCE = Source(
    id="top10vpn",
    short="Top10VPN",
    publisher="Top10VPN",
    name="The Cost of Internet Shutdowns",
    url="https://www.top10vpn.com/research/cost-of-internet-shutdowns/",
    licence="© Top10VPN; no open licence found",
    licence_note="Figures © Top10VPN; check Top10VPN's terms before redistribution.",
    citation="Top10VPN, The Cost of Internet Shutdowns, annual reports 2019-2025.",
    folder="top10vpn",
    caveats=("Only countries named in each year's report; a country absent from a report is unknown, not "
             "shutdown-free. Figures were hand-transcribed from the HTML reports by a third party "
             "(repo Muhanad-husn/The-global-cost-of-internet-shutdowns). Hours add up separate "
             "shutdowns and blocks, so they can exceed the hours in a year."),
)

_COMMON = dict(source="top10vpn", scale="log", higher_is_better=False, raw_min=0, raw_max=None,
               edition="Top10VPN Cost of Internet Shutdowns reports 2019-2025; data year = report year")
_CAVEAT = "Only countries in that year's report; hand-transcribed by a third party."

INDICATORS = [
    Indicator(id="top10vpn_shutdown_hours", name="Hours of internet shutdowns and blocks (Top10VPN)",
              short="Shutdown hours",
              description=("Total hours of government internet shutdowns and social-media blocks in the country "
                           "that year, as counted by Top10VPN. More hours = more state disruption."),
              pillar="digital", unit="hours per year", caveat=_CAVEAT, **_COMMON),
    Indicator(id="top10vpn_users_affected", name="Internet users affected by shutdowns (Top10VPN)",
              short="Users affected",
              description=("Number of internet users affected by government shutdowns and blocks that year, as "
                           "estimated by Top10VPN. Context, not scored (it grows with population)."),
              pillar=None, unit="internet users", caveat=_CAVEAT, **_COMMON),
]
COLUMNS = {"top10vpn_shutdown_hours": "duration_hours", "top10vpn_users_affected": "users_affected"}


def read(raw: Path, h):
    from . import Readout

    path = raw / SOURCE.folder / FILE
    df = read_csv(path, ["year", "country", "iso3", *COLUMNS.values()])
    iso3 = h.resolve_column(df, SOURCE.id, path, "country", "iso3")
    year = years(df, "year", path)
    # "Pakistan - Azad Kashmir" (2019): the report's only Pakistan row covers one region.
    region = df["country"].str.contains(" - ", regex=False)
    note = ("Top10VPN lists this row as '" + df["country"] + "': the figure covers that region only").where(region)
    out = Readout()
    for ind, col in COLUMNS.items():
        out.add(pd.DataFrame({"iso3": iso3, "year": year, "raw_value": numbers(df, col, path), "note": note,
                              "line": df["_line"]}),
                indicator=ind, edition=year.map(lambda y: f"Top10VPN {y} report"), provenance=PROVENANCE, file=str(path))
    return out
