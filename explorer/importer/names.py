"""Country names in an imported file: the project's harmonisation table, every name the index
already matched, and the user's own answers for names nothing knew (remembered in the user's
data folder, ``name_mappings.json``: {source: {name: ISO3 or null}}; null = excluded)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from ..countries import ALIASES_PATH, Harmoniser
from ..errors import ExplorerError

MAPPINGS_FILE = "name_mappings.json"
USER_EXCLUSION = "excluded by you when importing (not a country the index rates)"


def load_mappings(data_dir: Path) -> dict[str, dict[str, str | None]]:
    p = Path(data_dir) / MAPPINGS_FILE
    if not p.is_file():
        return {}
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ExplorerError(f"{p}: your remembered country names cannot be read ({e}); fix or delete the file") from None
    return data if isinstance(data, dict) else {}


def save_mappings(data_dir: Path, source: str, answers: dict[str, str | None]) -> None:
    """Remember the user's answers (atomically: temp file beside, then replace)."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    data = load_mappings(data_dir)
    data.setdefault(source, {}).update(answers)
    tmp = data_dir / f".{MAPPINGS_FILE}.tmp"
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, data_dir / MAPPINGS_FILE)


def parse_map(items: list[str] | None, iso3s: set[str]) -> dict[str, str | None]:
    """``--map "Name=ISO3"`` or ``--map "Name=-"`` (exclude)."""
    out: dict[str, str | None] = {}
    for item in items or []:
        name, sep, code = item.rpartition("=")
        name, code = name.strip(), code.strip().upper()
        if not sep or not name:
            raise ExplorerError(f"--map {item!r}: write it as \"Name=ISO3\" or \"Name=-\" to exclude the name")
        if code in ("-", ""):
            out[name] = None
        elif code in iso3s:
            out[name] = code
        else:
            raise ExplorerError(f"--map {item!r}: {code!r} is not an ISO3 code of a country in the index")
    return out


def harmoniser(countries: pd.DataFrame, name_matches: pd.DataFrame, source: str,
               answers: dict[str, str | None]) -> Harmoniser:
    """A harmoniser on the index's own country table (the raw ISO file need not be present)."""
    ref = countries.reset_index(drop=True).copy()
    aliases = pd.read_csv(ALIASES_PATH, dtype=str, keep_default_na=False)
    mine = name_matches[name_matches["source"] == source]  # "Congo" means different things to different publishers
    known = mine[mine["iso3"].notna()]
    excluded = mine[mine["iso3"].isna()]
    rows = [aliases]
    rows.append(pd.DataFrame({"kind": "name", "value": known["name"], "iso3": known["iso3"], "reason": ""}))
    rows.append(pd.DataFrame({"kind": "name", "value": excluded["name"], "iso3": "",
                              "reason": excluded["reason"].fillna("excluded")}))
    rows.append(pd.DataFrame([{"kind": "name", "value": n, "iso3": c or "", "reason": "" if c else USER_EXCLUSION}
                              for n, c in answers.items()], columns=["kind", "value", "iso3", "reason"]))
    # Later rows win: the user's answer over the index's earlier matches over the shipped table.
    table = pd.concat(rows, ignore_index=True).drop_duplicates(["kind", "value"], keep="last")
    table = table.astype(str)
    return Harmoniser(ref, table)
