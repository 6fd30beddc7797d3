"""The ``explorer`` command: the window by default, and every question it answers as a subcommand.

    explorer                      open the window on the bundled index
    explorer build-index          rebuild data/explorer.sqlite from ../shared/data/raw
    explorer countries [--region R]
    explorer indicators
    explorer show ISO3 [--year Y]
    explorer rank INDICATOR --year Y [--top N]
    explorer sources
    explorer export FILE.csv [--indicators a,b] [--countries CHN,DEU] [--years 2015-2023]
    explorer answer [--year Y] [--weights pillar=w,...] [--top N]
    explorer brief FILE.pdf [--year Y] [--preset P]
Each subcommand takes --json for machine-readable output.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import pandas as pd

from .errors import ExplorerError


def _index(args):
    from .store import Index
    return Index(args.index)


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


def cmd_build(args) -> int:
    from .build import build
    quiet = args.json
    summary = build(raw=args.raw, target=args.index, progress=(lambda s: None) if quiet else print)
    if args.json:
        print(json.dumps(summary, indent=1))
        return 0
    print(f"\nWrote {summary['target']} ({summary['bytes'] / 1e6:.1f} MB)")
    print(f"Coverage: {summary['observations']:,} observations, {summary['countries']} countries with at least "
          f"one observation, {summary['indicators']} indicators from {summary['publishers']} publishers")
    for src, s in summary["per_source"].items():
        print(f"  {src:<13} {s['indicators']:>3} indicators {s['countries']:>4} countries "
              f"{s['first_year']}-{s['last_year']}  {s['observations']:>7,} observations")
    return 0


def cmd_countries(args) -> int:
    ix = _index(args)
    c = ix.countries
    covered = set(ix.values["iso3"])
    c = c[c["iso3"].isin(covered)]
    if args.region:
        want = args.region.casefold()
        c = c[(c["region"].fillna("").str.casefold() == want) | (c["subregion"].fillna("").str.casefold() == want)]
        if c.empty:
            regions = sorted(ix.countries["region"].dropna().unique())
            raise ExplorerError(f"no countries in region {args.region!r}; regions: {', '.join(regions)}")
    cols = ["iso3", "short_name", "region", "subregion"]
    _emit(args, c[cols + ["name"]].to_dict("records"), c[cols])
    return 0


def cmd_indicators(args) -> int:
    ix = _index(args)
    d = ix.indicators
    cols = ["id", "pillar", "source", "short", "unit", "direction", "first_year", "last_year", "n_countries"]
    _emit(args, d.drop(columns=["pillar_position"]).to_dict("records"), d[cols])
    return 0


def _country(ix, code: str) -> str:
    code = code.strip()
    c = ix.countries
    if code.upper() in c.index:
        return code.upper()
    from .countries import name_key
    key = name_key(code)
    hits = c[(c["name"].map(name_key) == key) | (c["short_name"].map(name_key) == key)]
    if len(hits) == 1:
        return hits.index[0]
    raise ExplorerError(f"unknown country {code!r}: give an ISO 3166 alpha-3 code such as CHN "
                        "(see `explorer countries`)")


def cmd_show(args) -> int:
    ix = _index(args)
    iso3 = _country(ix, args.country)
    prof = ix.country_profile(iso3, args.year)
    prof["raw_scale"] = prof["indicator"].map(ix.indicators["unit"])
    name = ix.countries.loc[iso3, "short_name"]
    if args.json:
        _emit(args, prof.assign(iso3=iso3).to_dict("records"))
        return 0
    print(f"{name} ({iso3})" + (f", {args.year}" if args.year else ", latest values") +
          " - value: 0-100, 100 = least persecution")
    for pillar, grp in prof.groupby(prof["pillar"].fillna("context"), sort=False):
        print(f"\n[{pillar}]")
        for _, r in grp.iterrows():
            if r["value"] is None or pd.isna(r["value"]):
                latest = f"latest {int(r['latest_year'])}" if pd.notna(r["latest_year"]) else "no data at all"
                reason = ix.gap_reason(iso3, r["indicator"], args.year) if args.year else None
                print(f"  {r['short']:<34} no data{f' for {args.year}' if args.year else ''} ({latest})"
                      + (f": {reason}" if reason else ""))
            else:
                interval = (f" (95% {r['lower']:.3g} to {r['upper']:.3g})"
                            if r["lower"] is not None and pd.notna(r["lower"]) else "")
                print(f"  {r['short']:<34} {r['value']:6.1f}   raw {r['raw_value']:g}{interval} [{r['raw_scale']}]  "
                      f"year {int(r['year'])}  {r['source']} {r['edition']} ({r['provenance']})")
    return 0


def cmd_rank(args) -> int:
    ix = _index(args)
    if args.indicator not in ix.indicators.index:
        raise ExplorerError(f"unknown indicator {args.indicator!r}; see `explorer indicators`")
    years = ix.years(args.indicator)
    df = ix.ranking(args.indicator, args.year)
    if df.empty:
        raise ExplorerError(f"{args.indicator} has no data for {args.year}; years with data: "
                            f"{years[0]}-{years[-1]} ({len(years)} years)" if years else f"{args.indicator} has no data")
    if args.top is not None:
        if args.top < 1:
            raise ExplorerError("--top must be 1 or more")
        df = df.head(args.top)
    cols = ["rank", "of", "iso3", "short_name", "value", "raw_value", "year", "edition", "provenance"]
    _emit(args, df[cols].to_dict("records"), df[cols])
    return 0


def cmd_sources(args) -> int:
    ix = _index(args)
    s = ix.sources
    if args.json:
        _emit(args, s.to_dict("records"))
        return 0
    for _, r in s.iterrows():
        print(f"{r['name']} ({r['id']})\n  publisher: {r['publisher']}\n  licence: {r['licence']}"
              + (f" - {r['licence_note']}" if r["licence_note"] else "")
              + f"\n  url: {r['url']}\n  cite: {r['citation']}\n")
    return 0


def cmd_export(args) -> int:
    from .export import export_csv
    ix = _index(args)
    countries = [_country(ix, c) for c in args.countries.split(",")] if args.countries else None
    indicators = args.indicators.split(",") if args.indicators else None
    first, last = _years(args.years)
    n = export_csv(ix, args.out, indicators=indicators, countries=countries, first_year=first, last_year=last)
    if args.json:
        print(json.dumps({"file": str(args.out), "rows": n}))
    else:
        print(f"Wrote {n:,} observations with source, edition, provenance, data year, licence and citation to {args.out}")
    return 0


def _years(spec: str | None) -> tuple[int | None, int | None]:
    if not spec:
        return None, None
    try:
        a, _, b = spec.partition("-")
        return int(a), int(b or a)
    except ValueError:
        raise ExplorerError(f"--years takes YEAR or FIRST-LAST, not {spec!r}") from None


def cmd_brief(args) -> int:
    from .scoring.cli_answer import settings_from_args
    from .scoring.composite import Engine
    from .ui.exports.brief_pdf import cli_brief  # Qt renders the PDF (offscreen when there is no display)
    engine = Engine(_index(args))
    out = cli_brief(engine.index, args.out, settings_from_args(args, engine))
    print(json.dumps({"file": str(out)}) if args.json else f"Wrote the brief with citations to {out}")
    return 0


def cmd_gui(args) -> int:
    from .ui.app import main as gui_main
    return gui_main(index_path=args.index)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="explorer", description="Country Privacy Explorer: which country persecutes its citizens the least?")
    p.add_argument("--index", type=Path, default=None, help="index file (default: the bundled data/explorer.sqlite)")
    sub = p.add_subparsers(dest="cmd")

    def add(name, fn, help_):
        sp = sub.add_parser(name, help=help_)
        sp.add_argument("--json", action="store_true", help="machine-readable output")
        sp.add_argument("--index", type=Path, default=argparse.SUPPRESS, help="index file (default: bundled)")
        sp.set_defaults(fn=fn)
        return sp

    b = add("build-index", cmd_build, "rebuild the index from the raw public files")
    b.add_argument("--raw", type=Path, default=None, help="raw data folder (default ../shared/data/raw)")
    c = add("countries", cmd_countries, "list countries in the index")
    c.add_argument("--region", help="UN region or subregion, e.g. Europe or 'Eastern Asia'")
    add("indicators", cmd_indicators, "list indicators with direction and coverage")
    s = add("show", cmd_show, "every indicator for one country")
    s.add_argument("country", help="ISO3 code (CHN) or name")
    s.add_argument("--year", type=int)
    r = add("rank", cmd_rank, "rank countries on one indicator")
    r.add_argument("indicator")
    r.add_argument("--year", type=int, required=True)
    r.add_argument("--top", type=int)
    add("sources", cmd_sources, "publishers, licences and citations")
    e = add("export", cmd_export, "write observations with provenance to a CSV file")
    e.add_argument("out", type=Path, help="CSV file to write (replaced atomically)")
    e.add_argument("--indicators", help="comma-separated indicator ids (default: all)")
    e.add_argument("--countries", help="comma-separated ISO3 codes or names (default: all)")
    e.add_argument("--years", help="YEAR or FIRST-LAST")
    from .scoring.cli_answer import register as register_answer
    register_answer(sub)
    from .scoring.cli_answer import add_settings_arguments
    br = add("brief", cmd_brief, "write the composite answer as a PDF brief with citations")
    br.add_argument("out", type=Path, help="PDF file to write (replaced atomically)")
    add_settings_arguments(br)
    g = sub.add_parser("gui", help="open the window (the default)")
    g.set_defaults(fn=cmd_gui, json=False)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not getattr(args, "fn", None):
        args.fn, args.json = cmd_gui, False
    try:
        return args.fn(args) or 0
    except ExplorerError as e:
        print(f"explorer: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
