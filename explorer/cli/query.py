"""`explorer countries | indicators | show | rank | sources`: questions answered from the index."""

from __future__ import annotations

import pandas as pd

from ..errors import ExplorerError
from ..views import tables
from .common import _country, _emit, _index


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


def cmd_show(args) -> int:
    ix = _index(args)
    iso3 = _country(ix, args.country)
    prof = tables.country_profile(ix, iso3, args.year)
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
    df = tables.ranking(ix, args.indicator, args.year)
    if df.empty:
        raise ExplorerError(f"{args.indicator} has no data for {args.year}; years with data: "
                            f"{years[0]}-{years[-1]} ({len(years)} years)" if years else f"{args.indicator} has no data")
    cols = ["rank", "of", "iso3", "short_name", "value", "raw_value", "year", "edition", "provenance"]
    if ix.indicator_meta[args.indicator].get("documented_only"):
        # Documented cases only: absence is not proof, so an order of countries is not a rank.
        from ..views.readings import documented_text
        df = df.sort_values(["raw_value", "short_name"], ascending=[False, True], kind="stable")
        df = df.assign(record=[documented_text(v, ix.indicator_meta[args.indicator]["unit"]) for v in df["raw_value"]])
        cols = ["iso3", "short_name", "record", "raw_value", "year", "edition", "provenance"]
        if not args.json:
            print(f"{args.indicator} records documented cases only (absence is not proof): listed, not ranked.")
    if args.top is not None:
        if args.top < 1:
            raise ExplorerError("--top must be 1 or more")
        df = df.head(args.top)
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
