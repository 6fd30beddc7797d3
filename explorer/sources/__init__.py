"""One reader module per publisher.

A reader module declares ``SOURCE`` (a ``catalogue.Source``), ``INDICATORS`` (a list of
``catalogue.Indicator``) and ``read(raw_dir, harmoniser) -> Readout``. It emits long-format
observations with the *data year* and the raw value exactly as published; the build
validates them against the declared scale and normalises them with one shared function.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..catalogue import PROVENANCE, Catalogue

# Build order; each name is a module in this package.
READER_MODULES = ["pts", "vdem", "freedomhouse", "rsf", "wjp", "aigs", "keepiton", "comparitech", "fariss", "top10vpn",
                  "unctad", "cirights", "spyware"]

OBS_COLUMNS = ["iso3", "indicator", "year", "edition", "raw_value", "raw_text",
               "lower", "upper", "raw_sd", "note", "provenance", "file", "line"]
REQUIRED = ("iso3", "indicator", "year", "raw_value", "provenance", "file", "line")
NUMERIC = ("lower", "upper", "raw_sd")
MISSING_COLUMNS = ["iso3", "indicator", "year", "reason"]


@dataclass
class Readout:
    """What one reader produced: observations and publisher-declared gaps."""

    frames: list[pd.DataFrame] = field(default_factory=list)
    gaps: list[pd.DataFrame] = field(default_factory=list)

    def add(self, df: pd.DataFrame, **constants) -> None:
        """Add observations; missing optional columns are filled, rows without iso3 dropped
        (the harmoniser has recorded why) and rows without a raw value skipped. Every row
        must say its provenance class (``catalogue.PROVENANCE``)."""
        df = df.assign(**constants)
        for col in OBS_COLUMNS:
            if col not in df.columns:
                if col in REQUIRED:
                    raise ValueError(f"reader output lacks column {col!r}")
                df[col] = np.nan if col in NUMERIC else None
        df = df[OBS_COLUMNS]
        unknown = set(df["provenance"].fillna("(none)").unique()) - set(PROVENANCE)  # unique(): no per-row loop
        if unknown:
            raise ValueError(f"unknown provenance class(es) {sorted(map(str, unknown))}; use one of {PROVENANCE}")
        df = df[df["iso3"].notna() & df["raw_value"].notna()]
        self.frames.append(df)

    def add_gaps(self, df: pd.DataFrame, **constants) -> None:
        """Record country-years the publisher says are missing, with the reason to show."""
        df = df.assign(**constants)[MISSING_COLUMNS]
        self.gaps.append(df[df["iso3"].notna()])

    def observations(self) -> pd.DataFrame:
        if not self.frames:
            return pd.DataFrame(columns=OBS_COLUMNS)
        return pd.concat(self.frames, ignore_index=True)

    def missing(self) -> pd.DataFrame:
        if not self.gaps:
            return pd.DataFrame(columns=MISSING_COLUMNS)
        return pd.concat(self.gaps, ignore_index=True)


def reader_modules(names: list[str] | None = None):
    return [importlib.import_module(f"{__name__}.{n}") for n in (names or READER_MODULES)]


def load_catalogue(names: list[str] | None = None) -> Catalogue:
    cat = Catalogue()
    for mod in reader_modules(names):
        cat.add(mod.SOURCE, list(mod.INDICATORS))
    return cat
