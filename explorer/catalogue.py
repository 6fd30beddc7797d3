"""What an indicator and a source are: declared once, applied by shared code.

Every reader module declares one ``Source`` and its ``Indicator``s. Scale, direction and
goalposts live here, not in the readers, so that normalisation is one function
(``explorer.normalise``) and the app can show every indicator's provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Pillars of the composite, in display order: (id, name, one-line description).
PILLARS: list[tuple[str, str, str]] = [
    ("surveillance", "Surveillance technology and practice",
     "How much the state watches people: internet surveillance, AI and camera deployment."),
    ("digital", "Digital rights and censorship",
     "Whether people can use the internet freely: censorship, filtering, shutdowns, online arrests."),
    ("legal", "Legal privacy protection",
     "Whether law and institutions protect private life from arbitrary interference."),
    ("physical", "Physical integrity and persecution",
     "Torture, political killings, disappearances and political imprisonment by the state."),
    ("civic", "Civic and press freedom",
     "Freedom of expression, the press, association and civil liberties overall."),
]
PILLAR_IDS = [p[0] for p in PILLARS]

# How raw values become 0-100 (100 = least persecution):
#   bounded: publisher's fixed scale bounds are the goalposts
#   latent:  goalposts = observed min/max over all countries and years, fitted once per build
#   log:     log1p(value), goalposts 0 and log1p(95th percentile over all years), capped
#   ordinal: raw is a level code 0..n-1, spread evenly
SCALE_KINDS = ("bounded", "latent", "log", "ordinal")

# Where every value comes from, one class per observation (shown with the value everywhere):
#   publisher's file: a file the publisher itself released, values unchanged (we may have changed
#                     only its encoding, delimiter or layout), whoever hosted the copy we found
#   third-party copy: a copy that someone else exported, extracted or processed (OWID, an R package,
#                     a dashboard), so its identity with the publisher's release is not established
#   transcription:    copied out of web pages or report tables by a person or a parser
#   provisional:      weak provenance, usable but to be replaced when the publisher's file is found
PROVENANCE = ("publisher's file", "third-party copy", "transcription", "provisional")


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    name: str
    url: str
    licence: str
    citation: str
    folder: str  # under ../shared/data/raw
    caveats: str = ""
    licence_note: str = ""  # e.g. non-commercial, share-alike, or no licence found
    short: str = ""  # name for labels: "V-Dem", "Freedom House"


@dataclass(frozen=True)
class Indicator:
    id: str
    source: str
    name: str
    short: str
    description: str
    pillar: str | None  # None = context, not scored
    unit: str
    scale: str  # one of SCALE_KINDS
    higher_is_better: bool
    raw_min: float | None  # validation bounds: a raw value outside them fails the build
    raw_max: float | None
    goal_lo: float | None = None  # goalposts; None = fitted from the data (latent, log)
    goal_hi: float | None = None
    edition: str = ""  # edition(s) and what data year means for this source
    caveat: str = ""
    levels: tuple[str, ...] = ()  # ordinal labels, worst first (raw 0 = levels[0])
    derived: bool = False  # computed by us from other indicators, not published
    uncertainty: bool = False  # observations carry lower/upper bounds
    # Records documented evidence only (1/count = documented, no row = not documented): absence
    # is not proof, so the UI should not rank countries by it (AIGS, the spyware inventory).
    documented_only: bool = False

    def __post_init__(self):
        if self.scale not in SCALE_KINDS:
            raise ValueError(f"{self.id}: unknown scale kind {self.scale!r}")
        if self.pillar is not None and self.pillar not in PILLAR_IDS:
            raise ValueError(f"{self.id}: unknown pillar {self.pillar!r}")
        if self.scale == "bounded" and (self.goal_lo is None or self.goal_hi is None):
            object.__setattr__(self, "goal_lo", self.raw_min)
            object.__setattr__(self, "goal_hi", self.raw_max)

    @property
    def direction(self) -> str:
        return "higher = better (less persecution)" if self.higher_is_better else "higher = worse (more persecution)"


@dataclass
class Catalogue:
    sources: dict[str, Source] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)

    def add(self, source: Source, indicators: list[Indicator]) -> None:
        if source.id in self.sources:
            raise ValueError(f"duplicate source {source.id}")
        self.sources[source.id] = source
        for ind in indicators:
            if ind.id in self.indicators:
                raise ValueError(f"duplicate indicator {ind.id}")
            if ind.source != source.id:
                raise ValueError(f"{ind.id}: declared under {source.id} but names {ind.source}")
            self.indicators[ind.id] = ind
