"""Exports with provenance, written atomically (temporary file + rename): an interrupted or
failed export never leaves a half-written file where the user's file was."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from .errors import ExplorerError


def file_mode(path: Path) -> int:
    """The mode a replaced file keeps, or what a new file would get (0o666 less the umask):
    mkstemp's temporary files are owner-only, which would otherwise stick to the result."""
    if path.exists():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path | str, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` then move the temporary file over ``path`` in one step."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ExplorerError(f"cannot write {path}: folder {path.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, file_mode(path))
        os.replace(tmp, path)
    except OSError as e:
        raise ExplorerError(f"cannot write {path}: {e.strerror or e}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def atomic_write_text(path: Path | str, text: str) -> Path:
    return atomic_write(path, lambda p: p.write_text(text, encoding="utf-8"))


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


def export_csv(index, path: Path | str, **filters) -> int:
    table = observations_table(index, **filters)
    if table.empty:
        raise ExplorerError("nothing to export: no observations match")
    atomic_write_text(path, table.to_csv(index=False))
    return len(table)
