"""V-Dem: expert-coded civil liberties and persecution (v14 panel) and the Digital Society
Project's 2021 cross-section (state internet surveillance, filtering, shutdowns, arrests).

Indices (``v2x_*``) are 0-1 with fixed bounds; indicators (``v2cl*``, ``v2me*``, ``v2cs*``,
``v2sm*``) are latent scores (about -4..+4) whose goalposts are fitted once over all countries
and years. ``v2xpe_exlpol`` runs the other way (higher = more exclusion); that is declared
in its metadata, not flipped here.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..catalogue import Indicator, Source
from ._io import numbers, read_csv, years

PANEL = "vdem_v14_civil_liberties_1970_2023.csv"
DSP = "vdem_dsp_digital_2021_crosssection.csv"
PANEL_EDITION = "v14"
DSP_EDITION = "DSP 2021"

PROVENANCE = "third-party copy"  # V-Dem v14 as extracted by the vdemlite R package (values unchanged)

SOURCE = Source(
    id="vdem",
    short="V-Dem",
    publisher="V-Dem Institute, University of Gothenburg",
    name="Varieties of Democracy (V-Dem) and Digital Society Project",
    url="https://www.v-dem.net/data/the-v-dem-dataset/",
    licence="CC BY-SA 4.0",
    licence_note="Share-alike: data derived from V-Dem that we ship stays CC BY-SA 4.0.",
    citation=("Coppedge, Michael, John Gerring, Carl Henrik Knutsen, Staffan I. Lindberg, Jan Teorell, et al. "
              "2024. \"V-Dem Country-Year Dataset v14.\" Varieties of Democracy (V-Dem) Project. "
              "https://doi.org/10.23696/mcwt-fr58. Pemstein et al., \"The V-Dem Measurement Model\", V-Dem "
              "Working Paper 21. Mechkova, Pemstein, Seim & Wilson, \"Digital Society Project Dataset\"."),
    folder="vdem",
    caveats=("Expert-coded and passed through a measurement model: latent scores are comparable across "
             "countries and years only approximately. The digital-society variables exist here for 2021 only "
             "and come from an earlier V-Dem release than the v14 panel."),
)

# (column, id, short, name, pillar, scale, higher_is_better, description, caveat)
_LAT = (-6.0, 6.0)
PANEL_VARS = [
    ("v2x_clphy", "vdem_physical_violence", "Physical violence (V-Dem)", "Freedom from state physical violence (index)",
     "physical", "bounded", True,
     "Whether people are free from political killings and torture by the government (0-1, higher = safer).", ""),
    ("v2cltort", "vdem_torture", "Freedom from torture", "Freedom from torture by state agents",
     "physical", "latent", True, "Whether state agents practise torture (expert-coded; higher = less torture).", ""),
    ("v2clkill", "vdem_political_killings", "Freedom from political killings", "Freedom from political killings by state agents",
     "physical", "latent", True,
     "Whether state agents kill people for political reasons without due process (higher = fewer killings).", ""),
    ("v2xpe_exlpol", "vdem_political_exclusion", "Exclusion by political group", "Exclusion by political group (index)",
     "physical", "bounded", False,
     "How much people are denied rights and services because of their political affiliation "
     "(0-1; higher = MORE exclusion, so the scale runs the other way).", "Direction is reversed: higher raw = worse."),
    ("v2clrelig", "vdem_religion", "Freedom of religion", "Freedom of religion",
     "physical", "latent", True, "Whether people can practise and change their religion without state interference (higher = freer).", ""),
    ("v2x_civlib", "vdem_civil_liberties", "Civil liberties (V-Dem)", "Civil liberties index",
     "civic", "bounded", True, "Overall respect for civil liberties: physical integrity, private and political liberties (0-1, higher = freer).", ""),
    ("v2csreprss", "vdem_cso_repression", "CSO repression", "Freedom of civil society from repression",
     "civic", "latent", True, "Whether the government tries to repress civil society organisations (higher = less repression).", ""),
    ("v2meharjrn", "vdem_journalist_harassment", "Journalist harassment", "Freedom of journalists from harassment",
     "civic", "latent", True, "Whether journalists are harassed, arrested, imprisoned, beaten or killed for their work (higher = less harassment).", ""),
    ("v2x_freexp_altinf", "vdem_expression", "Freedom of expression (V-Dem)", "Freedom of expression and alternative sources of information",
     "civic", "bounded", True, "Whether people can speak and the media can report freely, with alternative sources of information (0-1, higher = freer).", ""),
    ("v2mecenefi", "vdem_internet_censorship", "Internet censorship effort", "Government internet censorship effort",
     "digital", "latent", True, "How much the government tries to censor information on the internet (higher = less censorship).",
     "Blank before the internet era."),
    ("v2x_libdem", "vdem_liberal_democracy", "Liberal democracy", "Liberal democracy index (context)",
     None, "bounded", True, "How liberal-democratic the political system is (0-1). Context, not scored.", ""),
]
DSP_VARS = [
    ("v2smgovsmmon", "vdem_social_media_monitoring", "Social media monitoring", "Government social media monitoring",
     "surveillance", "latent", True,
     "How comprehensively the government monitors political content on social media (higher = less monitoring).",
     "2021 only; from an earlier V-Dem release than the panel."),
    ("v2smgovfilprc", "vdem_internet_filtering", "Internet filtering", "Government internet filtering in practice",
     "digital", "latent", True, "How often the government filters (blocks) political content online (higher = less filtering).",
     "2021 only."),
    ("v2smgovshut", "vdem_internet_shutdown", "Internet shutdowns (V-Dem)", "Government internet shutdown in practice",
     "digital", "latent", True, "How often the government shuts down internet access (higher = less often).", "2021 only."),
    ("v2smarrest", "vdem_online_arrests", "Arrests for online content", "Arrests for political content online",
     "digital", "latent", True,
     "How likely a person is to be arrested for posting political content online (higher = less likely).", "2021 only."),
]


def _indicator(spec, edition) -> Indicator:
    col, ind, short, name, pillar, scale, better, desc, caveat = spec
    bounded = scale == "bounded"
    return Indicator(
        id=ind, source="vdem", name=name, short=short, description=desc + f" (V-Dem variable {col}.)",
        pillar=pillar, unit="index 0-1" if bounded else "latent score (about -4..+4)", scale=scale,
        higher_is_better=better, raw_min=0.0 if bounded else _LAT[0], raw_max=1.0 if bounded else _LAT[1],
        edition=edition + "; data year = year coded", caveat=caveat,
    )


INDICATORS = ([_indicator(s, "V-Dem v14 (March 2024), country-year") for s in PANEL_VARS]
              + [_indicator(s, "V-Dem Digital Society Project, 2021 cross-section from a v12/v13 release")
                 for s in DSP_VARS])


def _read(out, path, h, specs, edition):
    df = read_csv(path, ["country_name", "country_text_id", "year"] + [s[0] for s in specs])
    iso3 = h.resolve_column(df, SOURCE.id, path, "country_name", "country_text_id")
    year = years(df, "year", path)
    for spec in specs:
        out.add(pd.DataFrame({"iso3": iso3, "year": year, "raw_value": numbers(df, spec[0], path),
                              "line": df["_line"]}), indicator=spec[1], edition=edition, provenance=PROVENANCE, file=str(path))


def read(raw: Path, h):
    from . import Readout

    out = Readout()
    _read(out, raw / SOURCE.folder / PANEL, h, PANEL_VARS, PANEL_EDITION)
    _read(out, raw / SOURCE.folder / DSP, h, DSP_VARS, DSP_EDITION)
    return out
