"""AI & Big Data Global Surveillance Index 2022 (Feldstein, Carnegie) and the Digital Repression
Index 2021 from the same workbook.

AIGS lists only countries with at least one documented AI surveillance technology. A country
the workbook covers (the 179 of the Digital Repression Index) but AIGS does not list is a gap
with a reason, never a 0: secretive states are under-recorded. The DRI's V-Dem components
are oriented higher = more repression (opposite to V-Dem) and are not emitted; V-Dem's own
variables come from the vdem reader.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import Indicator, Source
from ._io import fail_on, numbers, read_csv, years

AIGS_FILE = "aigs_2022_countries.csv"
DRI_FILE = "digital_repression_index_2021.csv"
AIGS_YEAR = 2022
AIGS_EDITION = "AIGS 2022 (Mendeley v4, March 2022)"
DRI_EDITION = "Digital Repression Index 2021 (AIGS 2022 workbook, Mendeley v4)"
COUNT_COL = "n_ai_surveillance_types"
DRI_COL = "Digital Repression Index 2021"

PROVENANCE = "third-party copy"  # a CSV export of the Mendeley workbook by a third party, who recoded the flags

SOURCE = Source(
    id="aigs",
    short="Carnegie AIGS",
    publisher="Carnegie Endowment for International Peace (Steven Feldstein)",
    name="AI & Big Data Global Surveillance Index and Digital Repression Index",
    url="https://data.mendeley.com/datasets/gjhf5y4xjp/4",
    licence="CC BY 4.0",
    licence_note=("As reported for the Mendeley record by two public research notes (the record "
                  "itself could not be checked offline). The Digital Repression Index is built from V-Dem data (CC BY-SA 4.0): "
                  "cite V-Dem as well when showing it."),
    citation=("Feldstein, Steven (2022), 'AI & Big Data Global Surveillance Index (2022 updated)', "
              "Mendeley Data, V4, doi: 10.17632/gjhf5y4xjp.4"),
    folder="aigs",
    caveats=("AIGS records deployment of AI surveillance technology, not abuse or intent: the United States "
             "and the United Kingdom score 4/4 like China. It lists only countries with documented evidence, "
             "so open societies with an active press are over-recorded and secretive states under-recorded; "
             "a country missing from AIGS is not free of AI surveillance. Evidence mostly 2012-2022, not "
             "updated since 2022. Private-sector and airport border systems are excluded by the publisher."),
)

ABSENT_REASON = ("AIGS documents no AI surveillance here; absence is not evidence of no surveillance "
                 "(secretive states are under-recorded)")
_CAVEAT = ("Deployment, not abuse: the United States and the United Kingdom score 4/4 like China. "
           "Transparency bias: open societies are over-recorded, secretive states under-recorded.")
_AIGS_EDITION_TEXT = f"{AIGS_EDITION}; data year 2022 = year of the release (evidence mostly 2012-2022)"

# (column, id, short, what it records)
FLAGS = [
    ("Safe City System", "aigs_safe_city", "Safe city platform", "safe city",
     "safe-city or smart-city platforms with surveillance functions"),
    ("Facial Recognition System", "aigs_facial_recognition", "Facial recognition", "facial recognition",
     "public facial-recognition systems"),
    ("Smart Policing", "aigs_smart_policing", "Smart policing", "smart policing",
     "smart policing (data-driven or predictive policing systems)"),
    ("Social Media Surveillance", "aigs_social_media_surveillance", "Social media surveillance (AI)",
     "social media surveillance", "AI-assisted social-media surveillance"),
]

INDICATORS = [
    Indicator(id="aigs_ai_surveillance", source="aigs", name="AI surveillance technology types documented",
              short="AI surveillance (AIGS)",
              description=("How many of four kinds of AI surveillance technology the state is documented to use: "
                           "safe city platforms, facial recognition, smart policing, social media surveillance "
                           "(0-4, higher = more AI surveillance)."),
              pillar="surveillance", unit="count of technology types (0-4)", scale="bounded",
              higher_is_better=False, raw_min=0, raw_max=4, edition=_AIGS_EDITION_TEXT, documented_only=True,
              caveat=_CAVEAT + " Countries not listed by AIGS have no value, not 0."),
] + [
    Indicator(id=ind, source="aigs", name=f"AI surveillance: {label} documented", short=short,
              description=(f"Whether AIGS documents state use of {what} (1 = documented, 0 = not documented; "
                           "higher = more surveillance). Context, not scored: the count of the four types is."),
              pillar=None, unit="1 = documented, 0 = not documented", scale="bounded", higher_is_better=False,
              raw_min=0, raw_max=1, edition=_AIGS_EDITION_TEXT, documented_only=True,
              caveat=_CAVEAT + " 'Not documented' is not proof of absence.")
    for _, ind, short, label, what in FLAGS
] + [
    Indicator(id="aigs_digital_repression", source="aigs", name="Digital Repression Index (Feldstein)",
              short="Digital repression (DRI)",
              description=("Feldstein's composite of eight V-Dem Digital Society Project measures of online "
                           "surveillance, censorship, shutdowns, disinformation and arrests of online users "
                           "(latent, centred on 0; higher = MORE digital repression, so the scale runs the other way)."),
              pillar="surveillance", unit="latent index (about -2..+3)", scale="latent", higher_is_better=False,
              raw_min=-6.0, raw_max=6.0, edition=DRI_EDITION + "; data year 2021 = year of the V-Dem codings",
              caveat=("Direction is reversed: higher raw = worse. Built from V-Dem expert codings, so it overlaps "
                      "the V-Dem digital indicators.")),
]

LEVEL_TEXT = {0.0: "not documented", 1.0: "documented"}


def _read_aigs(path: Path, h) -> pd.DataFrame:
    df = read_csv(path, ["Country", "iso3", COUNT_COL] + [f[0] for f in FLAGS])
    df["iso3_"] = h.resolve_column(df, SOURCE.id, path, "Country", "iso3")
    flags = pd.DataFrame({f[0]: numbers(df, f[0], path) for f in FLAGS})
    count = numbers(df, COUNT_COL, path)
    # The count was added by the curator of the raw file: it must equal the flags it sums.
    fail_on(path, df, count != flags.sum(axis=1),
            lambda i: f"{COUNT_COL} {count.iloc[i]:g} is not the sum of the four technology flags")
    df[COUNT_COL] = count
    for col, *_ in FLAGS:
        df[col] = flags[col]
    return df


def read_dri(path: Path, h) -> pd.DataFrame:
    """The Digital Repression Index sheet: iso3 (None where unmatched), year, raw_value, line."""
    dri = read_csv(path, ["Country", "iso3", "Year", DRI_COL])
    return pd.DataFrame({"iso3": h.resolve_column(dri, SOURCE.id, path, "Country", "iso3"),
                         "year": years(dri, "Year", path), "raw_value": numbers(dri, DRI_COL, path),
                         "line": dri["_line"]})


def read(raw: Path, h):
    from . import Readout

    out = Readout()
    aigs_path = raw / SOURCE.folder / AIGS_FILE
    aigs = _read_aigs(aigs_path, h)
    base = {"iso3": aigs["iso3_"], "year": AIGS_YEAR, "line": aigs["_line"]}
    documented = aigs.apply(lambda r: ", ".join(f[3] for f in FLAGS if r[f[0]] == 1), axis=1)
    out.add(pd.DataFrame({**base, "raw_value": aigs[COUNT_COL], "note": "documented: " + documented}),
            indicator="aigs_ai_surveillance", edition=AIGS_EDITION, provenance=PROVENANCE, file=str(aigs_path))
    for col, ind, *_ in FLAGS:
        out.add(pd.DataFrame({**base, "raw_value": aigs[col], "raw_text": aigs[col].map(LEVEL_TEXT)}),
                indicator=ind, edition=AIGS_EDITION, provenance=PROVENANCE, file=str(aigs_path))

    dri_path = raw / SOURCE.folder / DRI_FILE
    dri = read_dri(dri_path, h)
    dri_iso3 = dri["iso3"]
    out.add(dri, indicator="aigs_digital_repression", edition=DRI_EDITION, provenance=PROVENANCE, file=str(dri_path))

    # Covered by the workbook (DRI) but not listed by AIGS: missing with a reason, not 0.
    absent = sorted(set(dri_iso3.dropna()) - set(aigs["iso3_"].dropna()))
    for ind in ["aigs_ai_surveillance"] + [f[1] for f in FLAGS]:
        out.add_gaps(pd.DataFrame({"iso3": absent, "year": AIGS_YEAR}), indicator=ind, reason=ABSENT_REASON)
    return out
