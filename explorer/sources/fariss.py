"""Human Rights Protection Scores v4.02 (Fariss, Kenwick & Reuning), the authors' own release:
a latent estimate of respect for physical integrity, higher = better, 1946-2021, with its
posterior uncertainty.

v4.02 replaces v4.01 (Our World in Data's copy, to 2019) entirely: the model was re-estimated,
so the versions must never share a series. ``theta_mean`` is the value, ``theta_q025`` /
``theta_q975`` go to ``lower`` / ``upper`` and ``theta_sd`` to ``raw_sd``, all on the raw scale.

No ISO codes: names resolve through the alias table. The authors keep the label "Yugoslavia" on
COW code 345 after Montenegro's independence; from 2006 that unit is Serbia alone and is read as
Serbia, before 2006 it is Serbia and Montenegro, which the index excludes as for every source.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import Indicator, Source
from ._io import fail_on, numbers, read_csv, years

FILE = "human_rights_latent_scores_v4.02_1946_2021.csv"
EDITION = "v4.02"
PROVENANCE = "publisher's file"  # byte for byte from Christopher Fariss's own repository
SERBIA_COW = "345"
SERBIA_ALONE_FROM = 2006  # Montenegro's independence
SERBIA_NOTE = "Serbia (COW 345), labelled 'Yugoslavia' in the v4.02 file"
VALUE, SD, LOWER, UPPER = "theta_mean", "theta_sd", "theta_q025", "theta_q975"

SOURCE = Source(
    id="fariss",
    short="Fariss et al.",
    publisher="Christopher J. Fariss, Michael R. Kenwick and Kevin Reuning",
    name="Human Rights Protection Scores",
    url="https://github.com/CJFariss/Human-Rights-Latent-Variable",
    licence="CC0 as reported for the Dataverse deposits (not confirmed for this file)",
    licence_note=("The Harvard Dataverse deposits of these scores are reported to be CC0; this v4.02 file comes "
                  "from the authors' repository, where no licence was confirmed. Cite the authors."),
    citation=("Fariss, Christopher J., Michael R. Kenwick, and Kevin Reuning. 2020. \"Estimating one-sided-killings "
              "from a robust measurement model of human rights.\" Journal of Peace Research 57(6): 801-814. "
              "Human Rights Protection Scores v4.02 (1946-2021)."),
    folder="fariss_hrscores",
    caveats=("A model estimate combining many human-rights codings (CIRI, PTS, Hathaway, UCDP and others) and "
             "correcting for reports growing stricter over time. Ends in 2021. Relative latent scores: "
             "year-to-year changes smaller than the 95% interval shown with each value are within the "
             "model's uncertainty. Version 4.02 only: v4.01 values (to 2019) differ slightly and are not used."),
)

INDICATORS = [
    Indicator(id="fariss_hr_protection", source="fariss", name="Human rights protection (latent)",
              short="HR protection (Fariss)",
              description=("How well the government respects physical integrity: freedom from torture, political "
                           "killing, disappearance and political imprisonment, estimated from many sources "
                           "(latent score centred near 0; higher = better protection)."),
              pillar="physical", unit="latent score (about -3.5..+5.5)", scale="latent", higher_is_better=True,
              raw_min=-6.0, raw_max=6.0, uncertainty=True,
              edition=("Human Rights Protection Scores v4.02 (posterior mean, 1946-2021, with posterior SD and "
                       "95% interval); data year = year coded"),
              caveat=("Ends in 2021. Each value has a 95% interval (lower/upper) and a posterior SD: differences "
                      "inside them are not meaningful.")),
]


def read(raw: Path, h):
    from . import Readout

    path = raw / SOURCE.folder / FILE
    df = read_csv(path, ["country_name", "YEAR", "COW", VALUE, SD, LOWER, UPPER])
    year = years(df, "YEAR", path)
    serbia = (df["COW"].str.strip() == SERBIA_COW) & (year >= SERBIA_ALONE_FROM)
    df["name_"] = df["country_name"].where(~serbia, "Serbia")
    iso3 = h.resolve_column(df, SOURCE.id, path, "name_")
    value, sd = numbers(df, VALUE, path), numbers(df, SD, path)
    lower, upper = numbers(df, LOWER, path), numbers(df, UPPER, path)
    # The interval must contain its mean: a swapped or shifted column would break this.
    fail_on(path, df, (lower > value) | (value > upper) | (sd < 0),
            lambda i: f"theta_q025 <= theta_mean <= theta_q975 and theta_sd >= 0 do not hold "
                      f"({lower.iloc[i]}, {value.iloc[i]}, {upper.iloc[i]}, sd {sd.iloc[i]})")
    note = pd.Series(None, index=df.index, dtype=object).where(~serbia, SERBIA_NOTE)
    out = Readout()
    out.add(pd.DataFrame({"iso3": iso3, "year": year, "raw_value": value, "lower": lower, "upper": upper,
                          "raw_sd": sd, "note": note, "line": df["_line"]}),
            indicator="fariss_hr_protection", edition=EDITION, provenance=PROVENANCE, file=str(path))
    return out
