"""What every CLI command shares: opening the index, printing records or tables, country codes."""

from __future__ import annotations

import json
import math

import pandas as pd

from ..errors import ExplorerError


def _index(args):
    """The one in-memory Panel every command reads (the CLI never queries SQLite itself)."""
    from ..data.panel import Panel
    return Panel.load(args.index)


def _clean(v):
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def _emit(args, records: list[dict], table: pd.DataFrame | None = None, text: str | None = None) -> None:
    if args.json:
        print(json.dumps([{k: _clean(v) for k, v in r.items()} for r in records], ensure_ascii=False, indent=1))
    elif text is not None:
        print(text)
    elif table is not None:
        with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 60):
            print(table.to_string(index=False) if len(table) else "(nothing)")


def _country(ix, code: str) -> str:
    code = code.strip()
    c = ix.countries
    if code.upper() in c.index:
        return code.upper()
    from ..countries import name_key
    key = name_key(code)
    hits = c[(c["name"].map(name_key) == key) | (c["short_name"].map(name_key) == key)]
    if len(hits) == 1:
        return hits.index[0]
    raise ExplorerError(f"unknown country {code[:40]!r}: give an ISO 3166 alpha-3 code such as CHN "
                        "(see `explorer countries`)")


def _years(spec: str | None) -> tuple[int | None, int | None]:
    from .bounds import FIRST_YEAR, last_year
    if not spec:
        return None, None
    try:
        a, _, b = spec.partition("-")
        first, last = int(a), int(b or a)
    except ValueError:
        raise ExplorerError(f"--years takes YEAR or FIRST-LAST, not {spec[:40]!r}") from None
    if not (FIRST_YEAR <= first <= last <= last_year()):
        raise ExplorerError(f"--years: {spec[:40]} is not a range of years from {FIRST_YEAR} to {last_year()}")
    return first, last
