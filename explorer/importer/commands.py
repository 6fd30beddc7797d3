"""CLI: ``explorer import FILE``, ``explorer imports``, ``explorer undo-import``.

    explorer import PTS-2025.xlsx --dry-run          recognise, validate, preview; write nothing
    explorer import PTS-2025.xlsx --map "African Union=-"   resolve a name (ISO3, or - to exclude)
    explorer import mine.csv --meta mine.json        your own indicator
    explorer imports                                 what was imported, when, from which file
    explorer undo-import                             back to the index before the last import
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from ..paths import user_data_dir, user_index_path
from . import apply as A
from . import names
from .plan import Base, ImportBlocked, Plan, plan_publisher_file, top10_change

SHOW = 10


def make_plan(file: Path, data_dir: Path | None, source: str | None = None, meta=None,
              maps: list[str] | None = None, remember: bool = True) -> Plan:
    """Recover from any interrupted run, then read, validate and preview ``file``."""
    data_dir = user_data_dir(data_dir)
    A.recover(data_dir)
    base = Base.open(A.current_index(data_dir))
    given = names.parse_map(maps, set(base.countries["iso3"]))
    src_key = None
    if meta is not None:
        from .user import load_meta, plan_user_indicator, slug, PREFIX
        src_key = PREFIX + slug(load_meta(meta)["source"])
        answers = names.load_mappings(data_dir).get(src_key, {}) | given
        plan = plan_user_indicator(file, meta, base, answers)
    else:
        remembered = names.load_mappings(data_dir)
        # remembered answers are per source, known once the file is recognised
        plan = plan_publisher_file(file, base, source, lambda src: remembered.get(src, {}) | given)
        src_key = plan.source
    if given and remember:
        names.save_mappings(data_dir, src_key, given)
    return plan


def _clean(v):
    if isinstance(v, float) and math.isnan(v):
        return None
    return v.item() if hasattr(v, "item") else v


def _records(df: pd.DataFrame | None) -> list[dict]:
    if df is None:
        return []
    return [{k: _clean(v) for k, v in r.items()} for r in df.to_dict("records")]


def _table(df: pd.DataFrame, cols: list[str], n: int = SHOW) -> str:
    if df is None or df.empty:
        return "  (none)"
    with pd.option_context("display.width", 200, "display.max_colwidth", 40):
        text = df[cols].head(n).to_string(index=False)
    more = f"\n  ... and {len(df) - n:,} more" if len(df) > n else ""
    return "\n".join("  " + ln for ln in text.splitlines()) + more


def preview_text(plan: Plan) -> str:
    s = plan.summary()
    info = plan.info
    read_as = ", ".join(f"{k} {v}" for k, v in info.items() if v not in (None, False))
    lines = [f"{plan.file.name}: {s['recognised_as']} ({s['source']}"
             + (f", edition {s['edition']}" if s["edition"] else "") + ")",
             f"  sha256 {plan.sha256}; read from {plan.where} ({read_as})",
             f"  indicators: {', '.join(s['indicators'])}; data years {s['years'][0]}-{s['years'][1]}" if s["years"] else "",
             f"New country-years: {s['new']:,}", _table(plan.added, ["iso3", "indicator", "year", "raw_value"]),
             f"Changed values (old -> new): {s['changed']:,}",
             _table(plan.changed, ["iso3", "indicator", "year", "raw_value_old", "raw_value_new"]),
             f"Rows that disappear (in the file's years, absent from the file): {s['removed']:,}",
             _table(plan.removed, ["iso3", "indicator", "year", "raw_value"])]
    ch = top10_change(plan)
    if len(ch):
        lines += [f"Composite top 10 in {plan.top_year} (default settings), before -> after:",
                  _table(ch, ["position", "before", "after", "change"])]
    if plan.unmatched:
        lines += [f"Names that match no country ({len(plan.unmatched)}): resolve each with --map \"Name=ISO3\" "
                  "or --map \"Name=-\" (not a country); your answers are remembered"]
        lines += [f"  {n!r} (line {ln})" for n, ln in plan.unmatched]
    lines += [f"Note: {n}" for n in plan.notes]
    if plan.ready and plan.unchanged:
        lines.append("Nothing to change: this file matches your data.")
    return "\n".join(ln for ln in lines if ln)


def cmd_import(args) -> int:
    plan = make_plan(args.file, args.data_dir, args.source, args.meta, args.map)
    out = {"preview": plan.summary(), "added": _records(plan.added.head(1000)),
           "changed": _records(plan.changed.head(1000)), "removed": _records(plan.removed.head(1000)),
           "top10_before": _records(plan.top_before), "top10_after": _records(plan.top_after)}
    if not args.json:
        print(preview_text(plan))
    if not plan.ready:
        if args.json:
            print(json.dumps(out | {"applied": False}, ensure_ascii=False, indent=1))
        raise ImportBlocked(f"{len(plan.unmatched)} name(s) to resolve before this import can be applied "
                            "(nothing was written)")
    if args.dry_run:
        if args.json:
            print(json.dumps(out | {"applied": False}, ensure_ascii=False, indent=1))
        else:
            print("Dry run: nothing was written.")
        return 0
    entry = A.apply(plan, args.data_dir)
    if args.json:
        print(json.dumps(out | {"applied": True, "entry": entry}, ensure_ascii=False, indent=1))
    else:
        print(f"Imported into {user_index_path(args.data_dir)} (the app now uses it). "
              "Undo with `explorer undo-import`.")
    return 0


def cmd_imports(args) -> int:
    done = A.recover(args.data_dir)
    entries = A.read_log(user_data_dir(args.data_dir))
    if args.json:
        print(json.dumps(entries, ensure_ascii=False, indent=1))
        return 0
    for d in done:
        print(d)
    if not entries:
        print(f"No imports yet; the app uses the bundled data. (Your data folder: {user_data_dir(args.data_dir)})")
        return 0
    for e in entries:
        print(f"{e['when']}  {e['file_name']}  {e['source']}" + (f" {e['edition']}" if e.get("edition") else "")
              + f"  +{e['new']} ~{e['changed']} -{e['removed']}  sha256 {e['sha256']}\n    from {e['file']}")
    print(f"The app uses {user_index_path(args.data_dir)}.")
    return 0


def cmd_undo(args) -> int:
    entry = A.undo(args.data_dir)
    now = user_index_path(args.data_dir)
    if args.json:
        print(json.dumps({"undone": entry, "index": str(now) if now.is_file() else "bundled"}, indent=1))
    else:
        print(f"Undid the import of {entry['file_name']} ({entry['when']}); the app uses "
              + (f"{now}." if now.is_file() else "the bundled data again."))
    return 0


def register(subparsers) -> None:
    def add(name, fn, help_):
        sp = subparsers.add_parser(name, help=help_)
        sp.add_argument("--json", action="store_true", help="machine-readable output")
        sp.add_argument("--data-dir", type=Path, default=None,
                        help="your data folder (default $EXPLORER_DATA_DIR or ~/.local/share/CountryPrivacyExplorer/...)")
        sp.set_defaults(fn=fn)
        return sp

    i = add("import", cmd_import, "import an official download (or your own indicator) into your data")
    i.add_argument("file", type=Path, help="the downloaded .xlsx / .csv")
    i.add_argument("--source", help="the publisher or layout, if the file is not recognised or a workbook has "
                   "several (pts, wjp, rsf, keepiton, comparitech, spyware, dri for the AIGS workbook's "
                   "Digital Repression Index sheet, ...)")
    i.add_argument("--dry-run", action="store_true", help="validate and preview only; write nothing")
    i.add_argument("--map", action="append", metavar="NAME=ISO3",
                   help="resolve a country name (ISO3, or - to exclude it); remembered; repeatable")
    i.add_argument("--meta", type=Path, help="JSON metadata of your own indicator (name, unit, min, max, "
                   "direction, pillar, source, licence, citation)")
    add("imports", cmd_imports, "list what you imported: when, from which file, its SHA-256")
    add("undo-import", cmd_undo, "restore your data as they were before the last import")


