"""CIRIGHTS Human Rights Data v1.22.11.25 (Cingranelli, Filippov & Mark), the successor of CIRI:
country-year codings of physical-integrity and civil-liberty practices from the US State
Department and Amnesty reports, 1981-2020. Every item is 0-2 with higher = more respect;
``physint_sum`` is the sum of the four physical-integrity items, 0 (no respect) to 8.

Blank = not coded: missing, never 0. The sum must equal its four items where all are coded.
Join on ``iso_a3``; a few units have no code (Kosovo, South Sudan, Serbia...) and resolve by
name. Trap: "Serbia and Montenegro" carries Serbia's code SRB, and has rows up to 2017 beside
Serbia's own: it is read by its name, the historical state the index excludes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import Indicator, Source
from ._io import fail_on, numbers, read_csv, years

FILE = "cirights_v1.22.11.25.csv"
EDITION = "CIRIGHTS v1.22.11.25"
# The CIRIGHTS release as kept in the Fariss latent-variable repository (a model input), byte for
# byte, not a download from cirights.com.
PROVENANCE = "third-party copy"
SUM = "physint_sum"
COMPONENTS = ["disap", "kill", "polpris", "tort"]

SOURCE = Source(
    id="cirights",
    short="CIRIGHTS",
    publisher="CIRIGHTS Data Project (David Cingranelli, Mikhail Filippov, Skip Mark; Binghamton University)",
    name="CIRIGHTS Human Rights Data",
    url="https://cirights.com/",
    licence="No licence stated; CIRIGHTS distributes it free for research and teaching",
    licence_note=("No licence is stated in the file or the repository it came from; CIRIGHTS distributes its "
                  "data free for research and teaching. Check its terms before any other use."),
    citation=("Cingranelli, David, Mikhail Filippov and Skip Mark. The CIRIGHTS Data Project, version 1.22.11.25. "
              "https://cirights.com/"),
    folder="cirights",
    caveats=("Coded from the same two reports as PTS (US State Department and Amnesty International), so it is "
             "not independent of PTS. Ends in 2020. Standards-based codings are affected by reports growing "
             "more thorough over time (the Fariss scores correct for this). A blank is 'not coded', not 0."),
)

_EDITION_TEXT = f"{EDITION} (codings of 1981-2020); data year = year of the practices coded"
_SHARED_REPORTS = "Coded from the State Department and Amnesty reports, like PTS: not an independent check of PTS."
_PRACTICE = ("frequent", "occasional", "none reported")  # physical-integrity items, worst first
_RESPECT = ("not respected", "partly respected", "respected")  # civil-liberty items, worst first
_COMMON = dict(source="cirights", edition=_EDITION_TEXT, higher_is_better=True)
_ITEM = dict(unit="code 0-2", scale="ordinal", raw_min=0, raw_max=2, **_COMMON)

# (column, id, short, name, pillar, levels, what it records)
ITEMS = [
    ("tort", "cirights_torture", "Torture (CIRIGHTS)", "Freedom from torture (CIRIGHTS)", None, _PRACTICE,
     "torture by government officials or with their consent"),
    ("kill", "cirights_killings", "Extrajudicial killing (CIRIGHTS)", "Freedom from extrajudicial killing (CIRIGHTS)",
     None, _PRACTICE, "killings by government officials without due process"),
    ("disap", "cirights_disappearances", "Disappearances (CIRIGHTS)", "Freedom from disappearance (CIRIGHTS)",
     None, _PRACTICE, "disappearances for political reasons in which the government is implicated"),
    ("polpris", "cirights_political_imprisonment", "Political imprisonment (CIRIGHTS)",
     "Freedom from political imprisonment (CIRIGHTS)", None, _PRACTICE,
     "imprisonment for political, religious or other beliefs"),
    ("speech", "cirights_speech", "Speech and press (CIRIGHTS)", "Freedom of speech and press (CIRIGHTS)", "civic",
     _RESPECT, "government censorship of speech and the press"),
    ("rel_free", "cirights_religion", "Religion (CIRIGHTS)", "Freedom of religion (CIRIGHTS)", "civic", _RESPECT,
     "government restrictions on religious belief and practice"),
    ("assn", "cirights_assembly", "Assembly (CIRIGHTS)", "Freedom of assembly and association (CIRIGHTS)", "civic",
     _RESPECT, "government restrictions on assembling and forming associations"),
]

INDICATORS = [
    Indicator(id="cirights_physical_integrity", name="Physical integrity rights index (CIRIGHTS)",
              short="Physical integrity (CIRIGHTS)", pillar="physical", unit="index 0-8", scale="bounded",
              raw_min=0, raw_max=8,
              description=("The sum of four CIRIGHTS codings, each 0-2: freedom from torture, extrajudicial "
                           "killing, disappearance and political imprisonment (0 = no respect for any, 8 = full "
                           "respect; higher = better)."),
              caveat=_SHARED_REPORTS + " Coarse: nine steps, and one report's wording can move a country 2 points.",
              **_COMMON),
] + [
    Indicator(id=ind, name=name, short=short, pillar=pillar, levels=levels,
              description=(f"How often or how much the state engages in {what}, coded 0-2 from the State "
                           f"Department and Amnesty reports (0 = {levels[0]}, 1 = {levels[1]}, 2 = {levels[2]}; "
                           "higher = better)." + ("" if pillar else " Context, not scored: the 0-8 physical "
                                                 "integrity index sums the four items.")),
              caveat=_SHARED_REPORTS + " Three levels only.", **_ITEM)
    for _, ind, short, name, pillar, levels, what in ITEMS
]


def read(raw: Path, h):
    from . import Readout

    path = raw / SOURCE.folder / FILE
    df = read_csv(path, ["country", "iso_a3", "year", SUM] + [c[0] for c in ITEMS])
    df["code_"] = df["iso_a3"].where(df["country"].str.strip() != "Serbia and Montenegro", "")
    iso3 = h.resolve_column(df, SOURCE.id, path, "country", "code_")
    year = years(df, "year", path)
    total = numbers(df, SUM, path, na=frozenset({""}))
    items = {col: numbers(df, col, path, na=frozenset({""})) for col, *_ in ITEMS}
    parts = pd.DataFrame({c: items[c] for c in COMPONENTS})
    complete = parts.notna().all(axis=1) & total.notna()
    fail_on(path, df, complete & (parts.sum(axis=1) != total),
            lambda i: f"physint_sum {total.iloc[i]:g} is not the sum of disap, kill, polpris and tort")
    out = Readout()
    const = dict(edition=EDITION, provenance=PROVENANCE, file=str(path))
    out.add(pd.DataFrame({"iso3": iso3, "year": year, "raw_value": total, "line": df["_line"]}),
            indicator="cirights_physical_integrity", **const)
    for col, ind, _, _, _, levels, _ in ITEMS:
        v = items[col]
        out.add(pd.DataFrame({"iso3": iso3, "year": year, "raw_value": v,
                              "raw_text": v.map(lambda x: None if pd.isna(x) else levels[int(x)]),
                              "line": df["_line"]}), indicator=ind, **const)
    return out
