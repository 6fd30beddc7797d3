"""`explorer chart VIEW`: the cited image or CSV of a chart view, for batch work; the window's
File > Export draws the same image for the same settings (``ui/exports/slides.render_state``).

    explorer chart ranking --indicator fotn_total --countries CHN,DEU --year 2024 --slide --out c.png
    explorer chart peers --countries CHN,DEU,USA,IND --year 2024 --out peers.csv
    explorer chart ranking --indicator comparitech_cctv --log --year 2025 --slide --out cctv.png
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import ExplorerError
from .bounds import year
from .common import _country, _index

VIEWS = ("timeseries", "ranking", "scatter", "profile", "map", "bubbles", "peers", "answer")
ALIASES = {"over-time": "timeseries", "time": "timeseries", "compare": "scatter", "rank": "ranking",
           "bubble": "bubbles"}
LOG_VIEWS = ("timeseries", "ranking", "scatter", "bubbles")  # the charts with a "Log scale" box
SCREEN = (1280, 800)  # without --slide: a window-sized image


def parse_size(text: str) -> tuple[int, int]:
    import argparse
    try:
        w, _, h = text.lower().partition("x")
        size = int(w), int(h)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--size takes WIDTHxHEIGHT such as 1920x1080, not {text[:40]!r}") from None
    if not all(320 <= v <= 8000 for v in size):
        raise argparse.ArgumentTypeError("--size: width and height must be from 320 to 8000 pixels")
    return size


def countries_arg(ix, text: str | None, what: str = "--countries") -> list[str]:
    """ISO3 codes or names; every unknown one is named in one message."""
    if not text:
        return []
    out, bad = [], []
    for part in [p for p in text.split(",") if p.strip()]:
        try:
            out.append(_country(ix, part))
        except ExplorerError:
            bad.append(part.strip()[:40])
    if bad:
        raise ExplorerError(f"{what}: unknown country code(s) {', '.join(bad)}: give ISO 3166 alpha-3 codes "
                            "such as CHN (see `explorer countries`)")
    return list(dict.fromkeys(out))


def cmd_chart(args) -> int:
    view = ALIASES.get(args.view, args.view)
    out = Path(args.out)
    kind = out.suffix.lower()
    if kind not in (".png", ".svg", ".csv"):
        raise ExplorerError(f"--out {out.name[:60]}: give a file ending in .png, .svg or .csv")
    panel = _index(args)
    countries = countries_arg(panel, args.countries)
    for ind in (args.indicator, args.indicator_y):
        if ind and ind not in panel.indicator_meta:
            raise ExplorerError(f"unknown indicator {ind[:40]!r}; see `explorer indicators`")
    if view in ("timeseries", "ranking", "scatter", "map", "bubbles") and not args.indicator:
        raise ExplorerError(f"`explorer chart {view}` needs --indicator ID (see `explorer indicators`)")
    if args.log:
        if view not in LOG_VIEWS:
            raise ExplorerError(f"--log: the {view} has no log scale; it is for " + ", ".join(LOG_VIEWS))
        inds = [i for i in (args.indicator, args.indicator_y) if i]
        if not any(panel.indicator_meta[i].get("scale") == "log" for i in inds):
            raise ExplorerError(f"--log: {', '.join(inds)} is not a heavy-tailed count (the log scale is for "
                                "counts such as comparitech_cctv or keepiton_shutdowns)")
    focus = _country(panel, args.focus) if args.focus else (countries[0] if countries else None)
    size = args.size or (SLIDE_SIZE if args.slide else SCREEN)
    scale = args.scale if args.scale is not None else 1.0
    from ..ui.batch import write_view  # Qt draws the image (offscreen without a display)
    path = write_view(panel, view, out, indicator=args.indicator or "", indicator_y=args.indicator_y or "",
                      countries=countries, focus=focus, year=args.year, size=size, scale=scale, log=args.log)
    if args.json:
        print(json.dumps({"file": str(path), "view": view, "size": list(size), "scale": scale, "log": args.log}))
    else:
        print(f"Wrote the {view} {kind[1:].upper()} with its title, sources, data years and licences to {path}")
    return 0


SLIDE_SIZE = (1920, 1080)


def register(add, path_arg) -> None:
    c = add("chart", cmd_chart, "write a chart view as a cited PNG, SVG or CSV")
    c.add_argument("view", choices=sorted(set(VIEWS) | set(ALIASES)), help="the view: " + ", ".join(VIEWS))
    c.add_argument("--indicator", help="indicator id (see `explorer indicators`)")
    c.add_argument("--indicator-y", help="second indicator (scatter)")
    c.add_argument("--countries", help="comma-separated ISO3 codes or names to compare")
    c.add_argument("--focus", help="focused country (default: the first of --countries)")
    c.add_argument("--year", type=year)
    c.add_argument("--slide", action="store_true", help="16:9 slide, 1920x1080 (3840x2160 with --scale 2)")
    c.add_argument("--scale", type=float, choices=(1.0, 2.0), default=None, help="PNG pixel ratio (1 or 2)")
    c.add_argument("--log", action="store_true",
                   help="log scale for a heavy-tailed count (ranking, timeseries, scatter, bubbles), as the window's box")
    c.add_argument("--size", type=parse_size, help="image size WIDTHxHEIGHT in logical pixels")
    c.add_argument("--out", type=path_arg, required=True, help="file to write: .png, .svg or .csv (replaced atomically)")
