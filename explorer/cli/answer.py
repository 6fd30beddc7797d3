"""`explorer answer`: the composite ranking in the terminal, with the same numbers as the window.

    explorer answer [--year Y] [--window N] [--weights physical=2,civic=1,pts_mean=0,...]
                    [--preset NAME] [--method arithmetic|geometric] [--region R] [--top N]
                    [--min-pillars K] [--min-share S] [--allow-later ID,...] [--why ISO3] [--json]

``--weights`` takes pillar names (pillar weights; unlisted pillars keep the preset's weight)
and indicator ids (indicator weights inside their pillar; 0 leaves one out, a new id adds it).
"""

from __future__ import annotations

import json
import math

from ..catalogue import PILLAR_IDS
from ..errors import ExplorerError
from ..scoring import defaults as D
from ..scoring.composite import Engine, ScoringError, Settings, default_indicator_weights
from .bounds import MAX_WEIGHT, fraction, min_pillars, top, window, year


def parse_weights(text: str | None, engine: Engine, preset: str) -> tuple[dict, dict | None]:
    pillar_w = dict(D.PRESETS[preset])
    ind_w = None
    if not text:
        return pillar_w, ind_w
    for part in [p for p in text.split(",") if p.strip()]:
        if "=" not in part:
            raise ScoringError(f"--weights: {part.strip()!r} should look like name=number, e.g. physical=2")
        name, _, num = part.partition("=")
        name = name.strip()
        try:
            w = float(num)
        except ValueError:
            raise ScoringError(f"--weights: {num.strip()!r} for {name} is not a number") from None
        if math.isnan(w) or math.isinf(w) or not 0 <= w <= MAX_WEIGHT:
            raise ScoringError(f"--weights: {name}={num.strip()} is not allowed; weights must be finite numbers >= 0 and at most {MAX_WEIGHT:g}")
        if name in PILLAR_IDS:
            pillar_w[name] = w
        elif name in engine.meta.index:
            ind_w = ind_w if ind_w is not None else default_indicator_weights()
            ind_w[name] = w
        else:
            raise ScoringError(f"--weights: unknown pillar or scored indicator {name!r}; pillars: "
                               f"{', '.join(PILLAR_IDS)}; indicators: see `explorer indicators`")
    return pillar_w, ind_w


def settings_from_args(args, engine: Engine) -> Settings:
    if args.preset not in D.PRESETS:
        raise ScoringError(f"unknown preset {args.preset!r}; presets: {', '.join(D.PRESETS)}")
    pillar_w, ind_w = parse_weights(args.weights, engine, args.preset)
    later = frozenset(x.strip() for x in (args.allow_later or "").split(",") if x.strip())
    bad = later - D.LATER_SNAPSHOT_OK
    if bad:
        raise ScoringError(f"--allow-later: {', '.join(sorted(bad))} may not be used from a later year; "
                           f"only snapshot indicators may: {', '.join(sorted(D.LATER_SNAPSHOT_OK))}")
    if later:
        ind_w = ind_w if ind_w is not None else default_indicator_weights()
        for i in later:
            ind_w.setdefault(i, 1.0)
    return Settings(year=args.year, window=args.window, pillar_weights=pillar_w, indicator_weights=ind_w,
                    method=args.method, region=args.region, min_pillars=args.min_pillars,
                    min_share=args.min_share, later_ok=later, impute=getattr(args, "impute", D.DEFAULT_IMPUTE))


def _fmt(v, nd=1):
    return "-" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.{nd}f}"


def text_report(ans, engine: Engine, top: int | None) -> str:
    from ..scoring.answer import headline
    t = ans.table if not top else ans.table.head(top)
    out = [headline(ans), ""]
    out += [f"note: {n}" for n in ans.notes]
    st = ans.settings
    out.append(f"method: {st.method} mean of pillars; window {st.window} year(s) (latest value in "
               f"{ans.year - st.window}-{ans.year}); coverage rule >= {st.min_pillars} pillars and "
               f">= {st.min_share:.0%} of indicators; "
               + (f"robustness {ans.robust.draws:,} scenarios over {', '.join(ans.robust.ua.factors)}, seed {D.MC_SEED}"
                  if ans.robust is not None and ans.robust.full else
                  f"robustness {D.MC_DRAWS:,} draws, pillar weights +-{D.MC_SPREAD:.0%}, seed {D.MC_SEED}")
               + ("; missing values estimated (EM), marked in --json" if st.impute else "; missing values not estimated"))
    out.append("scores 0-100, 100 = least persecution; 'years' = data years of the values used")
    out.append("")
    head = (f"{'rank':>4} {'country':<24} {'score':>5}  {'90% rank range':>14} {'P(top10)':>8}  "
            + " ".join(f"{p[:5]:>5}" for p in PILLAR_IDS) + "  years      sources disagree")
    out.append(head)
    for r in t.to_dict("records"):
        yrs = f"{r['oldest_year']}" if r["oldest_year"] == r["newest_year"] else f"{r['oldest_year']}-{r['newest_year']}"
        if r.get("later_snapshot"):
            yrs += "+later"
        rng = f"{r['rank_lo']}-{r['rank_hi']}" if "rank_lo" in r else "-"
        p10 = f"{r['p_top10']:.0%}" if "p_top10" in r else "-"
        out.append(f"{r['rank']:>4} {r['country'][:24]:<24} {r['score']:5.1f}  {rng:>14} {p10:>8}  "
                   + " ".join(f"{_fmt(r[p]):>5}" for p in PILLAR_IDS) + f"  {yrs:<10} {r['sources_disagree']}")
    if len(ans.excluded):
        out += ["", f"not enough data ({len(ans.excluded)}):"]
        out += [f"  {r['country']} ({r['iso3']}): {r['missing']}" for r in ans.excluded.to_dict("records")]
    out += ["", "caveats:"] + [f"  - {c}" for c in ans.caveats]
    return "\n".join(out)


def why_report(w: dict) -> str:
    out = [f"Why this rank: {w['country']} ({w['iso3']}), {w['year']}, {w['method']} mean"]
    if w["ranked"]:
        out.append(f"rank {w['rank']} of {w['of']}, score {w['score']:.1f} (median ranked country {w['median_score']:.1f})")
    else:
        out.append(f"not ranked: {w['missing']}")
    out.append(f"\n{'pillar':<14} {'weight':>6} {'score':>6} {'median':>6} {'points':>7} {'median pts':>10}")
    for p in w["pillars"]:
        out.append(f"{p['pillar']:<14} {p['weight_share']:6.0%} {_fmt(p['score']):>6} {_fmt(p['median_score']):>6} "
                   f"{_fmt(p['contribution'], 2):>7} {_fmt(p['median_contribution'], 2):>10}")
    out.append(f"\n{'indicator':<34} {'value':>6} {'median':>6} {'raw':>9} {'year':>9}  source")
    for i in w["indicators"]:
        yr = ("estimated" if i.get("estimated") else "-") if i["year"] is None \
            else str(int(i["year"])) + (" later" if i["later_snapshot"] else "")
        raw = "-" if i["raw_value"] is None else f"{i['raw_value']:g}"
        out.append(f"{i['short'][:34]:<34} {_fmt(i['value']):>6} {_fmt(i['median_value']):>6} {raw:>9} {yr:>9}  {i['source']}")
    for d in w["disagreements"]:
        vals = ", ".join(f"{v['short']} {v['raw_value']:g} ({v['year']})" for v in d["values"])
        out.append(f"\n{'SOURCES DISAGREE' if d['disagree'] else 'sources agree'} - {d['group']}: {vals}; "
                   f"spread {d['spread']:.0f} points on 0-100")
    return "\n".join(out)


def cmd_answer(args) -> int:
    from ..data.panel import Panel
    from ..scoring.answer import answer, headline, records
    from ..scoring.explain import why
    engine = Engine(Panel.load(args.index))
    st = settings_from_args(args, engine)
    if args.top is not None and args.top < 1:
        raise ScoringError("--top must be 1 or more")
    ans = answer(engine, st, uncertainty=args.uncertainty)
    if args.compare:
        return _compare(args, engine, ans)
    if args.why:
        from .common import _country
        w = why(engine, ans.result, _country(engine.index, args.why))
        print(json.dumps(_clean(w), ensure_ascii=False, indent=1) if args.json else why_report(w))
        return 0
    if args.json:
        recs = records(ans)
        if args.top:
            recs = [r for r in recs if r["status"] != "ranked" or r["rank"] <= args.top]
        payload = {"headline": headline(ans), "year": ans.year, "settings": {
            "window": st.window, "pillar_weights": dict(st.pillar_weights), "method": st.method,
            "region": st.region, "min_pillars": st.min_pillars, "min_share": st.min_share,
            "indicators": ans.result.prepared.indicators, "later_ok": sorted(st.later_ok),
            "draws": D.MC_DRAWS, "spread": D.MC_SPREAD, "seed": D.MC_SEED, "impute": st.impute,
            "uncertainty": args.uncertainty, "runs": ans.robust.draws,
            "factors": ans.robust.ua.factors if ans.robust.full else None},
            "notes": ans.notes, "caveats": ans.caveats, "countries": recs}
        print(json.dumps(_clean(payload), ensure_ascii=False, indent=1))
        return 0
    print(text_report(ans, engine, args.top))
    return 0


def _compare(args, engine, ans) -> int:
    """`--compare A,B[,C...]`: P(rank A < rank B) for the first against each other, best-case ranks."""
    from ..scoring.answer import compare
    from .common import _country
    codes = [_country(engine.index, x.strip()) for x in args.compare.split(",") if x.strip()]
    if len(codes) < 2:
        raise ScoringError("--compare needs two or more countries, e.g. --compare CHN,DEU")
    out = [compare(ans, codes[0], b) for b in codes[1:]]
    if args.json:
        print(json.dumps(_clean({"year": ans.year, "seed": D.MC_SEED, "comparisons": out}), ensure_ascii=False, indent=1))
        return 0
    for c in out:
        print(c["text"])
        for iso, bc in c["best_case"].items():
            w = ", ".join(f"{p} {x:.0%}" for p, x in bc["weights"].items())
            print(f"  {iso}: rank {bc['point_rank']} now; best attainable rank {bc['best_rank']} with weights {w}")
    return 0


def _clean(v):
    """JSON-safe copy: numpy scalars to Python, NaN to null (json.dumps would write NaN)."""
    if isinstance(v, dict):
        return {str(k): _clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    return v if isinstance(v, (int, float, str, bool)) or v is None else str(v)


def add_settings_arguments(a) -> None:
    """The composite's settings as options: shared by `answer` and `brief`."""
    a.add_argument("--year", type=year, help="year (default: the latest year that ranks nearly the most countries)")
    a.add_argument("--window", type=window, default=D.DEFAULT_WINDOW,
                   help=f"use each indicator's latest value up to this many years before the year (default {D.DEFAULT_WINDOW}; 0 = same year only)")
    a.add_argument("--weights", help="e.g. physical=2,civic=1 (pillars) or pts_mean=0 (indicators)")
    a.add_argument("--preset", default=D.DEFAULT_PRESET, help=f"pillar weights preset: {', '.join(D.PRESETS)}")
    a.add_argument("--method", default=D.DEFAULT_METHOD, choices=D.METHODS)
    a.add_argument("--region", help="rank within a UN region, e.g. Europe")
    a.add_argument("--min-pillars", type=min_pillars, default=D.MIN_PILLARS)
    a.add_argument("--min-share", type=fraction, default=D.MIN_SHARE, help="share of selected indicators, 0-1")
    a.add_argument("--no-impute", dest="impute", action="store_false",
                   help="do not estimate missing values (pillar mean of the values a country has)")
    a.add_argument("--allow-later", help="snapshot indicator(s) that may come from after the year, marked 'later'")


def register(subparsers) -> None:
    """Add the `answer` subcommand to the `explorer` parser (explorer/cli/__init__.py)."""
    a = subparsers.add_parser("answer", help="rank countries on the composite: which persecutes its citizens the least?")
    a.add_argument("--json", action="store_true", help="machine-readable output")
    add_settings_arguments(a)
    a.add_argument("--top", type=top, help="show only the first N ranked countries")
    a.add_argument("--why", metavar="ISO3", help="the 'why this rank' breakdown for one country")
    a.add_argument("--uncertainty", choices=D.UNCERTAINTY_MODES, default=D.DEFAULT_UNCERTAINTY,
                   help="rank ranges over every modelling choice (full, default) or the pillar weights only")
    a.add_argument("--compare", metavar="A,B", help="P(A ranks above B) over all scenarios, and best-case ranks")
    a.set_defaults(fn=cmd_answer)
