"""The user's own indicator: a plain table (ISO3 or country name, year, value) plus metadata.

It joins the index marked "user data": its id and its source id start with ``user_``, its
edition and caveat say so, and (when the index has the column) each value's provenance is
"user data". It is never in the composite's default selection; ``is_user_data`` is the flag the
scoring and the window read to offer it as a box the user may tick.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from ..catalogue import PILLAR_IDS, Indicator, Source
from ..countries import name_key
from ..errors import ExplorerError, SourceError
from ..sources._io import fail_on, numbers, years
from . import names, tables
from .plan import USER_DATA, Base, Plan, _finish, catalogue_of, check_years

PREFIX = "user_"
REQUIRED_META = ("name", "unit", "min", "max", "direction", "source", "licence", "citation")


def is_user_data(indicator) -> bool:
    """True for an indicator the user imported (an id, or a row of the indicators table)."""
    ind_id = indicator if isinstance(indicator, str) else indicator["id"]
    return str(ind_id).startswith(PREFIX)


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "_", name_key(text))
    return s.strip("_")[:40] or "indicator"


def load_meta(meta: Path | str | dict) -> dict:
    if isinstance(meta, dict):
        data, where = meta, "metadata"
    else:
        where = str(meta)
        try:
            data = json.loads(Path(meta).read_text(encoding="utf-8"))
        except OSError as e:
            raise ExplorerError(f"{meta}: cannot read the metadata file ({e.strerror})") from None
        except ValueError as e:
            raise ExplorerError(f"{meta}: not valid JSON ({e})") from None
    if not isinstance(data, dict):
        raise ExplorerError(f"{where}: expected a JSON object with {', '.join(REQUIRED_META)}")
    missing = [k for k in REQUIRED_META if data.get(k) in (None, "")]
    if missing:
        raise ExplorerError(f"{where}: missing {', '.join(missing)} (needs {', '.join(REQUIRED_META)}; "
                            "pillar is optional: without it the indicator is context, never scored)")
    try:
        lo, hi = float(data["min"]), float(data["max"])
    except (TypeError, ValueError):
        raise ExplorerError(f"{where}: min and max must be numbers, not {data['min']!r} and {data['max']!r}") from None
    if not lo < hi:
        raise ExplorerError(f"{where}: min ({lo:g}) must be below max ({hi:g})")
    d = str(data["direction"]).casefold()
    if "better" in d and "worse" not in d:
        better = True
    elif "worse" in d and "better" not in d:
        better = False
    else:
        raise ExplorerError(f"{where}: direction must say \"higher is better\" or \"higher is worse\", not {data['direction']!r}")
    pillar = data.get("pillar") or None
    if pillar is not None and pillar not in PILLAR_IDS:
        raise ExplorerError(f"{where}: pillar {pillar!r} is not one of {', '.join(PILLAR_IDS)} (or leave it out)")
    return {**data, "min": lo, "max": hi, "higher_is_better": better, "pillar": pillar}


def _columns(df: pd.DataFrame, where: str) -> tuple[str | None, str | None, str, str]:
    cols = {c.casefold().strip(): c for c in df.columns if c != "_line"}
    code = next((cols[k] for k in ("iso3", "iso", "code", "country code", "iso3 code") if k in cols), None)
    name = next((cols[k] for k in ("country", "name", "country name", "country_name") if k in cols), None)
    year = cols.get("year")
    value = cols.get("value")
    if (code is None and name is None) or year is None or value is None:
        raise SourceError(where, "your indicator's table needs the columns iso3 (or country), year and value; "
                          f"found: {', '.join(c for c in df.columns if c != '_line')}", 1)
    return code, name, year, value


def plan_user_indicator(file: Path, meta, base: Base, answers: dict[str, str | None] | None = None,
                        compare_top: bool = True) -> Plan:
    file = Path(file)
    m = load_meta(meta)
    grid = next(iter(tables.read_grids(file)))
    header = next((i for i, r in enumerate(grid.rows[:20])
                   if {"year", "value"} <= {c.strip().casefold() for c in r}), 0)
    df = grid.frame(header)
    code, name, ycol, vcol = _columns(df, grid.label)
    if df.empty:
        raise SourceError(grid.label, "the table has a header but no rows")
    src_id = PREFIX + slug(m["source"])
    ind_id = PREFIX + slug(m.get("id") or m["name"])
    h = names.harmoniser(base.countries, base.name_matches, src_id, answers or {})
    if name is not None:
        iso3 = h.resolve_column(df, src_id, file, name, code)
    else:  # codes only: a code the index does not know is unmatched, by its code
        known = set(base.countries["iso3"])
        given = answers or {}

        def code_of(c: str):
            c = c.strip()
            return c.upper() if c.upper() in known else given.get(c, None)
        iso3 = pd.Series([code_of(c) for c in df[code]], index=df.index, dtype=object)
        h.unmatched = [(src_id, c, str(file), int(ln)) for c, ln, i in zip(df[code], df["_line"], iso3)
                       if i is None and c.strip() not in given]
    year = years(df, ycol, grid.label)
    value = numbers(df, vcol, grid.label)
    fail_on(grid.label, df, value.isna(), lambda i: f"column {vcol!r}: a value is missing (leave the row out instead)")
    fail_on(grid.label, df, (value < m["min"]) | (value > m["max"]),
            lambda i: f"value {value.iloc[i]:g} is outside the scale you declared, {m['min']:g}..{m['max']:g}")
    label = f"user data: {m['name']}"
    obs = pd.DataFrame({"iso3": iso3, "indicator": ind_id, "year": year.astype(int), "edition": label,
                        "raw_value": value, "raw_text": None, "lower": float("nan"), "upper": float("nan"),
                        "note": f"{USER_DATA}, imported from {file.name}", "file": grid.label, "line": df["_line"]})
    check_years(obs, grid.label)
    obs = obs[obs["iso3"].notna()]
    source = Source(id=src_id, publisher=str(m["source"]), name=str(m["source"]), url=str(m.get("url", "")),
                    licence=str(m["licence"]), citation=str(m["citation"]), folder="(user data)",
                    caveats="User data: imported by you, not from a publisher this app reads; check its source.",
                    short=str(m.get("short_source") or m["source"]))
    ind = Indicator(id=ind_id, source=src_id, name=str(m["name"]), short=str(m.get("short") or m["name"]),
                    description=str(m.get("description") or f"{m['name']} ({USER_DATA})"),
                    pillar=m["pillar"], unit=str(m["unit"]), scale="bounded", higher_is_better=m["higher_is_better"],
                    raw_min=m["min"], raw_max=m["max"], edition=f"{USER_DATA}: imported from {file.name}",
                    caveat="User data: enters the composite only when you tick it.")
    cat = catalogue_of(base)
    cat.sources[src_id] = source
    cat.indicators[ind_id] = ind
    ind_row = asdict(ind) | {"levels": "", "direction": ind.direction, "n_obs": 0, "n_countries": 0,
                             "first_year": None, "last_year": None}
    unmatched = sorted({(u[1], u[3]) for u in h.unmatched}, key=lambda u: (u[1] or 0, u[0]))
    matches = [{"source": s, "name": n, "iso3": c, "reason": None} for (s, n), c in h.matched.items()]
    gaps = pd.DataFrame(columns=["iso3", "indicator", "year", "reason"])
    return _finish(file, base, cat, obs, gaps, "user", f"your own indicator: {m['name']}", src_id, None, grid.label,
                   grid.info | {"header_line": grid.lines[header]}, USER_DATA, unmatched, matches,
                   provenance_note=USER_DATA, new_indicators=[ind_row], new_sources=[asdict(source)],
                   compare_top=compare_top)
