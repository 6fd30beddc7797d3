"""Exports with provenance, written atomically (``explorer.atomic``: temporary file, checked,
then renamed): an interrupted or failed export never leaves a half-written file where the
user's file was. Formula-like text cells are defused (``explorer.csvsafe``)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from .atomic import atomic_write, atomic_write_bytes, atomic_write_text, file_mode  # noqa: F401 (re-exported)
from .csvsafe import to_csv_text
from .errors import ExplorerError


def observations_table(index, indicators: Iterable[str] | None = None, countries: Iterable[str] | None = None,
                       first_year: int | None = None, last_year: int | None = None) -> pd.DataFrame:
    """Observations with everything needed to cite them: source, edition, data year, raw value
    and raw scale, normalised value, direction, licence and citation."""
    obs = index.observations
    ind = index.indicators
    if indicators:
        indicators = list(indicators)
        unknown = sorted(set(indicators) - set(ind.index))
        if unknown:
            raise ExplorerError(f"unknown indicator(s): {', '.join(unknown)}; see `explorer indicators`")
        obs = obs[obs["indicator"].isin(indicators)]
    if countries:
        obs = obs[obs["iso3"].isin(list(countries))]
    if first_year is not None:
        obs = obs[obs["year"] >= first_year]
    if last_year is not None:
        obs = obs[obs["year"] <= last_year]
    src = index.sources
    out = pd.DataFrame({
        "iso3": obs["iso3"],
        "country": obs["iso3"].map(index.countries["short_name"]),
        "indicator": obs["indicator"],
        "indicator_name": obs["indicator"].map(ind["name"]),
        "pillar": obs["indicator"].map(ind["pillar"]),
        "data_year": obs["year"],
        "raw_value": obs["raw_value"],
        "raw_text": obs["raw_text"],
        "raw_unit": obs["indicator"].map(ind["unit"]),
        "direction": obs["indicator"].map(ind["direction"]),
        "value_0_100": obs["value"].round(2),
        "edition": obs["edition"],
        "provenance": obs["provenance"],
        "lower": obs["lower"],
        "upper": obs["upper"],
        "raw_sd": obs["raw_sd"],
        "note": obs["note"],
        "source": obs["indicator"].map(ind["source"]).map(src["name"]),
        "licence": obs["indicator"].map(ind["source"]).map(src["licence"]),
        "citation": obs["indicator"].map(ind["source"]).map(src["citation"]),
        "source_file": obs["source_file"],
        "source_line": obs["source_line"],
    })
    return out.sort_values(["indicator", "iso3", "data_year"]).reset_index(drop=True)


def export_csv_text(index, **filters) -> tuple[str, int]:
    """The export as CSV text (formula-like cells defused) and its number of rows."""
    table = observations_table(index, **filters)
    if table.empty:
        raise ExplorerError("nothing to export: no observations match")
    return to_csv_text(table, index=False), len(table)


def export_csv(index, path: Path | str, **filters) -> int:
    text, n = export_csv_text(index, **filters)
    atomic_write_text(path, text)
    return n
