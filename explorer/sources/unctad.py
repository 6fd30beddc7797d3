"""UNCTAD Global Cyberlaw Tracker (early-2026 snapshot): whether a data-protection law exists.

One ordinal indicator, levels worst first (No Legislation, Draft Legislation, Legislation) with
the published label kept as ``raw_text``. "No Data" is a gap with a reason, not a level.
The cybercrime column is not read: its direction is ambiguous (cybercrime laws protect people
and are also used to prosecute online speech), so no 0-100 value could honestly mean "less
persecution".
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import Indicator, Source
from ._io import fail_on, read_csv

FILE = "unctad_cyberlaw_tracker_status_2026.csv"
SNAPSHOT_YEAR = 2026
EDITION = "Global Cyberlaw Tracker, early 2026"
COLUMN = "data_protection_privacy"
LEVELS = ("No Legislation", "Draft Legislation", "Legislation")
NO_DATA = "No Data"
NO_DATA_REASON = ("UNCTAD's tracker has no data on this country's data-protection law ('No Data'); "
                  "unknown, not 'no law'")

PROVENANCE = "publisher's file"  # UNCTAD's own visualisation repository

SOURCE = Source(
    id="unctad",
    short="UNCTAD",
    publisher="UN Trade and Development (UNCTAD)",
    name="Global Cyberlaw Tracker: Data Protection and Privacy Legislation Worldwide",
    url="https://unctad.org/page/data-protection-and-privacy-legislation-worldwide",
    licence="No open-data licence found; UNCTAD website terms apply",
    licence_note=("The tracker's repository licence (MIT) covers its code; its README says to contact UNCTAD "
                  "about rights of usage. Check UNCTAD's terms before redistributing."),
    citation=("UNCTAD (2026). Global Cyberlaw Tracker / Data Protection and Privacy Legislation Worldwide. "
              "Geneva: UN Trade and Development. "
              "https://unctad.org/page/data-protection-and-privacy-legislation-worldwide"),
    folder="unctad",
    caveats=("Status only: whether a law exists on paper, not its quality, the independence of the regulator "
             "or enforcement; a law with broad national-security exemptions still counts as 'Legislation'. "
             "One snapshot (early 2026, no as-of date given by UNCTAD) with no history. 195 UN-member-based "
             "economies: no Taiwan, Hong Kong, Kosovo or territories."),
)

INDICATORS = [
    Indicator(id="unctad_data_protection_law", source="unctad", name="Data-protection and privacy law",
              short="Data-protection law",
              description=("Whether the country has enacted a data-protection and privacy law, has only a draft, "
                           "or has none, according to UNCTAD's Global Cyberlaw Tracker."),
              pillar="legal", unit="status (No Legislation / Draft Legislation / Legislation)", scale="ordinal",
              higher_is_better=True, raw_min=0, raw_max=len(LEVELS) - 1, levels=LEVELS,
              edition=("UNCTAD Global Cyberlaw Tracker, early-2026 snapshot (no as-of date published); "
                       "data year 2026 = the snapshot, not the year the law was passed"),
              caveat=("Law on paper, not enforcement or quality; laws with broad national-security "
                      "exemptions still count as 'Legislation'.")),
]


def read(raw: Path, h):
    from . import Readout

    path = raw / SOURCE.folder / FILE
    df = read_csv(path, ["country", "iso3", COLUMN])
    iso3 = h.resolve_column(df, SOURCE.id, path, "country", "iso3")
    label = df[COLUMN].str.strip()
    fail_on(path, df, ~label.isin(LEVELS + (NO_DATA,)),
            lambda i: f"column {COLUMN!r}: unknown status {label.iloc[i]!r} "
                      f"(expected one of {', '.join(LEVELS + (NO_DATA,))})")
    out = Readout()
    code = label.map({lvl: float(i) for i, lvl in enumerate(LEVELS)})
    out.add(pd.DataFrame({"iso3": iso3, "year": SNAPSHOT_YEAR, "raw_value": code, "raw_text": label,
                          "line": df["_line"]}),
            indicator="unctad_data_protection_law", edition=EDITION, provenance=PROVENANCE, file=str(path))
    no_data = label == NO_DATA
    out.add_gaps(pd.DataFrame({"iso3": iso3[no_data], "year": SNAPSHOT_YEAR}),
                 indicator="unctad_data_protection_law", reason=NO_DATA_REASON)
    return out
