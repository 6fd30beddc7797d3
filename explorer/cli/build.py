"""`explorer build-index`: rebuild the index from the raw public files.

    explorer build-index                       check the raw files against resources/raw_manifest.csv, build
    explorer build-index --record-raw          build and record the raw files' hashes (after an intended change)
    explorer build-index --accept-raw-changes  build once from raw files that differ from the record
"""

from __future__ import annotations

import json


def cmd_build(args) -> int:
    from ..build import build
    quiet = args.json
    summary = build(raw=args.raw, target=args.index, progress=(lambda s: None) if quiet else print,
                    accept_raw_changes=args.accept_raw_changes, record_raw=args.record_raw)
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


def register(add) -> None:
    b = add("build-index", cmd_build, "rebuild the index from the raw public files")
    b.add_argument("--raw", type=_path, default=None, help="raw data folder (default ../shared/data/raw)")
    b.add_argument("--record-raw", action="store_true",
                   help="record the raw files' hashes in resources/raw_manifest.csv (after an intended change)")
    b.add_argument("--accept-raw-changes", action="store_true",
                   help="build even if raw files differ from the recorded hashes (reported, not recorded)")


def _path(text):
    from . import path_arg
    return path_arg(text)
