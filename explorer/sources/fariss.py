"""Human Rights Protection Scores v4.01 (Fariss, Kenwick & Reuning), as republished by Our World
in Data: a latent estimate of respect for physical integrity, higher = better, to 2019.

No country codes: names are OWID-harmonised and resolved through the alias table. OWID
relabelled "Yugoslavia" as "Serbia", so Serbia's rows before 2006 are Yugoslavia / Serbia and
Montenegro; they keep a note saying so.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import Indicator, Source
from ._io import numbers, read_csv, years

FILE = "human_rights_protection_fariss_v4.01.csv"
EDITION = "v4.01"
SERBIA_ALONE_FROM = 2006  # Montenegro's independence; before it the unit is Yugoslavia / Serbia and Montenegro
SERBIA_NOTE = ("Before 2006 this series is Yugoslavia / Serbia and Montenegro, which Our World in Data "
               "relabelled Serbia")

SOURCE = Source(
    id="fariss",
    short="Fariss et al.",
    publisher="Christopher J. Fariss, Michael R. Kenwick and Kevin Reuning (via Our World in Data)",
    name="Human Rights Protection Scores",
    url="https://dataverse.harvard.edu/dataverse/HumanRightsScores",
    licence="CC BY 4.0 (OWID processing; Dataverse deposit reported CC0, verify)",
    licence_note=("Our World in Data republishes its processed data under CC BY 4.0; the Harvard Dataverse "
                  "deposit is reported to be CC0 but was not checked."),
    citation=("Fariss, Christopher J., Michael R. Kenwick, and Kevin Reuning. 2020. \"Estimating one-sided-killings "
              "from a robust measurement model of human rights.\" Journal of Peace Research 57(6): 801-814. "
              "Human Rights Protection Scores v4.01, Harvard Dataverse; processed by Our World in Data (Bastian Herre)."),
    folder="fariss_hrscores",
    caveats=("A model estimate combining many human-rights codings (CIRI, PTS, Hathaway, UCDP and others) and "
             "correcting for reports growing stricter over time. Ends in 2019. Relative latent scores: small "
             "year-to-year changes are within the model's uncertainty, which this file does not include."),
)

INDICATORS = [
    Indicator(id="fariss_hr_protection", source="fariss", name="Human rights protection (latent)",
              short="HR protection (Fariss)",
              description=("How well the government respects physical integrity: freedom from torture, political "
                           "killing, disappearance and political imprisonment, estimated from many sources "
                           "(latent score centred near 0; higher = better protection)."),
              pillar="physical", unit="latent score (about -3.5..+5.5)", scale="latent", higher_is_better=True,
              raw_min=-6.0, raw_max=6.0,
              edition="Human Rights Protection Scores v4.01 (posterior mean, to 2019); data year = year coded",
              caveat="Ends in 2019; posterior uncertainty is not shown."),
]


def read(raw: Path, h):
    from . import Readout

    path = raw / SOURCE.folder / FILE
    df = read_csv(path, ["country_name", "year", "human_rights_protection"])
    iso3 = h.resolve_column(df, SOURCE.id, path, "country_name")
    year = years(df, "year", path)
    note = pd.Series(None, index=df.index, dtype=object)
    note[(iso3 == "SRB") & (year < SERBIA_ALONE_FROM)] = SERBIA_NOTE
    out = Readout()
    out.add(pd.DataFrame({"iso3": iso3, "year": year, "raw_value": numbers(df, "human_rights_protection", path),
                          "note": note, "line": df["_line"]}),
            indicator="fariss_hr_protection", edition=EDITION, file=str(path))
    return out
